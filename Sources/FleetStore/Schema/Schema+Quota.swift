import GRDB

extension Schema {
    /// The scrapping quota: the settings as set (append-only, so that any past date finds the
    /// settings then in force), the per-township targets (`import quota-targets`), and the
    /// history of changed targets.
    static func v4Quota(_ db: Database) throws {
        try db.execute(sql: """
            CREATE TABLE quota_settings (
                id INTEGER PRIMARY KEY,
                target INTEGER NOT NULL CHECK (target > 0),
                baseline TEXT NOT NULL,
                deadline TEXT NOT NULL CHECK (deadline >= baseline),
                recorded_at TEXT NOT NULL,
                operator TEXT NOT NULL,
                policy_version TEXT NOT NULL
            );
            CREATE TABLE quota_targets (
                id INTEGER PRIMARY KEY,
                township TEXT NOT NULL UNIQUE,
                target INTEGER NOT NULL CHECK (target >= 0),
                batch_id INTEGER NOT NULL REFERENCES import_batches(id),
                source_line INTEGER NOT NULL,
                row_hash INTEGER NOT NULL
            );
            CREATE TABLE quota_target_history (
                id INTEGER PRIMARY KEY,
                township TEXT NOT NULL,
                old_target INTEGER NOT NULL,
                old_batch_id INTEGER NOT NULL REFERENCES import_batches(id),
                new_target INTEGER NOT NULL,
                batch_id INTEGER NOT NULL REFERENCES import_batches(id),
                recorded_at TEXT NOT NULL
            );
            CREATE INDEX quota_target_history_township ON quota_target_history(township);
            """)
    }
}
