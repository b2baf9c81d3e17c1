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

    public func run(_ kindDefinition: some ImportKind, path: String, options: ImportOptions) throws -> ImportSummary {
        var kind = kindDefinition
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

        let errorFile: TextFileWriter?
        do {
            errorFile = try options.errorsPath.map { try TextFileWriter(path: $0, bom: true) }
        } catch {
            throw ImportFailure(Finding(file: options.errorsPath ?? "", line: 0, column: "", value: "",
                                        reason: Reason.unwritable("--errors")))
        }
        errorFile?.write(CSVFormat.line(header + ["line", "column", "reason"]))
        defer { try? errorFile?.close() }

        func report(_ errors: [FieldError], item: ParsedItem, batch: ParsedBatch) {
            let findings = errors.map { e in
                Finding(file: source.fileName, line: item.line,
                        column: e.column >= 0 ? (map[e.column].map { header[$0] } ?? kind.columns[e.column].name) : "",
                        value: e.value, reason: e.reason)
            }
            for f in findings where summary.errors.count < options.keptErrors { summary.errors.append(f) }
            if let errorFile {
                var row = batch.fieldStrings(item)
                if row.count < header.count { row += Array(repeating: "", count: header.count - row.count) }
                errorFile.write(CSVFormat.line(Array(row.prefix(header.count)) + [
                    String(item.line), findings.map(\.column).joined(separator: "; "),
                    findings.map { $0.reason.text(options.lang) }.joined(separator: "; "),
                ]))
            }
        }

        let started = CivilDateTime(unixTime: Date().timeIntervalSince1970)
        let timing = PhaseClock(variable: "FLEETREG_IMPORT_TIMING", prefix: "import timing: ")
        try store.writer.writeWithoutTransaction { db in
            let cacheKB = Int(ProcessInfo.processInfo.environment["FLEETREG_IMPORT_CACHE_KB"] ?? "") ?? 8_192
            try db.execute(sql: "PRAGMA cache_size = -\(cacheKB)")
            // Writing gains nothing from the memory map, and its pages would count in the
            // import's memory (the target is under 200 MB whatever the file size).
            try db.execute(sql: "PRAGMA mmap_size = 0")
            // The rows written reference only the batch row this import inserts itself, so
            // checking each one's foreign key (a lookup in import_batches per row) proves
            // nothing: off for the import when every foreign key of the kind's table points at
            // import_batches (1.2 k instructions a row of the database thread, callgrind).
            let fkTargets = try String.fetchAll(db, sql: "SELECT \"table\" FROM pragma_foreign_key_list(?)", arguments: [kind.table])
            let checkForeignKeys = fkTargets.contains { $0 != "import_batches" }
            if !checkForeignKeys { try db.execute(sql: "PRAGMA foreign_keys = OFF") }
            defer {
                try? db.execute(sql: "PRAGMA cache_size = -2000")
                try? db.execute(sql: "PRAGMA mmap_size = 268435456")
                if !checkForeignKeys { try? db.execute(sql: "PRAGMA foreign_keys = ON") }
            }
            // A first load into an empty table writes the whole table once; in WAL mode every
            // page went to the WAL and then again into the database at the checkpoint (0.7 s
            // of a 1M-row load). A rollback journal keeps the import one atomic transaction
            // (a rejected file still leaves the store as it was: new pages need no journal,
            // the few changed ones are journaled) without the second write. The store goes
            // back to WAL right after; if another connection holds the store open, SQLite
            // refuses the switch (asked without waiting) and the import runs in WAL as before.
            var leftWAL = false
            if case .timeout(let wait) = db.configuration.busyMode,
               try !Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM \(kind.table))")! {
                sqlite3_busy_timeout(db.sqliteConnection, 0)
                let mode = try? String.fetchOne(db, sql: "PRAGMA journal_mode = DELETE")
                sqlite3_busy_timeout(db.sqliteConnection, Int32(wait * 1000))
                leftWAL = mode?.lowercased() == "delete"
            }
            defer { if leftWAL { _ = try? String.fetchOne(db, sql: "PRAGMA journal_mode = WAL") } }
            try db.inTransaction(.immediate) {
                try db.execute(sql: """
                    INSERT INTO import_batches (kind, file_name, sha256, encoding, operator, started_at)
                    VALUES (?, ?, '', ?, ?, ?)
                    """, arguments: [kind.name, source.fileName, source.encoding.rawValue, options.operatorName, started.description])
                let batchID = db.lastInsertedRowID
                try kind.prepare(db)
                let loop = try ImportLoop(db: db, kind: kind, batchID: batchID, importedAt: started,
                                          keyLimit: options.keyLimit, keyBits: options.keyBits)
                let pipeline = RowPipeline()
                let parser = kind
                let fast: any RowFastPath = (kind as? any FastImportKind)?.makeFastPath(map: map) ?? NoFastPath()
                pipeline.start(reader: reader, headerCount: header.count, fast: fast, keepPacked: loop.takesPacked) { parser.parse(RowInput(fields: $0, map: map)) }
                do {
                    while let batch = try pipeline.next() {
                        let results = try loop.store(batch)
                        for (item, stored) in zip(batch.items, results) {
                            if case .skip = item.outcome { summary.blank += 1; continue }
                            summary.rows += 1
                            if summary.rows % 50_000 == 0 { options.progress?(summary.rows) }
                            var errors: [FieldError] = []
                            if case .invalid(let e) = item.outcome { errors = e }
                            switch stored {
                            case .inserted: summary.inserted += 1
                            case .updated: summary.updated += 1
                            case .unchanged: summary.unchanged += 1
                            case .duplicate(let first):
                                let key: SQLValue
                                if case .row(let values) = item.outcome, let v = values.first { key = v }
                                else if let packed = item.packed { key = batch.sqlValues(packed)[0] }
                                else { key = .null }
                                errors.append(FieldError(column: 0, value: key.textValue ?? "", reason: Reason.duplicateKey(firstAt: first)))
                            case nil: break
                            }
                            if !errors.isEmpty {
                                summary.invalid += 1
                                report(errors, item: item, batch: batch)
                            }
                        }
                    }
                } catch {
                    pipeline.cancel()
                    throw error
                }
                summary.blank += pipeline.blank
                timing.lap("rows parsed and stored", cpu: [("reading", pipeline.readerCPU), ("storing", PhaseClock.threadCPU())])
                let accept = !options.dryRun && (summary.invalid == 0 || options.skipInvalid)
                guard accept else {
                    summary.sha256 = source.finishHash()
                    return .rollback
                }
                source.startHash()            // beside the index rebuild (see TextSource)
                let flush = loop.startedEmpty ? EarlyFlush(path: store.path) : nil
                defer { flush?.wait() }
                try loop.finish()
                timing.lap("indexes rebuilt")
                summary.sha256 = source.finishHash()
                timing.lap("sha256 finished")
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
        timing.lap("committed")
        return summary
    }

    /// Finds each of the kind's columns in the header by Chinese name or English alias
    /// (case and surrounding spaces ignored); unknown columns are warnings.
    static func matchHeader(_ header: [String], kind: some ImportKind, file: String, line: Int) -> ([Int?], [Finding]) {
        matchHeader(header, columns: kind.columns, file: file, line: line)
    }

    static func matchHeader(_ header: [String], columns: [ColumnSpec], file: String, line: Int) -> ([Int?], [Finding]) {
        var map = [Int?](repeating: nil, count: columns.count)
        var warnings: [Finding] = []
        for (i, raw) in header.enumerated() {
            let h = raw.trimmingSpaces.lowercased()
            guard !h.isEmpty else { continue }
            if let c = columns.firstIndex(where: { $0.name.lowercased() == h || $0.alias.lowercased() == h }) {
                if map[c] == nil { map[c] = i; continue }
            }
            warnings.append(Finding(file: file, line: line, column: raw, value: "", reason: Reason.unknownColumn(raw)))
        }
        return (map, warnings)
    }
}
