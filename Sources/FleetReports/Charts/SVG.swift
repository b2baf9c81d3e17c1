/// Small helpers for writing SVG as text: escaping, fixed number formatting, elements.
///
/// Everything the chart kit writes goes through `SVG.number`, so the same data always gives the
/// same bytes (no locale, no floating-point noise), and through `SVG.escape`, so a township or
/// enterprise name can never break the markup.
///
///     SVG.number(12.25)    // "12.3"
///     SVG.number(40)       // "40"
///     SVG.escape("A&B<C>") // "A&amp;B&lt;C&gt;"
public enum SVG {
    /// A coordinate or value with at most one decimal, rounded half away from zero, no trailing
    /// ".0", no "-0".
    public static func number(_ x: Double) -> String {
        guard x.isFinite else { return "0" }
        let tenths = Int((x * 10).rounded())
        if tenths == 0 { return "0" }
        let sign = tenths < 0 ? "-" : ""
        let a = abs(tenths)
        return a % 10 == 0 ? "\(sign)\(a / 10)" : "\(sign)\(a / 10).\(a % 10)"
    }

    /// Text for XML content and attribute values.
    public static func escape(_ s: String) -> String {
        var out = ""
        out.reserveCapacity(s.utf8.count)
        for c in s.unicodeScalars {
            switch c {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default:
                // XML 1.0 forbids most control characters, even escaped.
                if (c.value < 0x20 && c != "\n" && c != "\t") || c.value == 0xFFFE || c.value == 0xFFFF { continue }
                out.unicodeScalars.append(c)
            }
        }
        return out
    }

    /// The font stack of every chart (and the report): CJK system fonts first, nothing fetched.
    public static let fontFamily = "'Noto Sans CJK SC','Source Han Sans SC','Microsoft YaHei','PingFang SC','WenQuanYi Micro Hei',sans-serif"

    /// `<text>` at (x, y).
    static func text(_ s: String, x: Double, y: Double, anchor: String = "start", size: Double = 11,
                     weight: String? = nil, fill: String = "#222", baseline: String? = nil) -> String {
        var a = "<text x=\"\(number(x))\" y=\"\(number(y))\" font-size=\"\(number(size))\""
        if anchor != "start" { a += " text-anchor=\"\(anchor)\"" }
        if let weight { a += " font-weight=\"\(weight)\"" }
        if let baseline { a += " dominant-baseline=\"\(baseline)\"" }
        if fill != "#222" { a += " fill=\"\(fill)\"" }
        return a + ">\(escape(s))</text>"
    }

    static func line(_ x1: Double, _ y1: Double, _ x2: Double, _ y2: Double, stroke: String = "#222",
                     width: Double = 1, dash: String? = nil) -> String {
        "<line x1=\"\(number(x1))\" y1=\"\(number(y1))\" x2=\"\(number(x2))\" y2=\"\(number(y2))\" stroke=\"\(stroke)\""
            + " stroke-width=\"\(number(width))\"" + (dash.map { " stroke-dasharray=\"\($0)\"" } ?? "") + "/>"
    }

    static func rect(x: Double, y: Double, width: Double, height: Double, fill: String, stroke: String? = nil) -> String {
        "<rect x=\"\(number(x))\" y=\"\(number(y))\" width=\"\(number(max(0, width)))\" height=\"\(number(max(0, height)))\" fill=\"\(fill)\""
            + (stroke.map { " stroke=\"\($0)\" stroke-width=\"0.6\"" } ?? "") + "/>"
    }

    /// The opening `<svg>` tag: a view box, a width that scales to its container, the font.
    static func open(id: String, width: Double, height: Double, label: String) -> String {
        "<svg xmlns=\"http://www.w3.org/2000/svg\" id=\"\(escape(id))\" class=\"chart\" viewBox=\"0 0 \(number(width)) \(number(height))\""
            + " width=\"\(number(width))\" height=\"\(number(height))\" role=\"img\" aria-label=\"\(escape(label))\""
            + " font-family=\"\(fontFamily)\">"
    }
}
