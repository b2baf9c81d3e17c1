/// How a bar, a segment or a legend swatch is filled: a colour whose lightness differs from the
/// others, and, for every other fill, a pattern — so that two series can still be told apart
/// on a black-and-white printout.
///
///     ChartFill.series(0)   // dark blue, solid
///     ChartFill.series(1)   // rust diagonal hatching on white
///     ChartFill.alert(.red) // dark red cross-hatching
public struct ChartFill: Hashable, Sendable {
    public enum Pattern: String, Hashable, Sendable {
        case solid, hatch, dots, cross, backHatch = "backhatch"
    }

    public var pattern: Pattern
    /// The ink: the fill for `solid`, the lines or dots otherwise.
    public var ink: String
    /// The paper under a pattern.
    public var paper: String

    public init(_ pattern: Pattern, ink: String, paper: String = "#ffffff") {
        self.pattern = pattern; self.ink = ink; self.paper = paper
    }

    /// The fills of a chart's series, in order. Lightness (in grey): dark, mid hatched, light,
    /// mid dotted, dark cross-hatched, light back-hatched.
    public static let palette: [ChartFill] = [
        ChartFill(.solid, ink: "#1f4e79"),
        ChartFill(.hatch, ink: "#b4461a", paper: "#fbe5d6"),
        ChartFill(.solid, ink: "#a9c6e3"),
        ChartFill(.dots, ink: "#3a3a3a", paper: "#d9d9d9"),
        ChartFill(.cross, ink: "#5b2c6f", paper: "#ffffff"),
        ChartFill(.backHatch, ink: "#6d6d6d", paper: "#f2f2f2"),
    ]

    public static func series(_ i: Int) -> ChartFill { palette[i % palette.count] }

    /// Fills by alert level: light and sparse for blue/yellow, hatched for orange, dark
    /// cross-hatched for red — the order of the levels is the order of the greys.
    public static func alert(level: Int) -> ChartFill {
        switch level {
        case ...1: return ChartFill(.dots, ink: "#2e75b6", paper: "#deebf7")
        case 2: return ChartFill(.dots, ink: "#7f6000", paper: "#fff2b3")
        case 3: return ChartFill(.hatch, ink: "#c55a11", paper: "#fbe0c8")
        default: return ChartFill(.cross, ink: "#ffffff", paper: "#8b1a1a")
        }
    }

    /// What to write in a `fill` attribute, given the pattern id this fill was defined under.
    func reference(_ id: String) -> String { pattern == .solid ? ink : "url(#\(id))" }

    /// The `<pattern>` element (nothing for a solid fill).
    func definition(_ id: String) -> String {
        let head = "<pattern id=\"\(SVG.escape(id))\" patternUnits=\"userSpaceOnUse\" width=\"6\" height=\"6\">"
            + "<rect width=\"6\" height=\"6\" fill=\"\(paper)\"/>"
        switch pattern {
        case .solid:
            return ""
        case .hatch:
            return head + "<path d=\"M-1,1 l2,-2 M0,6 l6,-6 M5,7 l2,-2\" stroke=\"\(ink)\" stroke-width=\"1.4\"/></pattern>"
        case .backHatch:
            return head + "<path d=\"M-1,5 l2,2 M0,0 l6,6 M5,-1 l2,2\" stroke=\"\(ink)\" stroke-width=\"1.2\"/></pattern>"
        case .cross:
            return head + "<path d=\"M-1,1 l2,-2 M0,6 l6,-6 M5,7 l2,-2 M-1,5 l2,2 M0,0 l6,6 M5,-1 l2,2\" stroke=\"\(ink)\" stroke-width=\"1\"/></pattern>"
        case .dots:
            return head + "<circle cx=\"3\" cy=\"3\" r=\"1.3\" fill=\"\(ink)\"/></pattern>"
        }
    }
}

/// The pattern definitions of one chart, with ids prefixed by the chart's id so that several
/// charts can sit in one HTML page.
struct ChartDefs {
    let prefix: String
    private(set) var fills: [ChartFill] = []

    init(prefix: String) { self.prefix = prefix }

    /// The `fill` attribute value for a fill, defining its pattern on first use.
    mutating func use(_ fill: ChartFill) -> String {
        if fill.pattern == .solid { return fill.ink }
        if let i = fills.firstIndex(of: fill) { return fill.reference("\(prefix)-p\(i)") }
        fills.append(fill)
        return fill.reference("\(prefix)-p\(fills.count - 1)")
    }

    /// `<defs>…</defs>`, or nothing when every fill was solid.
    var element: String {
        guard !fills.isEmpty else { return "" }
        return "<defs>" + fills.enumerated().map { $0.element.definition("\(prefix)-p\($0.offset)") }.joined() + "</defs>"
    }
}
