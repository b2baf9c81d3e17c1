import Foundation
import Testing
import FleetCore
import GRDB
@testable import FleetStore

/// The vehicles' packed facts (`PackedFacts`, `VehicleFactsCache`, schema v11): they unpack
/// to the registration a pass reads from the columns, and they follow every change to the
/// vehicles table before a run reads them.
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
            let texts = try #require(try VehicleFactsCache.current(db))
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
