import GRDB

extension Schema {
    /// Each vehicle's registration as the screening rules read it, packed (`PackedFacts`),
    /// kept for full passes (`VehicleFactsCache`): a pass then reads one short blob a vehicle
    /// instead of twelve columns of the wide vehicles table, and turns no text into codes.
    /// `vehicle_facts_source` says up to which import batch the packed facts are current, in
    /// which format, and the township and status texts they refer to by place.
    static func v11VehicleFacts(_ db: Database) throws {
        try db.execute(sql: """
            CREATE TABLE vehicle_facts (
                id INTEGER PRIMARY KEY,
                facts BLOB NOT NULL
            );
            CREATE TABLE vehicle_facts_source (
                format INTEGER NOT NULL,
                through_batch INTEGER NOT NULL,
                texts TEXT NOT NULL
            );
            """)
    }
}
