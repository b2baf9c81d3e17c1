import ArgumentParser
import Foundation
import FleetCore
import FleetStore
import FleetReports

/// `fleetreg report …` — the city environment office's reports (plan 二(三)).
struct ReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report", abstract: "The weekly dispatch report 每周调度专报 (plan 二(三)).",
        subcommands: [ReportWeeklyCommand.self])
}

/// `fleetreg report weekly [--as-of D] --out FILE.html [--format json] [--lang zh|en]`.
struct ReportWeeklyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "weekly",
        abstract: "The week ending on the as-of date as one self-contained HTML page (charts inline, prints on A4); --format json gives the figures.")

    @OptionGroup var global: GlobalOptions
    @Option(name: .long, help: "The week's last day (default: today, China Standard Time).") var asOf: String?
    @Option(name: .long, help: "The HTML file to write (required unless --format json).") var out: String?

    func validate() throws {
        if out == nil && global.format != .json {
            throw ValidationError(global.language == .zh ? "需要 --out FILE.html（或 --format json）" : "--out FILE.html is required (or --format json)")
        }
        if global.format == .csv {
            throw ValidationError(global.language == .zh ? "周报没有CSV格式（text 或 json）" : "the weekly report has no CSV form (text or json)")
        }
    }

    func run() throws {
        let day = try DateArgument.date(asOf)
        let policy = try global.loadPolicy()
        let store = try global.openStore()
        let figures = try WeeklyFigures.gather(store: store, policy: policy, screener: try global.makeScreener(store: store, asOf: day),
                                               asOf: day, operatorName: global.operatorName)
        if let out {
            try Self.write(WeeklyReportHTML(figures: figures, policy: policy, lang: global.language).render(), to: out)
        }
        if global.format == .json { return try Output.json(figures) }
        let zh = global.language == .zh
        let behind = figures.planItems.filter { $0.status == .behind }.map { String($0.item) }
        print(zh ? "每周调度专报（\(figures.week.from) 至 \(figures.week.to)）：\(out ?? "")"
                 : "Weekly dispatch report (\(figures.week.from) to \(figures.week.to)): \(out ?? "")")
        print(zh ? "  滞后事项：" + (behind.isEmpty ? "无" : "第" + behind.joined(separator: "、") + "项")
                 : "  behind: " + (behind.isEmpty ? "none" : "item " + behind.joined(separator: ", ")))
    }

    /// Writes the page (UTF-8, no BOM); an unwritable path is bad input.
    static func write(_ html: String, to path: String) throws {
        do {
            try Data(html.utf8).write(to: URL(fileURLWithPath: path), options: .atomic)
        } catch {
            throw InputError(Reason.unwritable(path))
        }
    }
}
