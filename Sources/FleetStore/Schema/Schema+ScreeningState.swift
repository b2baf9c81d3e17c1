import GRDB

extension Schema {
    /// Incremental screening runs (docs/benchmarks.md, "How screening is built").
    ///
    /// - `screening_outcomes` keeps each flagged vehicle's result as an interval of runs
    ///   (`from_run` ≤ run < `to_run`), so a run writes only the results that changed instead of
    ///   a copy of every flagged vehicle. `screening_results` becomes a view with the old columns
    ///   (one row per run and flagged vehicle), so every query of a run's results reads as before.
    /// - `screening_state_data` holds the latest run's whole result (every plate, flagged or not,
    ///   and the day until which it holds by time alone) as packed values (`ScreeningState`): a
    ///   base, and the changes since; `screening_state` says which run it is. (v9 moves it
    ///   into a file: `StoredState`.)
    /// - `screening_runs` records the newest import batch a run saw, the screener it used and
    ///   how it ran (full or incremental, and how many plates it screened).
    /// - An index on `batch_id` of each table that screening reads finds the rows imported since
    ///   a run.
    static func v7ScreeningState(_ db: Database) throws {
        try db.execute(sql: """
            CREATE TABLE screening_outcomes (
                plate TEXT NOT NULL,
                from_run INTEGER NOT NULL,
                to_run INTEGER NOT NULL,
                registered INTEGER NOT NULL,
                township TEXT NOT NULL,
                usage TEXT,
                flags TEXT NOT NULL,
                on_list INTEGER NOT NULL,
                PRIMARY KEY (plate, from_run)
            ) WITHOUT ROWID;
            INSERT INTO screening_outcomes (plate, from_run, to_run, registered, township, usage, flags, on_list)
                SELECT plate, run_id,
                       COALESCE((SELECT MIN(n.id) FROM screening_runs n WHERE n.id > r.run_id), \(openRun)),
                       registered, township, usage, flags, on_list
                FROM screening_results r;
            CREATE INDEX screening_outcomes_to_run ON screening_outcomes(to_run, plate);
            DROP TABLE screening_results;
            CREATE VIEW screening_results AS
                SELECT r.id AS run_id, o.plate, o.registered, o.township, o.usage, o.flags, o.on_list
                FROM screening_runs r JOIN screening_outcomes o ON o.from_run <= r.id AND o.to_run > r.id;

            CREATE TABLE screening_state (
                id INTEGER PRIMARY KEY CHECK (id = 1),
                run_id INTEGER NOT NULL
            );
            CREATE TABLE screening_state_data (
                part TEXT PRIMARY KEY CHECK (part IN ('base', 'delta')),
                data BLOB NOT NULL
            ) WITHOUT ROWID;
            ALTER TABLE screening_runs ADD COLUMN max_batch INTEGER;
            ALTER TABLE screening_runs ADD COLUMN fingerprint TEXT;
            ALTER TABLE screening_runs ADD COLUMN mode TEXT NOT NULL DEFAULT 'full';
            ALTER TABLE screening_runs ADD COLUMN screened INTEGER;

            CREATE INDEX vehicles_batch ON vehicles(batch_id);
            CREATE INDEX muck_approvals_batch ON muck_approvals(batch_id);
            CREATE INDEX transport_licenses_batch ON transport_licenses(batch_id);
            CREATE INDEX sanitation_fleet_batch ON sanitation_fleet(batch_id);
            CREATE INDEX enterprise_fleet_batch ON enterprise_fleet(batch_id);
            CREATE INDEX inspections_batch ON inspections(batch_id);
            CREATE INDEX findings_batch ON findings(batch_id);
            """)
    }

    /// `to_run` of a result that still holds.
    static let openRun: Int64 = Int64.max
}
