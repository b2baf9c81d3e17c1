/// A line chart over a numeric x axis (days, for the quota), as SVG text: solid or dashed lines
/// (the straight line to the target is dashed), optional bars under them (eliminated per week),
/// and vertical markers (the as-of date, the deadline).
///
///     LineChart(id: "quota", xDomain: 0...365, xTicks: [(0, "1月"), (31, "2月")],
///               lines: [.init(name: "累计淘汰", points: [(6, 2), (13, 5)], marker: true),
///                       .init(name: "计划进度", points: [(0, 0), (365, 107)], dashed: true)],
///               valueAxisTitle: "车辆数（辆）").svg()
public struct LineChart: Sendable {
    public struct Line: Sendable {
        public var name: String
        public var points: [(x: Double, y: Double)]
        public var dashed: Bool
        public var marker: Bool
        public var stroke: String
        public init(name: String, points: [(x: Double, y: Double)], dashed: Bool = false, marker: Bool = false,
                    stroke: String = "#1f1f1f") {
            self.name = name; self.points = points; self.dashed = dashed; self.marker = marker; self.stroke = stroke
        }
    }

    /// Bars centred on x, `width` x-units wide.
    public struct Bars: Sendable {
        public var name: String
        public var points: [(x: Double, y: Double)]
        public var width: Double
        public var fill: ChartFill
        public init(name: String, points: [(x: Double, y: Double)], width: Double, fill: ChartFill = .series(2)) {
            self.name = name; self.points = points; self.width = width; self.fill = fill
        }
    }

    /// A vertical line across the plot with a label at its top.
    public struct Marker: Sendable {
        public var x: Double
        public var label: String
        public init(x: Double, label: String) { self.x = x; self.label = label }
    }

    public var id: String
    public var xDomain: ClosedRange<Double>
    public var xTicks: [(x: Double, label: String)]
    public var lines: [Line]
    public var bars: Bars?
    public var markers: [Marker]
    /// A horizontal reference line (the target) with its label.
    public var target: (y: Double, label: String)?
    public var valueAxisTitle: String
    public var xAxisTitle: String
    public var label: String
    public var width: Double
    public var plotHeight: Double

    public init(id: String, xDomain: ClosedRange<Double>, xTicks: [(x: Double, label: String)], lines: [Line], bars: Bars? = nil,
                markers: [Marker] = [], target: (y: Double, label: String)? = nil, valueAxisTitle: String, xAxisTitle: String = "",
                label: String = "", width: Double = 680, plotHeight: Double = 200) {
        self.id = id; self.xDomain = xDomain; self.xTicks = xTicks; self.lines = lines; self.bars = bars
        self.markers = markers; self.target = target; self.valueAxisTitle = valueAxisTitle; self.xAxisTitle = xAxisTitle
        self.label = label.isEmpty ? valueAxisTitle : label; self.width = width; self.plotHeight = plotHeight
    }

    static let dash = "6 4"

    public func svg() -> String {
        var defs = ChartDefs(prefix: id)
        var entries: [ChartLegend.Entry] = lines.map { .init(name: $0.name, mark: .line(dash: $0.dashed ? Self.dash : nil, marker: $0.marker)) }
        if let bars { entries.append(.init(name: bars.name, mark: .swatch(bars.fill))) }
        let legend = ChartLegend(entries: entries)
        let legendHeight = legend.height(width: width - 8) + 4
        var maxY = lines.flatMap { $0.points.map(\.y) }.max() ?? 0
        if let bars { maxY = max(maxY, bars.points.map(\.y).max() ?? 0) }
        if let target { maxY = max(maxY, target.y) }
        let scale = ChartScale(maxValue: maxY)
        let tickWidth = scale.ticks.map { ChartLegend.width(SVG.number($0), size: 10) }.max() ?? 10
        let left = max(tickWidth + 10, 28), right = 16.0
        let top = 6 + legendHeight + 20 + (markers.isEmpty ? 0 : 12)
        let plotWidth = width - left - right
        let height = top + plotHeight + (xAxisTitle.isEmpty ? 22 : 38)
        let span = max(1e-9, xDomain.upperBound - xDomain.lowerBound)
        func px(_ x: Double) -> Double { left + (min(max(x, xDomain.lowerBound), xDomain.upperBound) - xDomain.lowerBound) / span * plotWidth }
        func py(_ y: Double) -> Double { top + plotHeight - scale.scale(y, length: plotHeight) }

        var body = legend.draw(x: 4, y: 4, width: width - 8, defs: &defs)
        body += SVG.text(valueAxisTitle, x: 4, y: top - 10 - (markers.isEmpty ? 0 : 12), size: 11)
        for t in scale.ticks {
            body += SVG.line(left, py(t), left + plotWidth, py(t), stroke: t == 0 ? "#222" : "#c8c8c8", width: t == 0 ? 1 : 0.6)
            body += SVG.text(SVG.number(t), x: left - 4, y: py(t) + 3.5, anchor: "end", size: 10)
        }
        body += SVG.line(left, top, left, top + plotHeight)
        for t in xTicks {
            body += SVG.line(px(t.x), top + plotHeight, px(t.x), top + plotHeight + 4)
            body += SVG.text(t.label, x: px(t.x), y: top + plotHeight + 15, anchor: "middle", size: 10)
        }
        if !xAxisTitle.isEmpty {
            body += SVG.text(xAxisTitle, x: left + plotWidth / 2, y: top + plotHeight + 32, anchor: "middle", size: 11)
        }
        if let bars {
            let w = max(1, bars.width / span * plotWidth)
            let fill = defs.use(bars.fill)
            for p in bars.points where p.y > 0 {
                body += SVG.rect(x: px(p.x) - w / 2, y: py(p.y), width: w, height: py(0) - py(p.y), fill: fill, stroke: "#333")
            }
        }
        if let target {
            body += SVG.line(left, py(target.y), left + plotWidth, py(target.y), stroke: "#555", width: 0.8, dash: "2 3")
            body += SVG.text(target.label, x: left + 4, y: py(target.y) - 4, size: 10, fill: "#333")
        }
        for m in markers {
            body += SVG.line(px(m.x), top - 4, px(m.x), top + plotHeight, stroke: "#555", width: 0.8, dash: "1 2")
            let anchor = px(m.x) > left + plotWidth - 40 ? "end" : px(m.x) < left + 40 ? "start" : "middle"
            body += SVG.text(m.label, x: px(m.x), y: top - 7, anchor: anchor, size: 10)
        }
        for line in lines where !line.points.isEmpty {
            let d = line.points.enumerated().map { "\($0.offset == 0 ? "M" : "L")\(SVG.number(px($0.element.x))),\(SVG.number(py($0.element.y)))" }
                .joined(separator: " ")
            body += "<path d=\"\(d)\" fill=\"none\" stroke=\"\(line.stroke)\" stroke-width=\"2\"" + (line.dashed ? " stroke-dasharray=\"\(Self.dash)\"" : "") + "/>"
            if line.marker {
                for p in line.points {
                    body += "<circle cx=\"\(SVG.number(px(p.x)))\" cy=\"\(SVG.number(py(p.y)))\" r=\"2.2\" fill=\"#fff\" stroke=\"\(line.stroke)\" stroke-width=\"1.2\"/>"
                }
            }
        }
        return SVG.open(id: id, width: width, height: height, label: label) + defs.element + body + "</svg>"
    }
}
