import Foundation
import Testing
#if canImport(FoundationXML)
import FoundationXML
#endif
import FleetCore
@testable import FleetReports

/// The weekly report's chart kit (Sources/FleetReports/Charts) and page on fixed data: a
/// snapshot of one chart's SVG, the number formatting and scales it rests on, and the page as
/// well-formed XML whatever the names in it.
@Suite struct WeeklyReportChartTests {
    static func xmlError(_ text: String) -> String? {
        let parser = XMLParser(data: Data(text.utf8))
        return parser.parse() ? nil : "\(parser.parserError.map { "\($0)" } ?? "?") at line \(parser.lineNumber)"
    }

    /// Two townships, eliminated (solid) and still active (hatched), stacked.
    static let townships = BarChart(
        id: "snap", categories: ["白寨镇", "超化镇"],
        series: [.init(name: "已淘汰", values: [3, 1]), .init(name: "尚未淘汰", values: [10, 4])],
        layout: .stacked, orientation: .horizontal, valueAxisTitle: "车辆数（辆）", width: 320)

    /// The expected SVG, checked by eye once (rendered in Chromium: two stacked bars, 3 + 10 and
    /// 1 + 4, labels 13 and 5, ticks 0–15). When the kit changes on purpose, the test writes the
    /// new output to $TMPDIR/weekly-bar-snapshot.svg: look at it, then paste it here.
    static let expectedTownships = [
        ##"<svg xmlns="http://www.w3.org/2000/svg" id="snap" class="chart" viewBox="0 0 320 108" width="320" height="108" role="img" aria-label="车辆数（辆）" font-family="'Noto Sans CJK SC','Source Han Sans SC','Microsoft YaHei','PingFang SC','WenQuanYi Micro Hei',sans-serif">"##,
        ##"<defs>"##,
        ##"<pattern id="snap-p0" patternUnits="userSpaceOnUse" width="6" height="6">"##,
        ##"<rect width="6" height="6" fill="#fbe5d6"/>"##,
        ##"<path d="M-1,1 l2,-2 M0,6 l6,-6 M5,7 l2,-2" stroke="#b4461a" stroke-width="1.4"/>"##,
        ##"</pattern>"##,
        ##"</defs>"##,
        ##"<rect x="4" y="5" width="16" height="10" fill="#1f4e79" stroke="#333" stroke-width="0.6"/>"##,
        ##"<text x="25" y="14.5" font-size="11">已淘汰</text>"##,
        ##"<rect x="73" y="5" width="16" height="10" fill="url(#snap-p0)" stroke="#333" stroke-width="0.6"/>"##,
        ##"<text x="94" y="14.5" font-size="11">尚未淘汰</text>"##,
        ##"<line x1="47" y1="28" x2="47" y2="68" stroke="#222" stroke-width="1"/>"##,
        ##"<text x="47" y="81" font-size="10" text-anchor="middle">0</text>"##,
        ##"<line x1="123.3" y1="28" x2="123.3" y2="68" stroke="#c8c8c8" stroke-width="0.6"/>"##,
        ##"<text x="123.3" y="81" font-size="10" text-anchor="middle">5</text>"##,
        ##"<line x1="199.7" y1="28" x2="199.7" y2="68" stroke="#c8c8c8" stroke-width="0.6"/>"##,
        ##"<text x="199.7" y="81" font-size="10" text-anchor="middle">10</text>"##,
        ##"<line x1="276" y1="28" x2="276" y2="68" stroke="#c8c8c8" stroke-width="0.6"/>"##,
        ##"<text x="276" y="81" font-size="10" text-anchor="middle">15</text>"##,
        ##"<text x="161.5" y="98" font-size="11" text-anchor="middle">车辆数（辆）</text>"##,
        ##"<text x="43" y="42" font-size="11" text-anchor="end">白寨镇</text>"##,
        ##"<rect x="47" y="32" width="45.8" height="12" fill="#1f4e79" stroke="#333" stroke-width="0.6"/>"##,
        ##"<rect x="92.8" y="32" width="152.7" height="12" fill="url(#snap-p0)" stroke="#333" stroke-width="0.6"/>"##,
        ##"<text x="249.5" y="42" font-size="10">13</text>"##,
        ##"<text x="43" y="62" font-size="11" text-anchor="end">超化镇</text>"##,
        ##"<rect x="47" y="52" width="15.3" height="12" fill="#1f4e79" stroke="#333" stroke-width="0.6"/>"##,
        ##"<rect x="62.3" y="52" width="61.1" height="12" fill="url(#snap-p0)" stroke="#333" stroke-width="0.6"/>"##,
        ##"<text x="127.3" y="62" font-size="10">5</text>"##,
        ##"</svg>"##,
    ].joined()

    @Test func barChartSnapshot() throws {
        let svg = Self.townships.svg()
        if svg != Self.expectedTownships {
            try? svg.write(toFile: NSTemporaryDirectory() + "weekly-bar-snapshot.svg", atomically: true, encoding: .utf8)
        }
        #expect(svg == Self.expectedTownships, "actual written to \(NSTemporaryDirectory())weekly-bar-snapshot.svg")
        #expect(Self.xmlError(svg) == nil)
    }

    @Test func sameDataSameBytes() {
        let a = Self.townships.svg(), b = Self.townships.svg()
        #expect(a == b)
    }

    @Test(arguments: [(12.25, "12.3"), (40, "40"), (0.04, "0"), (-0.04, "0"), (-2.5, "-2.5"), (1e6, "1000000"), (.nan, "0")])
    func numbers(_ value: Double, _ text: String) {
        #expect(SVG.number(value) == text)
    }

    @Test(arguments: [(107.0, [0.0, 25, 50, 75, 100, 125]), (3, [0, 1, 2, 3]), (0, [0, 1]), (163, [0, 50, 100, 150, 200]),
                      (9, [0, 2, 4, 6, 8, 10])])
    func scales(_ max: Double, _ ticks: [Double]) {
        #expect(ChartScale(maxValue: max).ticks == ticks)
    }

    @Test func namesAreEscapedAndPatternsPrefixed() throws {
        let chart = BarChart(id: "x", categories: ["A&B <C> \"D\""], series: [.init(name: "e", values: [1]), .init(name: "f", values: [2])],
                             layout: .grouped, orientation: .vertical, valueAxisTitle: "次")
        let svg = chart.svg()
        #expect(Self.xmlError(svg) == nil)
        #expect(svg.contains("A&amp;B &lt;C&gt; &quot;D&quot;"))
        #expect(svg.contains("id=\"x-p0\"") && svg.contains("url(#x-p0)"))
    }

    @Test func lineAndTimelineChartsAreWellFormed() throws {
        let line = LineChart(id: "l", xDomain: 0...365, xTicks: [(0, "1月"), (31, "2月")],
                             lines: [.init(name: "累计", points: [(0, 0), (7, 2), (14, 5)], marker: true),
                                     .init(name: "直线", points: [(0, 0), (365, 107)], dashed: true)],
                             bars: .init(name: "每周", points: [(3.5, 2), (10.5, 3)], width: 5),
                             markers: [.init(x: 14, label: "截至")], target: (107, "目标 107 辆"), valueAxisTitle: "车辆数（辆）")
        let svg = line.svg()
        #expect(Self.xmlError(svg) == nil)
        #expect(svg.contains("stroke-dasharray=\"6 4\""))
        let start = CivilDateTime(date: CivilDate(year: 2020, month: 11, day: 14)!).secondsSinceEpochCST
        let timeline = TimelineChart(id: "t", start: start, days: 7, dayLabels: (14...20).map { "11-\($0)" },
                                     lanes: [.init(name: "预警", periods: [.init(from: start + 4 * 86_400, to: nil, label: "橙色",
                                                                               fill: .alert(level: 3))])],
                                     dayFigures: ("违规（次）", [1, 0, 0, 2, 5, 8, 3]))
        let t = timeline.svg()
        #expect(Self.xmlError(t) == nil)
        #expect(t.contains(">橙色</text>") && t.contains(">违规（次）</text>"))
    }

    /// A week with nothing in it still makes a page that parses, in both languages.
    @Test(arguments: [Lang.zh, .en])
    func emptyWeekPage(_ lang: Lang) throws {
        let policy = try Policy.default()
        let screening = WeeklyFigures.ScreeningFigures(
            run: 1, asOf: "2020-11-20", vehicles: 0, listed: 0, flags: [:],
            byTownship: [.init(township: "白寨镇 & <x>", flags: [:])], changes: nil,
            findings: .init(items: 0, returned: 0, returnedThisWeek: 0, outstanding: 0, overdue: 0, responseDays: 14, byTownship: []))
        let enforcement = WeeklyFigures.EnforcementFigures(emissionChecks: [], muckSightings: 0, unapprovedSightings: 0, unapprovedVehicles: 0)
        let permits = WeeklyFigures.PermitFigures(
            days: (14...20).map { .init(date: "2020-11-\($0)", issued: 0, denied: 0, referred: 0) }, decisions: 0, issued: 0,
            denied: 0, referred: 0, denialReasons: [], activeChecked: 0, activeNowDenied: 0)
        let gate = WeeklyFigures.GateFigures(from: "2020-11-14T00:00:00+08:00", to: "2020-11-20T23:59:59+08:00", rows: 0, judged: 0,
                                             violations: 0, unverified: 0, byEnterprise: [],
                                             byDay: (14...20).map { .init(date: "2020-11-\($0)", violations: 0, unverified: 0) })
        let figures = WeeklyFigures(
            asOf: "2020-11-20", week: .init(from: "2020-11-14", to: "2020-11-20"), policyVersion: policy.version, quota: nil,
            screening: screening, enforcement: enforcement, permits: permits,
            alerts: .init(alerts: [], periods: [], hoursOrangeOrAbove: 0), gate: gate,
            planItems: WeeklyRules.assess(quota: nil, screening: screening, enforcement: enforcement, permits: permits, gate: gate))
        #expect(figures.planItems.map(\.status) == [.onTrack, .notMeasured, .behind, .notMeasured, .onTrack, .onTrack, .onTrack, .onTrack])
        let html = WeeklyReportHTML(figures: figures, policy: policy, lang: lang).render()
        #expect(Self.xmlError(html) == nil)
        #expect(html.contains("白寨镇 &amp; &lt;x&gt;"))

        // The JSON round-trips, nulls and all.
        let data = try JSONEncoder().encode(figures)
        #expect(String(decoding: data, as: UTF8.self).contains("\"quota\":null"))
        #expect(try JSONDecoder().decode(WeeklyFigures.self, from: data) == figures)
    }
}
