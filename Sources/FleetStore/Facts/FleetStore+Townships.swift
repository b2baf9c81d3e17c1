import FleetCore
import GRDB

extension FleetStore {
    /// The township table imports resolve townships with: the stored `townships` table when it
    /// has rows (imported with `fleetreg import townships`, in import order), else the built-in
    /// table of Xinmi (`TownshipTable.xinmi`). The stored table replaces the built-in one whole.
    public func townshipTable() throws -> TownshipTable {
        let rows = try read { db in
            try Row.fetchAll(db, sql: "SELECT name, code, aliases FROM townships ORDER BY id")
        }
        if rows.isEmpty { return .xinmi }
        return TownshipTable(rows.map { row in
            TownshipTable.Township(name: row["name"], code: row["code"], aliasList: row["aliases"])
        })
    }
}
