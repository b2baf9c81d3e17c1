/// The legend row(s) at the top of a chart, and the text measure every chart lays out with.
struct ChartLegend {
    struct Entry {
        enum Mark { case swatch(ChartFill), line(dash: String?, marker: Bool) }
        var name: String
        var mark: Mark
    }

    var entries: [Entry]
    var fontSize: Double = 11

    /// An estimate of a text's width: a CJK character is one em, others about 0.6 em. Good
    /// enough to lay out labels without a font (the report fetches none).
    static func width(_ s: String, size: Double) -> Double {
        s.unicodeScalars.reduce(0.0) { w, c in w + (c.value >= 0x2E80 ? 1.0 : (c.value == 32 ? 0.32 : 0.6)) } * size
    }

    /// The legend's height when laid out in `width`.
    func height(width: Double) -> Double { Double(rows(width: width).count) * (fontSize + 7) }

    private func rows(width: Double) -> [[(Entry, Double)]] {
        var rows: [[(Entry, Double)]] = [[]]
        var x = 0.0
        for e in entries {
            let w = 22 + Self.width(e.name, size: fontSize) + 14
            if x + w > width && !rows[rows.count - 1].isEmpty { rows.append([]); x = 0 }
            rows[rows.count - 1].append((e, x))
            x += w
        }
        return entries.isEmpty ? [] : rows
    }

    /// The legend's elements, from (x, y) — y is the top of the first row.
    func draw(x: Double, y: Double, width: Double, defs: inout ChartDefs) -> String {
        var out = ""
        for (r, row) in rows(width: width).enumerated() {
            let top = y + Double(r) * (fontSize + 7)
            for (e, dx) in row {
                let left = x + dx
                switch e.mark {
                case .swatch(let fill):
                    out += SVG.rect(x: left, y: top + 1, width: 16, height: fontSize - 1, fill: defs.use(fill), stroke: "#333")
                case .line(let dash, let marker):
                    out += SVG.line(left, top + fontSize / 2 + 0.5, left + 16, top + fontSize / 2 + 0.5, width: 2, dash: dash)
                    if marker {
                        out += "<circle cx=\"\(SVG.number(left + 8))\" cy=\"\(SVG.number(top + fontSize / 2 + 0.5))\" r=\"2.5\" fill=\"#fff\" stroke=\"#222\" stroke-width=\"1.2\"/>"
                    }
                }
                out += SVG.text(e.name, x: left + 21, y: top + fontSize - 0.5, size: fontSize)
            }
        }
        return out
    }
}
