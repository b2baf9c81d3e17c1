import Foundation
import FleetCore
import GRDB

/// One stored heavy-pollution alert (table `alerts`): imported (`import alerts`, source `import`)
/// or declared by hand (`alert declare`, source `manual`).
public struct AlertRecord: Sendable, Equatable {
    public var id: Int64
    /// 文号 when given, else `level|starts_at` (the import's key).
    public var alertKey: String
    public var documentNo: String?
    public var level: AlertLevel
    public var startsAt: CivilDateTime
    public var endsAt: CivilDateTime?
    /// `import` or `manual`.
    public var source: String
    /// The import batch, or the `alerts-manual` batch of the declaration or of the end.
    public var batchID: Int64

    /// The alert as the rules see it.
    public var alert: PollutionAlert {
        PollutionAlert(id: id, level: level, start: startsAt, end: endsAt, documentNo: documentNo)
    }

    static let columns = "id, alert_key, document_no, level, starts_at, ends_at, source, batch_id"

    init(row: Row) throws {
        let id: Int64 = row[0]
        guard let level = AlertLevel.parse(row[3] as String), let start = CivilDateTime(parsing: row[4] as String) else {
            throw StoreCorruption(message: "alert \(id) has a bad level or start")
        }
        let endText: String? = row[5]
        let end = endText.flatMap { CivilDateTime(parsing: $0) }
        if endText != nil && end == nil { throw StoreCorruption(message: "alert \(id) has a bad end") }
        self.id = id
        alertKey = row[1]
        documentNo = row[2]
        self.level = level
        startsAt = start
        endsAt = end
        source = row[6]
        batchID = row[7]
    }
}

/// Why `alert declare` or `alert end` refused, in both languages.
public struct AlertProblem: Error, Sendable {
    public let message: Message

    static func duplicate(_ existing: AlertRecord) -> AlertProblem {
        AlertProblem(message: Message("DUPLICATE_ALERT", zh: "该预警已存在（第\(existing.id)号，\(existing.alertKey)）",
                                      en: "this alert exists already (alert \(existing.id), \(existing.alertKey))"))
    }
    static func notFound(_ id: Int64) -> AlertProblem {
        AlertProblem(message: Message("UNKNOWN_ALERT", zh: "没有第\(id)号预警（见 alert list）", en: "no alert \(id) (see alert list)"))
    }
    static func alreadyEnded(_ r: AlertRecord) -> AlertProblem {
        AlertProblem(message: Message("ALERT_ENDED", zh: "第\(r.id)号预警已于\(r.endsAt!)结束", en: "alert \(r.id) already ended at \(r.endsAt!)"))
    }
    static let endNotAfterStart = AlertProblem(message: Message("END_BEFORE_START", zh: "预警的结束时间应晚于开始时间",
                                                                en: "an alert's end must be after its start"))
}

extension FleetStore {
    /// Every alert, by start.
    public func fetchAlerts() throws -> [AlertRecord] {
        try read { db in try Self.alerts(db) }
    }

    /// The alert level at every moment, from every stored alert.
    public func alertTimeline() throws -> AlertTimeline {
        AlertTimeline(try fetchAlerts().map(\.alert))
    }

    /// `alert declare`: stores an alert with source `manual`. Its provenance is an
    /// `import_batches` row of kind `alerts-manual` (who, when; file name `alert declare`), so that
    /// every alert, imported or declared, knows its batch.
    public func declareAlert(level: AlertLevel, start: CivilDateTime, end: CivilDateTime?, documentNo: String?,
                             operator name: String, at now: CivilDateTime) throws -> AlertRecord {
        if let end, end <= start { throw AlertProblem.endNotAfterStart }
        let doc = documentNo.map(\.trimmingSpaces).flatMap { $0.isEmpty ? nil : $0 }
        let key = doc ?? level.description + "|" + start.description
        return try write { db in
            if let existing = try Row.fetchOne(db, sql: "SELECT \(AlertRecord.columns) FROM alerts WHERE alert_key = ?", arguments: [key]) {
                throw AlertProblem.duplicate(try AlertRecord(row: existing))
            }
            let batch = try Self.manualBatch(db, action: "alert declare", inserted: 1, operator: name, at: now)
            let values: [SQLValue] = [.text(key), .text(doc), .text(level.description), .text(start.description),
                                      .text(end?.description), .text("manual")]
            try db.execute(sql: """
                INSERT INTO alerts (alert_key, document_no, level, starts_at, ends_at, source, batch_id, source_line, row_hash)
                VALUES (?, ?, ?, ?, ?, 'manual', ?, 0, ?)
                """, arguments: [key, doc, level.description, start.description, end?.description, batch, rowHash(values)])
            return try Self.alert(db, id: db.lastInsertedRowID)!
        }
    }

    /// `alert end ID --at T`: ends an alert still in force (imported or declared). The end is
    /// recorded as an `alerts-manual` batch (`alert end ID`), which becomes the row's batch.
    public func endAlert(id: Int64, at end: CivilDateTime, operator name: String, now: CivilDateTime) throws -> AlertRecord {
        try write { db in
            guard let r = try Self.alert(db, id: id) else { throw AlertProblem.notFound(id) }
            if r.endsAt != nil { throw AlertProblem.alreadyEnded(r) }
            if end <= r.startsAt { throw AlertProblem.endNotAfterStart }
            let batch = try Self.manualBatch(db, action: "alert end \(id)", updated: 1, operator: name, at: now)
            let values: [SQLValue] = [.text(r.alertKey), .text(r.documentNo), .text(r.level.description), .text(r.startsAt.description),
                                      .text(end.description), .text(r.source)]
            try db.execute(sql: "UPDATE alerts SET ends_at = ?, batch_id = ?, source_line = 0, row_hash = ? WHERE id = ?",
                           arguments: [end.description, batch, rowHash(values), id])
            return try Self.alert(db, id: id)!
        }
    }

    // MARK: Inside a read

    static func alerts(_ db: Database) throws -> [AlertRecord] {
        try Row.fetchAll(db, sql: "SELECT \(AlertRecord.columns) FROM alerts ORDER BY starts_at, id").map(AlertRecord.init(row:))
    }

    static func alert(_ db: Database, id: Int64) throws -> AlertRecord? {
        try Row.fetchOne(db, sql: "SELECT \(AlertRecord.columns) FROM alerts WHERE id = ?", arguments: [id]).map(AlertRecord.init(row:))
    }

    /// A batch row for a change made by hand (kind `alerts-manual`).
    static func manualBatch(_ db: Database, action: String, inserted: Int = 0, updated: Int = 0, operator name: String,
                            at now: CivilDateTime) throws -> Int64 {
        try db.execute(sql: """
            INSERT INTO import_batches (kind, file_name, sha256, encoding, rows, inserted, updated, operator, started_at, finished_at)
            VALUES ('alerts-manual', ?, '', '', 1, ?, ?, ?, ?, ?)
            """, arguments: [action, inserted, updated, name, now.description, now.description])
        return db.lastInsertedRowID
    }
}
