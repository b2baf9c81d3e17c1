/// 重污染天气预警等级 — heavy-pollution alert level, ordered blue < yellow < orange < red.
///
///     AlertLevel.parse("橙色")   // .orange
public enum AlertLevel: Int, Comparable, CaseIterable, Sendable, Codable, CustomStringConvertible {
    case blue = 1, yellow, orange, red

    public static func < (a: AlertLevel, b: AlertLevel) -> Bool { a.rawValue < b.rawValue }

    public var description: String {
        switch self {
        case .blue: return "blue"
        case .yellow: return "yellow"
        case .orange: return "orange"
        case .red: return "red"
        }
    }

    public var chineseName: String {
        switch self {
        case .blue: return "蓝色"
        case .yellow: return "黄色"
        case .orange: return "橙色"
        case .red: return "红色"
        }
    }

    /// `蓝色`/`蓝`/`blue` and so on.
    public static func parse<S: StringProtocol>(_ raw: S) -> AlertLevel? {
        let s = raw.trimmingSpaces.lowercased()
        for l in allCases where s == l.description || s == l.chineseName || s == String(l.chineseName.prefix(1))
            || s == l.chineseName + "预警" {
            return l
        }
        return nil
    }
}
