/// A bar chart as SVG text: categories with one bar per series side by side (grouped) or one
/// bar of stacked series; horizontal (categories down the left: township and enterprise names
/// stay readable) or vertical (days along the bottom).
///
///     let chart = BarChart(id: "towns", categories: ["白寨镇", "超化镇"],
///                          series: [.init(name: "已淘汰", values: [3, 1]), .init(name: "尚未淘汰", values: [10, 4])],
///                          layout: .stacked, orientation: .horizontal, valueAxisTitle: "车辆数（辆）")
///     chart.svg()   // "<svg …>…</svg>"
///
/// The output depends on the input only: fixed number formatting, ids from `id`.
public struct BarChart: Sendable {
    public enum Layout: Sendable { case stacked, grouped }
    public enum Orientation: Sendable { case horizontal, vertical }

    public struct Series: Sendable {
        public var name: String
        public var values: [Double]
        /// nil: the palette's fill for the series' position.
        public var fill: ChartFill?
        public init(name: String, values: [Double], fill: ChartFill? = nil) {
            self.name = name; self.values = values; self.fill = fill
        }
    }

    public var id: String
    public var categories: [String]
    public var series: [Series]
    public var layout: Layout
    public var orientation: Orientation
    /// What the values are, with the unit: `车辆数（辆）`.
    public var valueAxisTitle: String
    /// For screen readers and the SVG's `aria-label`.
    public var label: String
    public var width: Double
    /// The plot's height for a vertical chart (a horizontal one grows with its categories).
    public var plotHeight: Double
    /// Write each bar's value (grouped) or each stack's total (stacked) beside it.
    public var showValues: Bool

    public init(id: String, categories: [String], series: [Series], layout: Layout, orientation: Orientation,
                valueAxisTitle: String, label: String = "", width: Double = 680, plotHeight: Double = 180,
                showValues: Bool = true) {
        self.id = id; self.categories = categories; self.series = series; self.layout = layout
        self.orientation = orientation; self.valueAxisTitle = valueAxisTitle; self.label = label.isEmpty ? valueAxisTitle : label
        self.width = width; self.plotHeight = plotHeight; self.showValues = showValues
    }

    func value(_ s: Int, _ c: Int) -> Double {
        c < series[s].values.count ? max(0, series[s].values[c]) : 0
    }

    var maxValue: Double {
        var m = 0.0
        for c in categories.indices {
            switch layout {
            case .stacked: m = max(m, series.indices.reduce(0) { $0 + value($1, c) })
            case .grouped: for s in series.indices { m = max(m, value(s, c)) }
            }
        }
        return m
    }

    func fill(_ s: Int) -> ChartFill { series[s].fill ?? ChartFill.series(s) }

    public func svg() -> String {
        orientation == .horizontal ? horizontal() : vertical()
    }

    // MARK: Horizontal

    private func horizontal() -> String {
        let font = 11.0
        var defs = ChartDefs(prefix: id)
        let legend = ChartLegend(entries: series.indices.map { .init(name: series[$0].name, mark: .swatch(fill($0))) })
        let labelWidth = min(width * 0.4, (categories.map { ChartLegend.width($0, size: font) }.max() ?? 0) + 10)
        let left = labelWidth + 4, right = 44.0
        let plotWidth = width - left - right
        let legendHeight = series.count > 1 ? legend.height(width: width - 8) + 4 : 0
        let top = 6 + legendHeight
        let barHeight = 12.0
        let rowHeight = layout == .stacked || series.count == 1 ? 20.0 : Double(series.count) * 10 + 8
        let plotHeight = max(rowHeight, Double(categories.count) * rowHeight)
        let height = top + plotHeight + 40
        let scale = ChartScale(maxValue: maxValue)

        var body = ""
        // Grid and ticks.
        for t in scale.ticks {
            let x = left + scale.scale(t, length: plotWidth)
            body += SVG.line(x, top, x, top + plotHeight, stroke: t == 0 ? "#222" : "#c8c8c8", width: t == 0 ? 1 : 0.6)
            body += SVG.text(SVG.number(t), x: x, y: top + plotHeight + 13, anchor: "middle", size: 10)
        }
        body += SVG.text(valueAxisTitle, x: left + plotWidth / 2, y: top + plotHeight + 30, anchor: "middle", size: font)
        for (c, name) in categories.enumerated() {
            let rowTop = top + Double(c) * rowHeight
            body += SVG.text(name, x: labelWidth, y: rowTop + rowHeight / 2 + 4, anchor: "end", size: font)
            switch layout {
            case .stacked:
                var x = left
                let y = rowTop + (rowHeight - barHeight) / 2
                for s in series.indices {
                    let w = scale.scale(value(s, c), length: plotWidth)
                    if w > 0 { body += SVG.rect(x: x, y: y, width: w, height: barHeight, fill: defs.use(fill(s)), stroke: "#333") }
                    x += w
                }
                let total = series.indices.reduce(0) { $0 + value($1, c) }
                if showValues { body += SVG.text(SVG.number(total), x: x + 4, y: y + barHeight - 2, size: 10) }
            case .grouped:
                let h = series.count == 1 ? barHeight : 9.0
                for s in series.indices {
                    let y = rowTop + 4 + Double(s) * (series.count == 1 ? 0 : 10) + (series.count == 1 ? (rowHeight - 8 - h) / 2 : 0)
                    let w = scale.scale(value(s, c), length: plotWidth)
                    if w > 0 { body += SVG.rect(x: left, y: y, width: w, height: h, fill: defs.use(fill(s)), stroke: "#333") }
                    if showValues && value(s, c) > 0 { body += SVG.text(SVG.number(value(s, c)), x: left + w + 3, y: y + h - 1, size: 9) }
                }
            }
        }
        if series.count > 1 { body = legend.draw(x: 4, y: 4, width: width - 8, defs: &defs) + body }
        return SVG.open(id: id, width: width, height: height, label: label) + defs.element + body + "</svg>"
    }

    // MARK: Vertical

    private func vertical() -> String {
        let font = 11.0
        var defs = ChartDefs(prefix: id)
        let legend = ChartLegend(entries: series.indices.map { .init(name: series[$0].name, mark: .swatch(fill($0))) })
        let legendHeight = series.count > 1 ? legend.height(width: width - 8) + 4 : 0
        let scale = ChartScale(maxValue: maxValue)
        let tickWidth = (scale.ticks.map { ChartLegend.width(SVG.number($0), size: 10) }.max() ?? 10)
        let left = max(tickWidth + 10, 28), right = 8.0
        let top = 6 + legendHeight + 22
        let plotWidth = width - left - right
        let height = top + plotHeight + 24
        let slot = plotWidth / Double(max(1, categories.count))

        var body = SVG.text(valueAxisTitle, x: 4, y: top - 11, size: font)
        for t in scale.ticks {
            let y = top + plotHeight - scale.scale(t, length: plotHeight)
            body += SVG.line(left, y, left + plotWidth, y, stroke: t == 0 ? "#222" : "#c8c8c8", width: t == 0 ? 1 : 0.6)
            body += SVG.text(SVG.number(t), x: left - 4, y: y + 3.5, anchor: "end", size: 10)
        }
        for (c, name) in categories.enumerated() {
            let slotLeft = left + Double(c) * slot
            body += SVG.text(name, x: slotLeft + slot / 2, y: top + plotHeight + 15, anchor: "middle", size: font)
            switch layout {
            case .stacked:
                let w = min(36, slot * 0.6)
                var y = top + plotHeight
                for s in series.indices {
                    let h = scale.scale(value(s, c), length: plotHeight)
                    if h > 0 { body += SVG.rect(x: slotLeft + (slot - w) / 2, y: y - h, width: w, height: h, fill: defs.use(fill(s)), stroke: "#333") }
                    y -= h
                }
                let total = series.indices.reduce(0) { $0 + value($1, c) }
                if showValues { body += SVG.text(SVG.number(total), x: slotLeft + slot / 2, y: y - 3, anchor: "middle", size: 9) }
            case .grouped:
                let w = min(18, slot * 0.8 / Double(max(1, series.count)))
                let groupLeft = slotLeft + (slot - w * Double(series.count)) / 2
                for s in series.indices {
                    let h = scale.scale(value(s, c), length: plotHeight)
                    let x = groupLeft + Double(s) * w
                    if h > 0 { body += SVG.rect(x: x, y: top + plotHeight - h, width: w, height: h, fill: defs.use(fill(s)), stroke: "#333") }
                    if showValues && value(s, c) > 0 {
                        body += SVG.text(SVG.number(value(s, c)), x: x + w / 2, y: top + plotHeight - h - 3, anchor: "middle", size: 9)
                    }
                }
            }
        }
        if series.count > 1 { body = legend.draw(x: 4, y: 4, width: width - 8, defs: &defs) + body }
        return SVG.open(id: id, width: width, height: height, label: label) + defs.element + body + "</svg>"
    }
}
