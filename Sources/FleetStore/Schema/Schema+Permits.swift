import GRDB

extension Schema {
    /// City-entry permits, their number sequence, and the append-only decision log.
    static func v5Permits(_ db: Database) throws {
        try db.execute(sql: """
            CREATE TABLE permit_sequences (
                year INTEGER PRIMARY KEY,
                last INTEGER NOT NULL
            );
            CREATE TABLE permits (
                number TEXT PRIMARY KEY,
                plate TEXT NOT NULL,
                purpose TEXT NOT NULL,
                enterprise_id TEXT,
                valid_from TEXT NOT NULL,
                valid_to TEXT NOT NULL,
                zone TEXT,
                route TEXT,
                hours TEXT,
                applicant TEXT,
                operator TEXT NOT NULL,
                issued_at TEXT NOT NULL,
                as_of TEXT NOT NULL,
                status TEXT NOT NULL,
                revoked_at TEXT,
                revoke_reason TEXT,
                decision_id INTEGER NOT NULL
            ) WITHOUT ROWID;
            CREATE INDEX permits_plate ON permits(plate);
            CREATE INDEX permits_status ON permits(status);
            CREATE TABLE decision_log (
                id INTEGER PRIMARY KEY,
                at TEXT NOT NULL,
                kind TEXT NOT NULL,
                plate TEXT,
                outcome TEXT,
                entry_json TEXT NOT NULL,
                prev_hash TEXT NOT NULL,
                hash TEXT NOT NULL
            );
            CREATE INDEX decision_log_plate ON decision_log(plate);
            CREATE TABLE decision_log_head (
                one INTEGER PRIMARY KEY CHECK (one = 1),
                entries INTEGER NOT NULL,
                last_hash TEXT NOT NULL
            );
            """)
    }
}
