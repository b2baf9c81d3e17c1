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

    private static let numerals: [String: EmissionStage] = [
        "0": .zero, "零": .zero, "1": .I, "一": .I, "I": .I, "Ⅰ": .I, "2": .II, "二": .II, "II": .II, "Ⅱ": .II,
        "3": .III, "三": .III, "III": .III, "Ⅲ": .III, "4": .IV, "四": .IV, "IV": .IV, "Ⅳ": .IV,
        "5": .V, "五": .V, "V": .V, "Ⅴ": .V, "6": .VI, "六": .VI, "VI": .VI, "Ⅵ": .VI,
        "ZE": .ZE, "零排放": .ZE,
    ]

    /// Every written form of data.md: `国0`…`国6`, `国III`, `国Ⅲ`, `国三`, `国3`, `国六b`, `国VI(b)`,
    /// `China III`, also `III` alone and `国Ⅴ标准`. Sub-stages a/b rank as their stage.
    public static func parse<S: StringProtocol>(_ raw: S) -> EmissionStage? {
        // One dictionary lookup: this runs once per imported row.
        writtenForms[Plate.normalize(raw)]
    }

    /// Every accepted spelling, normalised as `Plate.normalize` leaves it (upper case, no
    /// spaces): prefix (国, 国家第, CHINA, CN or none) × numeral × sub-stage (a/b, in brackets
    /// or not) × suffix (阶段, 标准 or none).
    static let writtenForms: [String: EmissionStage] = {
        var forms: [String: EmissionStage] = [:]
        for prefix in ["", "国", "国家第", "CHINA", "CN", "CHINA-", "国-"] {
            for (numeral, stage) in numerals {
                for sub in ["", "A", "B", "(A)", "(B)", "（A）", "（B）"] {
                    for suffix in ["", "阶段", "标准"] {
                        let key = prefix + numeral + sub + suffix
                        if forms[key] == nil { forms[key] = stage }
                    }
                }
            }
        }
        forms["零排放"] = .ZE
        return forms
    }()
}
