import Foundation
import FleetCore
import GRDB
import GRDBSQLite

/// Keeps `vehicle_facts` current: each vehicle's registration packed as a full pass reads it
/// (`PackedFacts`), so that the pass reads one short blob a vehicle rather than twelve columns
/// of the wide vehicles table and decodes no text.
///
/// The packed facts are current up to the import batch named in `vehicle_facts_source`.
/// Before a run, the vehicles changed since that batch (`vehicle_changes`, which every write
/// to the vehicles table notes) are packed again; a first load of the vehicles (a NULL
/// plate there), another format, changes to more than a fifth of the vehicles, or a table
/// whose last row id differs from the vehicles' means every vehicle is packed again (3.6 s
/// at 1M vehicles, once after a first load). The incremental run relies on the same log.
enum VehicleFactsCache {
    /// Brings the packed facts up to date (its own transaction: the pass's threads read
    /// through connections of their own, which see only what is committed).
    static func refresh(_ store: FleetStore) throws {
        try store.writer.write { db in try refresh(db) }
    }

    static func refresh(_ db: Database) throws {
        let maxBatch = try Int64.fetchOne(db, sql: "SELECT MAX(id) FROM import_batches") ?? 0
        let source = try Row.fetchOne(db, sql: "SELECT format, through_batch, texts FROM vehicle_facts_source")
        var texts = TextList(json: source?["texts"])
        let known = texts.strings.count
        let decoder = FactDecoder()
        var buffer: [UInt8] = []
        var changed: [String]? = []
        if let source, source["format"] as Int == PackedFacts.format {
            for plate in try String?.fetchAll(db, sql: "SELECT plate FROM vehicle_changes WHERE batch_id > ?",
                                              arguments: [source["through_batch"] as Int64]) {
                guard let plate else { changed = nil; break }   // a first load: every vehicle
                changed?.append(plate)
            }
        } else {
            changed = nil
        }
        // Many changes (a new extract replacing most rows): packed again in one pass over the
        // table rather than looked up one plate at a time.
        if let plates = changed, plates.count > 1_000,
           plates.count * 5 > (try Int.fetchOne(db, sql: "SELECT MAX(id) FROM vehicles") ?? 0) {
            changed = nil
        }
        if var plates = changed {
            plates = Array(Set(plates))
            let r = try RawStatement(db, EvidenceQueries.vehiclesWithIDForRules + " WHERE plate = ?")
            let put = try RawStatement(db, "INSERT OR REPLACE INTO vehicle_facts (id, facts) VALUES (?, ?)")
            for plate in plates {
                r.reset()
                r.bind(.text(plate), at: 1)
                if try r.next(db) { try store(r, put, &texts, decoder, &buffer, db) }
            }
            let last = try Int64.fetchOne(db, sql: "SELECT MAX(id) FROM vehicles")
            if try Int64.fetchOne(db, sql: "SELECT MAX(id) FROM vehicle_facts") != last { changed = nil }
        }
        if changed == nil {
            texts = TextList()
            try db.execute(sql: "DELETE FROM vehicle_facts")
            let r = try RawStatement(db, EvidenceQueries.vehiclesWithIDForRules)
            let put = try RawStatement(db, "INSERT INTO vehicle_facts (id, facts) VALUES (?, ?)")
            while try r.next(db) { try store(r, put, &texts, decoder, &buffer, db) }
        }
        guard changed == nil || changed?.isEmpty == false || texts.strings.count != known
                || source?["through_batch"] as Int64? != maxBatch else { return }
        let json = String(decoding: try JSONEncoder().encode(texts.strings), as: UTF8.self)
        try db.execute(sql: "DELETE FROM vehicle_facts_source")
        try db.execute(sql: "INSERT INTO vehicle_facts_source (format, through_batch, texts) VALUES (?, ?, ?)",
                       arguments: [PackedFacts.format, maxBatch, json])
    }

    /// Packs the vehicle of `r`'s current row (`vehiclesWithIDForRules`) into `vehicle_facts`.
    private static func store(_ r: RawStatement, _ put: RawStatement, _ texts: inout TextList, _ decoder: FactDecoder,
                              _ buffer: inout [UInt8], _ db: Database) throws {
        var facts = VehicleFacts(plate: "")
        try EvidenceQueries.setVehicleFacts(&facts, r, decoder)
        PackedFacts.pack(facts.registration!, texts: &texts, into: &buffer)
        sqlite3_bind_int64(put.handle, 1, r.int64(19))
        let rc = buffer.withUnsafeBufferPointer { b in
            sqlite3_bind_blob(put.handle, 2, b.baseAddress, Int32(b.count), nil)     // SQLITE_STATIC: stepped at once
            return put.step()
        }
        put.resetKeepingBindings()
        guard rc == SQLITE_DONE else { throw DatabaseError(resultCode: ResultCode(rawValue: rc), message: put.errorMessage(db)) }
    }

    /// The texts the packed facts refer to, for a pass; nil when the packed facts are not
    /// current (another format, or imports since they were packed): the pass then reads the
    /// vehicles table.
    static func current(_ db: Database) throws -> TextList.Decoded? {
        let maxBatch = try Int64.fetchOne(db, sql: "SELECT MAX(id) FROM import_batches") ?? 0
        guard let source = try Row.fetchOne(db, sql: "SELECT format, through_batch, texts FROM vehicle_facts_source"),
              source["format"] as Int == PackedFacts.format, source["through_batch"] as Int64 == maxBatch else { return nil }
        return TextList(json: source["texts"]).decoded
    }
}
