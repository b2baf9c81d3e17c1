import FleetCore
import GRDB

/// What a run may take over from the previous one, and the plates it must screen again.
///
/// A result can change only when the plate's facts change or when time passes one of the
/// dates its rules compare with. So, after a run R, a run as of the same day or a later one
/// screens again only:
/// - the plates in rows imported after R (every evidence table has its `batch_id` indexed; an
///   import replacing a row gives it the new batch; for vehicles, `vehicle_changes` lists the
///   plates each batch inserted or replaced, or NULL for a first load: every plate), with the
///   plates sharing a VIN with a changed vehicle (DUPLICATE_VIN looks across plates);
/// - the plates whose result R said holds only until a day up to the new as-of day
///   (`Screener.stableUntil`, kept per plate in `ScreeningState.until`).
/// It falls back to a full run when it cannot know: no stored state of R, another policy or
/// quota baseline (`Screener.fingerprint`), an earlier as-of day, an import of a kind that
/// changes many plates at once (townships, enterprises), an evidence import that replaced rows
/// (the plate a replaced row named before is in no row since), or more than a fifth of the
/// plates to redo (a full run is then as quick).
enum ScreeningIncremental {
    /// Tables whose rows each concern one plate (the vehicles through their change log), and
    /// the import kinds that fill them.
    static let plateTables = ["vehicle_changes", "muck_approvals", "transport_licenses", "sanitation_fleet",
                              "enterprise_fleet", "inspections", "findings"]
    static let plateKinds: Set<String> = ["vehicles", "vehicles-manual", "muck-approvals", "transport-licenses",
                                          "sanitation-fleet", "enterprise-fleet", "inspections", "findings"]
    /// Kinds no screening rule reads.
    static let unreadKinds: Set<String> = ["alerts", "alerts-manual", "gate-log", "quota-targets"]

    /// The plates in rows imported after batch `since` — the one answer to "what changed"
    /// for an incremental run and for the packed facts (`VehicleFactsCache`) — and the kinds
    /// imported; nil when that cannot tell (a kind that changes many plates at once, an
    /// evidence import that replaced rows, a first load of the vehicles) or more than `limit`
    /// plates changed.
    static func changedPlates(_ db: Database, since: Int64, limit: Int) throws -> (plates: Set<String>, kinds: Set<String>)? {
        var kinds = Set<String>()
        for batch in try Row.fetchAll(db, sql: "SELECT kind, updated FROM import_batches WHERE id > ?", arguments: [since]) {
            let kind: String = batch[0], updated: Int = batch[1]
            kinds.insert(kind)
            guard plateKinds.contains(kind) || unreadKinds.contains(kind) else { return nil }
            // An evidence import that replaced rows: a replaced row may have named another
            // plate, which is in no row imported since (a vehicle's key is its plate).
            if plateKinds.contains(kind), !kind.hasPrefix("vehicles"), updated > 0 { return nil }
        }
        var plates = Set<String>()
        for table in plateTables {
            let cursor = try String?.fetchCursor(db, sql: "SELECT plate FROM \(table) WHERE batch_id > ?", arguments: [since])
            while let row = try cursor.next() {
                guard let p = row else { return nil }     // a first load of the vehicles
                plates.insert(p)
                if plates.count > limit { return nil }
            }
        }
        return (plates, kinds)
    }

    /// The plates to screen again after run `previous`, or nil when the run must be full.
    /// `previous`: the previous run's state, merged whole only when its flags or days are read
    /// (after a vehicles import, or for a later day).
    static func platesToRedo(_ db: Database, sinceBatch: Int64, previous: StoredState.Loaded,
                             previousAsOf: CivilDate, asOf: CivilDate) throws -> Set<String>? {
        guard asOf >= previousAsOf else { return nil }
        let limit = max(1_000, previous.baseCount / 5)
        guard let changes = try changedPlates(db, since: sinceBatch, limit: limit) else { return nil }
        var plates = changes.plates
        let kinds = changes.kinds
        var whole: ScreeningState?
        func state() -> ScreeningState {
            if whole == nil { whole = previous.state }
            return whole!
        }
        if kinds.contains(where: { $0.hasPrefix("vehicles") }) {
            // The other plates on a changed vehicle's VIN, and those that shared a VIN before.
            plates.formUnion(try String.fetchAll(db, sql: """
                SELECT plate FROM vehicles WHERE vin IN
                    (SELECT v.vin FROM vehicle_changes c JOIN vehicles v ON v.plate = c.plate WHERE c.batch_id > ?)
                """, arguments: [sinceBatch]))
            let dup = FlagSet.duplicateVIN.rawValue
            let state = state()
            for i in 0..<state.count where state.flags[i] & dup != 0 { plates.insert(state.plateString(i)) }
        }
        if asOf > previousAsOf {
            let day = Int32(clamping: asOf.dayNumber)
            let state = state()
            for i in 0..<state.count where state.until[i] <= day {
                plates.insert(state.plateString(i))
                if plates.count > limit { return nil }
            }
        }
        return plates
    }

    /// The results of `plates`, in plate order, those that no longer belong in the state
    /// (`ScreeningState.keeps`) marked removed. Their facts are read as a full pass reads
    /// them, one query per table over the plates listed in a temporary table.
    static func rescreen(_ db: Database, plates: Set<String>, screener: Screener, asOf: CivilDate) throws -> ScreeningState {
        try PlateFilter.list(plates, db)
        var state = ScreeningState()
        var seen = Set<String>()
        try FactStream(db: db, filter: .redo).forEach { facts in
            seen.insert(facts.plate)
            let result = screener.outline(facts, asOf: asOf)
            let registered = facts.registration != nil
            let until = screener.stableUntil(facts, from: asOf)
            if ScreeningState.keeps(result, registered: registered, until: until) {
                state.append(result, registered: registered, until: until)
            } else {
                state.appendRemoved(plate: facts.plate)
            }
        }
        // Plates with nothing left (their rows replaced) leave the state too.
        for p in plates where !seen.contains(p) { state.appendRemoved(plate: p) }
        try db.execute(sql: "DELETE FROM temp.screening_redo")
        return state.sortedByPlate()
    }
}
