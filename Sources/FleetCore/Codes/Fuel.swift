/// 燃料种类 — fuel type code.
///
///     Fuel.table.lookup("柴油")?.isDiesel   // true
///
/// A plain value (the code's place in `all`, and its flags): no strings to copy or release
/// with every vehicle a screening run decodes; `code` and `chineseName` are read from the table.
public struct Fuel: RegistryCode {
    private let slot: UInt8
    /// Diesel (B).
    public let isDiesel: Bool
    /// Electric (C) or hydrogen (P): zero-emission, and new energy.
    public let isZeroEmission: Bool

    public var code: String { Self.entries[Int(slot)].code }
    public var chineseName: String { Self.entries[Int(slot)].name }

    private static let entries: [(code: String, name: String)] = [
        ("A", "汽油"), ("B", "柴油"), ("C", "电"), ("D", "混合油"), ("E", "天然气"), ("F", "液化石油气"),
        ("L", "甲醇"), ("M", "乙醇"), ("N", "太阳能"), ("O", "混合动力"), ("P", "氢"), ("Q", "生物燃料"),
        ("Y", "无"), ("Z", "其他"),
    ]

    private init(slot: Int) {
        self.slot = UInt8(slot)
        let code = Self.entries[slot].code
        isDiesel = code == "B"
        isZeroEmission = code == "C" || code == "P"
    }

    public static let all: [Fuel] = entries.indices.map { Fuel(slot: $0) }
    /// Its place in `all` (stable within one build of the tables: for packed, derived data only).
    public var place: Int { Int(slot) }
    public static let table = CodeTable(all)
}
