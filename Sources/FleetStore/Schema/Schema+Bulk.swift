import GRDB

extension Schema {
    /// The gate-log scan of `bulk violations`: the `进` rows of a period in time order, read from
    /// one covering index (direction, time, enterprise, plate) without touching the table. It
    /// replaces the plain `passed_at` index of v2, which made the scan look every row up in the
    /// table, in random order for a log imported truck by truck. No new column: manual alerts
    /// (`alert declare`) use the existing `alerts` table with an `import_batches` row of kind
    /// `alerts-manual` (docs/decisions.md, "Bulk and alerts").
    static func v6BulkGateIndex(_ db: Database) throws {
        try db.execute(sql: """
            DROP INDEX IF EXISTS gate_log_passed_at;
            CREATE INDEX gate_log_direction_time ON gate_log(direction, passed_at, enterprise_id, plate);
            """)
    }
}
