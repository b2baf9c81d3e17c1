import ArgumentParser
import Foundation
import FleetCore
import FleetStore

/// `fleetreg permit …` — city-entry permits for heavy vehicles (rules.md §4, plan item 8).
struct PermitCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "permit", abstract: "City-entry permits: decide, issue, revoke, recheck.",
        subcommands: [PermitCheckCommand.self, PermitIssueCommand.self, PermitBatchCommand.self, PermitRevokeCommand.self,
                      PermitListCommand.self, PermitShowCommand.self, PermitRecheckCommand.self])
}

/// The application as typed at the desk.
struct PermitApplicationOptions: ParsableArguments {
    @Argument(help: "The plate (full-width, lower case and spaces are accepted).") var plate: String
    @Option(name: .long, help: "freight (default), muck, bulk, sanitation or other.") var purpose: String = "freight"
    @Option(name: .long, help: "For purpose bulk: the key enterprise's id.") var enterprise: String?
    @Option(name: .long, help: "First day of the period (default: the as-of date).") var from: String?
    @Option(name: .long, help: "Last day of the period (default: the first day).") var to: String?
    @Option(name: .long, help: "Decide as of this date (default: today, China Standard Time).") var asOf: String?

    func application() throws -> (PermitApplication, CivilDate) {
        let asOfDate = try DateArgument.date(asOf)
        guard let p = PermitPurpose.parse(purpose) else {
            throw InputError(zh: "未知用途 \(purpose)（freight、muck、bulk、sanitation、other）",
                             en: "unknown purpose \(purpose) (freight, muck, bulk, sanitation, other)")
        }
        let fromDate = try from.map { try DateArgument.date($0) } ?? asOfDate
        let toDate = try to.map { try DateArgument.date($0) } ?? fromDate
        guard fromDate <= toDate else {
            throw InputError(zh: "通行期的结束日早于开始日", en: "the period ends before it starts (--to before --from)")
        }
        if p == .bulk && enterprise == nil {
            throw InputError(zh: "用途为bulk时须用 --enterprise 指明企业", en: "purpose bulk needs --enterprise E")
        }
        let plateText = Plate.normalize(plate)
        guard (try? Plate.parse(plateText)) != nil else {
            throw InputError(zh: "号牌格式无效：\(plate)", en: "not a valid plate: \(plate)")
        }
        return (PermitApplication(plate: plateText, purpose: p, enterpriseID: enterprise, from: fromDate, to: toDate), asOfDate)
    }
}

extension GlobalOptions {
    /// The enterprise an application names; an unknown id is bad input.
    func enterprise(_ id: String?, store: FleetStore) throws -> EnterpriseInfo? {
        guard let id else { return nil }
        guard let e = try store.enterprise(id: id) else {
            throw InputError(zh: "重点用车企业中无编号 \(id)", en: "no key enterprise with id \(id)")
        }
        return e
    }
}

/// `fleetreg permit check PLATE …` — decide; nothing recorded.
struct PermitCheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "check", abstract: "Decide a permit application; record nothing.")
    @OptionGroup var global: GlobalOptions
    @OptionGroup var app: PermitApplicationOptions

    func run() throws {
        let (application, asOf) = try app.application()
        let store = try global.openStore()
        let enterprise = try global.enterprise(application.enterpriseID, store: store)
        let rules = PermitRules(screener: try global.makeScreener(store: store, asOf: asOf))
        let decision = rules.decide(try store.facts(plate: application.plate), application: application, enterprise: enterprise, asOf: asOf)
        let report = DecisionReport(decision: decision, lang: global.language, context: PermitText.context(application))
        try report.print(format: global.format)
        if report.status != .ok { throw Reported(status: report.status) }
    }
}

/// `fleetreg permit issue PLATE …` — decide and record; an allowed one gets a number.
struct PermitIssueCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "issue", abstract: "Decide and record; an allowed application gets a permit number.")
    @OptionGroup var global: GlobalOptions
    @OptionGroup var app: PermitApplicationOptions
    @Option(name: .long, help: "The zone the permit covers.") var zone: String?
    @Option(name: .long, help: "The route.") var route: String?
    @Option(name: .long, help: "Hours, HH:MM-HH:MM.") var hours: String?
    @Option(name: .long, help: "The applicant.") var applicant: String?
    @Option(name: .long, help: "The officer (default: $USER).") var `operator`: String?

    func run() throws {
        let (application, asOf) = try app.application()
        if let hours, !PermitText.validHours(hours) {
            throw InputError(zh: "时段应为HH:MM-HH:MM：\(hours)", en: "hours must be HH:MM-HH:MM: \(hours)")
        }
        let store = try global.openStore()
        _ = try global.enterprise(application.enterpriseID, store: store)
        let rules = PermitRules(screener: try global.makeScreener(store: store, asOf: asOf))
        let details = PermitDetails(zone: zone, route: route, hours: hours, applicant: applicant,
                                    operatorName: self.operator ?? global.operatorName)
        let (decision, number) = try store.issuePermit(application, details: details, rules: rules, asOf: asOf, now: DateArgument.now())
        let report = DecisionReport(decision: decision, lang: global.language, permitNumber: number, context: PermitText.context(application))
        try report.print(format: global.format)
        if report.status != .ok { throw Reported(status: report.status) }
    }
}
