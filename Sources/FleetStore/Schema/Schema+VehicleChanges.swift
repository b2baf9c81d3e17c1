import GRDB

extension Schema {
    /// Which vehicles changed in which batch, instead of an index on `vehicles.batch_id`.
    ///
    /// A run after an import screens again only the plates whose rows changed since the last
    /// run (`ScreeningIncremental`). For the vehicles table that index cost every first load a
    /// scan and a sort of the whole table (0.55 s of a 1M-row import, whose rows all carry
    /// the same batch). The log costs a first load one row — `plate` NULL: every vehicle —
    /// and any other vehicles import one row per plate it inserts or replaces.
    ///
    /// A store that had vehicles before gets one such "every vehicle" row per vehicles batch:
    /// a run that builds on a run older than one of them screens every plate, as it would have.
    static func v10VehicleChanges(_ db: Database) throws {
        try db.execute(sql: """
            CREATE TABLE vehicle_changes (
                batch_id INTEGER NOT NULL REFERENCES import_batches(id),
                plate TEXT
            );
            CREATE INDEX vehicle_changes_batch ON vehicle_changes(batch_id);
            INSERT INTO vehicle_changes (batch_id, plate)
                SELECT id, NULL FROM import_batches WHERE kind IN ('vehicles', 'vehicles-manual');
            DROP INDEX IF EXISTS vehicles_batch;
            """)
    }
}
