import Foundation
import FleetCore
import GRDB

extension FleetStore {
    /// Screens every vehicle as of a date with FleetCore's `Screener` and records the run: its
    /// figures, the changed results of the flagged vehicles, the township list items, and what
    /// changed since the previous run.
    ///
    /// A run builds on the previous one when it may (`ScreeningIncremental`): only the plates
    /// whose facts changed since, or whose result could change by the new date, are screened
    /// again. Otherwise — or with `full` — every plate is screened, on `threads` threads (nil:
    /// one per core, for a store of 20,000 vehicles or more). Either way the run's whole result
    /// is the same (a test checks it).
    /// `progress` is called every 100,000 plates with the count so far.
    public func runScreening(asOf: CivilDate, screener: Screener, operatorName: String, full: Bool = false,
                             threads: Int? = nil, progress: ((Int) -> Void)? = nil) throws -> ScreeningRunSummary {
        let clock = PhaseClock()
        defer { clock.lap("commit") }
        // A run that screens every plate reads the packed facts, brought up to date first and
        // committed for the pass's threads to read (`VehicleFactsCache`). Whether a run will is
        // known inside its transaction: one that finds them stale gives up at once, before any
        // work, and is made again once they are packed. A run that builds on the previous one
        // does not read them, and keeps its time (packing ~1,000 changed plates: ~0.05 s).
        var packedChecked = false
        while true {
            do {
                return try runScreening(asOf: asOf, screener: screener, operatorName: operatorName, full: full, threads: threads,
                                        progress: progress, packedChecked: packedChecked, clock: clock)
            } catch is PackedFactsStale where !packedChecked {
                try VehicleFactsCache.refresh(self)
                clock.lap("packed facts (committed)")
                packedChecked = true
            }
        }
    }

    private struct PackedFactsStale: Error {}

    private func runScreening(asOf: CivilDate, screener: Screener, operatorName: String, full: Bool, threads: Int?,
                              progress: ((Int) -> Void)?, packedChecked: Bool, clock: PhaseClock) throws -> ScreeningRunSummary {
        let started = CivilDateTime(unixTime: Date().timeIntervalSince1970)
        let file = StoredState(storePath: path)
        var pending: StoredState.Pending?          // the new state, written, put in place once committed
        defer { pending?.discard() }
        let summary = try write { db in
            let maxBatch = try Int64.fetchOne(db, sql: "SELECT MAX(id) FROM import_batches") ?? 0
            let previous = try Row.fetchOne(db, sql: "SELECT id, as_of, max_batch, fingerprint, state_checksum, summary_json FROM screening_runs ORDER BY id DESC LIMIT 1")
            try db.execute(sql: """
                INSERT INTO screening_runs (as_of, policy_version, policy_hash, operator, started_at, finished_at, vehicles, summary_json,
                                            max_batch, fingerprint)
                VALUES (?, ?, ?, ?, ?, '', 0, '{}', ?, ?)
                """, arguments: [asOf.description, screener.policy.version, screener.policy.hash, operatorName, started.description,
                                 maxBatch, screener.fingerprint])
            let run = db.lastInsertedRowID
            var summary = ScreeningRunSummary(run: run, asOf: asOf.description, policyVersion: screener.policy.version,
                                              policyHash: screener.policy.hash, vehicles: 0, usage: [:], flags: [:],
                                              byTownship: [:], listed: 0)
            let previousState: Int64? = previous?[4]       // the check sum of the state it left
            // The previous run's whole result, when it left one: read first when the run may
            // build on it, else during the full pass (below).
            let mayBuildOn = !full && previous.map { $0[3] as String? == screener.fingerprint } == true
            var stored = mayBuildOn ? previousState.flatMap { file.load(checksum: $0) } : nil
            clock.lap("previous state")
            var new: ScreeningState             // for the figures and comparison: the whole new state, or an incremental run's new results
            var whole: () -> ScreeningState     // the whole new state, built when needed
            var previousFigures: ScreeningRunSummary?
            var sameState = false
            var delta: ScreeningState?          // the changes since the stored base, for an incremental run
            var rescreened: ScreeningState?     // an incremental run's new results
            var previousOfRescreened: ScreeningState?   // and the previous results of their plates
            if mayBuildOn, let previous, let loaded = stored,
               let sinceBatch = previous[2] as Int64?, let previousAsOf = CivilDate(parsing: previous[1] as String),
               let plates = try ScreeningIncremental.platesToRedo(db, sinceBatch: sinceBatch, previous: loaded,
                                                                   previousAsOf: previousAsOf, asOf: asOf) {
                clock.lap("plates to redo")
                let changed = try ScreeningIncremental.rescreen(db, plates: plates, screener: screener, asOf: asOf)
                rescreened = changed
                clock.lap("rescreen")
                sameState = changed.count == 0
                // No state of every plate is built: the changes since the base (the delta, with
                // this run's merged in) are the new state on the base, built whole only when
                // they are folded into a new base (`StoredState.write`); the previous results of
                // the rescreened plates are looked up under them; the figures are the previous
                // run's, adjusted (`ScreeningCommit.record`). Building the previous and the new
                // state and walking one took 0.08 s of a 0.15 s run at 1M vehicles; decoding the
                // base, 0.02 s more (`MappedState`).
                let changes = loaded.delta.merging(changed, keepRemoved: true)
                whole = { loaded.baseState.merging(changes) }
                delta = changes
                previousOfRescreened = loaded.entries(ofPlatesIn: changed)
                previousFigures = (previous[5] as String?).flatMap { try? JSONDecoder().decode(ScreeningRunSummary.self, from: Data($0.utf8)) }
                new = previousFigures == nil ? whole() : changed
                clock.lap("merge")
                summary.mode = "incremental"
                summary.screened = plates.count
            } else {
                if !packedChecked, try VehicleFactsCache.current(db) == nil { throw PackedFactsStale() }
                let vehicles = try Int.fetchOne(db, sql: "SELECT MAX(id) FROM vehicles") ?? 0
                let n = threads ?? (vehicles >= ScreeningScan.parallelFrom ? min(4, ProcessInfo.processInfo.activeProcessorCount) : 1)
                let counter = ProgressCounter(report: progress)
                // The previous state (to compare with) is read while this thread waits for the
                // others; after the pass, not before, so that it is not in memory all along.
                let state = try ScreeningScan.run(store: self, db: db, screener: screener, asOf: asOf, threads: n, counter: counter,
                                                  clock: clock) {
                    if stored == nil { stored = previousState.flatMap { file.load(checksum: $0) } }
                }
                new = state
                whole = { state }
                clock.lap("full pass")
                summary.mode = "full"
                summary.screened = counter.total
            }
            var old = previousOfRescreened ?? stored?.state
            if old == nil, previous != nil { old = try ScreeningState.fromOutcomes(db) }
            let base = stored.map { (checksum: $0.base, count: $0.baseCount) }
            stored = nil
            // The state this run leaves: the previous one as it was, or a new one, written on a
            // thread of its own while the results go into the database (0.06–0.09 s each at 1M
            // vehicles, one after the other before).
            let keepsState = sameState && previousState != nil
            let stateWriter = keepsState ? nil : ScanWorker { [whole, delta] in try file.write(whole(), changesSinceBase: delta, base: base) }
            do {
                try ScreeningCommit.record(db, run: run, old: old, new: new,
                                           previous: previous.map { ($0[0] as Int64, $0[1] as String) },
                                           candidates: rescreened, previousFigures: previousFigures, summary: &summary)
            } catch {
                (try? stateWriter?.wait())?.discard()
                throw error
            }
            clock.lap("results written")
            let stateChecksum: Int64
            if let stateWriter {
                let written = try stateWriter.wait()
                pending = written
                stateChecksum = written.checksum
            } else {
                stateChecksum = previousState!
            }
            clock.lap("state written")
            let json = String(decoding: try JSONEncoder().encode(summary), as: UTF8.self)
            try db.execute(sql: """
                UPDATE screening_runs SET finished_at = ?, vehicles = ?, summary_json = ?, mode = ?, screened = ?, state_checksum = ?
                WHERE id = ?
                """, arguments: [CivilDateTime(unixTime: Date().timeIntervalSince1970).description, summary.vehicles, json,
                                 summary.mode, summary.screened, stateChecksum, run])
            return summary
        }
        // Committed: the new state goes in place.
        pending?.publish()
        pending = nil
        return summary
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
