/// Eliminations week by week from the baseline to the as-of date, beside the straight line from
/// 0 on the baseline to the target on the deadline — the data the weekly report draws.
///
/// Weeks are counted from the baseline: week 1 is the baseline and the six days after it; the
/// last week ends on the as-of date and may be shorter.
///
///     QuotaTrend.weeks(eliminatedByDay: tally.eliminatedByDay, settings: settings, asOf: day)
///     // [Week(number: 1, from: 2020-01-01, to: 2020-01-07, eliminated: 2, cumulative: 2, planned: 7.6), …]
public enum QuotaTrend {
    public struct Week: Hashable, Sendable {
        /// 1 for the week starting on the baseline.
        public var number: Int
        public var from: CivilDate
        /// The week's last day (the as-of date for the last week).
        public var to: CivilDate
        /// Eliminated with a status date in the week.
        public var eliminated: Int
        /// Eliminated from the baseline to the week's last day.
        public var cumulative: Int
        /// The straight line to the target at the week's last day (one decimal).
        public var planned: Double
    }

    /// The weeks from the baseline to `asOf` (none when `asOf` is before the baseline).
    public static func weeks(eliminatedByDay: [CivilDate: Int], settings: QuotaSettings, asOf: CivilDate) -> [Week] {
        let start = settings.baseline
        guard asOf >= start else { return [] }
        var out: [Week] = []
        var cumulative = 0
        var from = start
        var number = 1
        while from <= asOf {
            let to = min(from.adding(days: 6), asOf)
            var n = 0
            for d in from.dayNumber...to.dayNumber { n += eliminatedByDay[CivilDate(dayNumber: d)] ?? 0 }
            cumulative += n
            out.append(Week(number: number, from: from, to: to, eliminated: n, cumulative: cumulative,
                            planned: planned(on: to, settings: settings)))
            from = from.adding(days: 7)
            number += 1
        }
        return out
    }

    /// The straight line: target × (days from the baseline through `day`) ÷ (days from the
    /// baseline through the deadline), both inclusive, capped at the target; one decimal.
    public static func planned(on day: CivilDate, settings: QuotaSettings) -> Double {
        let total = settings.deadline.days(since: settings.baseline) + 1
        let elapsed = min(max(0, day.days(since: settings.baseline) + 1), total)
        return (Double(settings.target) * Double(elapsed) / Double(total) * 10).rounded() / 10
    }
}
