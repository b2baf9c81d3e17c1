/// A vehicle's emission stage as the registry knows it: one stage or a range, and how sure.
///
///     let a = EmissionAssessment(low: .III, high: .IV, tier: .uncertain)
///     a.code                    // "III-IV"
///     a.isAtMost(.III)          // nil — straddles, a rule must refer
///     a.isAtMost(.IV)           // true
public struct EmissionAssessment: Hashable, Sendable, Codable {
    /// How the stage is known.
    public enum Tier: String, Sendable, Codable {
        /// Written in the registration (or zero-emission by fuel).
        case declared
        /// From the first registration date and the policy's tables.
        case inferred
        /// Registered inside an uncertain window: one of a range of stages.
        case uncertain
    }

    public let low: EmissionStage
    public let high: EmissionStage
    public let tier: Tier

    public init(low: EmissionStage, high: EmissionStage, tier: Tier) {
        self.low = min(low, high)
        self.high = max(low, high)
        self.tier = tier
    }

    public init(stage: EmissionStage, tier: Tier) { self.init(low: stage, high: stage, tier: tier) }

    /// `III`, or a range such as `III-IV` (cli.md).
    public var code: String { low == high ? low.description : "\(low)-\(high)" }

    /// 国III, or 国III–国IV.
    public var chineseName: String { low == high ? low.chineseName : "\(low.chineseName)–\(high.chineseName)" }

    /// True when every possible stage is ≤ `stage`, false when none is, nil when the range
    /// straddles it (the rule must refer).
    public func isAtMost(_ stage: EmissionStage) -> Bool? {
        if high <= stage { return true }
        if low > stage { return false }
        return nil
    }

    /// Whether the stage is known to one value (declared or inferred with certainty).
    public var isCertain: Bool { low == high }
}
