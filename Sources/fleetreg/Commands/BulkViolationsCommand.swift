import ArgumentParser
import Foundation
import FleetCore
import FleetStore
import FleetReports

/// `fleetreg bulk violations --from T --to T` — every `进` row of the gate log that the gate rules
/// deny (violations), the rows they refer (unverified) apart, and the counts per enterprise and
/// per day (rules.md §5, §7.12). Both bounds are included; a date alone means its first second
/// for --from and its last for --to.
struct BulkViolationsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "violations", abstract: "Every gate-log entry the rules deny, and the unverified ones, with counts per enterprise and day.")
    @OptionGroup var global: GlobalOptions
    @Option(name: .long, help: "From this moment or date (included).") var from: String
    @Option(name: .long, help: "To this moment or date (included; a date means its end).") var to: String

    func run() throws {
        let start = try DateTimeArgument.moment(from, option: "--from", plainDate: .startOfDay)
        let end = try DateTimeArgument.moment(to, option: "--to", plainDate: .endOfDay)
        guard start <= end else {
            throw InputError(zh: "--to 早于 --from", en: "--to is before --from")
        }
        let policy = try global.loadPolicy()
        let store = try global.openStore()
        let format: GateViolationsReport.Format = global.format == .json ? .json : global.format == .csv ? .csv : .text
        let report = try GateViolationsReport(from: start, to: end, format: format, lang: global.language, policy: policy)
        let totals = try store.scanGateLog(from: start, to: end, rules: BulkRules(policy: policy), timeline: try store.alertTimeline()) {
            try report.add($0)
        }
        try report.finish(totals)
    }
}
