import FleetCore
import GRDB

extension FleetStore {
    /// The vehicle with this plate (normalised as imports do), or nil.
    public func fetchVehicle(plate: String) throws -> VehicleRow? {
        let p = Plate.normalize(plate)
        return try read { db in try VehicleRow.fetchOne(db, sql: "SELECT * FROM vehicles WHERE plate = ?", arguments: [p]) }
    }

    /// The status changes recorded for a plate, oldest first.
    public func fetchStatusHistory(plate: String) throws -> [StatusChange] {
        try read { db in
            try StatusChange.fetchAll(db, sql: """
                SELECT * FROM vehicle_status_history WHERE plate = ? ORDER BY id
                """, arguments: [Plate.normalize(plate)])
        }
    }

    public func fetchBatch(id: Int64) throws -> ImportBatch? {
        try read { db in try ImportBatch.fetchOne(db, sql: "SELECT * FROM import_batches WHERE id = ?", arguments: [id]) }
    }

    public func fetchBatches() throws -> [ImportBatch] {
        try read { db in try ImportBatch.fetchAll(db, sql: "SELECT * FROM import_batches ORDER BY id") }
    }

    /// Registered plates near a typed one: confusable characters (O/0, I/1 …) and any plate
    /// that differs in one character.
    public func suggestPlates(near typed: String, limit: Int = 10) throws -> [String] {
        let variants = PlateSuggestions.confusableVariants(of: typed)
        let patterns = PlateSuggestions.oneCharacterPatterns(of: typed)
        return try read { db in
            var found = Set<String>()
            for v in variants {
                if try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM vehicles WHERE plate = ?)", arguments: [v]) == true {
                    found.insert(v)
                }
            }
            if !patterns.isEmpty {
                let sql = "SELECT plate FROM vehicles WHERE " + patterns.map { _ in "plate GLOB ?" }.joined(separator: " OR ") + " LIMIT 200"
                for p in try String.fetchAll(db, sql: sql, arguments: StatementArguments(patterns)) { found.insert(p) }
            }
            return Array(PlateSuggestions.rank(found, typed: typed).prefix(limit))
        }
    }

    /// How many vehicles the store holds.
    public func vehicleCount() throws -> Int {
        try read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM vehicles") ?? 0 }
    }
}
