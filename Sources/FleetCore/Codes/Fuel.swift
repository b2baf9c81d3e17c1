/// 燃料种类 — fuel type code.
///
///     Fuel.table.lookup("柴油")?.isDiesel   // true
public struct Fuel: RegistryCode {
    public let code: String
    public let chineseName: String

    /// Diesel (B).
    public var isDiesel: Bool { code == "B" }
    /// Electric (C) or hydrogen (P): zero-emission, and new energy.
    public var isZeroEmission: Bool { code == "C" || code == "P" }

    public static let all: [Fuel] = [
        ("A", "汽油"), ("B", "柴油"), ("C", "电"), ("D", "混合油"), ("E", "天然气"), ("F", "液化石油气"),
        ("L", "甲醇"), ("M", "乙醇"), ("N", "太阳能"), ("O", "混合动力"), ("P", "氢"), ("Q", "生物燃料"),
        ("Y", "无"), ("Z", "其他"),
    ].map { Fuel(code: $0.0, chineseName: $0.1) }
    public static let table = CodeTable(all)
}
