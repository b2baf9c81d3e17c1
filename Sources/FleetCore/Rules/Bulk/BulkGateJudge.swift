/// `BulkRules` over many gate rows (`bulk violations`): each distinct (vehicle, enterprise,
/// situation) is judged once and remembered. The reasons depend on nothing else
/// (`BulkRules.reasons` never sees the time), so a remembered verdict is the one the rules would
/// give again; the messages, built once, cost nothing per row.
///
///     var judge = BulkGateJudge(rules: BulkRules(policy: policy))
///     let v = judge.verdict(vehicle, vehicleKey: 17, enterprise: e, enterpriseKey: 3, at: t, alertLevel: .red)
///     v.outcome   // .deny
public struct BulkGateJudge {
    public let rules: BulkRules

    /// The outcome of one passage and its reasons (warnings included).
    public struct Verdict: Sendable {
        /// Tells verdicts apart within one judge (the same id, the same verdict), so that a
        /// report can format each one once.
        public let id: Int
        public let outcome: Outcome
        public let reasons: [DecisionReason]
    }

    private var memo: [UInt64: Verdict] = [:]
    private var nextID = 0
    /// Past this many remembered verdicts the memo starts again (bounded memory).
    static let memoLimit = 1 << 20

    public init(rules: BulkRules) { self.rules = rules }

    /// The verdict for a passage. `vehicleKey` and `enterpriseKey` identify the vehicle and the
    /// enterprise for the caller's whole run (e.g. their index in its tables); the same key must
    /// always mean the same vehicle or enterprise.
    public mutating func verdict(_ vehicle: BulkVehicle, vehicleKey: Int, enterprise: EnterpriseInfo, enterpriseKey: Int,
                                 at: CivilDateTime, alertLevel: AlertLevel?) -> Verdict {
        let s = rules.situation(vehicle, enterprise: enterprise, at: at, alertLevel: alertLevel)
        let key = UInt64(truncatingIfNeeded: vehicleKey) << 28 | UInt64(truncatingIfNeeded: enterpriseKey & 0x3F_FFFF) << 6
            | UInt64(s.bits & 0x3F)
        if let v = memo[key] { return v }
        let reasons = rules.reasons(vehicle, enterprise: enterprise, situation: s)
        let v = Verdict(id: nextID, outcome: Decision.outcome(of: reasons), reasons: reasons)
        nextID += 1
        if memo.count >= Self.memoLimit { memo.removeAll(keepingCapacity: true) }
        memo[key] = v
        return v
    }
}
