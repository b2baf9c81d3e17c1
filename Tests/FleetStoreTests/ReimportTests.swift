import Foundation
import Testing
import FleetCore
import GRDB
import GRDBSQLite
@testable import FleetStore

/// A re-import decides in memory (`StoredKeys`) what it used to ask of the database row by
/// row: unchanged, replaced, new, duplicate. Both ways must give the same answers and leave
/// the same rows, status history and change log — also when key hashes collide (forced with
/// short hashes) and when the keys outgrow memory halfway through a file (they spill to the
/// temporary table).
@Suite struct ReimportTests {
    static let sample = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("../../SampleData/vehicles.csv").standardized.path

    /// The sample's header and data lines.
    static let sampleLines: (header: String, rows: [String]) = {
        var text = try! String(contentsOfFile: sample, encoding: .utf8)
        if text.hasPrefix("\u{FEFF}") { text.removeFirst() }
        let lines = text.split(whereSeparator: \.isNewline).map(String.init)
        return (lines[0], Array(lines.dropFirst()))
    }()

    /// A line with another status and status date (a vehicle deregistered since).
    /// (The last three fields, status, status date and phone, are never quoted in the sample.)
    static func changed(_ line: String) -> String {
        var fields = line.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
        let status = fields.count - 3
        fields[status] = fields[status] == "E" ? "A" : "E"
        fields[status + 1] = "2021-01-02"
        return fields.joined(separator: ",")
    }

    /// A line whose vehicle moved to another township (an indexed column).
    static func moved(_ line: String) -> String {
        var fields = line.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
        let township = fields.count - 4
        fields[township] = fields[township] == "超化镇" ? "米村镇" : "超化镇"
        return fields.joined(separator: ",")
    }

    /// A registry's days: the first half of the sample; the whole sample with one vehicle in
    /// seven changed and three lines repeated (a stored row unchanged, a new one changed, a
    /// changed one as it was); the same file again; then a third of the sample, changed again
    /// (some vehicles moved to another township).
    static let files: [String] = {
        let (header, rows) = sampleLines
        let half = rows.count / 2
        var day2 = rows.enumerated().map { i, line in i < half && i % 7 == 0 ? changed(line) : line }
        day2 += [rows[3], changed(rows[half + 100]), rows[7]]
        let day4 = rows.prefix(rows.count / 3).enumerated().map { i, line in
            i % 10 == 0 ? moved(changed(line)) : i % 5 == 0 ? changed(line) : i % 9 == 0 ? moved(line) : line
        }
        return [Array(rows.prefix(half)), day2, day2, day4].map { ([header] + $0).joined(separator: "\n") + "\n" }
    }()

    /// What each day's import said and what the store holds after it.
    func days(_ configure: (inout ImportOptions) -> Void) throws -> [String] {
        let store = try Fixtures.store()
        var out: [String] = []
        for file in Self.files {
            var o = ImportOptions()
            o.skipInvalid = true
            configure(&o)
            let s = try Importer(store: store).run(VehiclesImport(townships: .xinmi), path: Fixtures.file(file), options: o)
            let findings = s.errors.map { "\($0.line) \($0.column) \($0.reason.code) \($0.reason.en)" }
            out.append("committed \(s.committed) rows \(s.rows) inserted \(s.inserted) updated \(s.updated) unchanged \(s.unchanged) invalid \(s.invalid) \(findings)")
            try store.read { db in
                out.append(try String.fetchAll(db, sql: "SELECT id || ' ' || plate || ' ' || row_hash || ' ' || batch_id || ' ' || source_line || ' ' || status FROM vehicles ORDER BY id").joined(separator: "|"))
                out.append(try String.fetchAll(db, sql: "SELECT plate || ' ' || old_status || ' ' || new_status || ' ' || batch_id FROM vehicle_status_history ORDER BY id").joined(separator: "|"))
                out.append(try String.fetchAll(db, sql: "SELECT batch_id || ' ' || COALESCE(plate, '*') FROM vehicle_changes ORDER BY rowid").joined(separator: "|"))
            }
        }
        return out
    }

    @Test func inMemoryAndByStatementsTheSameAnswersAndRows() throws {
        let byStatements = try days { $0.keyLimit = 0 }
        // The scenario does what it says: every kind of answer comes up.
        #expect(byStatements[4].contains("inserted 1500 updated 215 unchanged 1285 invalid 3"), "\(byStatements[4].prefix(120))")
        #expect(byStatements[8].contains("inserted 0 updated 0 unchanged 3000 invalid 3"), "\(byStatements[8].prefix(120))")
        #expect(byStatements[12].contains("updated"), "\(byStatements[12].prefix(120))")
        #expect(byStatements[4].contains("DUPLICATE_KEY"))
        #expect(!byStatements[5].isEmpty && !byStatements[6].isEmpty && !byStatements[7].isEmpty)

        let inMemory = try days { _ in }
        #expect(inMemory == byStatements)
        let colliding = try days { $0.keyBits = 3 }
        #expect(colliding == byStatements)
        // 1,500 rows stored, 1,500 new on the second day: memory runs out halfway.
        let spilling = try days { $0.keyLimit = 2_000 }
        #expect(spilling == byStatements)
    }

    /// After each day, every vehicle of the day's file is stored as a first load of that file
    /// alone stores it: whichever way a row was replaced, every column was written.
    @Test func aReimportStoresWhatAFirstLoadOfTheFileStores() throws {
        let columns = "plate_type, vin, vin_check_ok, vehicle_type, use_nature, fuel, emission_declared, first_registered, gross_mass_kg, owner, address, township, township_source, status, status_date, phone, row_hash"
        func rows(_ store: FleetStore) throws -> [String: String] {
            try store.read { db in
                Dictionary(uniqueKeysWithValues: try Row.fetchAll(db, sql: "SELECT plate, \(columns) FROM vehicles").map { ($0[0] as String, $0.description) })
            }
        }
        let store = try Fixtures.store()
        var o = ImportOptions()
        o.skipInvalid = true
        var before: [String: String] = [:]
        for file in Self.files {
            let path = Fixtures.file(file)
            before = try store.read { db in
                Dictionary(uniqueKeysWithValues: try Row.fetchAll(db, sql: "SELECT plate, township FROM vehicles").map { ($0[0] as String, $0[1] as String) })
            }
            #expect(try Importer(store: store).run(VehiclesImport(townships: .xinmi), path: path, options: o).committed)
            let alone = try Fixtures.store()
            _ = try Importer(store: alone).run(VehiclesImport(townships: .xinmi), path: path, options: o)
            let expected = try rows(alone)
            let stored = try rows(store)
            #expect(expected.count >= 1000)
            #expect(expected.allSatisfy { stored[$0.key] == $0.value })
        }
        // The last day moved vehicles: replacements that rewrote an indexed column.
        let after = try store.read { db in
            Dictionary(uniqueKeysWithValues: try Row.fetchAll(db, sql: "SELECT plate, township FROM vehicles").map { ($0[0] as String, $0[1] as String) })
        }
        #expect(after.filter { before[$0.key] != $0.value }.count > 50)
    }

    /// The in-memory way is taken for a vehicles table with rows (and only under the limit).
    @Test func aReimportOfVehiclesDecidesInMemory() throws {
        let store = try Fixtures.store()
        _ = try Importer(store: store).run(VehiclesImport(townships: .xinmi), path: Self.sample, options: ImportOptions())
        try store.write { db in
            let loop = try ImportLoop(db: db, kind: VehiclesImport(townships: .xinmi), batchID: 1, importedAt: CivilDateTime(unixTime: 0))
            #expect(loop.takesPacked && !loop.bindsPacked)
            let small = try ImportLoop(db: db, kind: VehiclesImport(townships: .xinmi), batchID: 1, importedAt: CivilDateTime(unixTime: 0), keyLimit: 100)
            #expect(!small.takesPacked)
        }
    }

    /// A stored key's hash, read from its column, is the row hash of that one value.
    @Test func aStoredKeysHashIsItsRowHash() throws {
        let store = try Fixtures.store()
        try store.read { db in
            let st = try RawStatement(db, "SELECT '豫A12345', 42, NULL, ''")
            #expect(st.step() == SQLITE_ROW)
            #expect(st.rowHashOfColumn(0) == rowHash([.text("豫A12345")]))
            #expect(st.rowHashOfColumn(1) == rowHash([.integer(42)]))
            #expect(st.rowHashOfColumn(2) == rowHash([.null]))
            #expect(st.rowHashOfColumn(3) == rowHash([.text("")]))
            st.reset()
        }
    }
}
