import Foundation
import FleetCore
import GRDB

extension FleetStore {
    /// Screens every vehicle as of a date with FleetCore's `Screener`, records the run (its
    /// figures, the flagged vehicles, the township list items) and compares it with the
    /// previous run. One pass over the store, streamed.
    /// `progress` is called every 100,000 plates with the count so far.
    public func runScreening(asOf: CivilDate, screener: Screener, operatorName: String,
                             progress: ((Int) -> Void)? = nil) throws -> ScreeningRunSummary {
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
            let insertResult = try RawStatement(db, """
                INSERT INTO screening_results (run_id, plate, registered, township, usage, flags, on_list) VALUES (?, ?, ?, ?, ?, ?, ?)
                """)
            let arena = BindArena()
            let items = try ListItems(db: db, run: run)
            // Counters by index: hashing Chinese strings per vehicle showed in the profile.
            let flagIndex = Dictionary(uniqueKeysWithValues: Screener.flagOrder.enumerated().map { ($1, $0) })
            var usageCounts = [Int](repeating: 0, count: UsageClass.allCases.count)
            var flagCounts = [Int](repeating: 0, count: Screener.flagOrder.count)
            var townships: [String] = []
            var townshipIndex: [String: Int] = [:]
            var townshipCounts: [[Int]] = []
            var seen = 0
            try FactStream(db: db).forEach { facts in
                seen += 1
                if seen % 100_000 == 0 { progress?(seen) }
                let result = screener.screen(facts, asOf: asOf)
                let registered = facts.registration != nil
                guard result.inScope || (!registered && !result.flags.isEmpty) else { return }
                let township = registered ? (result.township ?? TownshipTable.unassigned) : ScreeningRunSummary.unregistered
                if result.inScope {
                    summary.vehicles += 1
                    if let u = result.usage { usageCounts[UsageClass.allCases.firstIndex(of: u)!] += 1 }
                }
                if !result.flags.isEmpty {
                    let t: Int
                    if let i = townshipIndex[township] { t = i } else {
                        t = townships.count
                        townshipIndex[township] = t
                        townships.append(township)
                        townshipCounts.append([Int](repeating: 0, count: Screener.flagOrder.count))
                    }
                    for f in result.flags {
                        let i = flagIndex[f.code]!
                        if registered { flagCounts[i] += 1 }
                        townshipCounts[t][i] += 1
                    }
                }
                if result.onTownshipList {
                    summary.listed += 1
                    try items.touch(plate: result.plate, township: township)
                }
                if !result.flags.isEmpty {
                    insertResult.bind([.integer(run), .text(result.plate), .integer(registered ? 1 : 0), .text(township),
                                       .text(result.usage?.rawValue), .text(result.flagCodes.joined(separator: ",")),
                                       .integer(result.onTownshipList ? 1 : 0)], arena: arena)
                    let rc = insertResult.step()
                    insertResult.reset()
                    guard rc == 101 else { throw DatabaseError(message: insertResult.errorMessage(db)) }
                }
            }
            try items.finish(db)
            for (i, u) in UsageClass.allCases.enumerated() where usageCounts[i] > 0 { summary.usage[u.rawValue] = usageCounts[i] }
            for (i, f) in Screener.flagOrder.enumerated() where flagCounts[i] > 0 { summary.flags[f] = flagCounts[i] }
            for (t, name) in townships.enumerated() {
                for (i, f) in Screener.flagOrder.enumerated() where townshipCounts[t][i] > 0 { summary.byTownship[name, default: [:]][f] = townshipCounts[t][i] }
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
    private let db: Database
    private let insert: RawStatement
    private var next: Int

    init(db: Database, run: Int64) throws {
        self.run = run
        insert = try RawStatement(db, """
            INSERT INTO screening_items (item_id, plate, township, first_run, last_run) VALUES (?, ?, ?, ?, ?)
            ON CONFLICT (plate, township) DO NOTHING
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

    /// Gives a listed vehicle an item if it has none for its township.
    func touch(plate: String, township: String) throws {
        insert.bind([.text(ListItems.id(next)), .text(plate), .text(township), .integer(run), .integer(run)])
        let rc = insert.step()
        insert.reset()
        guard rc == 101 else { throw DatabaseError(message: "screening_items: \(rc)") }
        if db.changesCount > 0 { next += 1 }
    }

    /// Marks every item listed in this run (one statement, after the run's results are in).
    func finish(_ db: Database) throws {
        try db.execute(sql: """
            UPDATE screening_items SET last_run = ?
            WHERE (plate, township) IN (SELECT plate, township FROM screening_results WHERE run_id = ? AND on_list = 1)
            """, arguments: [run, run])
    }
}
