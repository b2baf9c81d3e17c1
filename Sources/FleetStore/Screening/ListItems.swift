import FleetCore
import GRDB

/// The township list items: one stable id per (vehicle, township), kept across runs.
/// `first_run` is the run that first listed the item; `last_run` the last run that listed it,
/// as of when it last came onto a list or left one (a run does not touch the items that stay).
final class ListItems {
    let run: Int64
    private let db: Database
    private let insert: RawStatement
    private let relist: RawStatement
    private let unlist: RawStatement
    private var next: Int

    init(db: Database, run: Int64) throws {
        self.run = run
        insert = try RawStatement(db, """
            INSERT INTO screening_items (item_id, plate, township, first_run, last_run) VALUES (?, ?, ?, ?, ?)
            ON CONFLICT (plate, township) DO NOTHING
            """)
        relist = try RawStatement(db, "UPDATE screening_items SET last_run = ?1 WHERE plate = ?2 AND township = ?3")
        unlist = try RawStatement(db, """
            UPDATE screening_items SET last_run = (SELECT MAX(id) FROM screening_runs WHERE id < ?1) WHERE plate = ?2 AND township = ?3
            """)
        self.db = db
        let max = try String.fetchOne(db, sql: "SELECT MAX(item_id) FROM screening_items") ?? "QD0000000"
        next = (Int(max.dropFirst(2)) ?? 0) + 1
    }

    /// Item ids read `QD` and seven digits, in the order vehicles first went on a list.
    static func id(_ n: Int) -> String {
        let digits = String(n)
        return "QD" + String(repeating: "0", count: max(0, 7 - digits.count)) + digits
    }

    /// A vehicle comes onto its township's list: it gets an item if it has none for the township.
    func touch(plate: String, township: String) throws {
        try step(insert, [.text(ListItems.id(next)), .text(plate), .text(township), .integer(run), .integer(run)])
        if db.changesCount > 0 { next += 1 } else { try step(relist, [.integer(run), .text(plate), .text(township)]) }
    }

    /// A vehicle leaves its township's list: the previous run was the last to list it.
    func leave(plate: String, township: String) throws {
        try step(unlist, [.integer(run), .text(plate), .text(township)])
    }

    private func step(_ statement: RawStatement, _ values: [SQLValue]) throws {
        statement.bind(values)
        let rc = statement.step()
        statement.reset()
        guard rc == 101 else { throw DatabaseError(message: "screening_items: \(statement.errorMessage(db))") }
    }
}
