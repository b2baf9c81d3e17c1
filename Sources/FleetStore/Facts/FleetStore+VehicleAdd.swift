import FleetCore
import GRDB

extension FleetStore {
    /// Adds a vehicle from elsewhere whose papers an officer checked (`vehicle add`): recorded
    /// as a batch of its own (kind `vehicles-manual`, the source named), and in the decision
    /// log. Returns false when the plate is already registered.
    public func addVehicle(_ registration: VehicleRegistration, source: String, operatorName: String, now: CivilDateTime) throws -> Bool {
        try writer.writeWithoutTransaction { db in
            var added = false
            try db.inTransaction(.immediate) {
                if try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM vehicles WHERE plate = ?)", arguments: [registration.plate.text]) == true {
                    return .rollback
                }
                try db.execute(sql: """
                    INSERT INTO import_batches (kind, file_name, sha256, encoding, rows, inserted, operator, started_at, finished_at)
                    VALUES ('vehicles-manual', ?, '', 'utf8', 1, 1, ?, ?, ?)
                    """, arguments: ["vehicle add: " + source, operatorName, now.description, now.description])
                let batch = db.lastInsertedRowID
                let kind = VehiclesImport(townships: .xinmi)
                let values = VehiclesImport.values(registration)
                let insert = try RawStatement(db, """
                    INSERT INTO vehicles (\(kind.dbColumns.joined(separator: ", ")), batch_id, source_line, row_hash)
                    VALUES (\(Array(repeating: "?", count: kind.dbColumns.count + 3).joined(separator: ", ")))
                    """)
                insert.bind(values + [.integer(batch), .integer(0), .integer(rowHash(values))])
                let rc = insert.step()
                insert.reset()
                guard rc == 101 else { throw DatabaseError(message: insert.errorMessage(db)) }
                try db.execute(sql: "INSERT INTO vehicle_changes (batch_id, plate) VALUES (?, ?)", arguments: [batch, registration.plate.text])
                try DecisionLog.append(DecisionLogEntry(kind: "vehicle_add", at: now, operatorName: operatorName,
                                                        plate: registration.plate.text, decision: nil,
                                                        inputs: ["source": source, "vin": registration.vin.text,
                                                                 "vehicle_type": registration.vehicleType.code]), db: db)
                added = true
                return .commit
            }
            return added
        }
    }
}
