/// Periods on a time line, as SVG text: one lane per row, each period a filled bar from its start
/// to its end, labelled inside; the days of the span along the bottom, with an optional figure
/// under each day (gate violations, for the alerts).
///
///     TimelineChart(id: "alerts", start: t("2020-11-14 00:00"), days: 7,
///                   lanes: [.init(name: "预警", periods: [.init(from: t("2020-11-18 00:00"), to: nil,
///                                                           label: "橙色", fill: .alert(level: 3))])]).svg()
public struct TimelineChart: Sendable {
    public struct Period: Sendable {
        public var from: Int
        /// nil: still running at the end of the span.
        public var to: Int?
        public var label: String
        public var fill: ChartFill
        /// Write the label in white (on a dark fill).
        public var lightText: Bool
        /// Times in seconds since the epoch, CST (`CivilDateTime.secondsSinceEpochCST`).
        public init(from: Int, to: Int?, label: String, fill: ChartFill, lightText: Bool = false) {
            self.from = from; self.to = to; self.label = label; self.fill = fill; self.lightText = lightText
        }
    }

    public struct Lane: Sendable {
        public var name: String
        public var periods: [Period]
        public init(name: String, periods: [Period]) { self.name = name; self.periods = periods }
    }

    public var id: String
    /// The span's first moment (a midnight, seconds CST) and its length in days.
    public var start: Int
    public var days: Int
    /// Labels of the days (`11-14`), one per day.
    public var dayLabels: [String]
    public var lanes: [Lane]
    /// A figure under each day, with what it is (`违规（次）`); nil: none.
    public var dayFigures: (title: String, values: [Int])?
    /// Shown in a lane without periods.
    public var emptyText: String
    /// Legend entries (name, fill) for the kinds of period.
    public var legend: [(name: String, fill: ChartFill)]
    public var label: String
    public var width: Double

    public init(id: String, start: Int, days: Int, dayLabels: [String], lanes: [Lane], dayFigures: (title: String, values: [Int])? = nil,
                emptyText: String = "", legend: [(name: String, fill: ChartFill)] = [], label: String = "", width: Double = 680) {
        self.id = id; self.start = start; self.days = days; self.dayLabels = dayLabels; self.lanes = lanes
        self.dayFigures = dayFigures; self.emptyText = emptyText; self.legend = legend; self.label = label; self.width = width
    }

    public func svg() -> String {
        var defs = ChartDefs(prefix: id)
        let font = 11.0
        let legendBox = ChartLegend(entries: legend.map { .init(name: $0.name, mark: .swatch($0.fill)) })
        let legendHeight = legend.isEmpty ? 0 : legendBox.height(width: width - 8) + 4
        let labelWidth = min(150, max(ChartLegend.width(dayFigures?.title ?? "", size: font),
                                      lanes.map { ChartLegend.width($0.name, size: font) }.max() ?? 0) + 10)
        let left = labelWidth + 4, right = 10.0
        let plotWidth = width - left - right
        let laneHeight = 26.0
        let top = 6 + legendHeight
        let plotHeight = Double(max(1, lanes.count)) * laneHeight
        let height = top + plotHeight + 20 + (dayFigures == nil ? 0 : 18) + 4
        let end = start + days * 86_400
        func px(_ t: Int) -> Double { left + Double(min(max(t, start), end) - start) / Double(max(1, end - start)) * plotWidth }
        let dayWidth = plotWidth / Double(max(1, days))

        var body = legend.isEmpty ? "" : legendBox.draw(x: 4, y: 4, width: width - 8, defs: &defs)
        // Day columns: alternate shading, a line at each midnight.
        for d in 0..<days {
            let x = left + Double(d) * dayWidth
            if d % 2 == 1 { body += SVG.rect(x: x, y: top, width: dayWidth, height: plotHeight, fill: "#f3f3f3") }
            body += SVG.line(x, top, x, top + plotHeight + 4, stroke: "#9a9a9a", width: 0.6)
            let name = d < dayLabels.count ? dayLabels[d] : ""
            body += SVG.text(name, x: x + dayWidth / 2, y: top + plotHeight + 15, anchor: "middle", size: 10)
            if let f = dayFigures, d < f.values.count {
                body += SVG.text(SVG.number(Double(f.values[d])), x: x + dayWidth / 2, y: top + plotHeight + 33, anchor: "middle", size: 10,
                                 weight: f.values[d] > 0 ? "bold" : nil)
            }
        }
        body += SVG.line(left + plotWidth, top, left + plotWidth, top + plotHeight + 4, stroke: "#9a9a9a", width: 0.6)
        body += SVG.line(left, top + plotHeight, left + plotWidth, top + plotHeight)
        if let f = dayFigures {
            body += SVG.text(f.title, x: labelWidth, y: top + plotHeight + 33, anchor: "end", size: font)
        }
        for (i, lane) in lanes.enumerated() {
            let y = top + Double(i) * laneHeight
            body += SVG.text(lane.name, x: labelWidth, y: y + laneHeight / 2 + 4, anchor: "end", size: font)
            let visible = lane.periods.filter { ($0.to ?? end) > start && $0.from < end }
            if visible.isEmpty && !emptyText.isEmpty {
                body += SVG.text(emptyText, x: left + plotWidth / 2, y: y + laneHeight / 2 + 4, anchor: "middle", size: font, fill: "#555")
            }
            for p in visible {
                let x1 = px(p.from), x2 = px(p.to ?? end)
                body += SVG.rect(x: x1, y: y + 4, width: x2 - x1, height: laneHeight - 8, fill: defs.use(p.fill), stroke: "#333")
                if x2 - x1 > ChartLegend.width(p.label, size: 10) + 6 {
                    // A white box behind the label keeps it readable on any pattern.
                    let w = ChartLegend.width(p.label, size: 10) + 4
                    body += SVG.rect(x: (x1 + x2) / 2 - w / 2, y: y + laneHeight / 2 - 7, width: w, height: 13,
                                     fill: p.lightText ? "#3b0d0d" : "#ffffff")
                    body += SVG.text(p.label, x: (x1 + x2) / 2, y: y + laneHeight / 2 + 3.5, anchor: "middle", size: 10,
                                     fill: p.lightText ? "#ffffff" : "#222")
                }
            }
        }
        return SVG.open(id: id, width: width, height: height, label: label.isEmpty ? (lanes.first?.name ?? "") : label)
            + defs.element + body + "</svg>"
    }
}
