import Foundation
import Testing
import FleetCore
import GRDB
@testable import FleetStore

/// Screening runs that build on the previous one, and the full pass (docs/benchmarks.md):
/// whatever way a run is made, its whole result is the one screening each plate from all of
/// its facts gives, on the sample data.
@Suite(.serialized) struct IncrementalScreeningTests {
    static let screener = Screener(policy: try! Policy.default())
    static let day = CivilDate(parsing: "2020-11-20")!
    static let sampleData = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("../../SampleData").standardized.path

    func sampleStore() throws -> FleetStore {
        let store = try Fixtures.store()
        let kinds: [(any ImportKind, String)] = [
            (VehiclesImport(townships: .xinmi), "vehicles"), (MuckApprovalsImport(), "muck-approvals"),
            (TransportLicensesImport(), "transport-licenses"), (EnterprisesImport(townships: .xinmi), "enterprises"),
            (EnterpriseFleetImport(), "enterprise-fleet"), (SanitationFleetImport(), "sanitation-fleet"),
            (InspectionsImport(), "inspections"),
        ]
        var options = ImportOptions()
        options.skipInvalid = true
        for (kind, file) in kinds {
            let s = try Importer(store: store).run(kind, path: "\(Self.sampleData)/\(file).csv", options: options)
            #expect(s.committed, "\(file)")
        }
        return store
    }

    func run(_ store: FleetStore, _ day: CivilDate, full: Bool = false, threads: Int? = nil) throws -> ScreeningRunSummary {
        try store.runScreening(asOf: day, screener: Self.screener, operatorName: "test", full: full, threads: threads)
    }

    struct Entry: Equatable {
        var usage: String?
        var flags: [String]
        var onList: Bool
        var township: String
    }

    /// The last run's whole result, from the stored state.
    func stored(_ store: FleetStore) throws -> [String: Entry] {
        let sum = try store.read { db in try Int64.fetchOne(db, sql: "SELECT state_checksum FROM screening_runs ORDER BY id DESC LIMIT 1") }
        let checksum = try #require(sum)
        let s = try #require(StoredState(storePath: store.path).load(checksum: checksum)).state
        var out: [String: Entry] = [:]
        for i in 0..<s.count where s.has(i, ScreeningState.registered) || s.flags[i] != 0 {
            out[s.plateString(i)] = Entry(usage: s.usageClass(i)?.rawValue, flags: s.flagCodes(i), onList: s.has(i, ScreeningState.onList),
                                          township: s.townshipName(i))
        }
        return out
    }

    /// Every plate screened one by one from all its facts, with evidence (the path of `vehicle show`).
    func screenedOneByOne(_ store: FleetStore, _ day: CivilDate) throws -> [String: Entry] {
        var out: [String: Entry] = [:]
        try store.forEachFacts { facts in
            let r = Self.screener.screen(facts, asOf: day)
            let registered = facts.registration != nil
            guard registered || !r.flags.isEmpty else { return }
            out[facts.plate] = Entry(usage: r.usage?.rawValue, flags: r.flagCodes, onList: r.onTownshipList,
                                     township: registered ? (r.township ?? TownshipTable.unassigned) : ScreeningRunSummary.unregistered)
        }
        return out
    }

    func same(_ a: ScreeningRunSummary, _ b: ScreeningRunSummary) {
        #expect(a.vehicles == b.vehicles)
        #expect(a.usage == b.usage)
        #expect(a.flags == b.flags)
        #expect(a.byTownship == b.byTownship)
        #expect(a.listed == b.listed)
    }

    @Test func fullPassOnTwoThreadsEqualsScreeningEachPlate() throws {
        let store = try sampleStore()
        let expected = try screenedOneByOne(store, Self.day)
        #expect(expected.count > 3_000)
        #expect(expected.values.contains { $0.township == ScreeningRunSummary.unregistered })
        let one = try run(store, Self.day, full: true, threads: 1)
        #expect(try stored(store) == expected)
        let two = try run(store, Self.day, full: true, threads: 2)
        #expect(try stored(store) == expected)
        same(one, two)
        #expect(two.mode == "full" && two.screened == one.screened)
        let ch = try #require(two.changes)
        #expect(ch.total.newlyFlagged == 0 && ch.total.resolved == 0 && ch.total.stillOpen > 1_000)
    }

    @Test func aRunAfterAnImportScreensOnlyTheChangedPlates() throws {
        let store = try sampleStore()
        _ = try run(store, Self.day)
        // New sightings of muck hauling for three registered plates and one from elsewhere,
        // and one vehicle cancelled.
        let plates = try store.read { db in
            try String.fetchAll(db, sql: "SELECT plate FROM vehicles WHERE status = 'A' AND vehicle_type LIKE 'H%' ORDER BY plate LIMIT 3")
        }
        let inspections = ["记录编号,检查时间,号牌号码,检查类型,检查结果,地点,执法单位"]
            + plates.enumerated().map { "T-\($0.offset),2020-11-19 22:00:00,\($0.element),工地,渣土运输,某工地,城管" }
            + ["T-9,2020-11-19 22:30:00,晋A12345,工地,渣土运输,某工地,城管"]
        var s = try Importer(store: store).run(InspectionsImport(), path: Fixtures.file(inspections.joined(separator: "\n")), options: ImportOptions())
        #expect(s.committed)
        let row = try store.read { db in try String.fetchOne(db, sql: "SELECT plate FROM vehicles WHERE status = 'A' AND vehicle_type LIKE 'H%' ORDER BY plate DESC LIMIT 1")! }
        let vehicle = try Fixtures.records("\(Self.sampleData)/vehicles.csv").first { $0.1.first == row }!.1
        var changed = vehicle
        changed[12] = "E"; changed[13] = "2020-11-18"
        // And a new plate on the VIN of a vehicle the import leaves alone (DUPLICATE_VIN for both).
        var added = try Fixtures.records("\(Self.sampleData)/vehicles.csv").first { $0.1.first == plates[0] }!.1
        added[0] = "豫A9Z987"
        s = try Importer(store: store).run(VehiclesImport(townships: .xinmi),
                                           path: Fixtures.file(([Fixtures.header] + [changed, added].map { $0.joined(separator: ",") }).joined(separator: "\n")),
                                           options: ImportOptions())
        #expect(s.committed && s.updated == 1 && s.inserted == 1)
        // The vehicles import notes the plates it changed, for the next run.
        let noted = try store.read { db in
            try String.fetchAll(db, sql: "SELECT plate FROM vehicle_changes WHERE batch_id = ? ORDER BY plate", arguments: [s.batch])
        }
        #expect(noted == [row, "豫A9Z987"].sorted())

        // A copy of the store as it is now: a full run there compares with the same previous
        // run, so it must count the same changes as the incremental run here.
        try store.writer.writeWithoutTransaction { db in try db.execute(sql: "PRAGMA wal_checkpoint(TRUNCATE)") }
        let copyDir = Fixtures.tempDir()
        let copyPath = copyDir.appendingPathComponent("copy.sqlite").path
        try FileManager.default.copyItem(atPath: store.path, toPath: copyPath)
        for suffix in ["-screening-state", "-screening-state-delta"] where FileManager.default.fileExists(atPath: store.path + suffix) {
            try FileManager.default.copyItem(atPath: store.path + suffix, toPath: copyPath + suffix)
        }

        let incremental = try run(store, Self.day)
        #expect(incremental.mode == "incremental")
        #expect((incremental.screened ?? 0) >= 5 && (incremental.screened ?? 0) < 20)
        let fullOnCopy = try run(try FleetStore(path: copyPath), Self.day, full: true)
        #expect(fullOnCopy.mode == "full" && fullOnCopy.changes == incremental.changes && incremental.changes != nil)
        // Only the changes were written, beside the first run's base.
        let delta = try FileManager.default.attributesOfItem(atPath: StoredState(storePath: store.path).deltaPath)[.size] as? Int
        #expect((delta ?? 0) > 0 && (delta ?? .max) < 2_000)
        let ch = try #require(incremental.changes)
        #expect(ch.total.newlyFlagged >= 1 && ch.total.resolved >= 1)
        #expect(ch.byTownship[ScreeningRunSummary.unregistered]?.newlyFlagged ?? 0 >= 1)
        let afterIncremental = try stored(store)
        #expect(afterIncremental == (try screenedOneByOne(store, Self.day)))
        #expect(afterIncremental["晋A12345"]?.flags == ["UNAPPROVED_MUCK"])
        #expect(afterIncremental[row]?.usage == nil)
        #expect(afterIncremental["豫A9Z987"]?.flags.contains("DUPLICATE_VIN") == true)
        #expect(afterIncremental[plates[0]]?.flags.contains("DUPLICATE_VIN") == true)

        let full = try run(store, Self.day, full: true)
        same(incremental, full)
        #expect(full.changes?.total.newlyFlagged == 0 && full.changes?.total.resolved == 0)
        #expect(try stored(store) == afterIncremental)
    }

    @Test func laterDatesRedoOnlyThePlatesWhoseDatesPassed() throws {
        let store = try sampleStore()
        _ = try run(store, Self.day)
        for days in [1, 7, 45, 181, 366, 800] {
            let later = Self.day.adding(days: days)
            let incremental = try run(store, later)
            // Months on, many results may have changed (a full run is then as quick); a week on, few.
            if days <= 7 { #expect(incremental.mode == "incremental", "\(days)") }
            let result = try stored(store)
            #expect(result == (try screenedOneByOne(store, later)), "\(days) days later")
            let full = try run(store, later, full: true)
            same(incremental, full)
            #expect(full.changes?.total.newlyFlagged == 0 && full.changes?.total.resolved == 0)
        }
        // The day after the first run only the plates with a date there are redone.
        let store2 = try sampleStore()
        let first = try run(store2, Self.day)
        let next = try run(store2, Self.day.adding(days: 1))
        #expect(next.mode == "incremental" && (next.screened ?? .max) < (first.screened ?? 0) / 5)
        // An earlier date is a full run.
        #expect(try run(store2, Self.day.adding(days: -1)).mode == "full")
    }

    @Test func anotherScreenerOrKindOfImportMeansAFullRun() throws {
        let store = try sampleStore()
        _ = try run(store, Self.day)
        let quota = Screener(policy: Self.screener.policy, quota: QuotaRules(baseline: CivilDate(parsing: "2020-01-01")!, maxStage: .III,
                                                                                countTransfersOut: true))
        #expect(try store.runScreening(asOf: Self.day, screener: quota, operatorName: "t").mode == "full")
        #expect(try store.runScreening(asOf: Self.day, screener: quota, operatorName: "t").mode == "incremental")
        let s = try Importer(store: store).run(TownshipsImport(), path: Fixtures.file("名称,别名\n白寨镇,白寨"), options: ImportOptions())
        #expect(s.committed)
        #expect(try store.runScreening(asOf: Self.day, screener: quota, operatorName: "t").mode == "full")
    }

    /// An evidence import that replaced a row may have moved it to another plate: the plate it
    /// left is in no row imported since, so the run screens every plate.
    @Test func anEvidenceImportThatReplacedRowsMeansAFullRun() throws {
        let store = try sampleStore()
        let plates = try store.read { db in
            try String.fetchAll(db, sql: """
                SELECT plate FROM vehicles WHERE status = 'A' AND vehicle_type LIKE 'H%' AND plate NOT IN (SELECT plate FROM muck_approvals)
                ORDER BY plate LIMIT 2
                """)
        }
        func approve(_ plate: String) throws -> ImportSummary {
            let rows = ["核准编号,号牌号码,运输企业,有效期起,有效期止,出土工地,消纳场,状态", "HZ-M1,\(plate),某公司,2020-01-01,2020-12-31,某工地,某消纳场,"]
            return try Importer(store: store).run(MuckApprovalsImport(), path: Fixtures.file(rows.joined(separator: "\n")), options: ImportOptions())
        }
        #expect(try approve(plates[0]).inserted == 1)
        _ = try run(store, Self.day)
        #expect(try stored(store)[plates[0]]?.usage == "MUCK_APPROVED")
        let moved = try approve(plates[1])
        #expect(moved.committed && moved.updated == 1)
        let again = try run(store, Self.day)
        #expect(again.mode == "full")
        let after = try stored(store)
        #expect(after == (try screenedOneByOne(store, Self.day)))
        #expect(after[plates[0]]?.usage != "MUCK_APPROVED" && after[plates[1]]?.usage == "MUCK_APPROVED")
    }

    @Test func aDamagedOrMissingStateMeansAFullRun() throws {
        let store = try sampleStore()
        let first = try run(store, Self.day)
        let path = StoredState(storePath: store.path).path
        let good = try #require(FileManager.default.contents(atPath: path))
        #expect(try run(store, Self.day).mode == "incremental")
        // Cut short; a byte of the payload changed; the header's check sum changed; garbage; no file.
        var flipped = good
        flipped[good.count / 2] ^= 0x40
        var otherSum = good
        otherSum[8] ^= 0x01
        for (name, damage) in [("cut", good.prefix(good.count - 7)), ("flipped", flipped), ("other check sum", otherSum),
                               ("garbage", Data([0, 1, 2])), ("missing", nil)] as [(String, Data?)] {
            _ = try run(store, Self.day, full: true)     // the file is the last run's again
            if let damage { try damage.write(to: URL(fileURLWithPath: path)) } else { unlink(path) }
            let again = try run(store, Self.day)
            #expect(again.mode == "full", "\(name)")
            same(first, again)
            #expect(again.changes?.total.newlyFlagged == 0 && again.changes?.total.resolved == 0)
            // A full run leaves a good state: the next run builds on it.
            #expect(try run(store, Self.day).mode == "incremental", "\(name)")
        }
    }

    /// A run that builds on the previous one leaves the packed facts as they were; one that
    /// must screen every plate packs the changes first, and its pass reads them.
    @Test func aRunThatScreensEveryPlateReadsThePackedFactsUpToDate() throws {
        let store = try sampleStore()
        _ = try run(store, Self.day)
        #expect(try store.read { db in try VehicleFactsCache.current(db) } != nil)
        let inspections = ["记录编号,检查时间,号牌号码,检查类型,检查结果,地点,执法单位", "P-1,2020-11-19 22:30:00,晋A54321,工地,渣土运输,某工地,城管"]
        #expect(try Importer(store: store).run(InspectionsImport(), path: Fixtures.file(inspections.joined(separator: "\n")),
                                               options: ImportOptions()).committed)
        #expect(try run(store, Self.day).mode == "incremental")
        #expect(try store.read { db in try VehicleFactsCache.current(db) } == nil)
        // The state file gone: every plate is screened, from the facts packed again.
        unlink(StoredState(storePath: store.path).path)
        let again = try run(store, Self.day)
        #expect(again.mode == "full")
        #expect(try store.read { db in try VehicleFactsCache.current(db) } != nil)
        let unregistered = try store.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM unregistered_facts WHERE plate = '晋A54321'") }
        #expect(unregistered == 1)
        let all = try stored(store)
        #expect(all == (try screenedOneByOne(store, Self.day)) && all["晋A54321"]?.flags == ["UNAPPROVED_MUCK"])
    }

    /// Another store's state file (here: the same store's runs made again from scratch, so the
    /// run ids repeat) is not taken for this store's.
    @Test func aStateFileOfAnotherStoreIsNotUsed() throws {
        let store = try sampleStore()
        _ = try run(store, Self.day)
        let path = StoredState(storePath: store.path).path
        let old = try #require(FileManager.default.contents(atPath: path))
        // Same store, runs deleted and one made as of another day: run 1 again, other results.
        try store.write { db in try db.execute(sql: "DELETE FROM screening_items; DELETE FROM screening_outcomes; DELETE FROM screening_runs") }
        _ = try run(store, Self.day.adding(days: -400))
        try old.write(to: URL(fileURLWithPath: path))
        #expect(try run(store, Self.day).mode == "full")
    }

    /// The state is kept in the plates' byte order (as SQLite sorts text): compared as three
    /// integers for plates of up to 24 bytes, as keys with their whole text for longer ones.
    @Test(arguments: [0, 24, 40])
    func theStateIsSortedByThePlatesBytes(longest: Int) {
        var rng = SystemRandomNumberGenerator()
        let provinces = Array("豫京冀鲁晋"), serial = Array("ABCDEFGHJK0123456789")
        var plates = Set<String>()
        while plates.count < 3_000 {
            var p = String(provinces[Int.random(in: 0..<provinces.count, using: &rng)]) + String(serial[Int.random(in: 0..<10, using: &rng)])
            for _ in 0..<Int.random(in: 0...6, using: &rng) { p.append(serial[Int.random(in: 0..<serial.count, using: &rng)]) }
            if Bool.random(using: &rng) { p += "挂" }
            plates.insert(p)
        }
        if longest > 16 { plates.insert("豫A" + String(repeating: "9", count: longest - 4)) }
        var s = ScreeningState()
        for (i, p) in plates.enumerated() {
            s.appendStored(plate: p, township: i % 2 == 0 ? "白寨镇" : "米村镇", usage: .unknown, flags: UInt16(i % 7), bits: ScreeningState.registered)
        }
        let sorted = s.sortedByPlate()
        let expected = plates.sorted { Array($0.utf8).lexicographicallyPrecedes(Array($1.utf8)) }
        #expect((0..<sorted.count).map(sorted.plateString) == expected)
        // Each plate keeps its own township and flags.
        let before = Dictionary(uniqueKeysWithValues: (0..<s.count).map { (s.plateString($0), (s.townshipName($0), s.flags[$0])) })
        #expect((0..<sorted.count).allSatisfy { before[sorted.plateString($0)]! == (sorted.townshipName($0), sorted.flags[$0]) })
    }

    @Test func theStoredStateIsFoundByItsCheckSum() throws {
        let store = try Fixtures.store()
        let file = StoredState(storePath: store.path)
        var s = ScreeningState()
        for i in 0...4_999 { s.appendStored(plate: "豫A\(10_000 + i)", township: "白寨镇", usage: .unknown, flags: 1, bits: ScreeningState.registered) }
        func plates(_ s: ScreeningState?) -> [String: UInt16] {
            guard let s else { return [:] }
            return Dictionary(uniqueKeysWithValues: (0..<s.count).map { (s.plateString($0), s.flags[$0]) })
        }
        // Written, not yet published (the run's transaction is open): nothing to load.
        let pending = try file.write(s)
        #expect(file.load(checksum: pending.checksum) == nil)
        pending.publish()
        #expect(plates(file.load(checksum: pending.checksum)?.state) == plates(s) && file.load(checksum: pending.checksum)?.state.count == 5_000)
        #expect(file.load(checksum: pending.checksum &+ 1) == nil)
        // A run that is rolled back leaves the published state as it was.
        var other = s
        other.appendStored(plate: "豫B10000", township: "白寨镇", usage: .unknown, flags: 2, bits: ScreeningState.registered)
        let rolledBack = try file.write(other)
        rolledBack.discard()
        #expect(rolledBack.checksum != pending.checksum)
        #expect(file.load(checksum: rolledBack.checksum) == nil && plates(file.load(checksum: pending.checksum)?.state) == plates(s))
        #expect(!FileManager.default.fileExists(atPath: file.path + ".new"))
    }

    @Test func theStoredStateIsABaseAndTheChangesSince() throws {
        let store = try Fixtures.store()
        let file = StoredState(storePath: store.path)
        func state(_ plates: ClosedRange<Int>, flags: UInt16) -> ScreeningState {
            var s = ScreeningState()
            for i in plates { s.appendStored(plate: "豫A\(10_000 + i)", township: "白寨镇", usage: .unknown, flags: flags, bits: ScreeningState.registered) }
            return s
        }
        func plates(_ s: ScreeningState?) -> [String: UInt16] {
            guard let s else { return [:] }
            return Dictionary(uniqueKeysWithValues: (0..<s.count).map { (s.plateString($0), s.flags[$0]) })
        }
        let base = state(0...4_999, flags: 1)
        let first = try file.write(base)
        first.publish()
        // A few changes, one plate removed: only the changes are written, against the base.
        var changes = state(10...19, flags: 2)
        changes.appendRemoved(plate: "豫A10030")
        let second = base.merging(changes)
        let loaded = try #require(file.load(checksum: first.checksum))
        let pending = try file.write(second, changesSinceBase: loaded.delta.merging(changes, keepRemoved: true),
                                     base: (loaded.base, loaded.baseCount))
        #expect(pending.path == file.deltaPath && pending.checksum != first.checksum)
        #expect(file.load(checksum: pending.checksum) == nil)          // not published yet
        pending.publish()
        let both = try #require(file.load(checksum: pending.checksum))
        #expect(plates(both.state) == plates(second) && both.state.count == 4_999 && both.delta.count == 11)
        #expect(plates(file.load(checksum: first.checksum)?.state) == plates(base))   // the base alone is still the first run's
        // Changes past a tenth of the base: a new base, and the old delta goes.
        let many = state(0...999, flags: 4).merging(state(1_000...1_500, flags: 4))
        let third = second.merging(many)
        let rebased = try file.write(third, changesSinceBase: both.delta.merging(many, keepRemoved: true), base: (both.base, both.baseCount))
        #expect(rebased.path == file.path)
        rebased.publish()
        #expect(!FileManager.default.fileExists(atPath: file.deltaPath))
        #expect(plates(file.load(checksum: rebased.checksum)?.state) == plates(third))
        #expect(file.load(checksum: pending.checksum) == nil && file.load(checksum: first.checksum) == nil)
        // A delta made against another base is not applied to this one.
        let stray = try file.write(second, changesSinceBase: changes, base: (first.checksum, base.count))
        stray.publish()
        #expect(file.load(checksum: stray.checksum) == nil)
        #expect(plates(file.load(checksum: rebased.checksum)?.state) == plates(third))
    }

    /// A run rolled back after writing its state (here: the store's write fails at the end)
    /// leaves the previous run's state in place, and the next run builds on it.
    @Test func aFailedRunLeavesThePreviousState() throws {
        let store = try sampleStore()
        _ = try run(store, Self.day)
        let path = StoredState(storePath: store.path).path
        let before = try #require(FileManager.default.contents(atPath: path))
        // A trigger makes the run's last statement fail, after its state was written.
        try store.write { db in
            try db.execute(sql: """
                CREATE TRIGGER fail_runs BEFORE UPDATE OF summary_json ON screening_runs
                BEGIN SELECT RAISE(ABORT, 'test failure'); END
                """)
        }
        #expect(throws: (any Error).self) { try run(store, Self.day, full: true) }
        #expect(FileManager.default.contents(atPath: path) == before)
        #expect(!FileManager.default.fileExists(atPath: path + ".new"))
        try store.write { db in try db.execute(sql: "DROP TRIGGER fail_runs") }
        #expect(try run(store, Self.day).mode == "incremental")
    }

    /// A run keeps `Screener.outline`; a plate's page shows `Screener.screen`: on every plate
    /// of the sample data, the same usage, flags, township and list membership.
    @Test func theOutlineIsTheScreeningWithoutEvidence() throws {
        let store = try sampleStore()
        var flagged = 0
        try store.forEachFacts { facts in
            for asOf in [Self.day, Self.day.adding(days: -400)] {
                let full = Self.screener.screen(facts, asOf: asOf)
                let outline = Self.screener.outline(facts, asOf: asOf)
                #expect(outline.flags.codes == full.flagCodes, "\(facts.plate) \(asOf)")
                #expect(outline.usage == full.usage && outline.inScope == full.inScope && outline.township == full.township
                        && outline.onTownshipList == full.onTownshipList && outline.plate == full.plate, "\(facts.plate) \(asOf)")
                if !outline.flags.isEmpty { flagged += 1 }
            }
        }
        #expect(flagged > 1_000)
    }

    /// The claim of `Screener.stableUntil`: the same result on every day up to the day before.
    @Test func resultsHoldUntilTheirStableUntilDay() throws {
        let store = try sampleStore()
        var checked = 0
        try store.forEachFacts { facts in
            for asOf in [Self.day, Self.day.adding(days: -200)] {
                let base = Self.screener.screen(facts, asOf: asOf, detail: false)
                guard let until = Self.screener.stableUntil(facts, from: asOf) else { continue }
                #expect(until > asOf)
                for d in Set([until.adding(days: -1), asOf.adding(days: until.days(since: asOf) / 2)]) {
                    let r = Self.screener.screen(facts, asOf: d, detail: false)
                    #expect(r.flagCodes == base.flagCodes && r.usage == base.usage && r.onTownshipList == base.onTownshipList
                            && r.inScope == base.inScope, "\(facts.plate) \(asOf) → \(d)")
                }
                checked += 1
            }
        }
        #expect(checked > 3_000)
    }
}

/// The row-id ranges a full pass hands to its threads.
@Suite struct RangeQueueTests {
    @Test func theRangesCoverEveryRowIdOnceInOrder() {
        for (maxID, threads) in [(Int64(0), 1), (1, 2), (10, 2), (1_000_003, 2), (999, 3), (5, 1)] {
            let q = RangeQueue(maxID: maxID, threads: threads)
            var taken: [Range<Int64>] = []
            while let r = q.take() { taken.append(r) }
            #expect(taken.count == (threads == 1 ? 1 : threads * RangeQueue.perThread))
            #expect(taken.first?.lowerBound == 1)
            #expect(taken.last?.upperBound == maxID + 1)
            #expect(zip(taken, taken.dropFirst()).allSatisfy { $0.upperBound == $1.lowerBound })
            #expect(taken.map(\.count).reduce(0, +) == Int(maxID))
            #expect(q.take() == nil)
        }
    }

    @Test func twoThreadsTakeDisjointRanges() {
        let q = RangeQueue(maxID: 100_000, threads: 2)
        let lock = NSLock()
        var seen: [Range<Int64>] = []
        DispatchQueue.concurrentPerform(iterations: 2) { _ in
            while let r = q.take() { lock.lock(); seen.append(r); lock.unlock() }
        }
        let sorted = seen.sorted { $0.lowerBound < $1.lowerBound }
        #expect(sorted.count == 2 * RangeQueue.perThread)
        #expect(zip(sorted, sorted.dropFirst()).allSatisfy { $0.upperBound == $1.lowerBound })
        #expect(sorted.first?.lowerBound == 1 && sorted.last?.upperBound == 100_001)
    }
}

/// `ScreeningState.merging`, entry by entry and (a few changes into many entries) in runs.
@Suite struct ScreeningStateMergeTests {
    func state(_ plates: [Int], flags: UInt16, township: String = "白寨镇") -> ScreeningState {
        var s = ScreeningState()
        for i in plates.sorted() {
            s.appendStored(plate: "豫A\(10_000 + i)", township: township, usage: .unknown, flags: flags, bits: ScreeningState.registered)
        }
        return s
    }

    func entries(_ s: ScreeningState) -> [String] {
        (0..<s.count).map { "\(s.plateString($0)) \(s.townshipName($0)) \(s.flags[$0]) \(s.bits[$0])" }
    }

    /// The merge as it is defined: every plate of `changed` replaces or adds, removed ones go.
    func expected(_ base: ScreeningState, _ changed: ScreeningState, keepRemoved: Bool) -> [String] {
        var byPlate: [String: String] = [:]
        for e in entries(base) { byPlate[String(e.split(separator: " ")[0])] = e }
        for (k, e) in entries(changed).enumerated() {
            let plate = String(e.split(separator: " ")[0])
            if changed.has(k, ScreeningState.removed) && !keepRemoved { byPlate[plate] = nil } else { byPlate[plate] = e }
        }
        return byPlate.keys.sorted { Array($0.utf8).lexicographicallyPrecedes(Array($1.utf8)) }.map { byPlate[$0]! }
    }

    @Test func fewChangesIntoManyEntriesGiveTheSameAsAnEntryByEntryMerge() {
        let base = state(Array(stride(from: 0, to: 20_000, by: 2)), flags: 1)
        for changedPlates in [[5], [0], [19_998], [19_999, 1, 7_000, 7_001], Array(stride(from: 3, to: 300, by: 7))] {
            var changed = state(changedPlates, flags: 2, township: "超化镇")
            changed.appendRemoved(plate: "豫A\(10_000 + 20_000 + 8)")          // not in the base: nothing to remove
            var withRemoval = state([4_000], flags: 0)
            withRemoval.appendRemoved(plate: "豫A14002")
            let all = changed.merging(withRemoval, keepRemoved: true)
            for keep in [false, true] {
                let merged = base.merging(all, keepRemoved: keep)
                #expect(entries(merged) == expected(base, all, keepRemoved: keep), "\(changedPlates) \(keep)")
            }
        }
    }
}
