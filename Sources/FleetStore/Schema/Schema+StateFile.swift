import GRDB

extension Schema {
    /// The latest run's whole result moves out of the database into a file beside it
    /// (`StoredState`): writing it as a 24 MB blob, and checkpointing its pages, was ~0.3 s of a
    /// 1M-plate full run. The tables that held it go; each run records the check sum of the
    /// state it leaves, by which the file is recognised. The next run screens every plate once.
    static func v9StateFile(_ db: Database) throws {
        try db.execute(sql: """
            DROP TABLE screening_state_data;
            DROP TABLE screening_state;
            ALTER TABLE screening_runs ADD COLUMN state_checksum INTEGER;
            """)
    }
}
