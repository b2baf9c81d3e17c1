import GRDB

extension Schema {
    /// Township findings, screening runs and their results, and the township list items.
    static func v3Screening(_ db: Database) throws {
        try db.execute(sql: """
            CREATE TABLE findings (
                id INTEGER PRIMARY KEY,
                item_id TEXT NOT NULL,
                plate TEXT NOT NULL,
                township TEXT NOT NULL,
                conclusion TEXT NOT NULL,
                confirmed_usage TEXT,
                investigator TEXT NOT NULL,
                investigated_on TEXT NOT NULL,
                notes TEXT,
                batch_id INTEGER NOT NULL REFERENCES import_batches(id),
                source_line INTEGER NOT NULL,
                row_hash INTEGER NOT NULL
            );
            CREATE UNIQUE INDEX findings_item ON findings(item_id);
            CREATE INDEX findings_plate ON findings(plate);

            CREATE TABLE screening_runs (
                id INTEGER PRIMARY KEY,
                as_of TEXT NOT NULL,
                policy_version TEXT NOT NULL,
                policy_hash TEXT NOT NULL,
                operator TEXT NOT NULL,
                started_at TEXT NOT NULL,
                finished_at TEXT NOT NULL,
                vehicles INTEGER NOT NULL,
                summary_json TEXT NOT NULL
            );
            CREATE TABLE screening_results (
                run_id INTEGER NOT NULL REFERENCES screening_runs(id) ON DELETE CASCADE,
                plate TEXT NOT NULL,
                registered INTEGER NOT NULL,
                township TEXT NOT NULL,
                usage TEXT,
                flags TEXT NOT NULL,
                on_list INTEGER NOT NULL,
                PRIMARY KEY (run_id, plate)
            ) WITHOUT ROWID;

            CREATE TABLE screening_items (
                item_id TEXT PRIMARY KEY,
                plate TEXT NOT NULL,
                township TEXT NOT NULL,
                first_run INTEGER NOT NULL,
                last_run INTEGER NOT NULL,
                exported_at TEXT,
                vehicle_row_hash INTEGER
            ) WITHOUT ROWID;
            CREATE UNIQUE INDEX screening_items_plate_township ON screening_items(plate, township);
            """)
    }
}
