import Foundation
import FleetCore
import GRDB

/// One township list item as the weekly report counts it: where it is, when it was first listed,
/// whether it is on the given run's lists, and its finding (if one was returned by the date).
public struct ListItemFollowUp: Sendable, Hashable {
    public var itemID: String
    public var township: String
    /// The as-of date of the run that first put the vehicle on its township's list.
    public var firstListedOn: CivilDate
    /// On the lists of the run asked about (`screening_results.on_list`).
    public var onRunList: Bool
    /// The finding's 核查日期, when a finding was returned and dated by the as-of date.
    public var investigatedOn: CivilDate?
}

/// Inspections of one kind and result counted over some days.
public struct InspectionCount: Sendable, Hashable {
    public var kind: String
    public var result: String
    public var count: Int
}

extension FleetStore {
    /// The decision-log entries of a kind (`permit_issue`) whose decision was made as of a day
    /// from `from` to `to` (both included), oldest first. The day is the entry's `as_of` — the
    /// day the desk decided for — not the moment it was written down (`at`).
    ///
    /// SQLite's `json_extract` narrows the rows (a year of desk work is many entries; only the
    /// week's are decoded); the decoded `as_of` is checked again.
    public func decisions(kind: String, asOfFrom from: CivilDate, to: CivilDate) throws -> [DecisionLogEntry] {
        try read { db in
            var out: [DecisionLogEntry] = []
            let cursor = try String.fetchCursor(db, sql: """
                SELECT entry_json FROM decision_log
                WHERE kind = ? AND json_extract(entry_json, '$.as_of') BETWEEN ? AND ? ORDER BY id
                """, arguments: [kind, from.description, to.description])
            let decoder = JSONDecoder()
            while let json = try cursor.next() {
                guard let e = try? decoder.decode(DecisionLogEntry.self, from: Data(json.utf8)),
                      let day = e.asOf.flatMap({ CivilDate(parsing: $0) }), day >= from, day <= to else { continue }
                out.append(e)
            }
            return out
        }
    }

    /// Every township list item created by a run up to `run` (by id), with its follow-up as of a
    /// date: whether `run` still lists it and the finding returned (核查日期 ≤ `asOf`), if any.
    public func listItemFollowUps(run: Int64, asOf: CivilDate) throws -> [ListItemFollowUp] {
        try read { db in
            try Row.fetchAll(db, sql: """
                SELECT i.item_id, i.township, fr.as_of,
                       EXISTS (SELECT 1 FROM screening_results r WHERE r.run_id = ? AND r.plate = i.plate
                               AND r.township = i.township AND r.on_list = 1),
                       (SELECT MAX(f.investigated_on) FROM findings f WHERE f.item_id = i.item_id AND f.investigated_on <= ?)
                FROM screening_items i JOIN screening_runs fr ON fr.id = i.first_run
                WHERE i.first_run <= ?
                ORDER BY i.item_id
                """, arguments: [run, asOf.description, run]).map { row in
                let first: String = row[2]
                let found: String? = row[4]
                guard let firstDay = CivilDate(parsing: first) else {
                    throw StoreCorruption(message: "screening run of item \(row[0] as String) has a bad date")
                }
                return ListItemFollowUp(itemID: row[0], township: row[1], firstListedOn: firstDay, onRunList: row[3],
                                        investigatedOn: found.flatMap { CivilDate(parsing: $0) })
            }
        }
    }

    /// Inspections checked on a day from `from` to `to` (both included), counted by kind and result.
    public func inspectionCounts(from: CivilDate, to: CivilDate) throws -> [InspectionCount] {
        try read { db in
            try Row.fetchAll(db, sql: """
                SELECT kind, result, COUNT(*) FROM inspections WHERE checked_on >= ? AND checked_on <= ?
                GROUP BY kind, result ORDER BY kind, result
                """, arguments: [from.description, to.description]).map { InspectionCount(kind: $0[0], result: $0[1], count: $0[2]) }
        }
    }

    /// The plates seen hauling spoil (result `hauling_muck`) on a day from `from` to `to`, in plate
    /// order — whether the sighting was approved is the rules' question, not this one's.
    public func platesSeenHauling(from: CivilDate, to: CivilDate) throws -> [String] {
        try read { db in
            try String.fetchAll(db, sql: """
                SELECT DISTINCT plate FROM inspections WHERE result = 'hauling_muck' AND checked_on >= ? AND checked_on <= ?
                ORDER BY plate
                """, arguments: [from.description, to.description])
        }
    }
}
