import GRDB

extension Schema {
    /// One index on (township, vehicle type) instead of one on each. Lookups by township read
    /// it directly, by township and type too, and by type alone through a skip-scan over the
    /// few townships (SQLite does this once `sqlite_stat1` says the first column has few
    /// distinct values: the vehicles import analyzes the index, 0.09 s at 1M rows). Each index
    /// costs every first load of the vehicles file a pass over the table: one index for the
    /// two saved 0.6–0.8 s of a 1M-row import (docs/benchmarks.md).
    static func v8VehicleIndexes(_ db: Database) throws {
        try db.execute(sql: """
            DROP INDEX IF EXISTS vehicles_township;
            DROP INDEX IF EXISTS vehicles_type;
            CREATE INDEX vehicles_township_type ON vehicles(township, vehicle_type);
            """)
        if try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM vehicles)")! {
            try db.execute(sql: "ANALYZE vehicles_township_type")
        }
    }
}
