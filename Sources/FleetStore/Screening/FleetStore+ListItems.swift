import Foundation
import FleetCore
import GRDB

extension FleetStore {
    /// The items on the townships' lists in a run: its vehicles with `on_list`, each with the
    /// item of its (plate, township). Read from the run's own results, not from the items'
    /// `last_run`, which a later run (of another date) moves on.
    static let runItemsSQL = """
        SELECT i.plate, i.item_id FROM screening_results r
        JOIN screening_items i ON i.plate = r.plate AND i.township = r.township
        WHERE r.run_id = ? AND r.on_list = 1
        """

    /// The list item ids of a run, by plate (the vehicles on the townships' lists).
    public func listItems(run: Int64) throws -> [String: String] {
        try read { db in
            var out: [String: String] = [:]
            for row in try Row.fetchAll(db, sql: Self.runItemsSQL, arguments: [run]) {
                out[row[0]] = row[1]
            }
            return out
        }
    }

    /// Records that a run's list items were exported, with the vehicles' rows as they were,
    /// so findings about a vehicle that changed since can be pointed out.
    public func markExported(run: Int64) throws {
        try write { db in
            try db.execute(sql: """
                UPDATE screening_items SET exported_at = ?,
                    vehicle_row_hash = (SELECT row_hash FROM vehicles v WHERE v.plate = screening_items.plate)
                WHERE item_id IN (SELECT item_id FROM (\(Self.runItemsSQL)))
                """, arguments: [CivilDateTime(unixTime: Date().timeIntervalSince1970).description, run])
        }
    }

    /// Findings of a batch whose vehicle's registration changed after its list was exported.
    public func findingsChangedSinceExport(batch: Int64) throws -> [(itemID: String, plate: String)] {
        try read { db in
            try Row.fetchAll(db, sql: """
                SELECT f.item_id, f.plate FROM findings f
                JOIN screening_items i ON i.item_id = f.item_id
                JOIN vehicles v ON v.plate = i.plate
                WHERE f.batch_id = ? AND i.vehicle_row_hash IS NOT NULL AND v.row_hash <> i.vehicle_row_hash
                ORDER BY f.item_id
                """, arguments: [batch]).map { ($0[0], $0[1]) }
        }
    }

    /// The flagged vehicles of a run, filtered, in plate order.
    public func screeningResults(run: Int64, flags: [String], township: String?) throws -> [ScreenedVehicle] {
        try read { db in
            var sql = """
                SELECT r.plate, r.township, r.usage, r.flags, r.on_list, r.registered, i.item_id FROM screening_results r
                LEFT JOIN screening_items i ON i.plate = r.plate AND i.township = r.township AND r.on_list = 1
                WHERE r.run_id = ?
                """
            var args: [DatabaseValueConvertible] = [run]
            if let township { sql += " AND r.township = ?"; args.append(township) }
            sql += " ORDER BY r.plate"
            return try Row.fetchAll(db, sql: sql, arguments: StatementArguments(args)).compactMap { row in
                let codes = (row[3] as String).split(separator: ",").map(String.init)
                guard flags.allSatisfy({ codes.contains($0) }) else { return nil }
                return ScreenedVehicle(plate: row[0], township: row[1], usage: row[2], flags: codes, onList: row[4],
                                       registered: row[5], itemID: row[6])
            }
        }
    }
}

/// A flagged vehicle of a stored run.
public struct ScreenedVehicle: Encodable, Sendable {
    public var plate: String
    public var township: String
    @NullEncodable public var usage: String?
    public var flags: [String]
    public var onList: Bool
    public var registered: Bool
    @NullEncodable public var itemID: String?

    enum CodingKeys: String, CodingKey {
        case plate, township, usage, flags, onList = "on_list", registered, itemID = "item_id"
    }
}
