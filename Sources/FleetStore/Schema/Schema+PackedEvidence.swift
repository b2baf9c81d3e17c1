import GRDB

extension Schema {
    /// The packed facts hold each plate's evidence too (`PackedFacts` format 3): after the
    /// vehicle's registration in `vehicle_facts`, alone in `unregistered_facts` for a plate with
    /// evidence and no registration; `vehicle_facts_source.shared_vins` keeps the plates that
    /// share a VIN (`VehicleFactsCache`). Packed facts of format 2 are packed again.
    static func v12PackedEvidence(_ db: Database) throws {
        try db.execute(sql: """
            CREATE TABLE unregistered_facts (
                plate TEXT PRIMARY KEY,
                facts BLOB NOT NULL
            ) WITHOUT ROWID;
            ALTER TABLE vehicle_facts_source ADD COLUMN shared_vins TEXT;
            DELETE FROM vehicle_facts_source;
            """)
    }
}
