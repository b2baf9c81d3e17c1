/// How far the city (and each township) is from its scrapping target as of a date — the figures
/// of `quota status` and the weekly report (rules.md §6).
///
///     let status = QuotaStatus(tally: tally, settings: settings, townshipTargets: ["白寨镇": 30], asOf: day)
///     status.city.remaining          // max(0, target − eliminated)
///     status.weeklyPaceNeeded        // remaining ÷ weeks left (at least one week)
public struct QuotaStatus: Hashable, Sendable {
    /// One area's progress: its counts, its target (nil: none set) and what follows from them.
    public struct Progress: Hashable, Sendable {
        public var counts: QuotaTally.Counts
        public var target: Int?
        /// max(0, target − eliminated); nil without a target.
        public var remaining: Int? { target.map { QuotaStatus.remaining(target: $0, eliminated: counts.eliminated) } }
        /// 100 × eliminated ÷ target, one decimal; nil without a target (or a target of 0).
        public var percent: Double? { target.flatMap { QuotaStatus.percent(eliminated: counts.eliminated, target: $0) } }
    }

    public let asOf: CivilDate
    public let settings: QuotaSettings
    public let city: Progress
    /// Every township with a vehicle counted or a target set.
    public let byTownship: [String: Progress]
    /// Days after the as-of date up to and including the deadline; 0 on or after it.
    public let daysLeft: Int
    /// Vehicles a week needed from now to meet the city target (one decimal).
    public let weeklyPaceNeeded: Double
    /// Whether the as-of date is after the deadline.
    public var isPastDeadline: Bool { asOf > settings.deadline }

    public init(tally: QuotaTally, settings: QuotaSettings, townshipTargets: [String: Int], asOf: CivilDate) {
        self.asOf = asOf
        self.settings = settings
        city = Progress(counts: tally.city, target: settings.target)
        var towns: [String: Progress] = [:]
        for (name, counts) in tally.byTownship { towns[name] = Progress(counts: counts, target: townshipTargets[name]) }
        for (name, target) in townshipTargets where towns[name] == nil {
            towns[name] = Progress(counts: QuotaTally.Counts(), target: target)
        }
        byTownship = towns
        daysLeft = QuotaStatus.daysLeft(asOf: asOf, deadline: settings.deadline)
        weeklyPaceNeeded = QuotaStatus.weeklyPace(remaining: city.remaining ?? 0, daysLeft: daysLeft)
    }

    /// The weekly pace a township needs to meet its own target, if it has one.
    public func weeklyPaceNeeded(township: String) -> Double? {
        byTownship[township]?.remaining.map { QuotaStatus.weeklyPace(remaining: $0, daysLeft: daysLeft) }
    }

    // MARK: The arithmetic, each piece on its own

    /// Still to eliminate: max(0, target − eliminated).
    public static func remaining(target: Int, eliminated: Int) -> Int { max(0, target - eliminated) }

    /// Percent done, 100 × eliminated ÷ target, rounded to one decimal (may pass 100); nil for a
    /// target of 0 or less.
    public static func percent(eliminated: Int, target: Int) -> Double? {
        guard target > 0 else { return nil }
        return (Double(eliminated) * 1000 / Double(target)).rounded() / 10
    }

    /// Days left after the as-of date up to the deadline inclusive (the as-of day itself is
    /// over): deadline − asOf, never below 0.
    public static func daysLeft(asOf: CivilDate, deadline: CivilDate) -> Int { max(0, deadline.days(since: asOf)) }

    /// Weeks left: days left ÷ 7, but at least one week — a pace is asked for the coming week
    /// even when fewer days (or none, past the deadline) are left.
    public static func weeksLeft(daysLeft: Int) -> Double { max(1, Double(daysLeft) / 7) }

    /// Vehicles to eliminate each week from now to meet the target: remaining ÷ weeks left,
    /// rounded to one decimal.
    public static func weeklyPace(remaining: Int, daysLeft: Int) -> Double {
        (Double(remaining) / weeksLeft(daysLeft: daysLeft) * 10).rounded() / 10
    }
}
