import Foundation
import FleetCore
import GRDB
import GRDBSQLite

/// Keeps the packed facts current for full passes: each vehicle's registration and evidence
/// in `vehicle_facts` (`PackedFacts`), the evidence of plates without a registration in
/// `unregistered_facts`, and the plates sharing a VIN in `vehicle_facts_source`. A pass then
/// reads one short blob a plate instead of twelve columns of the wide vehicles table and six
/// evidence tables, and decodes no text.
///
/// It is a cache, never the record: it is current up to the import batch named in
/// `vehicle_facts_source`, and a pass that finds it older reads the tables. Before a full run
/// the plates changed since are packed again: those `vehicle_changes` lists, and those in
/// evidence rows imported since (every evidence table has its `batch_id` indexed), as the
/// incremental run finds them (`ScreeningIncremental`). Everything is packed again after a
/// first load of the vehicles (a NULL plate in `vehicle_changes`), another format, an import
/// of another kind (enterprises, townships: many plates at once), an evidence import that
/// replaced rows (a replaced row may have named another plate), changes to more than a fifth
/// of the vehicles, or a last row id that differs from the vehicles' (3.1–3.3 s at 1M vehicles).
enum VehicleFactsCache {
    /// Brings the packed facts up to date (its own transaction: the pass's threads read
    /// through connections of their own, which see only what is committed).
    static func refresh(_ store: FleetStore) throws {
        try store.writer.write { db in try refresh(db, store: store) }
    }

    static func refresh(_ db: Database, store: FleetStore) throws {
        let maxBatch = try Int64.fetchOne(db, sql: "SELECT MAX(id) FROM import_batches") ?? 0
        let source = try Row.fetchOne(db, sql: "SELECT format, through_batch, texts, shared_vins FROM vehicle_facts_source")
        let sameFormat = source?["format"] as Int? == PackedFacts.format
        if sameFormat, source?["through_batch"] as Int64? == maxBatch { return }
        var texts = TextList(json: source?["texts"])
        var shared = source?["shared_vins"] as String?
        var vehiclesChanged = false
        let changed = sameFormat ? try changedPlates(db, since: source!["through_batch"], vehiclesChanged: &vehiclesChanged) : nil
        var rebuild = changed == nil
        if let changed, !changed.isEmpty {
            try repack(db, plates: changed, texts: &texts)
            let last = try Int64.fetchOne(db, sql: "SELECT MAX(id) FROM vehicles")
            rebuild = try Int64.fetchOne(db, sql: "SELECT MAX(id) FROM vehicle_facts") != last
        }
        if rebuild {
            texts = TextList()
            shared = encode(try repackAll(db, store: store, texts: &texts))
        } else if vehiclesChanged {
            shared = encode(try EvidenceQueries.sharedVINs(db))
        }
        let json = String(decoding: try JSONEncoder().encode(texts.strings), as: UTF8.self)
        try db.execute(sql: "DELETE FROM vehicle_facts_source")
        try db.execute(sql: "INSERT INTO vehicle_facts_source (format, through_batch, texts, shared_vins) VALUES (?, ?, ?, ?)",
                       arguments: [PackedFacts.format, maxBatch, json, shared ?? "[]"])
    }

    /// The plates whose packed facts may have changed since batch `since`
    /// (`ScreeningIncremental.changedPlates`); nil when every plate must be packed again.
    private static func changedPlates(_ db: Database, since: Int64, vehiclesChanged: inout Bool) throws -> Set<String>? {
        let limit = max(1_000, (try Int.fetchOne(db, sql: "SELECT MAX(id) FROM vehicles") ?? 0) / 5)
        guard let changes = try ScreeningIncremental.changedPlates(db, since: since, limit: limit) else { return nil }
        vehiclesChanged = try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM vehicle_changes WHERE batch_id > ?)", arguments: [since])!
        return changes.plates
    }

    /// Packs `plates` again, one at a time (registered or not, with evidence or none left).
    private static func repack(_ db: Database, plates: Set<String>, texts: inout TextList) throws {
        let vehicle = try RawStatement(db, EvidenceQueries.vehiclesWithIDForRules + " WHERE plate = ?")
        let evidence = try PlateEvidence(db)
        let putVehicle = try RawStatement(db, "INSERT OR REPLACE INTO vehicle_facts (id, facts) VALUES (?, ?)")
        let putUnregistered = try RawStatement(db, "INSERT OR REPLACE INTO unregistered_facts (plate, facts) VALUES (?, ?)")
        let dropUnregistered = try RawStatement(db, "DELETE FROM unregistered_facts WHERE plate = ?")
        let decoder = FactDecoder()
        var buffer: [UInt8] = []
        for plate in plates.sorted() {
            var facts = VehicleFacts(plate: plate)
            vehicle.reset()
            vehicle.bind(.text(plate), at: 1)
            let id: Int64? = try vehicle.next(db) ? vehicle.int64(19) : nil
            if id != nil { try EvidenceQueries.setVehicleFacts(&facts, vehicle, decoder) }
            try evidence.fill(&facts)
            if let id {
                PackedFacts.pack(facts, texts: &texts, into: &buffer)
                try put(putVehicle, .integer(id), buffer, db)
            }
            if id == nil, !PackedEvidence.isEmpty(facts) {
                buffer.removeAll(keepingCapacity: true)
                PackedEvidence.pack(facts, texts: &texts, into: &buffer)
                try put(putUnregistered, .text(plate), buffer, db)
            } else {
                dropUnregistered.reset()
                dropUnregistered.bind(.text(plate), at: 1)
                guard dropUnregistered.step() == SQLITE_DONE else { throw DatabaseError(message: dropUnregistered.errorMessage(db)) }
            }
        }
    }

    /// Packs every plate: the evidence loaded as a pass loads it (`EvidenceIndex`), then each
    /// vehicle with its evidence, then the plates no vehicle took. Returns the shared VINs.
    ///
    /// The vehicles are read and packed on a thread of their own (a read connection: the
    /// vehicles are committed) while this one inserts the blobs: 2.8 s → 2.0–2.3 s at 1M vehicles.
    private static func repackAll(_ db: Database, store: FleetStore, texts: inout TextList) throws -> [String: [SameVINPlate]] {
        let clock = PhaseClock(prefix: "    packing: ")
        try db.execute(sql: "DELETE FROM vehicle_facts; DELETE FROM unregistered_facts")
        clock.lap("emptied")
        let evidence = try EvidenceIndex(store: store, db: db)
        clock.lap("evidence loaded")
        let batches = PackedBatches()
        let start = texts
        let packer = ScanWorker<TextList> {
            defer { batches.finish() }
            return try ScanWorker<TextList>.reading(store) { rdb in
                var texts = start
                let r = try RawStatement(rdb, EvidenceQueries.vehiclesWithIDForRules)
                let decoder = FactDecoder()
                var buffer: [UInt8] = [], facts = VehicleFacts(plate: ""), batch = PackedBatches.Batch()
                while try r.next(rdb) {
                    try EvidenceQueries.setVehicleFacts(&facts, r, decoder)
                    evidence.fill(&facts)
                    PackedFacts.pack(facts, texts: &texts, into: &buffer)
                    batch.add(id: r.int64(19), buffer)
                    if batch.ids.count == 4_096 {
                        guard batches.put(batch) else { break }     // the inserting side failed
                        batch = PackedBatches.Batch()
                    }
                }
                if !batch.ids.isEmpty { _ = batches.put(batch) }
                return texts
            }
        }
        let putVehicle = try RawStatement(db, "INSERT INTO vehicle_facts (id, facts) VALUES (?, ?)")
        do {
            while let batch = batches.take() {
                for k in batch.ids.indices {
                    try batch.bytes.withUnsafeBufferPointer { b in
                        try put(putVehicle, .integer(batch.ids[k]), UnsafeBufferPointer(rebasing: b[(k == 0 ? 0 : batch.ends[k - 1])..<batch.ends[k]]), db)
                    }
                }
            }
        } catch {
            batches.abandon()
            _ = try? packer.wait()
            throw error
        }
        texts = try packer.wait()
        clock.lap("vehicles packed")
        let putUnregistered = try RawStatement(db, "INSERT INTO unregistered_facts (plate, facts) VALUES (?, ?)")
        var buffer: [UInt8] = []
        try evidence.forEachUntaken { facts in
            buffer.removeAll(keepingCapacity: true)
            PackedEvidence.pack(facts, texts: &texts, into: &buffer)
            try buffer.withUnsafeBufferPointer { try put(putUnregistered, .text(facts.plate), $0, db) }
        }
        clock.lap("unregistered packed")
        return evidence.sharedVINs
    }

    private static func put(_ st: RawStatement, _ key: SQLValue, _ buffer: [UInt8], _ db: Database) throws {
        try buffer.withUnsafeBufferPointer { try put(st, key, $0, db) }
    }

    private static func put(_ st: RawStatement, _ key: SQLValue, _ b: UnsafeBufferPointer<UInt8>, _ db: Database) throws {
        st.bind(key, at: 1)
        sqlite3_bind_blob(st.handle, 2, b.baseAddress, Int32(b.count), nil)     // SQLITE_STATIC: stepped at once
        let rc = st.step()
        st.reset()
        guard rc == SQLITE_DONE else { throw DatabaseError(resultCode: ResultCode(rawValue: rc), message: st.errorMessage(db)) }
    }

    /// The packed facts' texts and shared VINs, for a pass; nil when they are not current
    /// (another format, or imports since they were packed): the pass then reads the tables.
    static func current(_ db: Database) throws -> Current? {
        let maxBatch = try Int64.fetchOne(db, sql: "SELECT MAX(id) FROM import_batches") ?? 0
        guard let source = try Row.fetchOne(db, sql: "SELECT format, through_batch, texts, shared_vins FROM vehicle_facts_source"),
              source["format"] as Int == PackedFacts.format, source["through_batch"] as Int64 == maxBatch else { return nil }
        return Current(texts: TextList(json: source["texts"]).decoded, sharedVINs: decode(source["shared_vins"]))
    }

    struct Current: Sendable {
        let texts: TextList.Decoded
        /// As `EvidenceQueries.sharedVINs` gives them.
        let sharedVINs: [String: [SameVINPlate]]
    }

    /// Shared VINs as JSON: per VIN, the VIN then each plate's plate, status and status date ("": none).
    private static func encode(_ shared: [String: [SameVINPlate]]) -> String {
        let rows = shared.keys.sorted().map { vin in [vin] + shared[vin]!.flatMap { [$0.plate, $0.status.letters, $0.statusDate?.description ?? ""] } }
        return String(decoding: (try? JSONEncoder().encode(rows)) ?? Data("[]".utf8), as: UTF8.self)
    }

    private static func decode(_ json: String?) -> [String: [SameVINPlate]] {
        guard let json, let rows = try? JSONDecoder().decode([[String]].self, from: Data(json.utf8)) else { return [:] }
        var out: [String: [SameVINPlate]] = [:]
        for row in rows where row.count % 3 == 1 {
            out[row[0]] = stride(from: 1, to: row.count, by: 3).map {
                SameVINPlate(plate: row[$0], status: VehicleStatus(letters: row[$0 + 1]), statusDate: CivilDate(parsing: row[$0 + 2]))
            }
        }
        return out
    }
}

/// Packed vehicles handed from the thread packing them to the one inserting them, a few
/// batches at most in between.
private final class PackedBatches: @unchecked Sendable {
    struct Batch {
        var ids: [Int64] = []
        /// Each blob's end in `bytes`.
        var ends: [Int] = []
        var bytes: [UInt8] = []

        mutating func add(id: Int64, _ blob: [UInt8]) {
            ids.append(id); bytes.append(contentsOf: blob); ends.append(bytes.count)
        }
    }

    private let condition = NSCondition()
    private var queue: [Batch] = []
    private var finished = false, abandoned = false

    /// Hands a batch over (waiting while four are pending); false once the taking side gave up.
    func put(_ batch: Batch) -> Bool {
        condition.lock(); defer { condition.unlock() }
        while queue.count >= 4 && !abandoned { condition.wait() }
        guard !abandoned else { return false }
        queue.append(batch)
        condition.broadcast()
        return true
    }

    /// The next batch; nil once the packing side finished and every batch was taken.
    func take() -> Batch? {
        condition.lock(); defer { condition.unlock() }
        while queue.isEmpty && !finished { condition.wait() }
        guard !queue.isEmpty else { return nil }
        condition.broadcast()
        return queue.removeFirst()
    }

    func finish() {
        condition.lock(); finished = true; condition.broadcast(); condition.unlock()
    }

    func abandon() {
        condition.lock(); abandoned = true; queue = []; condition.broadcast(); condition.unlock()
    }
}
