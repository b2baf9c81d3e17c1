import Foundation
import FleetCore
import FleetStore
import FleetReports

extension DemoCommand {
    /// The demo's key-enterprise step, when the sample folder has the files: import the
    /// enterprises, their filed fleets, the alerts and the gate log; check the whole log; write the
    /// violations as CSV; and preview an orange alert.
    func showBulk(store: FleetStore, policy: Policy, sampleDir: String, options: ImportOptions, say: (String, String) -> Void) throws {
        let kinds = ["enterprises", "enterprise-fleet", "alerts", "gate-log"]
        guard kinds.allSatisfy({ FileManager.default.fileExists(atPath: "\(sampleDir)/\($0).csv") }) else { return }
        var opts = options
        opts.skipInvalid = true
        let townships = try store.townshipTable()
        for kind in kinds {
            _ = try Importer(store: store).run(ImportKinds.named(kind, townships: townships)!, path: "\(sampleDir)/\(kind).csv", options: opts)
        }
        guard let span = try store.gateLogSpan() else { return }
        let path = out + "/bulk-violations.csv"
        guard FileManager.default.createFile(atPath: path, contents: nil), let file = FileHandle(forWritingAtPath: path) else { return }
        let rules = BulkRules(policy: policy)
        let timeline = try store.alertTimeline()
        let report = try GateViolationsReport(from: span.first, to: span.last, format: .csv, lang: global.language, policy: policy, out: file)
        let totals = try store.scanGateLog(from: span.first, to: span.last, rules: rules, timeline: timeline) { try report.add($0) }
        try report.finish(totals)
        try file.close()
        say("6. 重点用车企业门禁记录 \(span.first.date) 至 \(span.last.date)：进场 \(totals.rows) 次，违规 \(totals.denied) 次，待核验 \(totals.referred) 次；清单：\(path)",
            "6. Key enterprises' gate log \(span.first.date) to \(span.last.date): \(totals.rows) entries, \(totals.denied) violations, \(totals.referred) unverified; list: \(path)")
        let at = CivilDateTime(date: span.last.date, hour: 8)
        let fleet = try store.fetchFiledFleet().map { BulkVehicle($0, inference: rules.inference) }
        let p = BulkPreview(fleet: fleet, rules: rules, at: at, level: .orange, levelInForce: timeline.level(at: at))
        say("   若 \(at) 发布橙色预警：新增禁行备案货车 \(p.total.newlyStopped) 辆，涉及企业 \(p.total.enterprisesStopped) 家（alert preview）",
            "   An orange alert at \(at) would stop \(p.total.newlyStopped) more filed trucks at \(p.total.enterprisesStopped) enterprises (alert preview)")
    }
}
