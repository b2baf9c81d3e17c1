/// 号牌种类 — plate type. Codes other than the five named here are accepted and stored.
///
///     PlateType.lookup("大型汽车")?.code   // "01"
public struct PlateType: RegistryCode {
    /// The code as a number, 0–99 (a plain value: no string to copy with every vehicle).
    private let number: UInt8

    /// Two digits (`01`).
    public var code: String { number < 10 ? "0\(number)" : "\(number)" }
    /// The code as a number ("01": 1).
    public var codeNumber: Int { Int(number) }
    /// The name of a known type, else the code.
    public var chineseName: String {
        switch number {
        case 1: return "大型汽车"
        case 2: return "小型汽车"
        case 15: return "挂车"
        case 51: return "大型新能源汽车"
        case 52: return "小型新能源汽车"
        default: return code
        }
    }

    private init(_ number: UInt8) { self.number = number }

    public static let large = PlateType(1)
    public static let small = PlateType(2)
    public static let trailer = PlateType(15)
    public static let largeNewEnergy = PlateType(51)
    public static let smallNewEnergy = PlateType(52)
    public static let known: [PlateType] = [large, small, trailer, largeNewEnergy, smallNewEnergy]
    static let table = CodeTable(known)

    /// A known type by code or name; any other one- or two-digit code is kept as it is.
    public static func lookup<S: StringProtocol>(_ text: S) -> PlateType? {
        if let t = table.lookup(text) { return t }
        let s = text.trimmingSpaces
        guard (1...2).contains(s.count), s.allSatisfy({ $0.isASCII && $0.isNumber }), let n = UInt8(s) else { return nil }
        return PlateType(n)
    }

    public var isNewEnergy: Bool { number == 51 || number == 52 }

    /// Whether a plate of this format may carry this plate type (data.md: 51/52 need a
    /// new-energy format, 15 needs 挂).
    public func admits(_ plate: Plate) -> Bool {
        switch number {
        case 51, 52: return plate.isNewEnergy
        case 15: return plate.format == .trailer
        default: return true
        }
    }
}
