/// 号牌种类 — plate type. Codes other than the five named here are accepted and stored.
///
///     PlateType.lookup("大型汽车")?.code   // "01"
public struct PlateType: RegistryCode {
    public let code: String
    public let chineseName: String

    public static let large = PlateType(code: "01", chineseName: "大型汽车")
    public static let small = PlateType(code: "02", chineseName: "小型汽车")
    public static let trailer = PlateType(code: "15", chineseName: "挂车")
    public static let largeNewEnergy = PlateType(code: "51", chineseName: "大型新能源汽车")
    public static let smallNewEnergy = PlateType(code: "52", chineseName: "小型新能源汽车")
    public static let known: [PlateType] = [large, small, trailer, largeNewEnergy, smallNewEnergy]
    static let table = CodeTable(known)

    /// A known type by code or name; any other one- or two-digit code is kept as it is.
    public static func lookup<S: StringProtocol>(_ text: S) -> PlateType? {
        if let t = table.lookup(text) { return t }
        let s = text.trimmingSpaces
        guard (1...2).contains(s.count), s.allSatisfy({ $0.isASCII && $0.isNumber }) else { return nil }
        let code = s.count == 1 ? "0" + s : s
        return table.lookup(code) ?? PlateType(code: code, chineseName: code)
    }

    public var isNewEnergy: Bool { code == "51" || code == "52" }

    /// Whether a plate of this format may carry this plate type (data.md: 51/52 need a
    /// new-energy format, 15 needs 挂).
    public func admits(_ plate: Plate) -> Bool {
        switch code {
        case "51", "52": return plate.isNewEnergy
        case "15": return plate.format == .trailer
        default: return true
        }
    }
}
