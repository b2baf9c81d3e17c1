/// 排放标准 — China emission stage, 国0 … 国VI, and zero-emission above them all.
///
///     EmissionStage.parse("国Ⅲ")       // .III
///     EmissionStage.parse("国六b")      // .VI
///     EmissionStage.parse("China IV")   // .IV
public enum EmissionStage: Int, Comparable, CaseIterable, Sendable, Codable, CustomStringConvertible {
    case zero = 0, I, II, III, IV, V, VI
    /// Electric or hydrogen (fuel C or P): ranks above every stage.
    case ZE = 99

    public static func < (a: EmissionStage, b: EmissionStage) -> Bool { a.rawValue < b.rawValue }

    /// The code used in JSON: `0 I II III IV V VI ZE`.
    public var description: String {
        switch self {
        case .zero: return "0"
        case .I: return "I"
        case .II: return "II"
        case .III: return "III"
        case .IV: return "IV"
        case .V: return "V"
        case .VI: return "VI"
        case .ZE: return "ZE"
        }
    }

    /// 国III, 国VI, 零排放.
    public var chineseName: String { self == .ZE ? "零排放" : "国\(self)" }

    /// The stage before this one (nil for 国0 and ZE).
    public var previous: EmissionStage? {
        switch self {
        case .zero, .ZE: return nil
        default: return EmissionStage(rawValue: rawValue - 1)
        }
    }

    public init(from decoder: Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        guard let s = EmissionStage.parse(text) else {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath,
                debugDescription: "not an emission stage: \(text)"))
        }
        self = s
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.singleValueContainer()
        try c.encode(description)
    }

    static let numerals: [String: EmissionStage] = [
        "0": .zero, "零": .zero, "1": .I, "一": .I, "I": .I, "Ⅰ": .I, "2": .II, "二": .II, "II": .II, "Ⅱ": .II,
        "3": .III, "三": .III, "III": .III, "Ⅲ": .III, "4": .IV, "四": .IV, "IV": .IV, "Ⅳ": .IV,
        "5": .V, "五": .V, "V": .V, "Ⅴ": .V, "6": .VI, "六": .VI, "VI": .VI, "Ⅵ": .VI,
        "ZE": .ZE, "零排放": .ZE,
    ]

    /// Every written form of data.md: `国0`…`国6`, `国III`, `国Ⅲ`, `国三`, `国3`, `国六b`, `国VI(b)`,
    /// `China III`, also `III` alone and `国Ⅴ标准`. Sub-stages a/b rank as their stage.
    ///
    /// The text, normalised as `Plate.normalize` leaves it (upper case, no spaces), is a prefix
    /// (国, 国家第, CHINA, CN or none), a numeral, a sub-stage (a/b, in brackets or not) and a
    /// suffix (阶段, 标准 or none); they are taken off in turn and the numeral looked up. (Until
    /// session 3 every combination was put in a table of 3,822 spellings at first use: 25 M
    /// instructions, about 7 ms of every command's start. Callers that parse many rows memoise
    /// by text.)
    public static func parse<S: StringProtocol>(_ raw: S) -> EmissionStage? {
        let text = Plate.normalize(raw)
        for prefix in prefixes where text.hasPrefix(prefix) {
            let afterPrefix = text.dropFirst(prefix.count)
            for suffix in suffixes where afterPrefix.hasSuffix(suffix) {
                let core = afterPrefix.dropLast(suffix.count)
                for sub in subStages where core.hasSuffix(sub) {
                    if let stage = numerals[String(core.dropLast(sub.count))] { return stage }
                }
            }
        }
        return nil
    }

    static let prefixes = ["", "国", "国家第", "CHINA", "CN", "CHINA-", "国-"]
    static let subStages = ["", "A", "B", "(A)", "(B)", "（A）", "（B）"]
    static let suffixes = ["", "阶段", "标准"]
}
