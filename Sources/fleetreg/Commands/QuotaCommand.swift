import ArgumentParser
import Foundation
import FleetCore
import FleetStore

/// `fleetreg quota …` — the scrapping quota (淘汰任务, rules.md §6, plan item 2).
struct QuotaCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "quota", abstract: "The scrapping quota for China III-and-older operating diesel trucks (淘汰任务).",
        subcommands: [QuotaSetCommand.self, QuotaStatusCommand.self, QuotaTrendCommand.self, QuotaCandidatesCommand.self])
}

/// `fleetreg quota set --target N [--baseline D] [--deadline D]` — record the quota.
struct QuotaSetCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "set", abstract: "Record the quota: a target, a baseline and a deadline (earlier settings are kept).")

    @OptionGroup var global: GlobalOptions
    @Option(name: .long, help: "How many vehicles must be eliminated (目标数, 1 or more).") var target: Int
    @Option(name: .long, help: "Eliminations count from this date (default: the policy's, 2020-01-01).") var baseline: String?
    @Option(name: .long, help: "The deadline (default: the policy's, 2020-12-31).") var deadline: String?
    @Option(name: .long, help: "Who sets it (default: $USER).") var `operator`: String?

    struct JSON: Encodable {
        var id: Int64; var target: Int; var baseline: String; var deadline: String; var recordedAt: String
        var `operator`: String; var policyVersion: String
        enum CodingKeys: String, CodingKey {
            case id, target, baseline, deadline, recordedAt = "recorded_at", `operator`, policyVersion = "policy_version"
        }
    }

    func run() throws {
        let policy = try global.loadPolicy()
        let settings: QuotaSettings
        do {
            settings = try QuotaSettings.validated(target: target, baseline: try baseline.map { try DateArgument.date($0) },
                                                   deadline: try deadline.map { try DateArgument.date($0) }, policy: policy)
        } catch let p as QuotaSettings.Problem {
            throw InputError(p.message)
        }
        let store = try global.openStore()
        let who = self.operator ?? ProcessInfo.processInfo.environment["USER"] ?? "unknown"
        let now = CivilDateTime(unixTime: Date().timeIntervalSince1970)
        let r = try store.recordQuotaSettings(settings, operator: who, at: now, policyVersion: policy.version)
        if global.format == .json {
            return try Output.json(JSON(id: r.id, target: r.target, baseline: r.baseline, deadline: r.deadline,
                                        recordedAt: r.recordedAt, operator: r.operator, policyVersion: r.policyVersion))
        }
        print(global.language == .zh
              ? "已记录淘汰任务（第\(r.id)次设定）：目标 \(r.target) 辆，基准日 \(r.baseline)，完成期限 \(r.deadline)；\(r.recordedAt) 由\(r.operator)设定。"
              : "Quota recorded (setting \(r.id)): target \(r.target), baseline \(r.baseline), deadline \(r.deadline); set \(r.recordedAt) by \(r.operator).")
    }
}

/// `fleetreg quota status [--as-of D]` — how far the city and each township are from the target.
struct QuotaStatusCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "status", abstract: "Target, population, eliminated, remaining, days left and the weekly pace needed, per township.")

    @OptionGroup var global: GlobalOptions
    @Option(name: .long, help: "As of this date (default: today, China Standard Time).") var asOf: String?

    func run() throws {
        let policy = try global.loadPolicy()
        let day = try DateArgument.date(asOf)
        let store = try global.openStore()
        let data = try QuotaStatusReport.load(store: store, policy: policy, asOf: day)
        let report = QuotaStatusReport(data: data, policy: policy, townships: try store.townshipTable())
        if global.format == .json { return try Output.json(report.json) }
        print(report.text(global.language))
    }
}
