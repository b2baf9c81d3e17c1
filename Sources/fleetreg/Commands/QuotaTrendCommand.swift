import ArgumentParser
import FleetCore
import FleetStore

/// `fleetreg quota trend [--as-of D]` — eliminations per week beside the straight line to the target.
struct QuotaTrendCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "trend",
        abstract: "Eliminated per week from the baseline to the as-of date, beside the straight line to the target.")

    @OptionGroup var global: GlobalOptions
    @Option(name: .long, help: "As of this date (default: today, China Standard Time).") var asOf: String?
    @Option(name: .long, help: "Also write the weeks to this CSV file (UTF-8 with BOM).") var out: String?

    struct Week: Encodable { var week: Int; var from: String; var to: String; var eliminated: Int; var cumulative: Int; var planned: Double }
    struct JSON: Encodable {
        var asOf: String; var target: Int; var baseline: String; var deadline: String; var weeks: [Week]
        enum CodingKeys: String, CodingKey { case asOf = "as_of", target, baseline, deadline, weeks }
    }

    static let csvHeader = ["周次", "起", "止", "本周淘汰", "累计淘汰", "计划累计"]

    func run() throws {
        let policy = try global.loadPolicy()
        let day = try DateArgument.date(asOf)
        let data = try QuotaStatusReport.load(store: try global.openStore(), policy: policy, asOf: day)
        let settings = data.status.settings
        let weeks = QuotaTrend.weeks(eliminatedByDay: data.tally.eliminatedByDay, settings: settings, asOf: day)
        func plain(_ d: Double) -> String { d == d.rounded() ? String(Int(d)) : String(d) }
        let rows = weeks.map { ["\($0.number)", "\($0.from)", "\($0.to)", "\($0.eliminated)", "\($0.cumulative)", plain($0.planned)] }
        if let out {
            do {
                let w = try TextFileWriter(path: out, bom: true)
                for r in [Self.csvHeader] + rows { w.write(CSVFormat.line(r)) }
                try w.close()
            } catch {
                throw InputError(Reason.unwritable(out))
            }
        }
        switch global.format {
        case .json:
            try Output.json(JSON(asOf: day.description, target: settings.target, baseline: settings.baseline.description,
                                 deadline: settings.deadline.description,
                                 weeks: weeks.map { Week(week: $0.number, from: $0.from.description, to: $0.to.description,
                                                         eliminated: $0.eliminated, cumulative: $0.cumulative, planned: $0.planned) }))
        case .csv:
            print(([Self.csvHeader] + rows).map(CSVFormat.line).joined(), terminator: "")
        case .text:
            let zh = global.language == .zh
            print(zh ? "每周淘汰进度（基准日 \(settings.baseline) 至 \(day)，目标 \(settings.target) 辆，期限 \(settings.deadline)）"
                     : "Eliminated per week (\(settings.baseline) to \(day); target \(settings.target) by \(settings.deadline))")
            let head = zh ? ["周次", "起", "止", "本周", "累计", "计划"] : ["week", "from", "to", "eliminated", "cumulative", "planned"]
            for line in TextColumns.format([head] + rows, left: 3) { print("  " + line) }
            if let out { print(zh ? "已写入 \(out)" : "Written to \(out)") }
        }
    }
}
