import FleetCore
import GRDB
import GRDBSQLite

/// What the import loop did with a row.
enum ImportRowResult { case inserted, updated, unchanged, duplicate(firstLine: Int) }

/// The statements of one import, prepared once and bound directly (see `RawStatement`).
///
/// Two ways to store rows:
/// - **Into an empty table** (a first load): the table's indexes are dropped and built again
///   at the end, which SQLite does by sorting, several times faster than keeping them up to
///   date row by row. Duplicate keys inside the file are caught in memory (key hash → rowid,
///   checked exactly against the stored row); past `keyLimit` keys the indexes are
///   rebuilt early and a unique-key conflict reports the duplicate instead, so memory stays
///   bounded whatever the file size.
/// - **Into a table with rows**: each key is remembered in a temporary table (duplicates in
///   the file), looked up (insert, replace or unchanged by row hash), and the kind's hook sees
///   every replaced row. A kind with a fast path whose table holds at most `keyLimit` rows
///   decides this in memory instead (`StoredKeys`), and takes these statements only for the
///   rows it writes; past `keyLimit` keys it hands the keys seen to the temporary table.
final class ImportLoop<Kind: ImportKind> {
    typealias Result = ImportRowResult

    let db: Database
    let kind: Kind
    let batchID: Int64
    let importedAt: CivilDateTime
    let startedEmpty: Bool
    let insert: RawStatement
    let lineOfKey: RawStatement
    let existing: RawStatement?
    let update: RawStatement?
    /// `update` of the columns no index holds (see `init`).
    private var narrowUpdate: RawStatement?
    /// The kind's columns, besides the key, that an index holds.
    private var indexedColumns: [Int] = []
    let seen: RawStatement?
    let seenLine: RawStatement?
    /// Notes a key in the kind's change log (an import into a table with rows).
    let logChange: RawStatement?

    /// Keys kept in memory: a first load's duplicate check, a re-import's `StoredKeys`. Past
    /// it, the indexes are rebuilt early (a first load) or the keys go to the temporary table
    /// (a re-import), so memory stays bounded whatever the file size.
    let keyLimit: Int
    /// Bits of the key hashes `StoredKeys` keeps (64; fewer only in tests, to force collisions).
    let keyBits: Int
    /// A re-import's stored rows in memory (see `StoredKeys`); nil when the statements decide.
    private var stored: StoredKeys?
    /// Whether `stored` is to be loaded before the first row, and the rows it will hold.
    private var loadsStoredKeys = false
    private var storedRows = 0

    // First-load mode.
    private var droppedIndexes: [(name: String, sql: String)] = []
    private var keyRows = KeyRows()
    private var collidedRows: [Int64: [Int64]] = [:]
    private let rowByID: RawStatement
    private let arena = BindArena()
    /// The row id the next row inserted gets (a first load).
    private var nextRowid: Int64 = 1

    init(db: Database, kind: Kind, batchID: Int64, importedAt: CivilDateTime,
         keyLimit: Int = 2_000_000, keyBits: Int = 64) throws {
        self.db = db
        self.keyLimit = keyLimit
        self.keyBits = keyBits
        self.kind = kind
        self.batchID = batchID
        self.importedAt = importedAt
        let t = kind.table
        let cols = kind.dbColumns
        let keyCols = cols.prefix(kind.keyCount)
        let keyWhere = keyCols.map { "\($0) IS ?" }.joined(separator: " AND ")
        startedEmpty = try !Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM \(t))")!
        insert = try RawStatement(db, """
            INSERT INTO \(t) (\(cols.joined(separator: ", ")), batch_id, source_line, row_hash)
            VALUES (\(Array(repeating: "?", count: cols.count + 3).joined(separator: ", ")))
            """)
        lineOfKey = try RawStatement(db, "SELECT source_line FROM \(t) WHERE \(keyWhere)")
        rowByID = try RawStatement(db, "SELECT source_line, \(keyCols.joined(separator: ", ")) FROM \(t) WHERE rowid = ?")
        if let log = kind.changeLog {
            if startedEmpty {
                try db.execute(sql: "INSERT INTO \(log) (batch_id, \(cols[0])) VALUES (?, NULL)", arguments: [batchID])
                logChange = nil
            } else {
                logChange = try RawStatement(db, "INSERT INTO \(log) (batch_id, \(cols[0])) VALUES (?, ?)")
            }
        } else {
            logChange = nil
        }
        if startedEmpty {
            existing = nil; update = nil; seen = nil; seenLine = nil
            nextRowid = try Int64.fetchOne(db, sql: "SELECT COALESCE(MAX(rowid), 0) + 1 FROM \(t)") ?? 1
            for row in try Row.fetchAll(db, sql: "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = ? AND sql IS NOT NULL",
                                        arguments: [t]) {
                let name: String = row[0], sql: String = row[1]
                // Every index goes, even the one on `batch_id` (the same value on every row,
                // appended at its end): kept up to date it cost the database thread 2.4 k
                // instructions a row (callgrind), more than its share of the rebuild, part of
                // which SQLite's sorter does on a second thread.
                droppedIndexes.append((name, sql))
                try db.execute(sql: "DROP INDEX \(name)")
            }
        } else {
            // The columns an index holds (besides the key): a replacement that leaves them as they
            // were rewrites the row alone (`narrowUpdate`), not each index's entry as well — a
            // newer extract's changes are mostly statuses.
            let indexed = try Set(String.fetchAll(db, sql: """
                SELECT DISTINCT ii.name FROM pragma_index_list(?) il, pragma_index_info(il.name) ii WHERE ii.name IS NOT NULL
                """, arguments: [t]))
            indexedColumns = cols.indices.filter { $0 >= kind.keyCount && indexed.contains(cols[$0]) }
            let tracked = kind.trackedColumns.isEmpty ? "" : ", " + kind.trackedColumns.joined(separator: ", ")
            let compared = indexedColumns.map { ", " + cols[$0] }.joined()
            existing = try RawStatement(db, "SELECT id, row_hash\(tracked)\(compared) FROM \(t) WHERE \(keyWhere)")
            // The same parameters as `update` (those of the columns it leaves are bound, unused).
            let n = cols.count
            let narrowSet = cols.indices.filter { $0 >= kind.keyCount && !indexed.contains(cols[$0]) }.map { "\(cols[$0]) = ?\($0 + 1)" }
            narrowUpdate = try RawStatement(db, """
                UPDATE \(t) SET \((narrowSet + ["batch_id = ?\(n + 1)", "source_line = ?\(n + 2)", "row_hash = ?\(n + 3)"]).joined(separator: ", "))
                WHERE id = ?\(n + 4)
                """)
            update = try RawStatement(db, """
                UPDATE \(t) SET \(cols.map { "\($0) = ?" }.joined(separator: ", ")), batch_id = ?, source_line = ?, row_hash = ?
                WHERE id = ?
                """)
            try db.execute(sql: "CREATE TEMP TABLE IF NOT EXISTS import_seen (k TEXT PRIMARY KEY, line INTEGER NOT NULL) WITHOUT ROWID")
            // The keys go in in file order, i.e. at random places of the temp table's B-tree:
            // with the default 2 MB temp cache, a 1M-row re-import spent seconds of system
            // time reading and writing the temp file (2.9 s; 1.3 s with 32 MB, peak 73 MB
            // instead of 55 MB). The cache is allocated as it fills.
            try db.execute(sql: "PRAGMA temp.cache_size = -32768")
            try db.execute(sql: "DELETE FROM import_seen")
            seen = try RawStatement(db, "INSERT INTO import_seen (k, line) VALUES (?, ?)")
            seenLine = try RawStatement(db, "SELECT line FROM import_seen WHERE k = ?")
            if kind is any FastImportKind && kind.keyCount == 1 {
                let row = try Row.fetchOne(db, sql: "SELECT COUNT(*), COALESCE(MAX(rowid), 0) FROM \(t)")!
                let rows: Int = row[0], largest: Int = row[1]
                loadsStoredKeys = rows <= keyLimit && largest < StoredKeys.largest
                storedRows = rows
            }
        }
    }

    private func check(_ rc: Int32, _ st: RawStatement) throws {
        if rc != SQLITE_DONE && rc != SQLITE_ROW {
            throw DatabaseError(resultCode: ResultCode(rawValue: rc), message: st.errorMessage(db))
        }
    }

    private func insertRow(_ values: [SQLValue], hash: Int64, line: Int) -> Int32 {
        let n = Int32(values.count)
        insert.bind(values, arena: arena)
        insert.bind(.integer(batchID), at: n + 1)
        insert.bind(.integer(Int64(line)), at: n + 2)
        insert.bind(.integer(hash), at: n + 3)
        let rc = insert.step()
        insert.reset()
        return rc
    }

    func store(_ values: [SQLValue], line: Int) throws -> Result {
        let hash = rowHash(values)
        if startedEmpty { return try storeIntoNewTable(values, hash: hash, line: line) }
        if stored != nil {
            return try storeKnown(keyHash: rowHash(Array(values.prefix(1))), rowHash: hash, line: line) { values }
        }
        // A table with rows already: remember the key for this file, then insert or replace.
        let key = seenKey(values)
        seen!.bind(.text(key), at: 1)
        seen!.bind(.integer(Int64(line)), at: 2)
        let rcSeen = seen!.step()
        seen!.reset()
        if rcSeen & 0xFF == SQLITE_CONSTRAINT {
            seenLine!.bind(.text(key), at: 1)
            let first = seenLine!.step() == SQLITE_ROW ? Int(seenLine!.int64(0)) : 0
            seenLine!.reset()
            return .duplicate(firstLine: first)
        }
        try check(rcSeen, seen!)
        return try replaceOrInsert(values, hash: hash, line: line).result
    }

    /// A key of the temporary table of keys seen (the key's values, joined).
    private func seenKey(_ values: [SQLValue]) -> String {
        values.prefix(kind.keyCount).map { $0.textValue ?? ($0 == .null ? "" : "\($0)") }.joined(separator: "\u{1F}")
    }

    /// Replaces the stored row with the key of `values`, unless its row hash is `hash`; inserts
    /// the row when none has that key. Also the row's id (taken before the change log's insert).
    private func replaceOrInsert(_ values: [SQLValue], hash: Int64, line: Int) throws -> (result: Result, id: Int64) {
        let ex = existing!
        ex.bind(Array(values.prefix(kind.keyCount)))
        if ex.step() == SQLITE_ROW {
            let id = ex.int64(0)
            let oldHash = ex.int64(1)
            let tracked = kind.trackedColumns.count
            let old = (0..<tracked).map { ex.text(Int32($0 + 2)) }
            let sameIndexed = indexedColumns.indices.allSatisfy { ex.sqlValue(Int32(2 + tracked + $0)) == values[indexedColumns[$0]] }
            ex.reset()
            if oldHash == hash { return (.unchanged, id) }
            let up = sameIndexed ? narrowUpdate! : update!
            let n = Int32(values.count)
            up.bind(values)
            up.bind(.integer(batchID), at: n + 1)
            up.bind(.integer(Int64(line)), at: n + 2)
            up.bind(.integer(hash), at: n + 3)
            up.bind(.integer(id), at: n + 4)
            let rc = up.step()
            up.reset()
            try check(rc, up)
            try kind.didReplace(old: old, new: values, context: ImportHookContext(db: db, batchID: batchID, importedAt: importedAt))
            try noteChange(values[0])
            return (.updated, id)
        }
        ex.reset()
        try check(insertRow(values, hash: hash, line: line), insert)
        let id = sqlite3_last_insert_rowid(db.sqliteConnection)
        try noteChange(values[0])
        return (.inserted, id)
    }

    // MARK: A re-import deciding in memory (`StoredKeys`)

    /// Reads every stored row's key hash, id and row hash: one pass over the table, 0.3–0.4 s
    /// for 1M rows, before the first batch is stored (the reading thread fills its queue).
    private func loadStoredKeys() throws {
        loadsStoredKeys = false
        let st = try RawStatement(db, "SELECT rowid, \(kind.dbColumns[0]), row_hash FROM \(kind.table)")
        var keys = StoredKeys(capacity: storedRows, keyBits: keyBits)
        while try st.next(db) {
            // A key of a type no import writes: leave this import to the statements.
            guard let h = st.rowHashOfColumn(1) else { return }
            keys.add(h, id: st.int64(0), rowHash: st.int64(2), line: 0)
        }
        stored = keys
    }

    /// `store(_ batch:)` while `stored` decides; a row after a spill goes the statements' way.
    private func storeKnown(_ batch: ParsedBatch) throws -> [Result?] {
        var results = [Result?](repeating: nil, count: batch.items.count)
        try batch.items.withUnsafeBufferPointer { items in
            for k in items.indices {
                guard case .row = items[k].outcome else { continue }
                if let row = items[k].packed, stored != nil {
                    results[k] = try storeKnown(keyHash: row.keyHash, rowHash: row.rowHash, line: items[k].line) { batch.sqlValues(row) }
                } else if let row = items[k].packed {
                    results[k] = try store(batch.sqlValues(row), line: items[k].line)
                } else if case .row(let values) = items[k].outcome {
                    results[k] = try store(values, line: items[k].line)
                }
            }
        }
        return results
    }

    /// Stores one row of a re-import by `stored`: `values` is asked for only when the row is
    /// written (or its key compared).
    private func storeKnown(keyHash: Int64, rowHash hash: Int64, line: Int, values: () -> [SQLValue]) throws -> Result {
        guard line <= StoredKeys.largest else {
            try spill()
            return try store(values(), line: line)
        }
        // A stored row with this row hash is this row (the row hash covers the key).
        if let ref = stored!.find(keyHash, where: { $0.rowHash == hash }) {
            let entry = stored![ref]
            if entry.line != 0 { return .duplicate(firstLine: Int(entry.line)) }
            stored![ref].line = UInt32(line)
            return .unchanged
        }
        let v = values()
        let key = Array(v.prefix(1))
        // A stored row with this key: replaced, unless this file named the key before.
        if let ref = stored!.find(keyHash, where: { lineIfSameKey(rowid: Int64($0.id), key: key) != nil }) {
            let entry = stored![ref]
            if entry.line != 0 { return .duplicate(firstLine: Int(entry.line)) }
            let (result, _) = try replaceOrInsert(v, hash: hash, line: line)
            guard case .updated = result else { throw Self.lostTrack(kind.table) }
            stored![ref].rowHash = hash
            stored![ref].line = UInt32(line)
            return result
        }
        // A key the table does not have.
        let (result, id) = try replaceOrInsert(v, hash: hash, line: line)
        guard case .inserted = result else { throw Self.lostTrack(kind.table) }
        if id > StoredKeys.largest || stored!.count >= keyLimit {
            try spill()
            // This row's key, which `stored` did not take.
            seen!.bind(.text(seenKey(v)), at: 1)
            seen!.bind(.integer(Int64(line)), at: 2)
            let rc = seen!.step()
            seen!.reset()
            try check(rc, seen!)
        } else {
            stored!.add(keyHash, id: id, rowHash: hash, line: line)
        }
        return result
    }

    /// Hands the keys this file named so far to the temporary table, and the rest of the file
    /// to the statements: memory stays bounded past `keyLimit` keys.
    private func spill() throws {
        guard let keys = stored else { return }
        stored = nil
        try keys.forEach { entry in
            guard entry.line != 0 else { return }
            rowByID.bind(.integer(Int64(entry.id)), at: 1)
            defer { rowByID.reset() }
            guard rowByID.step() == SQLITE_ROW, let key = rowByID.sqlValue(1) else { throw Self.lostTrack(kind.table) }
            seen!.bind(.text(seenKey([key])), at: 1)
            seen!.bind(.integer(Int64(entry.line)), at: 2)
            let rc = seen!.step()
            seen!.reset()
            try check(rc, seen!)
        }
    }

    /// `StoredKeys` and the table disagree: a bug, and the import stops (its transaction is
    /// rolled back) rather than write a wrong row.
    private static func lostTrack(_ table: String) -> DatabaseError {
        DatabaseError(resultCode: .SQLITE_INTERNAL, message: "the re-import lost track of the stored rows of \(table)")
    }

    /// Notes a changed row's key in the kind's change log, if it keeps one.
    private func noteChange(_ key: SQLValue) throws {
        guard let log = logChange else { return }
        log.bind(.integer(batchID), at: 1)
        log.bind(key, at: 2)
        let rc = log.step()
        log.reset()
        try check(rc, log)
    }

    private func storeIntoNewTable(_ values: [SQLValue], hash: Int64, line: Int) throws -> Result {
        let key = Array(values.prefix(kind.keyCount))
        if droppedIndexes.isEmpty {
            // Indexes in place: a key conflict is a duplicate inside this file.
            let rc = insertRow(values, hash: hash, line: line)
            if rc & 0xFF == SQLITE_CONSTRAINT { return .duplicate(firstLine: firstLine(of: key)) }
            try check(rc, insert)
            return .inserted
        }
        let keyHash = rowHash(key)
        let slot = keyRows.slot(of: keyHash)
        if let first = keyRows.row(at: slot), let line = firstLineIfSameKey(key, rowids: [first] + (collidedRows[keyHash] ?? [])) {
            return .duplicate(firstLine: line)
        }
        let rc = insertRow(values, hash: hash, line: line)
        // A key constraint declared inline in the table (an index that cannot be dropped).
        if rc & 0xFF == SQLITE_CONSTRAINT { return .duplicate(firstLine: firstLine(of: key)) }
        try check(rc, insert)
        let rowid = sqlite3_last_insert_rowid(db.sqliteConnection)
        if keyRows.row(at: slot) == nil { keyRows.fill(slot, keyHash, rowid) } else { collidedRows[keyHash, default: []].append(rowid) }
        if keyRows.count >= keyLimit {
            try rebuildIndexes()
            keyRows = KeyRows()
            collidedRows = [:]
        }
        return .inserted
    }

    /// Whether `store(_ batch:)` binds the fast path's packed rows straight from the batch (a
    /// first load with the indexes dropped); otherwise the reading thread should hand over
    /// `SQLValue`s.
    var bindsPacked: Bool { startedEmpty && !droppedIndexes.isEmpty && kind.keyCount == 1 }

    /// Whether the reading thread should hand over the fast path's rows packed (`bindsPacked`,
    /// or a re-import deciding by `StoredKeys`, which turns only the rows it writes into
    /// `SQLValue`s).
    var takesPacked: Bool { bindsPacked || loadsStoredKeys || stored != nil }

    /// Stores a batch's rows in file order; the result of each item (nil for an invalid or
    /// blank one). The hot case — a first load with the indexes dropped — binds the packed
    /// bytes straight from the batch, `groupSize` rows per statement (`PackedGroup`); every
    /// other row goes through `store(_:line:)` with the same values as `SQLValue`s.
    func store(_ batch: ParsedBatch) throws -> [Result?] {
        if loadsStoredKeys { try loadStoredKeys() }
        if stored != nil { return try storeKnown(batch) }
        var results = [Result?](repeating: nil, count: batch.items.count)
        try batch.fields.bytes.withUnsafeBufferPointer { fb in
          try batch.values.extra.withUnsafeBufferPointer { eb in
            try batch.values.items.withUnsafeBufferPointer { vb in
              try batch.items.withUnsafeBufferPointer { items in
                // The bytes stay where they are until the group is stepped (SQLITE_STATIC).
                var group = PackedGroup(values: vb, fields: fb, extra: eb)
                if bindsPacked { keyRows.warm(items.lazy.compactMap { $0.packed?.keyHash }) }
                for k in items.indices {
                    // Read in place: a copy of the item retains and releases its outcome's array.
                    guard case .row = items[k].outcome else { continue }
                    guard let row = items[k].packed, bindsPacked else {
                        try flush(&group)
                        guard case .row(let values) = items[k].outcome else { continue }
                        results[k] = try store(items[k].packed.map { batch.sqlValues($0) } ?? values, line: items[k].line)
                        if case .inserted = results[k] { nextRowid = sqlite3_last_insert_rowid(db.sqliteConnection) + 1 }
                        continue
                    }
                    var slot = keyRows.slot(of: row.keyHash)
                    if let first = keyRows.row(at: slot) {
                        // A key hash seen before: the rows it names must be in the table to compare.
                        try flush(&group)
                        let key = Array(batch.sqlValues(row).prefix(1))
                        if let line = firstLineIfSameKey(key, rowids: [first] + (collidedRows[row.keyHash] ?? [])) {
                            results[k] = .duplicate(firstLine: line)
                            continue
                        }
                        slot = keyRows.slot(of: row.keyHash)
                    }
                    // Rows of an insert without a row id get the largest one plus one, in order.
                    let rowid = nextRowid + Int64(group.rows.count)
                    if keyRows.row(at: slot) == nil { keyRows.fill(slot, row.keyHash, rowid) } else { collidedRows[row.keyHash, default: []].append(rowid) }
                    group.rows.append((row, items[k].line))
                    results[k] = .inserted
                    if group.rows.count == Self.groupSize { try flush(&group) }
                    if keyRows.count >= keyLimit {
                        try flush(&group)
                        try rebuildIndexes()
                        keyRows = KeyRows()
                        collidedRows = [:]
                    }
                }
                try flush(&group)
              }
            }
          }
        }
        return results
    }

    /// Rows a first load stores with one statement: SQLite's work per statement (the table's
    /// cursor opened and closed, the statement begun and halted, the registers released) is
    /// then paid once per group instead of once per row. In a C test of this table's 20
    /// bound values a row, 16 rows a statement took 10.0 k instructions a row against 11.7 k
    /// (callgrind); more rows a statement gained nothing more.
    static var groupSize: Int { 16 }

    /// Packed rows waiting for their group's statement, and where their bytes are.
    struct PackedGroup {
        let values: UnsafeBufferPointer<PackedValue>
        let fields: UnsafeBufferPointer<UInt8>
        let extra: UnsafeBufferPointer<UInt8>
        var rows: [(row: PackedRow, line: Int)] = []

        init(values: UnsafeBufferPointer<PackedValue>, fields: UnsafeBufferPointer<UInt8>, extra: UnsafeBufferPointer<UInt8>) {
            self.values = values; self.fields = fields; self.extra = extra
            rows.reserveCapacity(ImportLoop.groupSize)
        }

        /// Binds row `i` from parameter `start` on: its values, then the batch (unless the
        /// statement has it written in), line and row hash; returns the next parameter.
        func bind(_ i: Int, to st: RawStatement, from start: Int32, batchID: Int64?) -> Int32 {
            let (row, line) = rows[i]
            st.bind(packed: UnsafeBufferPointer(rebasing: values[row.first..<row.first + row.count]), fields: fields, extra: extra, from: start)
            var n = start + Int32(row.count)
            if let batchID { st.bind(.integer(batchID), at: n); n += 1 }
            st.bind(.integer(Int64(line)), at: n)
            st.bind(.integer(row.rowHash), at: n + 1)
            return n + 2
        }
    }

    /// Inserts the waiting rows: whole groups through the multi-row statement, the rest one by
    /// one. They must get the row ids `nextRowid`… that the duplicate check noted for them.
    private func flush(_ group: inout PackedGroup) throws {
        guard !group.rows.isEmpty else { return }
        var i = 0
        while group.rows.count - i >= Self.groupSize {
            let st = try groupInsert()
            var start: Int32 = 1
            for j in i..<i + Self.groupSize { start = group.bind(j, to: st, from: start, batchID: nil) }
            let rc = st.step()
            st.resetKeepingBindings()
            try check(rc, st)
            i += Self.groupSize
        }
        while i < group.rows.count {
            _ = group.bind(i, to: insert, from: 1, batchID: batchID)
            let rc = insert.step()
            insert.resetKeepingBindings()
            try check(rc, insert)
            i += 1
        }
        let last = nextRowid + Int64(group.rows.count) - 1
        guard sqlite3_last_insert_rowid(db.sqliteConnection) == last else {
            throw DatabaseError(resultCode: .SQLITE_INTERNAL, message: "rows of \(kind.table) did not get the row ids expected")
        }
        nextRowid = last + 1
        group.rows.removeAll(keepingCapacity: true)
    }

    private var groupStatement: RawStatement?

    private func groupInsert() throws -> RawStatement {
        if let st = groupStatement { return st }
        let cols = kind.dbColumns
        // The batch written in: one value fewer to bind a row.
        let one = "(" + Array(repeating: "?", count: cols.count).joined(separator: ", ") + ", \(batchID), ?, ?)"
        let st = try RawStatement(db, """
            INSERT INTO \(kind.table) (\(cols.joined(separator: ", ")), batch_id, source_line, row_hash)
            VALUES \(Array(repeating: one, count: Self.groupSize).joined(separator: ", "))
            """)
        groupStatement = st
        return st
    }

    /// The first line among the stored rows `rowids` whose key is `key`, nil when none has it.
    private func firstLineIfSameKey(_ key: [SQLValue], rowids: [Int64]) -> Int? {
        for rowid in rowids { if let line = lineIfSameKey(rowid: rowid, key: key) { return line } }
        return nil
    }

    /// The line of this file where a key was first stored.
    private func firstLine(of key: [SQLValue]) -> Int {
        lineOfKey.bind(key)
        defer { lineOfKey.reset() }
        return lineOfKey.step() == SQLITE_ROW ? Int(lineOfKey.int64(0)) : 0
    }

    /// The stored row's line when its key equals `key` exactly.
    private func lineIfSameKey(rowid: Int64, key: [SQLValue]) -> Int? {
        rowByID.bind(.integer(rowid), at: 1)
        defer { rowByID.reset() }
        guard rowByID.step() == SQLITE_ROW else { return nil }
        for (i, v) in key.enumerated() {
            let stored = rowByID.text(Int32(i + 1))
            switch v {
            case .null: if stored != nil { return nil }
            case .integer(let n): if stored != String(n) { return nil }
            case .text(let s): if stored != s { return nil }
            }
        }
        return Int(rowByID.int64(0))
    }

    private func rebuildIndexes() throws {
        guard !droppedIndexes.isEmpty else { return }
        // SQLite's sorter may sort with a helper thread; the reading thread is done by now.
        // On an idle 2-core machine the four indexes of 1M rows took 3.0 s instead of 3.8 s;
        // on a busy one it makes no measurable difference either way.
        try db.execute(sql: "PRAGMA threads = 2")
        // The sorter sizes its in-memory runs by the page cache: runs of 2 MB, merged, took
        // less CPU than 8 MB ones (user time of the four indexes of 1M rows: 3.4 s, not 4.1 s).
        let cacheSize = try Int.fetchOne(db, sql: "PRAGMA cache_size") ?? -2000
        try db.execute(sql: "PRAGMA cache_size = -2000")
        defer {
            try? db.execute(sql: "PRAGMA threads = 0")
            try? db.execute(sql: "PRAGMA cache_size = \(cacheSize)")   // rows may follow (past keyLimit)
        }
        for index in droppedIndexes { try db.execute(sql: index.sql) }
        droppedIndexes = []
    }

    func finish() throws {
        try rebuildIndexes()
        if startedEmpty && !kind.analyzedIndexes.isEmpty {
            // Statistics from a sample of the index (SQLite's `analysis_limit`): 1M vehicles gave
            // 1086283 50001 1099 for the exact 1000000 55556 830 — the same plans — in a tenth
            // of the 0.09 s of a full count.
            try db.execute(sql: "PRAGMA analysis_limit = 100000")
            defer { try? db.execute(sql: "PRAGMA analysis_limit = 0") }
            for index in kind.analyzedIndexes { try db.execute(sql: "ANALYZE \(index)") }
        }
        if !startedEmpty { try db.execute(sql: "DELETE FROM import_seen") }
    }
}

/// Key hash → rowid of the first row stored with that key hash, for the duplicate check of a
/// first load. The key hashes are already well mixed (FNV-1a), so an open-addressing table on
/// them skips `Dictionary`'s SipHash of each key, twice a row (the dictionary's lookups and
/// resizes were 1.2 % of the import's perf samples).
struct KeyRows {
    /// Key hash and rowid side by side: one cache line per probe of a table of tens of MB
    /// (in two arrays, a probe touched two; the lookups were 2 % of an import's samples).
    private struct Entry { var key: Int64; var row: Int64 }     // row 0: empty (rowids start at 1)
    private var entries = [Entry](repeating: Entry(key: 0, row: 0), count: 1 << 16)
    private(set) var count = 0

    /// Where `h` is stored, or the empty slot where it would go. The table grows first when
    /// it must, so the slot stays valid for `fill` until the next call.
    mutating func slot(of h: Int64) -> Int {
        if (count + 1) * 2 > entries.count { grow() }
        let mask = entries.count - 1
        var s = Self.home(h, mask)
        while entries[s].row != 0 && entries[s].key != h { s = (s + 1) & mask }
        return s
    }

    /// Reads the first slot of each hash, a batch at a time, before the rows are checked one
    /// by one: the reads do not wait for each other, so the table's cache misses (it is tens
    /// of MB, probed at random) overlap instead of coming one per row.
    mutating func warm(_ hashes: some Sequence<Int64>) {
        let mask = entries.count - 1
        var sink: Int64 = 0
        entries.withUnsafeBufferPointer { e in
            for h in hashes { sink ^= e[Self.home(h, mask)].row }
        }
        warmed ^= sink
    }
    /// Keeps `warm`'s reads from being optimised away.
    private var warmed: Int64 = 0

    @inline(__always) private static func home(_ h: Int64, _ mask: Int) -> Int {
        Int(truncatingIfNeeded: (UInt64(bitPattern: h) &* 0x9E37_79B9_7F4A_7C15) >> 32) & mask
    }

    /// The rowid first stored in slot `s`, nil when it is empty.
    func row(at s: Int) -> Int64? { entries[s].row == 0 ? nil : entries[s].row }

    /// Stores `rowid` under `h` in its empty slot `s` (from `slot(of:)`).
    mutating func fill(_ s: Int, _ h: Int64, _ rowid: Int64) {
        entries[s] = Entry(key: h, row: rowid)
        count += 1
    }

    private mutating func grow() {
        let old = entries
        entries = [Entry](repeating: Entry(key: 0, row: 0), count: old.count * 2)
        count = 0
        for e in old where e.row != 0 { let s = slot(of: e.key); fill(s, e.key, e.row) }
    }
}
