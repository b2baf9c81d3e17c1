/// A set of screening flags, one bit per code at its place in `Screener.flagOrder` (the same
/// bits a stored run's state keeps).
public struct FlagSet: Hashable, Sendable {
    public var rawValue: UInt16

    public init(rawValue: UInt16 = 0) { self.rawValue = rawValue }

    public init(codes: some Sequence<String>) {
        self.init()
        for c in codes { insert(c) }
    }

    /// The flags that put a vehicle on its township's investigation list.
    public static let investigation = FlagSet(codes: Screener.flagOrder.filter(Screener.isInvestigationFlag))

    /// A code's bit; nil for a code that is not a flag. A search of the few codes: cheaper
    /// than hashing the String.
    @inline(__always) public static func bit(_ code: String) -> UInt16? {
        Screener.flagOrder.firstIndex(of: code).map { UInt16(1) << UInt16($0) }
    }

    /// Each flag alone, for the screener to set without looking its code up.
    public static let unapprovedMuck = FlagSet(codes: ["UNAPPROVED_MUCK"])
    public static let illegalMuckConfirmed = FlagSet(codes: ["ILLEGAL_MUCK_CONFIRMED"])
    public static let suspectMuck = FlagSet(codes: ["SUSPECT_MUCK"])
    public static let unknownUse = FlagSet(codes: ["UNKNOWN_USE"])
    public static let overStandard = FlagSet(codes: ["OVER_STANDARD"])
    public static let scrapTarget = FlagSet(codes: ["SCRAP_TARGET"])
    public static let bulkRestricted = FlagSet(codes: ["BULK_RESTRICTED"])
    public static let sanitationNotNEV = FlagSet(codes: ["SANITATION_NOT_NEV"])
    public static let vinCheckDigit = FlagSet(codes: ["VIN_CHECK_DIGIT"])
    public static let duplicateVIN = FlagSet(codes: ["DUPLICATE_VIN"])
    public static let registryMismatch = FlagSet(codes: ["REGISTRY_MISMATCH"])

    public var isEmpty: Bool { rawValue == 0 }
    public mutating func formUnion(_ other: FlagSet) { rawValue |= other.rawValue }
    public func union(_ other: FlagSet) -> FlagSet { FlagSet(rawValue: rawValue | other.rawValue) }
    public mutating func insert(_ code: String) { if let b = Self.bit(code) { rawValue |= b } }
    public func contains(_ code: String) -> Bool { Self.bit(code).map { rawValue & $0 != 0 } ?? false }
    public func intersects(_ other: FlagSet) -> Bool { rawValue & other.rawValue != 0 }

    /// The codes, in `flagOrder`.
    public var codes: [String] {
        Screener.flagOrder.indices.filter { rawValue & (UInt16(1) << UInt16($0)) != 0 }.map { Screener.flagOrder[$0] }
    }
}
