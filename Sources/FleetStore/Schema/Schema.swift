import GRDB

/// The store's schema: one migrator with named, append-only migrations. A migration, once
/// released, is never edited; a change is a new migration.
enum Schema {
    /// Every migration, in order. Each lives in its own file (`Schema+Name.swift`); append only.
    static let migrations: [(name: String, migrate: (Database) throws -> Void)] = [
        ("v1-batches-and-vehicles", v1BatchesAndVehicles),
        ("v2-evidence", v2Evidence),
        ("v3-screening", v3Screening),
        ("v4-quota", v4Quota),
        ("v5-permits", v5Permits),
        ("v6-bulk-gate-index", v6BulkGateIndex),
        ("v7-screening-state", v7ScreeningState),
        ("v8-vehicle-indexes", v8VehicleIndexes),
        ("v9-state-file", v9StateFile),
        ("v10-vehicle-changes", v10VehicleChanges),
        ("v11-vehicle-facts", v11VehicleFacts),
        ("v12-packed-evidence", v12PackedEvidence),
    ]

    static var migrator: DatabaseMigrator {
        var m = DatabaseMigrator()
        for (name, migrate) in migrations { m.registerMigration(name, migrate: migrate) }
        return m
    }

    static func v1BatchesAndVehicles(_ db: Database) throws {
        try db.execute(sql: """
                CREATE TABLE import_batches (
                    id INTEGER PRIMARY KEY,
                    kind TEXT NOT NULL,
                    file_name TEXT NOT NULL,
                    sha256 TEXT NOT NULL,
                    encoding TEXT NOT NULL,
                    rows INTEGER NOT NULL DEFAULT 0,
                    inserted INTEGER NOT NULL DEFAULT 0,
                    updated INTEGER NOT NULL DEFAULT 0,
                    unchanged INTEGER NOT NULL DEFAULT 0,
                    invalid INTEGER NOT NULL DEFAULT 0,
                    operator TEXT NOT NULL,
                    started_at TEXT NOT NULL,
                    finished_at TEXT
                );
                CREATE TABLE vehicles (
                    id INTEGER PRIMARY KEY,
                    plate TEXT NOT NULL,
                    plate_type TEXT,
                    vin TEXT NOT NULL,
                    vin_check_ok INTEGER NOT NULL,
                    vehicle_type TEXT NOT NULL,
                    use_nature TEXT NOT NULL,
                    fuel TEXT NOT NULL,
                    emission_declared TEXT,
                    first_registered TEXT NOT NULL,
                    gross_mass_kg INTEGER,
                    owner TEXT NOT NULL,
                    address TEXT,
                    township TEXT NOT NULL,
                    township_source TEXT NOT NULL,
                    status TEXT NOT NULL,
                    status_date TEXT,
                    phone TEXT,
                    batch_id INTEGER NOT NULL REFERENCES import_batches(id),
                    source_line INTEGER NOT NULL,
                    row_hash INTEGER NOT NULL
                );
                CREATE UNIQUE INDEX vehicles_plate ON vehicles(plate);
                CREATE INDEX vehicles_vin ON vehicles(vin);
                CREATE INDEX vehicles_township ON vehicles(township);
                CREATE INDEX vehicles_type ON vehicles(vehicle_type);
                CREATE TABLE vehicle_status_history (
                    id INTEGER PRIMARY KEY,
                    plate TEXT NOT NULL,
                    old_status TEXT NOT NULL,
                    new_status TEXT NOT NULL,
                    old_status_date TEXT,
                    new_status_date TEXT,
                    batch_id INTEGER NOT NULL REFERENCES import_batches(id),
                    recorded_at TEXT NOT NULL
                );
                CREATE INDEX vehicle_status_history_plate ON vehicle_status_history(plate);
                """)
    }
}
