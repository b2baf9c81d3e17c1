import Foundation
import FleetCore
import FleetStore
import FleetReports

extension DemoCommand {
    /// The demo's screening and permit steps: the remaining evidence files, a screening run as
    /// of the demo date, the townships' lists, and one permit decision at the desk.
    func showScreeningAndPermits(store: FleetStore, sampleDir: String, options: ImportOptions, asOf: CivilDate,
                                 say: (String, String) -> Void) throws {
        let kinds = ["muck-approvals", "transport-licenses", "sanitation-fleet", "inspections"]
        let townships = try store.townshipTable()
        for kind in kinds where FileManager.default.fileExists(atPath: "\(sampleDir)/\(kind).csv") {
            _ = try Importer(store: store).run(ImportKinds.named(kind, townships: townships)!, path: "\(sampleDir)/\(kind).csv", options: options)
        }
        let screener = try global.makeScreener(store: store, asOf: asOf)
        let run = try store.runScreening(asOf: asOf, screener: screener, operatorName: "demo")
        let flagged = run.flags.values.reduce(0, +)
        say("7. 筛查（截至\(asOf)）：在用货车 \(run.vehicles) 辆，用途不明 \(run.usage["UNKNOWN"] ?? 0) 辆，标记 \(flagged) 个，列入乡镇核查清单 \(run.listed) 辆",
            "7. Screening as of \(asOf): \(run.vehicles) active goods vehicles, \(run.usage["UNKNOWN"] ?? 0) of unknown use, \(flagged) flags, \(run.listed) on township lists")
        let lists = out + "/township-lists"
        let files = try ScreeningExport(store: store, screener: screener).write(run: run, to: lists, xlsx: false)
        say("   乡镇核查清单 \(files.count) 个文件：\(lists)/", "   \(files.count) township list files: \(lists)/")

        let plate = try store.read { db in
            try String.fetchOne(db, sql: """
                SELECT v.plate FROM vehicles v JOIN transport_licenses l ON l.plate = v.plate
                WHERE v.vehicle_type LIKE 'H1%' AND v.fuel = 'B' AND v.status = 'A' ORDER BY v.plate LIMIT 1
                """)
        }
        if let plate {
            let rules = PermitRules(screener: screener)
            let app = PermitApplication(plate: plate, from: asOf, to: asOf.adding(days: 6))
            let d = rules.decide(try store.facts(plate: plate), application: app, enterprise: nil, asOf: asOf)
            say("8. 通行证窗口：\(plate) 申请 \(app.from) 至 \(app.to) 货运通行 → \(d.outcome.chineseName)"
                    + (d.reasons.isEmpty ? "" : "（" + d.reasons.map(\.code).joined(separator: "、") + "）"),
                "8. Permit desk: \(plate) asks for freight \(app.from) to \(app.to) → \(d.outcome.rawValue)"
                    + (d.reasons.isEmpty ? "" : " (" + d.reasons.map(\.code).joined(separator: ", ") + ")"))
        }
    }
}
