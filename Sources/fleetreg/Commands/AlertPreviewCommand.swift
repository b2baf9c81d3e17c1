import ArgumentParser
import Foundation
import FleetCore
import FleetStore

/// `fleetreg alert preview --level L --at T` — before an alert is declared, how many filed trucks
/// and enterprises it would stop, per township and per enterprise (rules.md §5).
struct AlertPreviewCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "preview", abstract: "What an alert would stop at T: filed trucks and enterprises, per township and enterprise.")
    @OptionGroup var global: GlobalOptions
    @Option(name: .long, help: "The level of the alert to be declared.") var level: String
    @Option(name: .long, help: "The moment (default: now).") var at: String?

    struct EnterpriseJSON: Encodable {
        var name: String; var township: String; var inBuiltUpArea: Bool; var counts: BulkPreview.Counts
        enum CodingKeys: String, CodingKey { case name, township, inBuiltUpArea = "in_built_up_area", counts }
        func encode(to encoder: Encoder) throws {
            try counts.encode(to: encoder)
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(name, forKey: .name)
            try c.encode(township, forKey: .township)
            try c.encode(inBuiltUpArea, forKey: .inBuiltUpArea)
        }
    }
    struct JSON: Encodable {
        var level: String; var at: String
        @NullEncodable var levelInForce: String?
        var levelWithAlert: String
        var vehicles: Int; var enterprises: Int
        var total: BulkPreview.Counts
        var byTownship: [String: BulkPreview.Counts]
        var byEnterprise: [String: EnterpriseJSON]
        var policyVersion: String
        enum CodingKeys: String, CodingKey {
            case level, at, levelInForce = "level_in_force", levelWithAlert = "level_with_alert", vehicles, enterprises, total
            case byTownship = "by_township", byEnterprise = "by_enterprise", policyVersion = "policy_version"
        }
    }

    func run() throws {
        guard let l = AlertLevel.parse(level) else {
            throw InputError(zh: "未知预警等级 \(level)（蓝色、黄色、橙色、红色）", en: "unknown alert level \(level) (blue, yellow, orange, red)")
        }
        let moment = try DateTimeArgument.moment(at, option: "--at")
        let policy = try global.loadPolicy()
        let store = try global.openStore()
        let rules = BulkRules(policy: policy)
        let fleet = try store.fetchFiledFleet().map { BulkVehicle($0, inference: rules.inference) }
        let p = BulkPreview(fleet: fleet, rules: rules, at: moment, level: l, levelInForce: try store.alertTimeline().level(at: moment))
        if global.format == .json {
            return try Output.json(JSON(
                level: l.description, at: moment.description, levelInForce: p.levelInForce?.description,
                levelWithAlert: p.levelWithAlert.description, vehicles: p.total.newlyStopped, enterprises: p.total.enterprisesStopped,
                total: p.total, byTownship: p.byTownship,
                byEnterprise: p.byEnterprise.reduce(into: [:]) { out, kv in
                    let e = p.enterprises[kv.key]!
                    out[kv.key] = EnterpriseJSON(name: e.name, township: e.township, inBuiltUpArea: e.inBuiltUpArea, counts: kv.value)
                },
                policyVersion: policy.version))
        }
        print(text(p, policy: policy))
    }

    func text(_ p: BulkPreview, policy: Policy) -> String {
        let zh = global.language == .zh
        func name(_ l: AlertLevel?) -> String { l.map { zh ? $0.chineseName : $0.description } ?? (zh ? "无" : "none") }
        func row(_ c: BulkPreview.Counts) -> String {
            zh ? "备案 \(c.filed)，新增禁行 \(c.newlyStopped)，原已禁行 \(c.alreadyStopped)，待核验 \(c.toVerify)"
               : "filed \(c.filed), newly stopped \(c.newlyStopped), already stopped \(c.alreadyStopped), to verify \(c.toVerify)"
        }
        var lines: [String] = []
        lines.append(zh ? "预演：\(p.at) 发布\(name(p.level))预警（当时已有预警：\(name(p.levelInForce))，发布后：\(name(p.levelWithAlert))；策略 \(policy.version)）"
                        : "Preview: an alert of level \(name(p.level)) at \(p.at) (level in force: \(name(p.levelInForce)); with the alert: \(name(p.levelWithAlert)); policy \(policy.version))")
        lines.append(zh ? "将新增禁行备案货车 \(p.total.newlyStopped) 辆，涉及企业 \(p.total.enterprisesStopped) 家（共 \(p.total.enterprises) 家企业备案 \(p.total.filed) 辆；预警期间共禁行 \(p.total.stopped) 辆，其中原已禁行 \(p.total.alreadyStopped) 辆；待核验 \(p.total.toVerify) 辆）"
                        : "It would stop \(p.total.newlyStopped) filed trucks at \(p.total.enterprisesStopped) enterprises (\(p.total.filed) trucks filed at \(p.total.enterprises) enterprises; \(p.total.stopped) stopped during the alert, \(p.total.alreadyStopped) of them already; \(p.total.toVerify) to verify)")
        lines.append(zh ? "按乡镇：" : "By township:")
        for t in p.byTownship.keys.sorted() {
            let c = p.byTownship[t]!
            lines.append("  \(t)  " + row(c) + (zh ? "；企业 \(c.enterprisesStopped)/\(c.enterprises)" : "; enterprises \(c.enterprisesStopped)/\(c.enterprises)"))
        }
        lines.append(zh ? "按企业：" : "By enterprise:")
        for id in p.byEnterprise.keys.sorted() {
            let e = p.enterprises[id]!
            lines.append("  \(id)  \(e.name)  \(e.township)\(e.inBuiltUpArea ? (zh ? "（建成区）" : " (built-up)") : "")  " + row(p.byEnterprise[id]!))
        }
        return lines.joined(separator: "\n")
    }
}
