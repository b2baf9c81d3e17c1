import GRDB

extension Schema {
    /// The evidence tables (data.md kinds other than vehicles and findings). Every table has the
    /// import provenance columns and a UNIQUE index on its key columns (the import loop's
    /// duplicate detection relies on it). Dates are `YYYY-MM-DD`, date-times
    /// `YYYY-MM-DDTHH:MM:SS+08:00`, booleans 0/1, plates normalised.
    static func v2Evidence(_ db: Database) throws {
        try db.execute(sql: """
            CREATE TABLE muck_approvals (
                id INTEGER PRIMARY KEY,
                approval_no TEXT NOT NULL,
                plate TEXT NOT NULL,
                company TEXT NOT NULL,
                valid_from TEXT NOT NULL,
                valid_to TEXT NOT NULL,
                site TEXT,
                dump_site TEXT,
                revoked INTEGER NOT NULL,
                batch_id INTEGER NOT NULL REFERENCES import_batches(id),
                source_line INTEGER NOT NULL,
                row_hash INTEGER NOT NULL
            );
            CREATE INDEX muck_approvals_plate ON muck_approvals(plate);

            CREATE TABLE transport_licenses (
                id INTEGER PRIMARY KEY,
                license_no TEXT NOT NULL,
                plate TEXT NOT NULL,
                operator TEXT NOT NULL,
                scope TEXT,
                valid_to TEXT NOT NULL,
                batch_id INTEGER NOT NULL REFERENCES import_batches(id),
                source_line INTEGER NOT NULL,
                row_hash INTEGER NOT NULL
            );
            CREATE INDEX transport_licenses_plate ON transport_licenses(plate);

            CREATE TABLE enterprises (
                id INTEGER PRIMARY KEY,
                enterprise_id TEXT NOT NULL,
                name TEXT NOT NULL,
                township TEXT NOT NULL,
                in_built_up_area INTEGER NOT NULL,
                materials TEXT,
                batch_id INTEGER NOT NULL REFERENCES import_batches(id),
                source_line INTEGER NOT NULL,
                row_hash INTEGER NOT NULL
            );

            CREATE TABLE enterprise_fleet (
                id INTEGER PRIMARY KEY,
                enterprise_id TEXT NOT NULL,
                plate TEXT NOT NULL,
                filed_on TEXT,
                in_use INTEGER NOT NULL,
                batch_id INTEGER NOT NULL REFERENCES import_batches(id),
                source_line INTEGER NOT NULL,
                row_hash INTEGER NOT NULL
            );
            CREATE INDEX enterprise_fleet_plate ON enterprise_fleet(plate);

            CREATE TABLE sanitation_fleet (
                id INTEGER PRIMARY KEY,
                plate TEXT NOT NULL,
                operator TEXT NOT NULL,
                purchased_on TEXT NOT NULL,
                area TEXT,
                batch_id INTEGER NOT NULL REFERENCES import_batches(id),
                source_line INTEGER NOT NULL,
                row_hash INTEGER NOT NULL
            );

            CREATE TABLE inspections (
                id INTEGER PRIMARY KEY,
                record_key TEXT NOT NULL,
                record_no TEXT,
                checked_at TEXT NOT NULL,
                checked_on TEXT NOT NULL,
                plate TEXT NOT NULL,
                kind TEXT NOT NULL,
                result TEXT NOT NULL,
                location TEXT,
                unit TEXT,
                batch_id INTEGER NOT NULL REFERENCES import_batches(id),
                source_line INTEGER NOT NULL,
                row_hash INTEGER NOT NULL
            );
            CREATE INDEX inspections_plate_day ON inspections(plate, checked_on);

            CREATE TABLE gate_log (
                id INTEGER PRIMARY KEY,
                enterprise_id TEXT NOT NULL,
                plate TEXT NOT NULL,
                passed_at TEXT NOT NULL,
                direction TEXT NOT NULL,
                material TEXT,
                batch_id INTEGER NOT NULL REFERENCES import_batches(id),
                source_line INTEGER NOT NULL,
                row_hash INTEGER NOT NULL
            );
            CREATE INDEX gate_log_passed_at ON gate_log(passed_at);

            CREATE TABLE alerts (
                id INTEGER PRIMARY KEY,
                alert_key TEXT NOT NULL,
                document_no TEXT,
                level TEXT NOT NULL,
                starts_at TEXT NOT NULL,
                ends_at TEXT,
                source TEXT NOT NULL,
                batch_id INTEGER NOT NULL REFERENCES import_batches(id),
                source_line INTEGER NOT NULL,
                row_hash INTEGER NOT NULL
            );

            CREATE TABLE townships (
                id INTEGER PRIMARY KEY,
                name TEXT NOT NULL,
                code TEXT,
                aliases TEXT,
                batch_id INTEGER NOT NULL REFERENCES import_batches(id),
                source_line INTEGER NOT NULL,
                row_hash INTEGER NOT NULL
            );
            CREATE UNIQUE INDEX muck_approvals_key ON muck_approvals(approval_no);
            CREATE UNIQUE INDEX transport_licenses_key ON transport_licenses(license_no);
            CREATE UNIQUE INDEX enterprises_key ON enterprises(enterprise_id);
            CREATE UNIQUE INDEX sanitation_fleet_key ON sanitation_fleet(plate);
            CREATE UNIQUE INDEX inspections_key ON inspections(record_key);
            CREATE UNIQUE INDEX alerts_key ON alerts(alert_key);
            CREATE UNIQUE INDEX townships_key ON townships(name);
            CREATE UNIQUE INDEX enterprise_fleet_key ON enterprise_fleet(enterprise_id, plate);
            CREATE UNIQUE INDEX gate_log_key ON gate_log(enterprise_id, plate, passed_at, direction);
            """)
    }
}
