/// The language of messages for people: Chinese or English.
///
///     Lang.fromEnvironment(["LANG": "zh_CN.UTF-8"])   // .zh
public enum Lang: String, Sendable, CaseIterable, Codable {
    case zh, en

    /// `LC_ALL`, then `LANG`: `zh*` is Chinese, anything else English.
    public static func fromEnvironment(_ env: [String: String]) -> Lang {
        for key in ["LC_ALL", "LC_MESSAGES", "LANG"] {
            if let v = env[key], !v.isEmpty { return v.lowercased().hasPrefix("zh") ? .zh : .en }
        }
        return .en
    }
}

/// A message for people in both languages, with a stable code for machines.
///
///     let m = Message("BAD_DATE", zh: "日期无效", en: "not a date")
///     m.text(.en)   // "not a date"
public struct Message: Hashable, Sendable {
    public let code: String
    public let zh: String
    public let en: String

    public init(_ code: String, zh: String, en: String) {
        self.code = code; self.zh = zh; self.en = en
    }

    public func text(_ lang: Lang) -> String { lang == .zh ? zh : en }
}
