/// A rule or flag code of the policy, with the plan item it comes from and its names.
///
///     policy.rule("EMISSION_BELOW_MIN").item   // "2, 8"
public struct RuleInfo: Codable, Sendable, Hashable {
    public var code: String
    /// The plan item(s), as cited: `8`, `2, 8`, `二(三)`, or `data`.
    public var item: String
    public var zh: String
    public var en: String

    public init(code: String, item: String, zh: String, en: String) {
        self.code = code; self.item = item; self.zh = zh; self.en = en
    }

    public func name(_ lang: Lang) -> String { lang == .zh ? zh : en }
}
