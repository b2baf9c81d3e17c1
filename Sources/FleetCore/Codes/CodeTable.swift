/// A registry code with its Chinese name, found by either (`B` or `柴油`).
public protocol RegistryCode: Hashable, Sendable {
    var code: String { get }
    var chineseName: String { get }
}

/// Looks codes up by code (case-insensitive) or by Chinese name.
///
///     CodeTable(Fuel.all).lookup("柴油")   // Fuel B
public struct CodeTable<C: RegistryCode>: Sendable {
    private let byKey: [String: C]
    public let all: [C]

    public init(_ all: [C]) {
        self.all = all
        var map: [String: C] = [:]
        for c in all {
            map[c.code.uppercased()] = c
            map[c.chineseName] = c
        }
        byKey = map
    }

    public func lookup<S: StringProtocol>(_ text: S) -> C? {
        let key = text.trimmingSpaces
        if let c = byKey[key] { return c }
        return byKey[key.uppercased()]
    }
}

extension StringProtocol {
    /// The text without leading and trailing spaces, tabs and ideographic spaces.
    public var trimmingSpaces: String {
        // Fast path: most values arrive trimmed already (the CSV reader trims them).
        let utf8 = self.utf8
        if let first = utf8.first, let last = utf8.reversed().first,
           first != 0x20, first != 0x09, first != 0x0D, first != 0x0A, first != 0xE3,
           last != 0x20, last != 0x09, last != 0x0D, last != 0x0A, last != 0x80 {
            return String(self)
        }
        let isSpace: (Character) -> Bool = { $0 == " " || $0 == "\t" || $0 == "\u{3000}" || $0 == "\r" || $0 == "\n" || $0 == "\r\n" }
        guard let start = firstIndex(where: { !isSpace($0) }) else { return "" }
        let end = lastIndex(where: { !isSpace($0) })!
        return String(self[start...end])
    }
}
