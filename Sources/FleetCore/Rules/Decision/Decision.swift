/// The outcome of a decision, or of one rule within it.
public enum Outcome: String, Sendable, Codable, Comparable {
    /// A warning that does not change the outcome (NOT_FILED).
    case warn
    case allow
    /// 人工核验: a fact the rule needs is unknown or uncertain; a person must check the papers.
    case refer
    case deny

    private var rank: Int {
        switch self {
        case .warn: return 0
        case .allow: return 1
        case .refer: return 2
        case .deny: return 3
        }
    }
    public static func < (a: Outcome, b: Outcome) -> Bool { a.rank < b.rank }

    public var chineseName: String {
        switch self {
        case .warn: return "提示"
        case .allow: return "准予"
        case .refer: return "人工核验"
        case .deny: return "不予"
        }
    }
}

/// A fact a rule used, with where it came from and how sure it is.
///
///     UsedFact(name: "emission_stage", value: "III", basis: "inferred from first registration 2012-05-01")
public struct UsedFact: Hashable, Sendable, Codable {
    public var name: String
    public var value: String
    /// inferred, declared, uncertain, or the record it came from (batch and line).
    public var basis: String?
    public init(name: String, value: String, basis: String? = nil) {
        self.name = name; self.value = value; self.basis = basis
    }
}

/// One rule that applied: its code, outcome, the plan item, why, and what would make it pass.
public struct DecisionReason: Hashable, Sendable {
    public var code: String
    public var outcome: Outcome
    public var item: String
    public var message: Message
    public var needs: Message?
    public var facts: [UsedFact]

    public init(code: String, outcome: Outcome, item: String, message: Message, needs: Message?, facts: [UsedFact] = []) {
        self.code = code; self.outcome = outcome; self.item = item; self.message = message; self.needs = needs; self.facts = facts
    }
}

/// A decision (permit desk, gate check) with every rule that applied — not only the first —
/// reproducible as of its date.
///
///     decision.outcome      // .deny
///     decision.reasons      // [EMISSION_BELOW_MIN (deny, item 2, 8), …]
public struct Decision: Sendable {
    public var plate: String
    public var asOf: CivilDate
    public var outcome: Outcome
    public var reasons: [DecisionReason]
    public var emission: EmissionAssessment?
    public var usage: UsageClass?
    public var policyVersion: String
    public var policyHash: String

    /// Deny if any rule denies, else refer if any refers, else allow (warnings change nothing).
    public static func outcome(of reasons: [DecisionReason]) -> Outcome {
        let worst = reasons.map(\.outcome).max() ?? .allow
        return worst == .warn ? .allow : max(worst, .allow)
    }

    public init(plate: String, asOf: CivilDate, reasons: [DecisionReason], emission: EmissionAssessment?, usage: UsageClass?,
                policy: Policy) {
        self.plate = plate
        self.asOf = asOf
        self.reasons = reasons
        self.outcome = Decision.outcome(of: reasons)
        self.emission = emission
        self.usage = usage
        self.policyVersion = policy.version
        self.policyHash = policy.hash
    }
}

extension EmissionAssessment {
    /// The stage as a fact a rule used, saying how it is known.
    public func usedFact(firstRegistered: CivilDate?) -> UsedFact {
        let basis: String
        switch tier {
        case .declared: basis = "declared"
        case .inferred: basis = "inferred from first registration \(firstRegistered.map(\.description) ?? "?")"
        case .uncertain: basis = "uncertain: registered \(firstRegistered.map(\.description) ?? "?") inside a window of the policy"
        }
        return UsedFact(name: "emission_stage", value: code, basis: basis)
    }
}
