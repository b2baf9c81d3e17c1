import Foundation
import FleetCore
import GRDB
import GRDBSQLite

/// Loads one file of one kind into the store: one transaction per file, every invalid row
/// reported with line, column, value and reason, nothing written unless the whole file (or,
/// with `skipInvalid`, every valid row) is accepted.
///
///     let summary = try Importer(store: store).run(VehiclesImport(townships: .xinmi), path: "vehicles.csv", options: .init())
public struct Importer {
    let store: FleetStore

    public init(store: FleetStore) { self.store = store }

    public func run(_ kind: some ImportKind, path: String, options: ImportOptions) throws -> ImportSummary {
        let source = try TextSource(path: path, encoding: options.encoding)
        let reader = CSVReader(source: source)
        var summary = ImportSummary(kind: kind.name, fileName: source.fileName, sha256: "", encoding: source.encoding)
        summary.dryRun = options.dryRun

        // The header.
        var header: [String] = []
        guard let headerLine = try reader.next(into: &header) else {
            throw ImportFailure(Finding(file: source.fileName, line: 0, column: "", value: "", reason: Reason.emptyFile))
        }
        if header.allSatisfy(\.isEmpty) {
            throw ImportFailure(Finding(file: source.fileName, line: headerLine, column: "", value: "", reason: Reason.noHeader))
        }
        let (map, warnings) = Self.matchHeader(header, kind: kind, file: source.fileName, line: headerLine)
        summary.warnings = warnings
        let missing = kind.columns.indices.filter { kind.columns[$0].required && map[$0] == nil }
        if !missing.isEmpty {
            throw ImportFailure(findings: missing.map {
                Finding(file: source.fileName, line: headerLine, column: kind.columns[$0].name, value: "",
                        reason: Reason.missingColumn(kind.columns[$0].name, alias: kind.columns[$0].alias))
            })
        }

        let errorFile = try options.errorsPath.map { try TextFileWriter(path: $0, bom: true) }
        errorFile?.write(CSVFormat.line(header + ["line", "column", "reason"]))
        defer { try? errorFile?.close() }

        let started = CivilDateTime(unixTime: Date().timeIntervalSince1970)
        try store.writer.writeWithoutTransaction { db in
            try db.inTransaction(.immediate) {
                try db.execute(sql: """
                    INSERT INTO import_batches (kind, file_name, sha256, encoding, operator, started_at)
                    VALUES (?, ?, '', ?, ?, ?)
                    """, arguments: [kind.name, source.fileName, source.encoding.rawValue, options.operatorName, started.description])
                let batchID = db.lastInsertedRowID
                let loop = try ImportLoop(db: db, kind: kind, batchID: batchID, importedAt: started)
                var fields: [String] = []
                while let line = try reader.next(into: &fields) {
                    if fields.allSatisfy(\.isEmpty) { summary.blank += 1; continue }
                    summary.rows += 1
                    if summary.rows % 50_000 == 0 { options.progress?(summary.rows) }
                    var errors: [FieldError] = []
                    if fields.count > header.count, fields[header.count...].contains(where: { !$0.isEmpty }) {
                        errors.append(FieldError(column: -1, value: "", reason: Reason.extraFields(fields.count, header: header.count)))
                    } else {
                        switch kind.parse(RowInput(fields: fields, map: map)) {
                        case .invalid(let e): errors = e
                        case .row(let values):
                            switch try loop.store(values, line: line) {
                            case .inserted: summary.inserted += 1
                            case .updated: summary.updated += 1
                            case .unchanged: summary.unchanged += 1
                            case .duplicate(let first):
                                errors.append(FieldError(column: 0, value: values[0].textValue ?? "", reason: Reason.duplicateKey(firstAt: first)))
                            }
                        }
                    }
                    if !errors.isEmpty {
                        summary.invalid += 1
                        let findings = errors.map { e in
                            Finding(file: source.fileName, line: line,
                                    column: e.column >= 0 ? (map[e.column].map { header[$0] } ?? kind.columns[e.column].name) : "",
                                    value: e.value, reason: e.reason)
                        }
                        for f in findings where summary.errors.count < options.keptErrors { summary.errors.append(f) }
                        if let errorFile {
                            var row = fields
                            if row.count < header.count { row += Array(repeating: "", count: header.count - row.count) }
                            errorFile.write(CSVFormat.line(Array(row.prefix(header.count)) + [
                                String(line), findings.map(\.column).joined(separator: "; "),
                                findings.map { $0.reason.text(options.lang) }.joined(separator: "; "),
                            ]))
                        }
                    }
                }
                summary.sha256 = source.finishHash()
                let accept = !options.dryRun && (summary.invalid == 0 || options.skipInvalid)
                guard accept else { return .rollback }
                try loop.finish()
                let finished = CivilDateTime(unixTime: Date().timeIntervalSince1970)
                try db.execute(sql: """
                    UPDATE import_batches SET sha256 = ?, rows = ?, inserted = ?, updated = ?, unchanged = ?,
                    invalid = ?, finished_at = ? WHERE id = ?
                    """, arguments: [summary.sha256, summary.rows, summary.inserted, summary.updated, summary.unchanged,
                                     summary.invalid, finished.description, batchID])
                summary.batch = batchID
                summary.committed = true
                return .commit
            }
        }
        return summary
    }

    /// Finds each of the kind's columns in the header by Chinese name or English alias
    /// (case and surrounding spaces ignored); unknown columns are warnings.
    static func matchHeader(_ header: [String], kind: some ImportKind, file: String, line: Int) -> ([Int?], [Finding]) {
        var map = [Int?](repeating: nil, count: kind.columns.count)
        var warnings: [Finding] = []
        for (i, raw) in header.enumerated() {
            let h = raw.trimmingSpaces.lowercased()
            guard !h.isEmpty else { continue }
            if let c = kind.columns.firstIndex(where: { $0.name.lowercased() == h || $0.alias.lowercased() == h }) {
                if map[c] == nil { map[c] = i; continue }
            }
            warnings.append(Finding(file: file, line: line, column: raw, value: "", reason: Reason.unknownColumn(raw)))
        }
        return (map, warnings)
    }
}

/// The statements of one import, prepared once and bound directly (see `RawStatement`).
final class ImportLoop<Kind: ImportKind> {
    enum Result { case inserted, updated, unchanged, duplicate(firstLine: Int) }

    let db: Database
    let kind: Kind
    let batchID: Int64
    let importedAt: CivilDateTime
    /// The table held no rows when the import began: every row is new, and a key conflict
    /// can only be a duplicate inside this file.
    let startedEmpty: Bool
    let insert: RawStatement
    let lineOfKey: RawStatement
    let existing: RawStatement?
    let update: RawStatement?
    let seen: RawStatement?
    let seenLine: RawStatement?

    init(db: Database, kind: Kind, batchID: Int64, importedAt: CivilDateTime) throws {
        self.db = db
        self.kind = kind
        self.batchID = batchID
        self.importedAt = importedAt
        let t = kind.table
        let cols = kind.dbColumns
        let keyWhere = cols.prefix(kind.keyCount).map { "\($0) IS ?" }.joined(separator: " AND ")
        startedEmpty = try !Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM \(t))")!
        insert = try RawStatement(db, """
            INSERT INTO \(t) (\(cols.joined(separator: ", ")), batch_id, source_line, row_hash)
            VALUES (\(Array(repeating: "?", count: cols.count + 3).joined(separator: ", ")))
            """)
        lineOfKey = try RawStatement(db, "SELECT source_line FROM \(t) WHERE \(keyWhere)")
        if startedEmpty {
            existing = nil; update = nil; seen = nil; seenLine = nil
        } else {
            let tracked = kind.trackedColumns.isEmpty ? "" : ", " + kind.trackedColumns.joined(separator: ", ")
            existing = try RawStatement(db, "SELECT id, row_hash\(tracked) FROM \(t) WHERE \(keyWhere)")
            update = try RawStatement(db, """
                UPDATE \(t) SET \(cols.map { "\($0) = ?" }.joined(separator: ", ")), batch_id = ?, source_line = ?, row_hash = ?
                WHERE id = ?
                """)
            try db.execute(sql: "CREATE TEMP TABLE IF NOT EXISTS import_seen (k TEXT PRIMARY KEY, line INTEGER NOT NULL) WITHOUT ROWID")
            try db.execute(sql: "DELETE FROM import_seen")
            seen = try RawStatement(db, "INSERT INTO import_seen (k, line) VALUES (?, ?)")
            seenLine = try RawStatement(db, "SELECT line FROM import_seen WHERE k = ?")
        }
    }

    private func check(_ rc: Int32, _ st: RawStatement) throws {
        if rc != SQLITE_DONE && rc != SQLITE_ROW {
            throw DatabaseError(resultCode: ResultCode(rawValue: rc), message: st.errorMessage(db))
        }
    }

    func store(_ values: [SQLValue], line: Int) throws -> Result {
        let hash = rowHash(values)
        let n = Int32(values.count)
        if startedEmpty {
            insert.bind(values)
            insert.bind(.integer(batchID), at: n + 1)
            insert.bind(.integer(Int64(line)), at: n + 2)
            insert.bind(.integer(hash), at: n + 3)
            let rc = insert.step()
            insert.reset()
            if rc == SQLITE_CONSTRAINT || rc & 0xFF == SQLITE_CONSTRAINT {
                lineOfKey.bind(Array(values.prefix(kind.keyCount)))
                let first = lineOfKey.step() == SQLITE_ROW ? Int(lineOfKey.int64(0)) : 0
                lineOfKey.reset()
                return .duplicate(firstLine: first)
            }
            try check(rc, insert)
            return .inserted
        }
        // A table with rows already: remember the key for this file, then insert or replace.
        let key = values.prefix(kind.keyCount).map { $0.textValue ?? ($0 == .null ? "" : "\($0)") }.joined(separator: "\u{1F}")
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
        let ex = existing!
        ex.bind(Array(values.prefix(kind.keyCount)))
        if ex.step() == SQLITE_ROW {
            let id = ex.int64(0)
            let oldHash = ex.int64(1)
            let old = (0..<kind.trackedColumns.count).map { ex.text(Int32($0 + 2)) }
            ex.reset()
            if oldHash == hash { return .unchanged }
            let up = update!
            up.bind(values)
            up.bind(.integer(batchID), at: n + 1)
            up.bind(.integer(Int64(line)), at: n + 2)
            up.bind(.integer(hash), at: n + 3)
            up.bind(.integer(id), at: n + 4)
            let rc = up.step()
            up.reset()
            try check(rc, up)
            try kind.didReplace(old: old, new: values,
                                context: ImportHookContext(db: db, batchID: batchID, importedAt: importedAt))
            return .updated
        }
        ex.reset()
        insert.bind(values)
        insert.bind(.integer(batchID), at: n + 1)
        insert.bind(.integer(Int64(line)), at: n + 2)
        insert.bind(.integer(hash), at: n + 3)
        let rc = insert.step()
        insert.reset()
        try check(rc, insert)
        return .inserted
    }

    func finish() throws {
        if !startedEmpty { try db.execute(sql: "DELETE FROM import_seen") }
    }
}
