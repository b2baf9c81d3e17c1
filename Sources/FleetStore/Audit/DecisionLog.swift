import Foundation
import FleetCore
import GRDB

/// One entry of the decision log: what was decided, by whom, on what inputs, under which
/// policy, with what outcome and reasons.
public struct DecisionLogEntry: Codable, Sendable {
    public var kind: String
    public var at: String
    public var `operator`: String
    public var plate: String?
    public var asOf: String?
    public var inputs: [String: String]
    public var policyVersion: String?
    public var policyHash: String?
    public var outcome: String?
    public var reasons: [Reason]
    public var permitNumber: String?

    public struct Reason: Codable, Sendable, Hashable {
        public var code: String
        public var outcome: String
        public var item: String
    }

    enum CodingKeys: String, CodingKey {
        case kind, at, `operator`, plate, asOf = "as_of", inputs, policyVersion = "policy_version", policyHash = "policy_hash"
        case outcome, reasons, permitNumber = "permit_number"
    }

    public init(kind: String, at: CivilDateTime, operatorName: String, plate: String?, decision: Decision?,
                inputs: [String: String], permitNumber: String? = nil) {
        self.kind = kind
        self.at = at.description
        self.operator = operatorName
        self.plate = plate
        self.asOf = decision?.asOf.description
        self.inputs = inputs
        self.policyVersion = decision?.policyVersion
        self.policyHash = decision?.policyHash
        self.outcome = decision?.outcome.rawValue
        self.reasons = decision?.reasons.map { Reason(code: $0.code, outcome: $0.outcome.rawValue, item: $0.item) } ?? []
        self.permitNumber = permitNumber
    }
}

/// The append-only decision log: each entry holds the hash of the previous one, so an edit,
/// an insertion or a deletion anywhere breaks the chain (`verify`). A head row keeps the count
/// and the last hash, so removing entries from the end is caught too.
public enum DecisionLog {
    static let genesis = String(repeating: "0", count: 64)

    static func encode(_ entry: DecisionLogEntry) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(entry), as: UTF8.self)
    }

    static func hash(prev: String, json: String) -> String { SHA256.hex(of: Array((prev + "\n" + json).utf8)) }

    /// Appends an entry inside the caller's transaction; returns its id.
    @discardableResult
    static func append(_ entry: DecisionLogEntry, db: Database) throws -> Int64 {
        let head = try Row.fetchOne(db.cachedStatement(sql: "SELECT entries, last_hash FROM decision_log_head WHERE one = 1"))
        let prev: String = head?[1] ?? genesis
        let count: Int = head?[0] ?? 0
        let json = try encode(entry)
        let h = hash(prev: prev, json: json)
        try db.cachedStatement(sql: """
            INSERT INTO decision_log (at, kind, plate, outcome, entry_json, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?)
            """).execute(arguments: [entry.at, entry.kind, entry.plate, entry.outcome, json, prev, h])
        let id = db.lastInsertedRowID
        try db.cachedStatement(sql: """
            INSERT INTO decision_log_head (one, entries, last_hash) VALUES (1, ?, ?)
            ON CONFLICT (one) DO UPDATE SET entries = excluded.entries, last_hash = excluded.last_hash
            """).execute(arguments: [count + 1, h])
        return id
    }

    /// What `audit verify` found.
    public struct Verification: Sendable {
        public var entries: Int
        /// The first entry that was edited, inserted or deleted (nil: the log is intact).
        public var firstBroken: Int64?
        public var problem: Message?
    }

    static func verify(db: Database) throws -> Verification {
        var prev = genesis
        var count = 0
        var lastID: Int64 = 0
        let cursor = try Row.fetchCursor(db, sql: "SELECT id, at, kind, plate, outcome, entry_json, prev_hash, hash FROM decision_log ORDER BY id")
        while let row = try cursor.next() {
            let id: Int64 = row[0]
            let json: String = row[5]
            count += 1
            func broken(_ zh: String, _ en: String) -> Verification {
                Verification(entries: count, firstBroken: id, problem: Message("LOG_BROKEN", zh: zh, en: en))
            }
            if (row[6] as String) != prev {
                return broken("第\(id)条之前的记录被删除或插入（链断开）", "the chain breaks before entry \(id): an entry was deleted or inserted")
            }
            if hash(prev: prev, json: json) != (row[7] as String) {
                return broken("第\(id)条记录内容被修改", "entry \(id) was edited (its hash no longer matches)")
            }
            if let e = try? JSONDecoder().decode(DecisionLogEntry.self, from: Data(json.utf8)),
               e.at != (row[1] as String) || e.kind != (row[2] as String) || e.plate != (row[3] as String?) || e.outcome != (row[4] as String?) {
                return broken("第\(id)条记录的索引列被修改", "entry \(id) was edited (its columns differ from its content)")
            }
            prev = row[7]
            lastID = id
        }
        if let head = try Row.fetchOne(db.cachedStatement(sql: "SELECT entries, last_hash FROM decision_log_head WHERE one = 1")) {
            if (head[0] as Int) != count || (head[1] as String) != prev {
                return Verification(entries: count, firstBroken: lastID + 1,
                                    problem: Message("LOG_TRUNCATED", zh: "日志末尾的记录被删除（应有\(head[0] as Int)条）",
                                                     en: "entries were removed from the end of the log (\(head[0] as Int) recorded)"))
            }
        } else if count > 0 {
            return Verification(entries: count, firstBroken: 1, problem: Message("LOG_HEAD_MISSING", zh: "日志头记录缺失", en: "the log's head record is missing"))
        }
        return Verification(entries: count, firstBroken: nil, problem: nil)
    }
}

extension FleetStore {
    /// Checks the whole decision log.
    public func verifyDecisionLog() throws -> DecisionLog.Verification {
        try read { db in try DecisionLog.verify(db: db) }
    }

    /// Log entries, newest last, filtered.
    public func decisionLog(plate: String?, kind: String?, from: String?, to: String?, limit: Int) throws -> [(id: Int64, entry: DecisionLogEntry)] {
        try read { db in
            var sql = "SELECT id, entry_json FROM decision_log WHERE 1 = 1"
            var args: [DatabaseValueConvertible] = []
            if let plate { sql += " AND plate = ?"; args.append(Plate.normalize(plate)) }
            if let kind { sql += " AND kind = ?"; args.append(kind) }
            if let from { sql += " AND at >= ?"; args.append(from) }
            if let to { sql += " AND at <= ?"; args.append(to) }
            sql += " ORDER BY id DESC LIMIT ?"
            args.append(limit)
            return try Row.fetchAll(db, sql: sql, arguments: StatementArguments(args)).reversed().compactMap { row in
                guard let e = try? JSONDecoder().decode(DecisionLogEntry.self, from: Data((row[1] as String).utf8)) else { return nil }
                return (row[0], e)
            }
        }
    }

    /// Appends a log entry in its own transaction.
    public func appendDecisionLog(_ entry: DecisionLogEntry) throws {
        try writer.writeWithoutTransaction { db in
            try db.inTransaction(.immediate) {
                try DecisionLog.append(entry, db: db)
                return .commit
            }
        }
    }
}
