import FleetCore

/// The charts of the weekly report, each built from the figures alone (so a chart can be tested
/// on fixed figures, and the JSON and the picture agree by construction).
struct WeeklyCharts {
    let figures: WeeklyFigures
    let text: WeeklyReportText

    func t(_ zh: String, _ en: String) -> String { text.t(zh, en) }
    var vehicles: String { t("车辆数（辆）", "vehicles") }

    // MARK: Quota

    /// Eliminated per week (bars) and cumulative (solid line, dots) beside the straight line to
    /// the target (dashed), from the baseline to the deadline.
    static func quotaTrend(_ q: WeeklyFigures.QuotaFigures, asOf: String, id: String, lang: Lang) -> LineChart? {
        guard let base = CivilDate(parsing: q.baseline), let deadline = CivilDate(parsing: q.deadline),
              let day = CivilDate(parsing: asOf) else { return nil }
        let zh = lang == .zh
        let end = max(deadline, day)
        func x(_ d: CivilDate) -> Double { Double(d.days(since: base) + 1) }
        var ticks: [(x: Double, label: String)] = []
        let sameYear = base.year == end.year
        var m = CivilDate(year: base.year, month: base.month, day: 1)!
        while m <= end {
            if m >= base {
                let label = sameYear ? (zh ? "\(m.month)月" : ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"][m.month - 1])
                                     : String(m.description.prefix(7))
                ticks.append((x(m) - 1, label))
            }
            m = m.month == 12 ? CivilDate(year: m.year + 1, month: 1, day: 1)! : CivilDate(year: m.year, month: m.month + 1, day: 1)!
        }
        let cumulative = [(x: 0.0, y: 0.0)] + q.weeks.compactMap { w in CivilDate(parsing: w.to).map { (x: x($0), y: Double(w.cumulative)) } }
        let weekly = q.weeks.compactMap { w -> (x: Double, y: Double)? in
            guard let f = CivilDate(parsing: w.from), let to = CivilDate(parsing: w.to) else { return nil }
            return (x: (x(f) - 1 + x(to)) / 2, y: Double(w.eliminated))
        }
        return LineChart(
            id: id, xDomain: 0...x(end), xTicks: ticks,
            lines: [
                .init(name: zh ? "累计淘汰" : "cumulative eliminated", points: cumulative, marker: true),
                .init(name: zh ? "直线进度（基准日0→期限达目标）" : "straight line (0 on the baseline → target on the deadline)",
                      points: [(0, 0), (x(deadline), Double(q.target))], dashed: true, stroke: "#555555"),
            ],
            bars: .init(name: zh ? "每周淘汰" : "eliminated per week", points: weekly, width: 5),
            markers: [.init(x: x(day), label: zh ? "截至\(WeeklyReportText.shortDay(asOf))" : "as of \(WeeklyReportText.shortDay(asOf))")],
            target: (Double(q.target), zh ? "目标 \(q.target) 辆（期限 \(q.deadline)）" : "target \(q.target) by \(q.deadline)"),
            valueAxisTitle: zh ? "车辆数（辆）" : "vehicles", xAxisTitle: zh ? "日期（按周）" : "date (by week)",
            label: zh ? "淘汰进度" : "Scrapping progress")
    }

    func quotaTownships(_ q: WeeklyFigures.QuotaFigures) -> BarChart {
        BarChart(id: "quota-towns", categories: q.byTownship.map(\.township),
                 series: [.init(name: t("已淘汰", "eliminated"), values: q.byTownship.map { Double($0.eliminated) }, fill: .series(0)),
                          .init(name: t("尚未淘汰（在用）", "still active"), values: q.byTownship.map { Double($0.candidates) }, fill: .series(1))],
                 layout: .stacked, orientation: .horizontal, valueAxisTitle: vehicles,
                 label: t("各乡镇已淘汰与尚未淘汰", "Eliminated and still active by township"))
    }

    // MARK: Screening

    static let townshipFlags = ["UNAPPROVED_MUCK", "SUSPECT_MUCK", "UNKNOWN_USE", "OVER_STANDARD"]

    func flagsByTownship() -> BarChart {
        let rows = figures.screening.byTownship
        return BarChart(id: "flags-towns", categories: rows.map(\.township),
                        series: Self.townshipFlags.enumerated().map { i, code in
                            .init(name: text.ruleName(code), values: rows.map { Double($0.flags[code] ?? 0) }, fill: .series(i))
                        },
                        layout: .stacked, orientation: .horizontal, valueAxisTitle: vehicles,
                        label: t("各乡镇筛查标记", "Screening flags by township"))
    }

    func changesByTownship(_ c: WeeklyFigures.ScreeningFigures.Changes) -> BarChart {
        let rows = c.byTownship.filter { $0.newlyFlagged + $0.resolved > 0 }
        return BarChart(id: "changes-towns", categories: rows.map(\.township),
                        series: [.init(name: t("新增", "newly flagged"), values: rows.map { Double($0.newlyFlagged) }, fill: .series(1)),
                                 .init(name: t("已解决", "resolved"), values: rows.map { Double($0.resolved) }, fill: .series(2))],
                        layout: .grouped, orientation: .horizontal, valueAxisTitle: t("标记数（个）", "flags"),
                        label: t("与上次筛查相比", "Since the previous run"))
    }

    func findingsByTownship() -> BarChart {
        let rows = figures.screening.findings.byTownship
        let days = figures.screening.findings.responseDays
        return BarChart(id: "findings-towns", categories: rows.map(\.township),
                        series: [.init(name: t("已反馈", "returned"), values: rows.map { Double($0.returned) }, fill: .series(0)),
                                 .init(name: t("未反馈（\(days)天内）", "outstanding (under \(days) days)"),
                                       values: rows.map { Double($0.outstanding - $0.overdue) }, fill: .series(2)),
                                 .init(name: t("逾期未反馈（\(days)天以上）", "overdue (\(days) days or more)"),
                                       values: rows.map { Double($0.overdue) }, fill: .series(1))],
                        layout: .stacked, orientation: .horizontal, valueAxisTitle: t("清单车辆（件）", "list items"),
                        label: t("乡镇核查反馈", "Township findings"))
    }

    // MARK: Permits

    func permitsByDay() -> BarChart {
        let days = figures.permits.days
        return BarChart(id: "permits-days", categories: days.map { WeeklyReportText.shortDay($0.date) },
                        series: [.init(name: t("准予", "issued"), values: days.map { Double($0.issued) }, fill: .series(2)),
                                 .init(name: t("不予", "denied"), values: days.map { Double($0.denied) }, fill: .series(0)),
                                 .init(name: t("人工核验", "referred"), values: days.map { Double($0.referred) }, fill: .series(1))],
                        layout: .grouped, orientation: .vertical, valueAxisTitle: t("决定数（件）", "decisions"),
                        label: t("每日通行证决定", "Permit decisions per day"), plotHeight: 150)
    }

    func denialReasons() -> BarChart {
        let top = Array(figures.permits.denialReasons.prefix(8))
        return BarChart(id: "denial-reasons", categories: top.map { text.ruleName($0.code) },
                        series: [.init(name: t("不予件数", "denied decisions"), values: top.map { Double($0.count) }, fill: .series(0))],
                        layout: .grouped, orientation: .horizontal, valueAxisTitle: t("不予决定（件）", "denied decisions"),
                        label: t("主要不予理由", "Top denial reasons"))
    }

    // MARK: Alerts and the gate log

    func alertTimeline() -> TimelineChart? {
        guard let from = CivilDate(parsing: figures.week.from) else { return nil }
        let start = CivilDateTime(date: from).secondsSinceEpochCST
        let periods = figures.alerts.periods.compactMap { p -> TimelineChart.Period? in
            guard let a = CivilDateTime(parsing: p.from), let b = CivilDateTime(parsing: p.to), let l = AlertLevel.parse(p.level) else { return nil }
            return .init(from: a.secondsSinceEpochCST, to: b.secondsSinceEpochCST, label: text.level(p.level),
                         fill: .alert(level: l.rawValue), lightText: l == .red)
        }
        let levels = AlertLevel.allCases.filter { l in figures.alerts.periods.contains { AlertLevel.parse($0.level) == l } }
        return TimelineChart(
            id: "alerts", start: start, days: 7, dayLabels: figures.gate.byDay.map { WeeklyReportText.shortDay($0.date) },
            lanes: [.init(name: t("预警等级", "alert level"), periods: periods)],
            dayFigures: (t("门禁违规（次）", "gate violations"), figures.gate.byDay.map(\.violations)),
            emptyText: t("本周无预警", "no alert this week"),
            legend: levels.map { (text.level($0.description), ChartFill.alert(level: $0.rawValue)) },
            label: t("预警时段与每日门禁违规", "Alert periods and gate violations per day"))
    }

    static let enterpriseRows = 15

    func violationsByEnterprise() -> BarChart {
        let top = Array(figures.gate.byEnterprise.prefix(Self.enterpriseRows))
        return BarChart(id: "gate-enterprises", categories: top.map { "\($0.name)（\($0.enterpriseID)）" },
                        series: [.init(name: t("违规进场", "violations"), values: top.map { Double($0.violations) }, fill: .series(0)),
                                 .init(name: t("待核验", "unverified"), values: top.map { Double($0.unverified) }, fill: .series(3))],
                        layout: .grouped, orientation: .horizontal, valueAxisTitle: t("进场次数（次）", "entries"),
                        label: t("各企业违规进场", "Gate violations by enterprise"))
    }
}
