import Foundation
import Testing
import FleetCore
import GRDB
@testable import FleetStore

/// The quota in the store: `quota-targets` imports, settings and targets in force on a date, and
/// the streamed pass over the vehicles.
@Suite struct QuotaStoreTests {
    static func day(_ text: String) -> CivilDate { CivilDate(parsing: text)! }

    func importTargets(_ store: FleetStore, _ text: String, skipInvalid: Bool = false) throws -> ImportSummary {
        var o = ImportOptions()
        o.skipInvalid = skipInvalid
        return try Importer(store: store).run(QuotaTargetsImport(townships: .xinmi), path: Fixtures.file(text), options: o)
    }

    /// Moves every batch and history row to a day, as if imported then.
    func backdate(_ store: FleetStore, batch: Int64, to day: String) throws {
        try store.write { db in
            try db.execute(sql: "UPDATE import_batches SET started_at = ? WHERE id = ?", arguments: ["\(day)T10:00:00+08:00", batch])
            try db.execute(sql: "UPDATE quota_target_history SET recorded_at = ? WHERE batch_id = ?", arguments: ["\(day)T10:00:00+08:00", batch])
        }
    }

    @Test func targetsByNameAliasOrShortForm() throws {
        let store = try Fixtures.store()
        let s = try importTargets(store, "所属乡镇,目标数\n白寨,30\n青屏街道,12\n超化镇,0\n")
        #expect(s.committed)
        #expect(s.inserted == 3)
        #expect(try store.fetchQuotaTargets(asOf: Self.day("2020-11-15")) == ["白寨镇": 30, "青屏街街道": 12, "超化镇": 0])
        // By the English aliases too.
        #expect(try importTargets(store, "township,target\n白寨镇,30\n").unchanged == 1)
    }

    @Test func invalidRowsAreReportedAndNothingWritten() throws {
        let store = try Fixtures.store()
        let s = try importTargets(store, "所属乡镇,目标数\n白寨镇,30\n火星镇,5\n未匹配,3\n米村镇,-1\n牛店镇,十\n,4\n平陌镇,\n白寨,31\n")
        #expect(!s.committed)
        #expect(s.invalid == 7)
        let found = s.errors.map { "\($0.line) \($0.column) \($0.reason.code)" }
        #expect(found == ["3 所属乡镇 BAD_TOWNSHIP", "4 所属乡镇 BAD_TOWNSHIP", "5 目标数 BAD_NUMBER", "6 目标数 BAD_NUMBER",
                          "7 所属乡镇 REQUIRED", "8 目标数 REQUIRED", "9 所属乡镇 DUPLICATE_KEY"])
        #expect(try store.fetchQuotaTargets(asOf: Self.day("2020-11-15")).isEmpty)
        #expect(throws: ImportFailure.self) { try importTargets(store, "所属乡镇\n白寨镇\n") }   // missing 目标数
        let partial = try importTargets(store, "所属乡镇,目标数\n白寨镇,30\n火星镇,5\n", skipInvalid: true)
        #expect(partial.inserted == 1)
        #expect(try store.fetchQuotaTargets(asOf: Self.day("2020-11-15")) == ["白寨镇": 30])
    }

    @Test func targetsInForceOnADateKeepTheirHistory() throws {
        let store = try Fixtures.store()
        let first = try importTargets(store, "所属乡镇,目标数\n白寨镇,30\n超化镇,10\n")
        try backdate(store, batch: first.batch!, to: "2020-03-01")
        let second = try importTargets(store, "所属乡镇,目标数\n白寨镇,40\n超化镇,10\n米村镇,5\n")
        #expect(second.updated == 1)
        #expect(second.unchanged == 1)
        #expect(second.inserted == 1)
        try backdate(store, batch: second.batch!, to: "2020-08-01")
        #expect(try store.fetchQuotaTargets(asOf: Self.day("2020-07-31")) == ["白寨镇": 30, "超化镇": 10, "米村镇": 5])
        #expect(try store.fetchQuotaTargets(asOf: Self.day("2020-08-01")) == ["白寨镇": 40, "超化镇": 10, "米村镇": 5])
        #expect(try store.fetchQuotaTargets(asOf: Self.day("2020-01-15")) == ["白寨镇": 30, "超化镇": 10, "米村镇": 5])
        let history = try store.read { db in try Row.fetchAll(db, sql: "SELECT township, old_target, new_target FROM quota_target_history") }
        #expect(history.count == 1)
        #expect(history.first?["township"] == "白寨镇")
    }

    @Test func settingsAreKeptAndTheOneInForceIsUsed() throws {
        let store = try Fixtures.store()
        #expect(try store.fetchQuotaSettings(asOf: Self.day("2020-06-01")) == nil)
        func set(_ target: Int, _ at: String) throws {
            _ = try store.recordQuotaSettings(QuotaSettings(target: target, baseline: Self.day("2020-01-01"), deadline: Self.day("2020-12-31")),
                                              operator: "t", at: CivilDateTime(parsing: at)!, policyVersion: "p")
        }
        try set(300, "2020-03-01 09:00")
        try set(400, "2020-03-01 15:00")       // same-day correction
        try set(450, "2020-09-01 09:00")
        #expect(try store.fetchQuotaSettingsHistory().map(\.target) == [300, 400, 450])
        #expect(try store.fetchQuotaSettings(asOf: Self.day("2020-02-01"))?.target == 400)
        #expect(try store.fetchQuotaSettings(asOf: Self.day("2020-08-31"))?.target == 400)
        #expect(try store.fetchQuotaSettings(asOf: Self.day("2020-09-01"))?.target == 450)
        #expect(try store.fetchQuotaSettings(asOf: Self.day("2020-09-01"))?.recordedAt == "2020-09-01T09:00:00+08:00")
    }

    @Test func scanFoldsEveryGoodsVehicleAndCollectsOnlyCandidates() throws {
        let store = try Fixtures.store()
        let header = Fixtures.header
        // rowA: H17 F diesel 2012 inferred III, 白寨镇, active → candidate.
        // rowB: Q11 F diesel 国V → outside.  rowC: H31 petrol → outside.
        let scrapped = "豫AE0001,01,LZFF25M4X8D004248,H11,F,B,国三,2009-01-01,25000,张三,,超化镇,E,2020-04-01,"
        let moved = "豫AE0002,01,LZFF25M4X8D004248,H21,R,B,,2009-01-01,9000,李四,,超化镇,B,2020-05-01,"
        let old = "豫AE0003,01,LZFF25M4X8D004248,Q11,F,B,国二,2005-01-01,25000,王五,,超化镇,P,2019-12-31,"
        let s = try Importer(store: store).run(VehiclesImport(townships: .xinmi), path: Fixtures.file(
            [header, Fixtures.rowA, Fixtures.rowB, Fixtures.rowC, scrapped, moved, old].joined(separator: "\n")), options: .init())
        #expect(s.committed)
        let policy = try Policy.default()
        let rules = QuotaRules(policy: policy)
        let inference = EmissionInference(table: policy.emission)
        let scan = try store.scanQuota(rules: rules, inference: inference, asOf: Self.day("2020-11-15"), candidates: .all)
        #expect(scan.tally.city.population == 3)
        #expect(scan.tally.city.eliminated == 1)
        #expect(scan.tally.city.candidates == 1)
        #expect(scan.tally.city.goneNotCounted == 1)
        #expect(scan.tally.byTownship["超化镇"]?.population == 2)
        #expect(scan.candidates.map(\.registration.plate.text) == ["豫AB1234"])
        #expect(try store.scanQuota(rules: rules, inference: inference, asOf: Self.day("2020-11-15"), candidates: .township("超化镇")).candidates.isEmpty)
        #expect(try store.scanQuota(rules: rules, inference: inference, asOf: Self.day("2020-11-15")).candidates.isEmpty)
        // As of the day before the scrapping, the scrapped truck was still a candidate.
        let before = try store.scanQuota(rules: rules, inference: inference, asOf: Self.day("2020-03-31"), candidates: .all)
        #expect(before.tally.city.eliminated == 0)
        #expect(before.candidates.count == 3)
        #expect(try store.quotaReport(policy: policy, asOf: Self.day("2020-11-15")) == nil)   // no quota set
    }
}
