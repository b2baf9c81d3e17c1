import FleetCore
import GRDB

/// Compares a run's flagged vehicles with the previous run's, by (plate, flag), streaming
/// both result sets in plate order.
enum ScreeningDiff {
    static func compare(_ db: Database, run: Int64) throws -> ScreeningChanges? {
        guard let prev = try Row.fetchOne(db, sql: "SELECT id, as_of FROM screening_runs WHERE id < ? ORDER BY id DESC LIMIT 1",
                                          arguments: [run]) else { return nil }
        var changes = ScreeningChanges(previousRun: prev[0], previousAsOf: prev[1])
        let sql = "SELECT plate, township, flags FROM screening_results WHERE run_id = ? ORDER BY plate"
        let old = try Row.fetchCursor(db, sql: sql, arguments: [prev[0] as Int64])
        let new = try Row.fetchCursor(db, sql: sql, arguments: [run])
        var o = try old.next().map(Entry.init), n = try new.next().map(Entry.init)
        func count(_ township: String, _ body: (inout ScreeningChanges.Counts) -> Void) {
            body(&changes.total)
            body(&changes.byTownship[township, default: .init()])
        }
        while o != nil || n != nil {
            if let a = o, n == nil || a.plate.utf8.lexicographicallyPrecedes(n!.plate.utf8) {
                for _ in a.flags { count(a.township) { $0.resolved += 1 } }
                o = try old.next().map(Entry.init)
            } else if let b = n, o == nil || b.plate.utf8.lexicographicallyPrecedes(o!.plate.utf8) {
                for _ in b.flags { count(b.township) { $0.newlyFlagged += 1 } }
                n = try new.next().map(Entry.init)
            } else if let a = o, let b = n {
                for f in b.flags { count(b.township) { a.flags.contains(f) ? ($0.stillOpen += 1) : ($0.newlyFlagged += 1) } }
                for f in a.flags where !b.flags.contains(f) { count(a.township) { $0.resolved += 1 } }
                o = try old.next().map(Entry.init)
                n = try new.next().map(Entry.init)
            }
        }
        return changes
    }

    struct Entry {
        var plate: String
        var township: String
        var flags: Set<Substring>
        init(_ row: Row) {
            plate = row[0]
            township = row[1]
            flags = Set((row[2] as String).split(separator: ","))
        }
    }
}
