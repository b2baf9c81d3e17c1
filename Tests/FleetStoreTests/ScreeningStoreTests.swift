import Foundation
import Testing
import FleetCore
import GRDB
@testable import FleetStore

/// The screening run in the store (rules.md §2–3): the streamed merge of facts, the run's
/// figures, the list items and their ids, and the comparison with the previous run.
@Suite struct ScreeningStoreTests {
    static let screener = Screener(policy: try! Policy.default())
    static let day1 = CivilDate(parsing: "2020-11-15")!
    static let day2 = CivilDate(parsing: "2020-11-25")!

    /// V1 豫AB1234 白寨镇 dump truck, F, diesel 2012 (国III inferred): SUSPECT_MUCK, SCRAP_TARGET.
    /// V2 豫AC5678 超化镇 tractor with a transport licence: OPERATING_FREIGHT.
    /// V3 豫AE0001 白寨镇 truck, no evidence: UNKNOWN_USE. Shares its VIN with V6 (gone).
    /// V4 豫AF0001 超化镇 truck with an approval, over standard: MUCK_APPROVED, OVER_STANDARD.
    /// V5 豫AG0001 a car; V6 豫AH0001 cancelled: both out of scope.
    static let vehicles = [
        "号牌号码,号牌种类,车辆识别代号,车辆类型,使用性质,燃料种类,排放标准,初次登记日期,总质量,所有人,住所地址,所属乡镇,机动车状态,状态变更日期,联系电话",
        "豫AB1234,01,LZFF25M408D000001,H17,F,B,,2012-05-01,25000,新密市顺达土石方有限公司,新密市白寨镇东村,白寨镇,A,,13812341234",
        "豫AC5678,01,LZFF25M428D000002,Q11,F,B,国V,2018-03-09,18000,王建国,新密市超化镇,超化镇,A,,",
        "豫AE0001,01,LZFF25M448D000003,H11,A,B,国V,2018-06-01,18000,李红,新密市白寨镇西村,白寨镇,A,,13900001111",
        "豫AF0001,01,LZFF25M468D000004,H11,A,B,国V,2018-06-01,18000,张伟,新密市超化镇,超化镇,A,,",
        "豫AG0001,02,LZFF25M488D000005,K33,A,A,国V,2018-06-01,1500,赵敏,新密市白寨镇,白寨镇,A,,",
        "豫AH0001,01,LZFF25M448D000003,H11,A,B,国V,2018-06-01,18000,钱多,新密市白寨镇,白寨镇,E,2020-06-01,",
    ]
    static let approvals = [
        "核准编号,号牌号码,运输企业,有效期起,有效期止,出土工地,消纳场,状态",
        "ZT-001,豫AF0001,新密市顺达土石方有限公司,2020-11-01,2020-12-31,,,",
    ]
    static let licenses = [
        "道路运输证号,号牌号码,业户名称,经营范围,有效期止",
        "410183000001,豫AC5678,新密新源物流有限公司,普通货运,2021-12-31",
    ]
    /// Unregistered plates sort before (京), between (豫AD9999) and after (鲁) the registered ones.
    static let inspections = [
        "记录编号,检查时间,号牌号码,检查类型,检查结果,地点,执法单位",
        "JC-01,2020-11-10 22:00,京AF0236,工地,渣土运输,市一中工地,城管",
        "JC-02,2020-11-10 22:10,豫AD9999,夜查,超标,西大街,交警",
        "JC-03,2020-11-11 23:00,鲁A12345,消纳场,渣土运输,米村消纳场,城管",
        "JC-04,2020-11-11 23:30,鲁A12345,遥感,超标,郑新路,生态环境局",
        "JC-05,2020-11-12 21:00,豫AF0001,路检,超标,青屏大街,交警",
        "JC-06,2020-11-12 21:30,豫AE0001,路检,其他,青屏大街,交警",
    ]

    func load(_ store: FleetStore, _ kind: some ImportKind, _ lines: [String]) throws {
        let s = try Importer(store: store).run(kind, path: Fixtures.file(lines.joined(separator: "\r\n")), options: ImportOptions())
        #expect(s.committed, "\(s.kind): \(s.errors.map { "\($0.line) \($0.column) \($0.reason.code)" })")
        #expect(s.invalid == 0)
    }

    func seeded() throws -> FleetStore {
        let store = try Fixtures.store()
        try load(store, VehiclesImport(townships: .xinmi), Self.vehicles)
        try load(store, MuckApprovalsImport(), Self.approvals)
        try load(store, TransportLicensesImport(), Self.licenses)
        try load(store, InspectionsImport(), Self.inspections)
        return store
    }

    func run(_ store: FleetStore, _ day: CivilDate) throws -> ScreeningRunSummary {
        try store.runScreening(asOf: day, screener: Self.screener, operatorName: "test")
    }

    // MARK: The streamed facts

    @Test func factStreamMergesInPlateOrder() throws {
        let store = try seeded()
        var seen: [(plate: String, registered: Bool, inspections: [String])] = []
        try store.forEachFacts { f in
            seen.append((f.plate, f.registration != nil, f.inspections.map(\.recordKey)))
        }
        #expect(seen.map(\.plate) == ["京AF0236", "豫AB1234", "豫AC5678", "豫AD9999", "豫AE0001", "豫AF0001",
                                      "豫AG0001", "豫AH0001", "鲁A12345"])
        #expect(seen.filter { !$0.registered }.map(\.plate) == ["京AF0236", "豫AD9999", "鲁A12345"])
        let byPlate = Dictionary(uniqueKeysWithValues: seen.map { ($0.plate, $0.inspections) })
        #expect(byPlate["京AF0236"] == ["JC-01"])
        #expect(byPlate["豫AD9999"] == ["JC-02"])
        #expect(byPlate["鲁A12345"]?.sorted() == ["JC-03", "JC-04"])
        #expect(byPlate["豫AF0001"] == ["JC-05"])
        #expect(byPlate["豫AE0001"] == ["JC-06"])
        #expect(byPlate["豫AB1234"] == [])
    }

    /// The plate order of the merge is SQLite's (byte order of UTF-8), whatever the plates.
    @Test func factStreamPlateOrderIsByteOrder() throws {
        let store = try seeded()
        var plates: [String] = []
        try store.forEachFacts { plates.append($0.plate) }
        #expect(plates == plates.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) })
        #expect(Set(plates).count == plates.count)
    }

    @Test func factsForOnePlateEqualTheStream() throws {
        let store = try seeded()
        var streamed: [String: VehicleFacts] = [:]
        try store.forEachFacts { streamed[$0.plate] = $0 }
        #expect(streamed.count == 9)
        for (plate, s) in streamed {
            let one = try store.facts(plate: plate)
            #expect(one.plate == s.plate)
            #expect(one.registration == s.registration, "\(plate)")
            #expect(one.registrationSource == s.registrationSource, "\(plate)")
            #expect(one.muckApprovals == s.muckApprovals, "\(plate)")
            #expect(one.transportLicenses == s.transportLicenses, "\(plate)")
            #expect(one.sanitation == s.sanitation, "\(plate)")
            #expect(one.filings == s.filings, "\(plate)")
            #expect(one.inspections == s.inspections, "\(plate)")
            #expect(one.findings == s.findings, "\(plate)")
            // The single-plate query lists the plate's own VIN row too; the stream only
            // VINs held by more than one plate. The other plates must agree.
            #expect(one.sameVIN.filter { $0.plate != plate } == s.sameVIN.filter { $0.plate != plate }, "\(plate)")
            let a = Self.screener.screen(one, asOf: Self.day1), b = Self.screener.screen(s, asOf: Self.day1)
            #expect(a.flagCodes == b.flagCodes && a.usage == b.usage && a.onTownshipList == b.onTownshipList, "\(plate)")
        }
        #expect(streamed["豫AE0001"]?.sameVIN.map(\.plate) == ["豫AE0001", "豫AH0001"])
        #expect(try store.facts(plate: "豫ae 0001").registration?.plate.text == "豫AE0001")
    }

    // MARK: A run's figures

    @Test func runCountsUsageFlagsAndTownships() throws {
        let store = try seeded()
        let s = try run(store, Self.day1)
        #expect(s.run == 1)
        #expect(s.asOf == "2020-11-15")
        #expect(s.policyVersion == "xinmi-2020.1")
        #expect(!s.policyHash.isEmpty)
        #expect(s.vehicles == 4)
        #expect(s.usage == ["UNKNOWN": 2, "OPERATING_FREIGHT": 1, "MUCK_APPROVED": 1])
        #expect(s.flags == ["SUSPECT_MUCK": 1, "SCRAP_TARGET": 1, "UNKNOWN_USE": 1, "OVER_STANDARD": 1])
        #expect(s.byTownship == [
            "白寨镇": ["SUSPECT_MUCK": 1, "SCRAP_TARGET": 1, "UNKNOWN_USE": 1],
            "超化镇": ["OVER_STANDARD": 1],
            "未登记": ["UNAPPROVED_MUCK": 2, "OVER_STANDARD": 2],
        ])
        #expect(s.listed == 2)
        #expect(s.changes == nil)

        // The stored summary is the one returned.
        let stored = try #require(try store.latestRun(asOf: Self.day1))
        #expect(stored.run == s.run && stored.byTownship == s.byTownship && stored.usage == s.usage)
        #expect(try store.latestRun(asOf: Self.day2) == nil)

        // Only flagged vehicles are stored.
        let results = try store.screeningResults(run: s.run, flags: [], township: nil)
        #expect(results.map(\.plate) == ["京AF0236", "豫AB1234", "豫AD9999", "豫AE0001", "豫AF0001", "鲁A12345"])
        let v1 = try #require(results.first { $0.plate == "豫AB1234" })
        #expect(v1.flags == ["SUSPECT_MUCK", "SCRAP_TARGET"] && v1.usage == "UNKNOWN" && v1.onList && v1.registered)
        #expect(v1.itemID == "QD0000001")
        let unreg = try #require(results.first { $0.plate == "鲁A12345" })
        #expect(unreg.township == "未登记" && !unreg.registered && unreg.usage == nil && unreg.itemID == nil && !unreg.onList)
        #expect(unreg.flags == ["UNAPPROVED_MUCK", "OVER_STANDARD"])

        // Filters: every flag asked must hold; the township.
        #expect(try store.screeningResults(run: s.run, flags: ["OVER_STANDARD"], township: nil).map(\.plate)
                == ["豫AD9999", "豫AF0001", "鲁A12345"])
        #expect(try store.screeningResults(run: s.run, flags: ["OVER_STANDARD", "UNAPPROVED_MUCK"], township: nil).map(\.plate)
                == ["鲁A12345"])
        #expect(try store.screeningResults(run: s.run, flags: [], township: "白寨镇").map(\.plate) == ["豫AB1234", "豫AE0001"])
        #expect(try store.screeningResults(run: s.run, flags: [], township: "未登记").count == 3)
    }

    // MARK: List items and the next run

    @Test func listItemIdsAreStableAndTheNextRunIsCompared() throws {
        let store = try seeded()
        let first = try run(store, Self.day1)
        #expect(try store.listItems(run: first.run) == ["豫AB1234": "QD0000001", "豫AE0001": "QD0000002"])

        // The same date again: the same ids, everything still open.
        let again = try run(store, Self.day1)
        #expect(try store.listItems(run: again.run) == ["豫AB1234": "QD0000001", "豫AE0001": "QD0000002"])
        let same = try #require(again.changes)
        #expect(same.previousRun == first.run && same.previousAsOf == "2020-11-15")
        #expect(same.total.newlyFlagged == 0 && same.total.resolved == 0 && same.total.stillOpen == 8)

        // 白寨镇 confirms V3's use; V2 is caught over the standard; V4 passes since.
        try load(store, FindingsImport(township: "白寨镇"), [
            "清单编号,号牌号码,所属乡镇,核查结论,核实用途,核查人,核查日期,备注",
            "QD0000002,豫AE0001,白寨镇,用途已落实,自用运输建材,刘强,2020-11-20,",
            "QD0000001,豫AB1234,白寨镇,,,,,",
        ])
        try load(store, InspectionsImport(), [
            "记录编号,检查时间,号牌号码,检查类型,检查结果,地点,执法单位",
            "JC-07,2020-11-20 21:00,豫AC5678,夜查,超标,西大街,交警",
            "JC-08,2020-11-22 10:00,豫AF0001,遥感,合格,郑新路,生态环境局",
        ])
        let second = try run(store, Self.day2)
        #expect(second.usage == ["UNKNOWN": 1, "OPERATING_FREIGHT": 1, "MUCK_APPROVED": 1, "TOWNSHIP_CONFIRMED": 1])
        #expect(second.listed == 1)
        let ch = try #require(second.changes)
        #expect(ch.previousRun == again.run && ch.previousAsOf == "2020-11-15")
        #expect(ch.total.newlyFlagged == 1)   // V2 OVER_STANDARD
        #expect(ch.total.resolved == 2)       // V3 UNKNOWN_USE, V4 OVER_STANDARD
        #expect(ch.total.stillOpen == 6)      // V1 ×2, 京 ×1, 豫AD9999 ×1, 鲁 ×2
        #expect(ch.byTownship["白寨镇"]?.resolved == 1 && ch.byTownship["白寨镇"]?.stillOpen == 2)
        #expect(ch.byTownship["超化镇"]?.newlyFlagged == 1 && ch.byTownship["超化镇"]?.resolved == 1)
        #expect(ch.byTownship["未登记"]?.stillOpen == 4 && ch.byTownship["未登记"]?.newlyFlagged == 0)
        #expect(try store.listItems(run: second.run) == ["豫AB1234": "QD0000001"])
        // The earlier runs keep their own lists though a later run moved the items on.
        #expect(try store.listItems(run: first.run) == ["豫AB1234": "QD0000001", "豫AE0001": "QD0000002"])
        #expect(try store.listItems(run: again.run) == ["豫AB1234": "QD0000001", "豫AE0001": "QD0000002"])

        // A vehicle new to a list gets the next id; V1 keeps its own.
        try load(store, VehiclesImport(townships: .xinmi), [
            Self.vehicles[0],
            "豫AJ0001,01,LZFF25M418D000007,H11,A,B,国V,2019-01-01,18000,孙丽,新密市米村镇,米村镇,A,,",
        ])
        let third = try run(store, Self.day2)
        #expect(try store.listItems(run: third.run) == ["豫AB1234": "QD0000001", "豫AJ0001": "QD0000003"])
        let ch3 = try #require(third.changes)
        #expect(ch3.total.newlyFlagged == 1 && ch3.total.resolved == 0 && ch3.byTownship["米村镇"]?.newlyFlagged == 1)
        // The item of V3 is kept (with its finding), but not on this run's list.
        let v3 = try store.read { db in try Row.fetchOne(db, sql: "SELECT item_id, township, first_run, last_run FROM screening_items WHERE plate = '豫AE0001'") }
        #expect(v3?[0] as String? == "QD0000002")
        #expect(v3?[2] as Int64? == first.run && v3?[3] as Int64? == again.run)
    }

    @Test func findingsCheckTheItem() throws {
        let store = try seeded()
        _ = try run(store, Self.day1)
        let header = "清单编号,号牌号码,所属乡镇,核查结论,核实用途,核查人,核查日期,备注"
        func importing(_ township: String, _ rows: [String]) throws -> ImportSummary {
            try Importer(store: store).run(FindingsImport(township: township),
                                           path: Fixtures.file(([header] + rows).joined(separator: "\n")), options: ImportOptions())
        }
        var s = try importing("超化镇", ["QD0000001,豫AB1234,白寨镇,查无此车,,刘强,2020-11-20,"])
        #expect(!s.committed && s.invalid == 1)
        s = try importing("白寨镇", ["QD0000001,豫AB9999,白寨镇,查无此车,,刘强,2020-11-20,"])
        #expect(!s.committed && s.invalid == 1)
        s = try importing("白寨镇", ["QD0000099,豫AB1234,白寨镇,查无此车,,刘强,2020-11-20,"])
        #expect(!s.committed && s.invalid == 1)
        s = try importing("白寨镇", ["QD0000001,豫AB1234,白寨镇,用途已落实,,刘强,2020-11-20,"])   // usage required
        #expect(!s.committed && s.invalid == 1)
        s = try importing("白寨镇", ["QD0000001,豫AB1234,白寨镇,非法渣土运输,,刘强,2020-11-20,", "QD0000002,豫AE0001,白寨镇,,,,,"])
        #expect(s.committed && s.inserted == 1)
        let after = try run(store, Self.day2)
        #expect(after.flags["ILLEGAL_MUCK_CONFIRMED"] == 1)
        #expect(after.flags["SUSPECT_MUCK"] == nil)
        #expect(after.listed == 1)      // V3 only; V1's item is closed by the finding
    }
}
