/// An optional that JSON output writes as `null` rather than leaving out, so that machine
/// output always has the same keys.
///
///     struct Out: Encodable { @NullEncodable var batch: Int64? }   // {"batch": null}
@propertyWrapper
public struct NullEncodable<T: Encodable>: Encodable {
    public var wrappedValue: T?
    public init(wrappedValue: T?) { self.wrappedValue = wrappedValue }
    public func encode(to encoder: Encoder) throws {
        var c = encoder.singleValueContainer()
        if let v = wrappedValue { try c.encode(v) } else { try c.encodeNil() }
    }
}

extension NullEncodable: Sendable where T: Sendable {}
