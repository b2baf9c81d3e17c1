import FleetCore
import FleetStore
import FleetReports

extension DemoCommand {
    /// The demo's quota step: a target of 30% of the population, the status as of the day the
    /// policy took effect, and the follow-up list as a workbook.
    func showQuota(store: FleetStore, policy: Policy, say: (String, String) -> Void) throws {
        let day = policy.document.effectiveFrom
        let defaults = QuotaRules(policy: policy)
        let population = try store.scanQuota(rules: defaults, inference: EmissionInference(table: policy.emission),
                                              asOf: day).tally.city.population
        let settings = QuotaSettings(target: max(1, population * 30 / 100), baseline: policy.quota.baseline,
                                     deadline: policy.quota.deadline)
        _ = try store.recordQuotaSettings(settings, operator: "demo", at: CivilDateTime(date: day, hour: 9),
                                          policyVersion: policy.version)
        let data = try QuotaStatusReport.load(store: store, policy: policy, asOf: day, candidates: .all)
        let xlsx = out + "/quota-candidates.xlsx"
        try QuotaCandidateList(candidates: data.candidates, townships: try store.townshipTable()).writeXLSX(to: xlsx)
        say("5. 淘汰任务：目标设为淘汰范围的30%（\(settings.target) 辆），截至 \(day)：",
            "5. Scrapping quota: target set to 30% of the population (\(settings.target)); as of \(day):")
        for line in QuotaStatusReport(data: data, policy: policy, townships: try store.townshipTable()).summary(global.language).dropFirst() { print(" " + line) }
        say("   尚未淘汰车辆清单（走访用）：\(xlsx)", "   Follow-up list of the vehicles still active: \(xlsx)")
    }
}
