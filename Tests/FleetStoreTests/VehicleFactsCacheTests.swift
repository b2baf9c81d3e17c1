import Foundation
import Testing
import FleetCore
import GRDB
@testable import FleetStore

/// The packed facts (`PackedFacts`, `PackedEvidence`, `VehicleFactsCache`, schema v11–12):
/// they unpack to the registration and evidence a pass reads from the tables, and they follow
/// every change to the vehicles and evidence tables before a run reads them.
@Suite struct VehicleFactsCacheTests {
    static let sampleVehicles = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("../../SampleData/vehicles.csv").standardized.path

    func loaded() throws -> FleetStore {
        let store = try Fixtures.store()
        var o = ImportOptions()
        o.skipInvalid = true
        #expect(try Importer(store: store).run(VehiclesImport(townships: .xinmi), path: Self.sampleVehicles, options: o).committed)
        return store
    }

    /// Every vehicle as the pass reads it from the columns, and as packed facts, by plate.
    func both(_ store: FleetStore) throws -> (columns: [String: VehicleRegistration], packed: [String: VehicleRegistration]) {
        try store.read { db in
            var columns: [String: VehicleRegistration] = [:], packed: [String: VehicleRegistration] = [:]
            let r = try RawStatement(db, EvidenceQueries.vehiclesWithIDForRules)
            var facts = VehicleFacts(plate: "")
            let decoder = FactDecoder()
            while try r.next(db) {
                try EvidenceQueries.setVehicleFacts(&facts, r, decoder)
                columns[facts.plate] = facts.registration
            }
            let texts = try #require(try VehicleFactsCache.current(db)).texts
            let p = try RawStatement(db, "SELECT facts FROM vehicle_facts")
            while try p.next(db) {
                let blob = try #require(p.blobBytes(0))
                let (registration, vin) = try #require(PackedFacts.unpack(blob, texts: texts))
                #expect(String(decoding: vin, as: UTF8.self) == registration.vin.text)
                packed[registration.plate.text] = registration
            }
            return (columns, packed)
        }
    }

    @Test func packedFactsAreTheColumnsFactsForEverySampleVehicle() throws {
        let store = try loaded()
        try VehicleFactsCache.refresh(store)
        let (columns, packed) = try both(store)
        #expect(columns.count > 1_000)
        #expect(packed == columns)
        // Every kind of value is there to pack: no plate type, no stage, no mass, no status date.
        #expect(columns.values.contains { $0.plateType == nil } && columns.values.contains { $0.declaredStage == nil })
        #expect(columns.values.contains { $0.grossMassKg == nil } && columns.values.contains { $0.statusDate != nil })
    }

    @Test func theyFollowReimportsAndAddedVehicles() throws {
        let store = try loaded()
        try VehicleFactsCache.refresh(store)
        let records = try Fixtures.records(Self.sampleVehicles)
        var changed = records[1].1
        changed[3] = changed[3] == "H11" ? "H12" : "H11"          // another vehicle type
        changed[12] = "E"                                         // and cancelled
        let s = try Importer(store: store).run(VehiclesImport(townships: .xinmi),
                                              path: Fixtures.file([Fixtures.header, changed.joined(separator: ",")].joined(separator: "\n")),
                                              options: ImportOptions())
        #expect(s.committed && s.updated == 1)
        // Not current until refreshed: a pass would read the columns.
        #expect(try store.read { db in try VehicleFactsCache.current(db) } == nil)
        let added = try VehicleRegistration.validate({ f in
            ["豫A9Z987", "01", "LZFF25M4X8D004248", "H17", "F", "B", "", "2012-05-01", "25000", "某公司", "新密市白寨镇", "", "A", "", ""][f.position]
        }, townships: .xinmi).value!
        #expect(try store.addVehicle(added, source: "test", operatorName: "t", now: CivilDateTime(unixTime: 1_600_000_000)))
        try VehicleFactsCache.refresh(store)
        let (columns, packed) = try both(store)
        #expect(packed == columns)
        #expect(packed[changed[0]]?.status.letters == "E" && packed["豫A9Z987"] != nil)
        // A first load into an emptied table packs every vehicle again.
        try store.write { db in try db.execute(sql: "DELETE FROM vehicles; DELETE FROM vehicle_status_history") }
        #expect(try Importer(store: store).run(VehiclesImport(townships: .xinmi), path: Self.sampleVehicles,
                                                options: { var o = ImportOptions(); o.skipInvalid = true; return o }()).committed)
        try VehicleFactsCache.refresh(store)
        let again = try both(store)
        #expect(again.packed == again.columns && again.packed["豫A9Z987"] == nil)
    }

    /// What a pass reads of a plate.
    struct Read: Equatable {
        var registration: VehicleRegistration?
        var approvals: [MuckApproval], licenses: [TransportLicense], sanitation: [SanitationEntry]
        var filings: [EnterpriseFiling], inspections: [InspectionRecord], findings: [TownshipFinding]
        init(_ f: VehicleFacts) {
            registration = f.registration; approvals = f.muckApprovals; licenses = f.transportLicenses; sanitation = f.sanitation
            filings = f.filings; inspections = f.inspections; findings = f.findings
        }
    }

    /// Every plate as a pass reads it from the tables (`EvidenceIndex`), and from the packed
    /// facts, by plate.
    func everyPlate(_ store: FleetStore) throws -> (tables: [String: Read], packed: [String: Read]) {
        try store.read { db in
            var tables: [String: Read] = [:], packed: [String: Read] = [:]
            let evidence = try EvidenceIndex(store: store, db: db)
            let r = try RawStatement(db, EvidenceQueries.vehiclesWithIDForRules)
            var facts = VehicleFacts(plate: "")
            let decoder = FactDecoder()
            while try r.next(db) {
                try EvidenceQueries.setVehicleFacts(&facts, r, decoder)
                evidence.fill(&facts)
                tables[facts.plate] = Read(facts)
            }
            try evidence.forEachUntaken { tables[$0.plate] = Read($0) }
            let current = try #require(try VehicleFactsCache.current(db))
            let p = try RawStatement(db, "SELECT facts FROM vehicle_facts")
            while try p.next(db) {
                var facts = VehicleFacts(plate: "")
                let blob = try #require(p.blobBytes(0))
                #expect(PackedFacts.unpack(blob, texts: current.texts, into: &facts) != nil)
                packed[facts.plate] = Read(facts)
            }
            let u = try RawStatement(db, "SELECT plate, facts FROM unregistered_facts")
            while try u.next(db) {
                var facts = VehicleFacts(plate: u.string(0))
                let blob = try #require(u.blobBytes(1))
                #expect(PackedEvidence.unpack(blob, texts: current.texts, into: &facts))
                #expect(packed[facts.plate] == nil)
                packed[facts.plate] = Read(facts)
            }
            #expect(current.sharedVINs == (try EvidenceQueries.sharedVINs(db)))
            return (tables, packed)
        }
    }

    func sampleWithEvidence() throws -> FleetStore {
        let store = try loaded()
        var o = ImportOptions()
        o.skipInvalid = true
        let data = URL(fileURLWithPath: Self.sampleVehicles).deletingLastPathComponent().path
        let kinds: [(any ImportKind, String)] = [
            (MuckApprovalsImport(), "muck-approvals"), (TransportLicensesImport(), "transport-licenses"),
            (EnterprisesImport(townships: .xinmi), "enterprises"), (EnterpriseFleetImport(), "enterprise-fleet"),
            (SanitationFleetImport(), "sanitation-fleet"), (InspectionsImport(), "inspections"),
        ]
        for (kind, file) in kinds { #expect(try Importer(store: store).run(kind, path: "\(data)/\(file).csv", options: o).committed) }
        return store
    }

    @Test func everyPlatesEvidenceIsPackedAsAPassReadsIt() throws {
        let store = try sampleWithEvidence()
        try VehicleFactsCache.refresh(store)
        let (tables, packed) = try everyPlate(store)
        #expect(packed == tables)
        // Every kind is there, and plates with evidence and no registration.
        let values = Array(tables.values)
        #expect(values.contains { !$0.approvals.isEmpty } && values.contains { !$0.licenses.isEmpty } && values.contains { !$0.sanitation.isEmpty })
        #expect(values.contains { !$0.filings.isEmpty } && values.contains { !$0.inspections.isEmpty })
        #expect(values.contains { $0.registration == nil })
        #expect(try store.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM vehicle_facts_source WHERE shared_vins LIKE '[[%'") } == 1)
    }

    @Test func theyFollowEvidenceImports() throws {
        let store = try sampleWithEvidence()
        try VehicleFactsCache.refresh(store)
        let plates = try store.read { db in try String.fetchAll(db, sql: "SELECT plate FROM vehicles ORDER BY plate LIMIT 2") }
        // A sighting and an approval for registered plates, a sighting of a plate from
        // elsewhere, and a finding.
        let inspections = ["记录编号,检查时间,号牌号码,检查类型,检查结果,地点,执法单位",
                           "F-1,2020-11-19 22:00:00,\(plates[0]),工地,渣土运输,某工地,城管",
                           "F-2,2020-11-19 22:30:00,晋A12345,工地,渣土运输,某工地,城管"]
        #expect(try Importer(store: store).run(InspectionsImport(), path: Fixtures.file(inspections.joined(separator: "\n")),
                                               options: ImportOptions()).committed)
        let approval = ["核准编号,号牌号码,运输企业,有效期起,有效期止,出土工地,消纳场,状态",
                        "HZ-F1,\(plates[1]),某公司,2020-01-01,2020-12-31,某工地,某消纳场,"]
        #expect(try Importer(store: store).run(MuckApprovalsImport(), path: Fixtures.file(approval.joined(separator: "\n")),
                                               options: ImportOptions()).committed)
        try VehicleFactsCache.refresh(store)
        var (tables, packed) = try everyPlate(store)
        #expect(packed == tables)
        #expect(packed["晋A12345"]?.inspections.count == 1 && packed["晋A12345"]?.registration == nil)
        #expect(packed[plates[1]]?.approvals.contains { $0.validTo == CivilDate(parsing: "2020-12-31")! } == true)

        // The plate from elsewhere registered here: its evidence moves to the vehicle.
        let added = try VehicleRegistration.validate({ f in
            ["晋A12345", "01", "LZFF25M4X8D004248", "H17", "F", "B", "", "2012-05-01", "25000", "某公司", "新密市白寨镇", "", "A", "", ""][f.position]
        }, townships: .xinmi).value!
        #expect(try store.addVehicle(added, source: "test", operatorName: "t", now: CivilDateTime(unixTime: 1_600_000_000)))
        // The approval re-issued to the other plate (a replaced row: everything is packed again).
        let moved = ["核准编号,号牌号码,运输企业,有效期起,有效期止,出土工地,消纳场,状态",
                     "HZ-F1,\(plates[0]),某公司,2020-01-01,2020-12-31,某工地,某消纳场,"]
        let s = try Importer(store: store).run(MuckApprovalsImport(), path: Fixtures.file(moved.joined(separator: "\n")), options: ImportOptions())
        #expect(s.committed && s.updated == 1)
        try VehicleFactsCache.refresh(store)
        (tables, packed) = try everyPlate(store)
        #expect(packed == tables)
        #expect(packed["晋A12345"]?.registration != nil && packed["晋A12345"]?.inspections.count == 1)
        #expect(try store.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM unregistered_facts WHERE plate = '晋A12345'") } == 0)
        #expect(packed[plates[1]]?.approvals.contains { $0.validTo == CivilDate(parsing: "2020-12-31")! } != true)
        #expect(packed[plates[0]]?.approvals.contains { $0.validTo == CivilDate(parsing: "2020-12-31")! } == true)
    }

    @Test func bytesThatAreNotPackedEvidenceDoNotUnpack() throws {
        var texts = TextList()
        var facts = VehicleFacts(plate: "豫A9Z987")
        facts.muckApprovals = [MuckApproval(approvalNo: "", company: "", validFrom: CivilDate(parsing: "2020-01-01")!,
                                            validTo: CivilDate(parsing: "2020-12-31")!, revoked: true)]
        facts.filings = [EnterpriseFiling(enterpriseID: "E1", enterpriseName: "某企业", enterpriseTownship: "米村镇", inBuiltUpArea: true,
                                          filedOn: nil, inUse: true)]
        facts.inspections = [InspectionRecord(recordKey: "", checkedAt: CivilDateTime(secondsSinceEpochCST: 1_600_000_000),
                                              kind: .siteCheck, result: .haulingMuck)]
        facts.findings = [TownshipFinding(itemID: "X-1", township: "米村镇", conclusion: FindingConclusion.allCases[0],
                                          confirmedUsage: nil, investigatedOn: CivilDate(parsing: "2020-11-01")!,
                                          source: FactSource(batch: 7, line: 12))]
        var bytes: [UInt8] = []
        PackedEvidence.pack(facts, texts: &texts, into: &bytes)
        var back = VehicleFacts(plate: "豫A9Z987")
        #expect(bytes.withUnsafeBufferPointer { PackedEvidence.unpack($0, texts: texts.decoded, into: &back) })
        #expect(Read(back) == Read(facts))
        for cut in [1, 11, 12, 20, bytes.count - 1] {
            var f = VehicleFacts(plate: "")
            #expect(!Array(bytes.prefix(cut)).withUnsafeBufferPointer { PackedEvidence.unpack($0, texts: texts.decoded, into: &f) })
        }
        var f = VehicleFacts(plate: "")
        #expect(!(bytes + [0]).withUnsafeBufferPointer { PackedEvidence.unpack($0, texts: texts.decoded, into: &f) })
        #expect(!bytes.withUnsafeBufferPointer { PackedEvidence.unpack($0, texts: TextList(["E1"]).decoded, into: &f) })
    }

    @Test func bytesThatAreNotPackedFactsDoNotUnpack() throws {
        let texts = TextList(["米村镇", "A"]).decoded
        var texts2 = TextList(["米村镇", "A"])
        let r = try VehicleRegistration.validate({ f in
            ["豫A9Z987", "", "LZFF25M4X8D004248", "Q11", "F", "B", "国五", "2012-05-01", "18000", "某公司", "", "米村镇", "A", "2020-01-02", ""][f.position]
        }, townships: .xinmi).value!
        var bytes: [UInt8] = []
        PackedFacts.pack(r, texts: &texts2, into: &bytes)
        // What no rule reads is not packed.
        var expected = r
        expected.owner = ""; expected.address = nil; expected.townshipSource = .declared; expected.phone = nil
        #expect(bytes.withUnsafeBufferPointer { PackedFacts.unpack($0, texts: texts)?.0 } == expected)
        for cut in [0, 1, 5, bytes.count - 1] {
            #expect(Array(bytes.prefix(cut)).withUnsafeBufferPointer { PackedFacts.unpack($0, texts: texts) } == nil)
        }
        // A township place past the list.
        #expect(bytes.withUnsafeBufferPointer { PackedFacts.unpack($0, texts: TextList(["A"]).decoded) } == nil)
    }
}
