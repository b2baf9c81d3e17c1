/// The scrapping quota as the traffic bureau sets it (淘汰任务): a target, a baseline date from
/// which eliminations count, and a deadline (rules.md §6).
///
///     let s = try QuotaSettings.validated(target: 400, baseline: nil, deadline: nil, policy: policy)
///     s.baseline   // 2020-01-01 (policy.quota.baseline)
public struct QuotaSettings: Hashable, Sendable, Codable {
    /// 目标数: how many vehicles must be eliminated by the deadline (≥ 1).
    public var target: Int
    /// 基准日: eliminations with a status date on or after this day count.
    public var baseline: CivilDate
    /// 完成期限: the last day of the quota.
    public var deadline: CivilDate

    public init(target: Int, baseline: CivilDate, deadline: CivilDate) {
        self.target = target; self.baseline = baseline; self.deadline = deadline
    }

    /// Settings from what was typed, the dates defaulting to the policy's (`quota.baseline`,
    /// `quota.deadline`); throws the first problem: a target below 1, or a deadline before the
    /// baseline.
    public static func validated(target: Int, baseline: CivilDate?, deadline: CivilDate?,
                                 policy: Policy) throws(Problem) -> QuotaSettings {
        let s = QuotaSettings(target: target, baseline: baseline ?? policy.quota.baseline,
                              deadline: deadline ?? policy.quota.deadline)
        guard target >= 1 else { throw .targetNotPositive(target) }
        guard s.deadline >= s.baseline else { throw .deadlineBeforeBaseline(s.baseline, s.deadline) }
        return s
    }

    /// Why settings were refused.
    public enum Problem: Error, Hashable, Sendable {
        case targetNotPositive(Int)
        case deadlineBeforeBaseline(CivilDate, CivilDate)

        public var message: Message {
            switch self {
            case .targetNotPositive(let n):
                return Message("BAD_TARGET", zh: "目标数应为正整数（实为\(n)）", en: "the target must be 1 or more (is \(n))")
            case .deadlineBeforeBaseline(let b, let d):
                return Message("DEADLINE_BEFORE_BASELINE", zh: "完成期限\(d)早于基准日\(b)",
                               en: "the deadline \(d) is before the baseline \(b)")
            }
        }
    }

    /// The value in force on a date, from a history of values each recorded on a day (oldest
    /// first): the last one recorded on or before `asOf`. A date before anything was recorded
    /// gets the value as it stood at the end of the first day of recording — the quota as first
    /// set governs the time before it was entered, and a same-day correction replaces a typo.
    /// Values recorded later never change the answer for an earlier date after that first day.
    ///
    ///     QuotaSettings.inForce([(d("2020-03-01"), 300), (d("2020-03-01"), 400), (d("2020-06-01"), 450)],
    ///                           asOf: d("2020-01-15"))   // 400
    public static func inForce<T>(_ history: [(recordedOn: CivilDate, value: T)], asOf: CivilDate) -> T? {
        guard let first = history.map(\.recordedOn).min() else { return nil }
        let cutoff = max(asOf, first)
        return history.last { $0.recordedOn <= cutoff }?.value
    }
}

extension Reason {
    /// A `quota-targets` row whose 目标数 is not a whole number of 0 or more.
    public static let badQuotaTarget = Message("BAD_NUMBER", zh: "目标数应为0或正整数", en: "the target must be a whole number, 0 or more")
    /// A `quota-targets` row for 未匹配: a target needs a township of the table.
    public static let targetForUnassigned = Message("BAD_TOWNSHIP", zh: "不能为「未匹配」设定目标，请填写乡镇表中的乡镇",
                                                    en: "a target needs a township of the table, not the unassigned group")
}
