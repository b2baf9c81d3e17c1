import Foundation
import Testing
import FleetCore
import GRDB
@testable import FleetStore

/// The vehicles table's indexes (schema v8, v10): plate, VIN, (township, type); what a first
/// load keeps and rebuilds; the statistics that let a lookup by type alone use the
/// (township, type) index; the change log that replaced the index on the batch.
@Suite struct VehicleIndexTests {
    static let sampleVehicles = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("../../SampleData/vehicles.csv").standardized.path
    static let expected = ["vehicles_plate", "vehicles_township_type", "vehicles_vin"]

    func indexes(_ db: Database) throws -> [String] {
        try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'vehicles' AND sql IS NOT NULL ORDER BY name")
    }

    func plan(_ db: Database, _ sql: String) throws -> String {
        try Row.fetchAll(db, sql: "EXPLAIN QUERY PLAN " + sql).map { $0["detail"] as String }.joined(separator: "; ")
    }

    @Test func aFirstLoadLeavesEveryIndexAndTheStatistics() throws {
        let store = try Fixtures.store()
        let s = try Importer(store: store).run(VehiclesImport(townships: .xinmi), path: Self.sampleVehicles, options: ImportOptions())
        #expect(s.committed)
        try store.read { db in
            #expect(try indexes(db) == Self.expected)
            let stat = try String.fetchOne(db, sql: "SELECT stat FROM sqlite_stat1 WHERE idx = 'vehicles_township_type'")
            let rows = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM vehicles")!
            #expect(stat?.split(separator: " ").first.map(String.init) == String(rows))
            #expect(try plan(db, "SELECT plate FROM vehicles WHERE vehicle_type = 'H11'").contains("vehicles_township_type"))
            #expect(try plan(db, "SELECT plate FROM vehicles WHERE township = '米村镇'").contains("vehicles_township_type"))
            // A first load notes one change: every vehicle.
            let changes = try Row.fetchAll(db, sql: "SELECT batch_id, plate FROM vehicle_changes")
            #expect(changes.count == 1 && changes.first?["plate"] == nil && changes.first?["batch_id"] == s.batch)
            #expect(try plan(db, "SELECT plate FROM vehicle_changes WHERE batch_id > 0").contains("vehicle_changes_batch"))
            // The index answers as the table does.
            let byIndex = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM vehicles WHERE vehicle_type = 'H11'")!
            let byScan = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM vehicles NOT INDEXED WHERE vehicle_type = 'H11'")!
            #expect(byIndex == byScan && byIndex > 0)
            #expect(try String.fetchOne(db, sql: "PRAGMA integrity_check") == "ok")
        }
    }

    @Test func aDuplicatePlateInAFirstLoadIsStillFound() throws {
        let store = try Fixtures.store()
        let text = [Fixtures.header, Fixtures.rowA, Fixtures.rowB, Fixtures.rowA.replacingOccurrences(of: "13812341234", with: "")]
            .joined(separator: "\n")
        let s = try Importer(store: store).run(VehiclesImport(townships: .xinmi), path: Fixtures.file(text), options: ImportOptions())
        #expect(!s.committed)
        #expect(s.errors.first?.line == 4)
        let names = try store.read { db in try indexes(db) }
        #expect(names == Self.expected)
    }

    /// A first load stores its rows sixteen to a statement (`ImportLoop.groupSize`): the rows
    /// keep the file's order and their lines, a duplicate is found whether its first row is in
    /// its own group or an earlier one, and rows off the fast path (an unusual spelling) go in
    /// between in their place.
    @Test func aFirstLoadInGroupsKeepsOrderAndFindsDuplicates() throws {
        let records = try Fixtures.records(Self.sampleVehicles).dropFirst().prefix(60).map(\.1)
        var rows = records.map { $0.joined(separator: ",") }
        // Row 5 (line 7): a lower-case plate, which the fast path leaves to the parser. Rows
        // 20 and 41 (lines 22 and 43) repeat rows 18 (line 20, the same group) and 3 (line 5,
        // an earlier group).
        rows[5] = rows[5].lowercased()
        rows.insert(rows[18], at: 20)
        rows.insert(rows[3], at: 41)
        let store = try Fixtures.store()
        var o = ImportOptions()
        o.skipInvalid = true
        let s = try Importer(store: store).run(VehiclesImport(townships: .xinmi),
                                              path: Fixtures.file(([Fixtures.header] + rows).joined(separator: "\n")), options: o)
        #expect(s.committed && s.inserted == 60 && s.invalid == 2)
        #expect(s.errors.map(\.line) == [22, 43])
        #expect(s.errors.map { $0.reason } == [Reason.duplicateKey(firstAt: 20), Reason.duplicateKey(firstAt: 5)])
        try store.read { db in
            let stored = try Row.fetchAll(db, sql: "SELECT id, source_line, plate FROM vehicles ORDER BY id")
            #expect(stored.map { $0["id"] as Int64 } == Array(1...60))
            #expect(stored.map { $0["source_line"] as Int } == (2...63).filter { $0 != 22 && $0 != 43 })
            #expect(stored.map { $0["plate"] as String } == records.map { $0[0] })
        }
    }

    @Test func aStoreOfVersion7GetsTheNewIndexes() throws {
        let path = Fixtures.tempDir().appendingPathComponent("v7.sqlite").path
        let queue = try DatabaseQueue(path: path)
        try Schema.migrator.migrate(queue, upTo: "v7-screening-state")
        try queue.write { db in
            try db.execute(sql: "INSERT INTO import_batches (kind, file_name, sha256, encoding, operator, started_at) VALUES ('vehicles', 'v.csv', '', 'utf-8', 't', '2020-01-01T00:00:00+08:00')")
            for (i, type) in ["H11", "H17", "Q11"].enumerated() {
                try db.execute(sql: """
                    INSERT INTO vehicles (plate, vin, vin_check_ok, vehicle_type, use_nature, fuel, first_registered, owner,
                                          township, township_source, status, batch_id, source_line, row_hash)
                    VALUES (?, ?, 1, ?, 'F', 'B', '2012-01-01', 'o', '米村镇', 'column', 'A', 1, ?, 0)
                    """, arguments: ["豫A1234\(i)", "LZFF25M4X8D00424\(i)", type, i + 2])
            }
        }
        #expect(try queue.read { db in try indexes(db) }.contains("vehicles_type"))
        try queue.close()
        let store = try FleetStore(path: path)
        #expect(try store.schemaVersion() == Schema.migrations.last!.name)
        // v9: the last run's state lives in a file; its tables are gone.
        let stateTable = try store.read { db in
            try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM sqlite_master WHERE name = 'screening_state_data')")
        }
        #expect(stateTable == false)
        try store.read { db in
            let stat = try String.fetchOne(db, sql: "SELECT stat FROM sqlite_stat1 WHERE idx = 'vehicles_township_type'")
            #expect(stat?.hasPrefix("3 ") == true)
            #expect(try indexes(db) == Self.expected)
            #expect(try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM vehicles WHERE vehicle_type = 'H17'") == 1)
            // v10: the vehicles batch already there counts as a change of every vehicle.
            #expect(try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM vehicle_changes WHERE batch_id = 1 AND plate IS NULL") == 1)
            #expect(try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM vehicle_changes") == 1)
        }
    }
}
