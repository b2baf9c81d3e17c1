import Foundation
import ArgumentParser
import FleetCore
import FleetStore

/// `fleetreg screen …` — classify and flag every vehicle (rules.md §2–3, plan item 5).
struct ScreenCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "screen", abstract: "Classify and flag every vehicle; township lists out, findings back.",
        subcommands: [ScreenRunCommand.self, ScreenListCommand.self, ScreenExportCommand.self])
}

/// `fleetreg screen run [--as-of D]`.
struct ScreenRunCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "run", abstract: "Screen every vehicle as of a date and store the run.")
    @OptionGroup var global: GlobalOptions
    @Option(name: .long, help: "The date (default: today, China Standard Time).") var asOf: String?
    @Flag(name: .long, help: "Screen every plate again, even where the previous run could be built on.") var full = false

    func run() throws {
        let store = try global.openStore()
        let date = try DateArgument.date(asOf)
        let progress: ((Int) -> Void)? = Output.stderrIsTerminal
            ? { n in FileHandle.standardError.write(Data("\r  \(n) …".utf8)) } : nil
        let summary = try store.runScreening(asOf: date, screener: try global.makeScreener(store: store, asOf: date),
                                             operatorName: global.operatorName, full: full, progress: progress)
        if progress != nil && summary.vehicles >= 100_000 { FileHandle.standardError.write(Data("\r".utf8)) }
        if global.format == .json { return try Output.json(summary) }
        print(ScreeningText.summary(summary, lang: global.language))
    }
}

/// `fleetreg screen list [--flag F]… [--township T] [--as-of D]`.
struct ScreenListCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "list", abstract: "The flagged vehicles of the run as of a date.")
    @OptionGroup var global: GlobalOptions
    @Option(name: .long, help: "Only vehicles with this flag (repeatable; all must hold).") var flag: [String] = []
    @Option(name: .long, help: "Only this township (or 未登记 for plates not registered here).") var township: String?
    @Option(name: .long, help: "The date (default: today); a run is made if there is none for it.") var asOf: String?

    func run() throws {
        let store = try global.openStore()
        let date = try DateArgument.date(asOf)
        for f in flag where !Screener.flagOrder.contains(f) {
            throw InputError(zh: "未知标记 \(f)（可用：\(Screener.flagOrder.joined(separator: ", "))）",
                             en: "unknown flag \(f) (one of \(Screener.flagOrder.joined(separator: ", ")))")
        }
        var townshipName: String?
        if let township {
            guard let name = township == ScreeningRunSummary.unregistered ? township : try store.townshipTable().canonicalName(township) else {
                throw InputError(zh: "未知乡镇 \(township)", en: "unknown township \(township)")
            }
            townshipName = name
        }
        let run = try ScreeningRuns.latestOrNew(store: store, global: global, asOf: date)
        let vehicles = try store.screeningResults(run: run.run, flags: flag, township: townshipName)
        switch global.format {
        case .json:
            struct Out: Encodable { var as_of: String; var run: Int64; var vehicles: [ScreenedVehicle] }
            try Output.json(Out(as_of: run.asOf, run: run.run, vehicles: vehicles))
        case .csv:
            print(CSVFormat.line(["plate", "township", "usage", "flags", "on_list", "item_id"]), terminator: "")
            for v in vehicles {
                print(CSVFormat.line([v.plate, v.township, v.usage ?? "", v.flags.joined(separator: "|"), v.onList ? "1" : "0", v.itemID ?? ""]),
                      terminator: "")
            }
        case .text:
            let zh = global.language == .zh
            print(zh ? "筛查（截至\(run.asOf)，第\(run.run)次）：\(vehicles.count)辆" : "Screening as of \(run.asOf) (run \(run.run)): \(vehicles.count) vehicles")
            for v in vehicles {
                print("  \(v.plate)  \(v.township)  \(v.usage ?? "-")  \(v.flags.joined(separator: ","))\(v.itemID.map { "  " + $0 } ?? "")")
            }
        }
    }
}

/// `fleetreg screen export --out DIR [--as-of D] [--xlsx]`.
struct ScreenExportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "export", abstract: "One investigation list per township, plus a summary.")
    @OptionGroup var global: GlobalOptions
    @Option(name: .long, help: "The folder to write into.") var out: String
    @Option(name: .long, help: "The date (default: today); a run is made if there is none for it.") var asOf: String?
    @Flag(name: .long, help: "Write XLSX instead of CSV.") var xlsx = false

    func run() throws {
        let store = try global.openStore()
        let date = try DateArgument.date(asOf)
        let run = try ScreeningRuns.latestOrNew(store: store, global: global, asOf: date)
        let files = try ScreeningExportRunner.export(store: store, global: global, run: run, out: out, xlsx: xlsx)
        if global.format == .json {
            struct Out: Encodable { var as_of: String; var run: Int64; var files: [String] }
            return try Output.json(Out(as_of: run.asOf, run: run.run, files: files))
        }
        for f in files { print(f) }
    }
}
