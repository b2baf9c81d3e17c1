import ArgumentParser
import Foundation
import FleetCore
import FleetStore

/// `fleetreg bulk …` — key bulk-material enterprises' gates (重点用车企业, rules.md §5, plan item 7).
struct BulkCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bulk", abstract: "Key bulk-material enterprises: judge a gate passage, check the gate log, list the filed fleet.",
        subcommands: [BulkCheckCommand.self, BulkViolationsCommand.self, BulkFleetCommand.self])
}

extension GlobalOptions {
    /// A key enterprise by id (spaces trimmed); an unknown id is bad input (exit 2).
    func keyEnterprise(_ id: String, store: FleetStore) throws -> EnterpriseInfo {
        guard let e = try store.enterprise(id: id.trimmingSpaces) else {
            throw InputError(zh: "重点用车企业中无编号 \(id)（先导入 enterprises）", en: "no key enterprise with id \(id) (import enterprises first)")
        }
        return e
    }
}

/// `fleetreg bulk check PLATE --enterprise E --at T` — may this truck pass this gate at T?
/// The receipt of the permit desk; exit 0 allow, 1 deny, 3 refer.
struct BulkCheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check", abstract: "Judge one passage at a key enterprise's gate (exit 0 allow, 1 deny, 3 refer).")
    @OptionGroup var global: GlobalOptions
    @Argument(help: "The plate (full-width, lower case and spaces are accepted).") var plate: String
    @Option(name: .long, help: "The key enterprise's id (企业编号).") var enterprise: String
    @Option(name: .long, help: "The moment at the gate (default: now, China Standard Time).") var at: String?

    func run() throws {
        let moment = try DateTimeArgument.moment(at, option: "--at")
        let plateText = Plate.normalize(plate)
        guard (try? Plate.parse(plateText)) != nil else {
            throw InputError(zh: "号牌格式无效：\(plate)", en: "not a valid plate: \(plate)")
        }
        let store = try global.openStore()
        let e = try global.keyEnterprise(enterprise, store: store)
        let screener = try global.makeScreener(store: store, asOf: moment.date)
        let level = try store.alertTimeline().level(at: moment)
        let facts = try store.facts(plate: plateText)
        var decision = BulkRules(policy: screener.policy).judge(facts, enterprise: e, at: moment, alertLevel: level)
        decision.usage = screener.screen(facts, asOf: moment.date).usage
        let zh = global.language == .zh
        let report = DecisionReport(decision: decision, lang: global.language, context: [
            "at": moment.description,
            "enterprise": "\(e.id) \(e.name)",
            "enterprise_township": e.township,
            "in_built_up_area": e.inBuiltUpArea ? (zh ? "是" : "yes") : (zh ? "否" : "no"),
            "alert_level": level?.description ?? "none",
        ])
        try report.print(format: global.format)
        if report.status != .ok { throw Reported(status: report.status) }
    }
}

/// `fleetreg bulk fleet --enterprise E [--at T]` — the trucks filed at an enterprise and whether
/// the gate rules ban them there: always, during alerts, to verify, or not.
struct BulkFleetCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "fleet", abstract: "The trucks filed in use at an enterprise: banned there always, during alerts, to verify, or not.")
    @OptionGroup var global: GlobalOptions
    @Option(name: .long, help: "The key enterprise's id (企业编号).") var enterprise: String
    @Option(name: .long, help: "As of this moment, or a date (its end) (default: now).") var at: String?

    struct Truck: Encodable {
        var plate: String; var ban: String
        @NullEncodable var emissionStage: String?
        @NullEncodable var emissionTier: String?
        @NullEncodable var fuel: String?
        var reasons: [String]
        enum CodingKeys: String, CodingKey {
            case plate, ban, emissionStage = "emission_stage", emissionTier = "emission_tier", fuel, reasons
        }
    }

    func run() throws {
        let moment = try DateTimeArgument.moment(at, option: "--at", plainDate: .endOfDay)
        let store = try global.openStore()
        let e = try global.keyEnterprise(enterprise, store: store)
        let rules = BulkRules(policy: try global.loadPolicy())
        let fleet = BulkFleet(rules: rules)
        let all = try store.fetchFiledFleet(enterpriseID: e.id).map { BulkVehicle($0, inference: rules.inference) }
        let filed = all.filter { $0.isFiled(at: e.id, on: moment.date) }
        let trucks = filed.map { v -> Truck in
            let entry = fleet.assess(v, enterprise: e, at: moment)
            return Truck(plate: v.plate, ban: entry.ban.rawValue, emissionStage: v.emission?.code, emissionTier: v.emission?.tier.rawValue,
                         fuel: v.registration?.fuel.code, reasons: entry.decision.reasons.filter { $0.outcome != .warn }.map(\.code))
        }
        var counts = Dictionary(uniqueKeysWithValues: BulkFleet.Ban.allCases.map { ($0.rawValue, 0) })
        for t in trucks { counts[t.ban, default: 0] += 1 }
        switch global.format {
        case .json:
            struct Out: Encodable {
                var enterpriseId: String; var name: String; var township: String; var inBuiltUpArea: Bool; var at: String
                var vehicles: [Truck]; var counts: [String: Int]; var notInForce: Int
                enum CodingKeys: String, CodingKey {
                    case enterpriseId = "enterprise_id", name, township, inBuiltUpArea = "in_built_up_area", at, vehicles, counts
                    case notInForce = "not_in_force"
                }
            }
            try Output.json(Out(enterpriseId: e.id, name: e.name, township: e.township, inBuiltUpArea: e.inBuiltUpArea,
                                at: moment.description, vehicles: trucks, counts: counts, notInForce: all.count - filed.count))
        case .csv:
            print(CSVFormat.line(["plate", "ban", "emission_stage", "emission_tier", "fuel", "reasons"]), terminator: "")
            for t in trucks {
                print(CSVFormat.line([t.plate, t.ban, t.emissionStage ?? "", t.emissionTier ?? "", t.fuel ?? "",
                                      t.reasons.joined(separator: "|")]), terminator: "")
            }
        case .text:
            let zh = global.language == .zh
            print(zh ? "\(e.id) \(e.name)（\(e.township)\(e.inBuiltUpArea ? "，建成区" : "")）截至 \(moment) 备案在用货车 \(trucks.count) 辆："
                     : "\(e.id) \(e.name) (\(e.township)\(e.inBuiltUpArea ? ", built-up area" : "")): \(trucks.count) trucks filed in use at \(moment):")
            for t in trucks {
                let ban = BulkFleet.Ban(rawValue: t.ban)!
                print("  \(t.plate)  \(zh ? ban.chineseName : ban.rawValue)  \(t.fuel ?? "-") \(t.emissionStage ?? "-") \(t.emissionTier ?? "")  \(t.reasons.joined(separator: " "))")
            }
            print(BulkFleet.Ban.allCases.map { "\(zh ? $0.chineseName : $0.rawValue) \(counts[$0.rawValue] ?? 0)" }.joined(separator: "，"))
            if all.count > filed.count {
                print(zh ? "另有 \(all.count - filed.count) 条备案已停用或尚未生效。" : "\(all.count - filed.count) more filings withdrawn or not yet in force.")
            }
        }
    }
}
