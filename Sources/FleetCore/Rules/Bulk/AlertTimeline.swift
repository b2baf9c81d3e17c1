/// 重污染天气预警 — one heavy-pollution alert as the rules see it: a level in force from `start`
/// (included) until `end` (excluded; nil while it has not been ended), China Standard Time.
///
///     let a = PollutionAlert(level: .orange, start: t("2020-11-18 00:00"), end: t("2020-11-24 12:00"))
///     a.covers(t("2020-11-24 11:59"))   // true
///     a.covers(t("2020-11-24 12:00"))   // false
public struct PollutionAlert: Hashable, Sendable {
    /// The store's id (`alert end ID`), nil for an alert not stored.
    public var id: Int64?
    public var level: AlertLevel
    public var start: CivilDateTime
    public var end: CivilDateTime?
    /// 文号.
    public var documentNo: String?

    public init(id: Int64? = nil, level: AlertLevel, start: CivilDateTime, end: CivilDateTime? = nil, documentNo: String? = nil) {
        self.id = id; self.level = level; self.start = start; self.end = end; self.documentNo = documentNo
    }

    /// start ≤ t < end (rules.md §5); an alert not ended covers every moment from its start.
    public func covers(_ t: CivilDateTime) -> Bool { start <= t && (end.map { t < $0 } ?? true) }
}

/// The alert level at every moment: the highest level among the alerts covering it (rules.md §5),
/// so that an orange upgraded to red by a second alert is red while both hold and orange again
/// when the red one ends.
///
///     let timeline = AlertTimeline([orange, redInsideIt])
///     timeline.level(at: t("2020-11-20 12:00"))   // .red
///
/// The alerts are turned once into sorted change points, so `level(at:)` is a binary search: the
/// gate-log scan asks it for every row.
public struct AlertTimeline: Sendable {
    /// The alerts, by start.
    public let alerts: [PollutionAlert]
    /// The moments where the level may change (seconds, CST), ascending; `levels[i]` holds from
    /// `points[i]` until `points[i + 1]` (the last one for ever).
    private let points: [Int]
    private let levels: [AlertLevel?]

    public init(_ alerts: [PollutionAlert]) {
        self.alerts = alerts.sorted { ($0.start, $0.id ?? 0) < ($1.start, $1.id ?? 0) }
        let moments = Set(alerts.flatMap { [$0.start.secondsSinceEpochCST] + ($0.end.map { [$0.secondsSinceEpochCST] } ?? []) }).sorted()
        var points: [Int] = []
        var levels: [AlertLevel?] = []
        for m in moments {
            let t = CivilDateTime(secondsSinceEpochCST: m)
            let level = alerts.filter { $0.covers(t) }.map(\.level).max()
            if let last = levels.last, last == level { continue }      // no change here
            if levels.isEmpty && level == nil { continue }
            points.append(m)
            levels.append(level)
        }
        self.points = points
        self.levels = levels
    }

    /// No alert at all.
    public static let none = AlertTimeline([])

    /// The highest level in force at `t`, nil when no alert covers it.
    public func level(at t: CivilDateTime) -> AlertLevel? {
        let s = t.secondsSinceEpochCST
        // The last change point at or before s.
        var lo = 0, hi = points.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if points[mid] <= s { lo = mid + 1 } else { hi = mid }
        }
        return lo == 0 ? nil : levels[lo - 1]
    }

    /// The alerts covering `t`, highest level first.
    public func alerts(at t: CivilDateTime) -> [PollutionAlert] {
        alerts.filter { $0.covers(t) }.sorted { $0.level > $1.level }
    }

    /// A stretch of time with one level: from `start` (included) to `end` (excluded; nil: for ever).
    public struct Segment: Hashable, Sendable {
        public var level: AlertLevel
        public var start: CivilDateTime
        public var end: CivilDateTime?
    }

    /// The stretches under some alert, in order, each with the level in force.
    ///
    ///     orange 18th 00:00–24th 12:00 + red 20th 12:00–23rd 00:00
    ///     → orange 18th 00:00–20th 12:00, red –23rd 00:00, orange –24th 12:00
    public var segments: [Segment] {
        var out: [Segment] = []
        for (i, level) in levels.enumerated() {
            guard let level else { continue }
            out.append(Segment(level: level, start: CivilDateTime(secondsSinceEpochCST: points[i]),
                               end: i + 1 < points.count ? CivilDateTime(secondsSinceEpochCST: points[i + 1]) : nil))
        }
        return out
    }

    /// The same alerts and one more (for `alert preview`).
    public func adding(_ alert: PollutionAlert) -> AlertTimeline { AlertTimeline(alerts + [alert]) }
}
