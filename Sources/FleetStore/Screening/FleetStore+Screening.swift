import Foundation
import FleetCore
import GRDB

extension FleetStore {
    /// Screens every vehicle as of a date with FleetCore's `Screener`, records the run (its
    /// figures, the flagged vehicles, the township list items) and compares it with the
    /// previous run. One pass over the store, streamed.
    public func runScreening(asOf: CivilDate, screener: Screener, operatorName: String) throws -> ScreeningRunSummary {
        let started = CivilDateTime(unixTime: Date().timeIntervalSince1970)
        return try write { db in
            try db.execute(sql: """
                INSERT INTO screening_runs (as_of, policy_version, policy_hash, operator, started_at, finished_at, vehicles, summary_json)
                VALUES (?, ?, ?, ?, ?, '', 0, '{}')
                """, arguments: [asOf.description, screener.policy.version, screener.policy.hash, operatorName, started.description])
            let run = db.lastInsertedRowID
            var summary = ScreeningRunSummary(run: run, asOf: asOf.description, policyVersion: screener.policy.version,
                                              policyHash: screener.policy.hash, vehicles: 0, usage: [:], flags: [:],
                                              byTownship: [:], listed: 0)
            let insertResult = try db.makeStatement(sql: """
                INSERT INTO screening_results (run_id, plate, registered, township, usage, flags, on_list) VALUES (?, ?, ?, ?, ?, ?, ?)
                """)
            let items = try ListItems(db: db, run: run)
            try FactStream(db: db).forEach { facts in
                let result = screener.screen(facts, asOf: asOf)
                let registered = facts.registration != nil
                guard result.inScope || (!registered && !result.flags.isEmpty) else { return }
                let township = registered ? (result.township ?? TownshipTable.unassigned) : ScreeningRunSummary.unregistered
                if result.inScope {
                    summary.vehicles += 1
                    if let u = result.usage { summary.usage[u.rawValue, default: 0] += 1 }
                }
                for f in result.flags {
                    if registered { summary.flags[f.code, default: 0] += 1 }
                    summary.byTownship[township, default: [:]][f.code, default: 0] += 1
                }
                if result.onTownshipList {
                    summary.listed += 1
                    try items.touch(plate: result.plate, township: township)
                }
                if !result.flags.isEmpty {
                    try insertResult.execute(arguments: [run, result.plate, registered, township, result.usage?.rawValue,
                                                         result.flagCodes.joined(separator: ","), result.onTownshipList])
                }
            }
            summary.changes = try ScreeningDiff.compare(db, run: run)
            let json = String(decoding: try JSONEncoder().encode(summary), as: UTF8.self)
            try db.execute(sql: "UPDATE screening_runs SET finished_at = ?, vehicles = ?, summary_json = ? WHERE id = ?",
                           arguments: [CivilDateTime(unixTime: Date().timeIntervalSince1970).description, summary.vehicles, json, run])
            return summary
        }
    }

    /// The latest run as of exactly this date, if any.
    public func latestRun(asOf: CivilDate) throws -> ScreeningRunSummary? {
        try read { db in
            guard let json = try String.fetchOne(db, sql: "SELECT summary_json FROM screening_runs WHERE as_of = ? ORDER BY id DESC LIMIT 1",
                                                 arguments: [asOf.description]) else { return nil }
            return try JSONDecoder().decode(ScreeningRunSummary.self, from: Data(json.utf8))
        }
    }
}

/// The township list items: one stable id per (vehicle, township), kept across runs.
final class ListItems {
    let run: Int64
    private let find: Statement
    private let insert: Statement
    private let touchRun: Statement
    private var next: Int

    init(db: Database, run: Int64) throws {
        self.run = run
        find = try db.makeStatement(sql: "SELECT item_id FROM screening_items WHERE plate = ? AND township = ?")
        insert = try db.makeStatement(sql: """
            INSERT INTO screening_items (item_id, plate, township, first_run, last_run) VALUES (?, ?, ?, ?, ?)
            """)
        touchRun = try db.makeStatement(sql: "UPDATE screening_items SET last_run = ? WHERE item_id = ?")
        let max = try String.fetchOne(db, sql: "SELECT MAX(item_id) FROM screening_items") ?? "QD0000000"
        next = (Int(max.dropFirst(2)) ?? 0) + 1
    }

    /// Item ids read `QD` and seven digits, in the order vehicles first went on a list.
    static func id(_ n: Int) -> String {
        let digits = String(n)
        return "QD" + String(repeating: "0", count: max(0, 7 - digits.count)) + digits
    }

    func touch(plate: String, township: String) throws {
        if let existing = try String.fetchOne(find, arguments: [plate, township]) {
            try touchRun.execute(arguments: [run, existing])
        } else {
            try insert.execute(arguments: [ListItems.id(next), plate, township, run, run])
            next += 1
        }
    }
}
