import Foundation
import FleetCore
import FleetStore
import FleetReports

extension DemoCommand {
    /// The demo's last steps: a week of work at the permit desk (a few applications a day,
    /// recorded), then the weekly dispatch report for that week as one HTML page.
    func showWeeklyReport(store: FleetStore, policy: Policy, asOf: CivilDate, say: (String, String) -> Void) throws {
        let (from, _) = WeeklyFigures.week(endingOn: asOf)
        // Heavy and medium goods vehicles in a stable but mixed order (by the VIN's serial).
        let plates = try store.read { db in
            try String.fetchAll(db, sql: """
                SELECT plate FROM vehicles WHERE substr(vehicle_type, 1, 2) IN ('H1', 'H2') AND status = 'A'
                ORDER BY substr(vin, 12), plate LIMIT 35
                """)
        }
        var outcomes: [Outcome: Int] = [:]
        for d in 0..<7 where !plates.isEmpty {
            let day = from.adding(days: d)
            var apps = plates.dropFirst(d * 5).prefix(5).map {
                PermitApplication(plate: $0, purpose: .freight, enterpriseID: nil, from: day, to: day.adding(days: 2))
            }
            if d == 3 { apps.append(PermitApplication(plate: "晋E12345", purpose: .freight, enterpriseID: nil, from: day, to: day)) }
            let rules = PermitRules(screener: try global.makeScreener(store: store, asOf: day))
            let details = apps.map { _ in PermitDetails(applicant: "demo", operatorName: "demo") }
            for (decision, _) in try store.issuePermits(apps, details: details, rules: rules, asOf: day,
                                                         now: CivilDateTime(unixTime: Date().timeIntervalSince1970)) {
                outcomes[decision.outcome, default: 0] += 1
            }
        }
        say("9. 通行证窗口 \(from) 至 \(asOf) 受理 \(outcomes.values.reduce(0, +)) 件：准予 \(outcomes[.allow] ?? 0)，不予 \(outcomes[.deny] ?? 0)，人工核验 \(outcomes[.refer] ?? 0)",
            "9. Permit desk \(from) to \(asOf): \(outcomes.values.reduce(0, +)) applications, \(outcomes[.allow] ?? 0) issued, \(outcomes[.deny] ?? 0) denied, \(outcomes[.refer] ?? 0) referred")

        let figures = try WeeklyFigures.gather(store: store, policy: policy, screener: try global.makeScreener(store: store, asOf: asOf),
                                               asOf: asOf, operatorName: "demo")
        let path = out + "/weekly-report.html"
        try ReportWeeklyCommand.write(WeeklyReportHTML(figures: figures, policy: policy, lang: global.language).render(), to: path)
        let behind = figures.planItems.filter { $0.status == .behind }.map { String($0.item) }
        say("10. 每周调度专报（\(from) 至 \(asOf)，滞后事项：\(behind.isEmpty ? "无" : "第" + behind.joined(separator: "、") + "项")）：\(path)",
            "10. Weekly dispatch report (\(from) to \(asOf); behind: \(behind.isEmpty ? "none" : "item " + behind.joined(separator: ", "))): \(path)")
    }
}
