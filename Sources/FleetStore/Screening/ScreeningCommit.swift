import FleetCore
import GRDB

/// Records a run from its whole result (`ScreeningState`) and the previous run's: the
/// figures, what changed since (by vehicle and flag, per township), the results that changed
/// (`screening_outcomes`: the interval of the old result is closed, a new one opened) and the
/// township list items. One pass over both states in plate order; only changed results touch
/// the database.
enum ScreeningCommit {
    /// `candidates`: for an incremental run, its new results (`new` holds at least these
    /// plates; `old`, at least their previous results). Only their plates are then compared —
    /// each looked up in both states — instead of walking both states side by side (1M
    /// plates: 0.02 s of a 0.19 s run), every other plate's flags counting as still open.
    /// `previousFigures`: with `candidates`, the previous run's summary. The figures are then
    /// its figures with the candidates' previous results taken out and their new ones put in
    /// (`adjust`), and `new` and `old` need hold only the candidates' plates: no state of
    /// every plate is walked or even built.
    static func record(_ db: Database, run: Int64, old: ScreeningState?, new: ScreeningState,
                       previous: (id: Int64, asOf: String)?, candidates: ScreeningState? = nil,
                       previousFigures: ScreeningRunSummary? = nil, summary: inout ScreeningRunSummary) throws {
        // The flags of each township (by name), as the figures count them.
        let flagsByTownship: [String: Int]
        if candidates != nil, let previousFigures {
            summary.vehicles = previousFigures.vehicles; summary.listed = previousFigures.listed
            summary.usage = previousFigures.usage; summary.flags = previousFigures.flags
            summary.byTownship = previousFigures.byTownship
            adjust(&summary, by: old ?? ScreeningState(), sign: -1)
            adjust(&summary, by: candidates!, sign: 1)
            flagsByTownship = summary.byTownship.mapValues { $0.values.reduce(0, +) }
        } else {
            let counts = figures(new, into: &summary)
            flagsByTownship = Dictionary(zip(new.townships, counts), uniquingKeysWith: +)
        }
        // Change counts by township: newly flagged and still open under the new state's
        // townships, resolved under the old state's (the township the vehicle had then).
        var byNew = [ScreeningChanges.Counts](repeating: .init(), count: new.townships.count)
        var byOld = [ScreeningChanges.Counts](repeating: .init(), count: (old?.townships.count ?? 0))
        let close = try RawStatement(db, "UPDATE screening_outcomes SET to_run = ?1 WHERE plate = ?2 AND to_run = \(Schema.openRun)")
        let open = try RawStatement(db, """
            INSERT INTO screening_outcomes (plate, from_run, to_run, registered, township, usage, flags, on_list)
            VALUES (?, ?, \(Schema.openRun), ?, ?, ?, ?, ?)
            """)
        let items = try ListItems(db: db, run: run)
        let arena = BindArena()
        let old = old ?? ScreeningState()
        // Each old township's index in the new state (`.max`: none).
        let oldToNew = old.townships.map { new.townshipIndex(of: $0) ?? .max }
        /// Compares the rows of one plate (either may be missing) and writes what changed.
        func compare(_ i: Int?, _ j: Int?) throws {
            let a = i.flatMap { old.hasRow($0) ? $0 : nil }, b = j.flatMap { new.hasRow($0) ? $0 : nil }
            if a == nil && b == nil { return }
            if let a, let b, old.flags[a] == new.flags[b], old.bits[a] == new.bits[b], old.usage[a] == new.usage[b],
               oldToNew[Int(old.township[a])] == new.township[b] {
                byNew[Int(new.township[b])].stillOpen += new.flags[b].nonzeroBitCount   // unchanged: the usual case
                return
            }
            let oldFlags = a.map { old.flags[$0] } ?? 0, newFlags = b.map { new.flags[$0] } ?? 0
            if let b {
                let t = Int(new.township[b])
                byNew[t].stillOpen += (oldFlags & newFlags).nonzeroBitCount
                byNew[t].newlyFlagged += (newFlags & ~oldFlags).nonzeroBitCount
            }
            if let a { byOld[Int(old.township[a])].resolved += (oldFlags & ~newFlags).nonzeroBitCount }
            let oldTownship = a.map(old.townshipName), newTownship = b.map(new.townshipName)
            let oldListed = a.map { old.has($0, ScreeningState.onList) } ?? false
            let newListed = b.map { new.has($0, ScreeningState.onList) } ?? false
            if let a, let b, oldFlags == newFlags, oldTownship == newTownship, old.usage[a] == new.usage[b],
               old.bits[a] == new.bits[b] { return }
            let plate = a.map(old.plateString) ?? new.plateString(b!)
            if a != nil {
                close.bind([.integer(run), .text(plate)], arena: arena)
                try step(close, db)
                if oldListed && !(newListed && newTownship == oldTownship) { try items.leave(plate: plate, township: oldTownship!) }
            }
            if let b {
                open.bind([.text(plate), .integer(run), .integer(new.has(b, ScreeningState.registered) ? 1 : 0), .text(newTownship!),
                           .text(new.usageClass(b)?.rawValue), .text(new.flagCodes(b).joined(separator: ",")),
                           .integer(newListed ? 1 : 0)], arena: arena)
                try step(open, db)
                if newListed && !(oldListed && newTownship == oldTownship) { try items.touch(plate: plate, township: newTownship!) }
            }
        }

        // Flags still open on plates whose result did not change, by township.
        var unchangedOpen: [String: Int] = [:]
        if let candidates {
            // The flags of the candidates' rows in the new state, by township: the rest of each
            // township's flags belong to plates whose result did not change.
            var candidateFlags: [String: Int] = [:]
            for c in 0..<candidates.count {
                let i = old.index(ofPlate: c, in: candidates), j = new.index(ofPlate: c, in: candidates)
                if let j, new.hasRow(j) { candidateFlags[new.townshipName(j), default: 0] += new.flags[j].nonzeroBitCount }
                try compare(i, j)
            }
            for (name, n) in flagsByTownship { unchangedOpen[name] = n - candidateFlags[name, default: 0] }
        } else {
            var i = 0, j = 0
            while i < old.count || j < new.count {
                let o = j == new.count ? -1 : i == old.count ? 1 : old.order(i, new, j)
                if o < 0 {
                    try compare(i, nil); i += 1
                } else if o > 0 {
                    try compare(nil, j); j += 1
                } else {
                    try compare(i, j); i += 1; j += 1
                }
            }
        }
        if let previous {
            var changes = ScreeningChanges(previousRun: previous.id, previousAsOf: previous.asOf)
            func add(_ c: ScreeningChanges.Counts, _ township: String) {
                guard c.newlyFlagged + c.resolved + c.stillOpen > 0 else { return }
                for target in [nil, township] as [String?] {
                    var t = target.map { changes.byTownship[$0, default: .init()] } ?? changes.total
                    t.newlyFlagged += c.newlyFlagged; t.resolved += c.resolved; t.stillOpen += c.stillOpen
                    if let target { changes.byTownship[target] = t } else { changes.total = t }
                }
            }
            for (t, c) in byNew.enumerated() { add(c, new.townships[t]) }
            for (t, c) in byOld.enumerated() { add(c, old.townships[t]) }
            for (name, n) in unchangedOpen { add(ScreeningChanges.Counts(newlyFlagged: 0, resolved: 0, stillOpen: n), name) }
            summary.changes = changes
        }
    }

    private static func step(_ statement: RawStatement, _ db: Database) throws {
        let rc = statement.step()
        statement.reset()
        guard rc == 101 else { throw DatabaseError(message: statement.errorMessage(db)) }
    }

    /// Adds the figures of the entries of `s` (those not marked removed) to `summary`'s, or
    /// takes them out (`sign` -1); counts that come to 0 leave, as `figures` leaves them out.
    static func adjust(_ summary: inout ScreeningRunSummary, by s: ScreeningState, sign: Int) {
        func add(_ d: inout [String: Int], _ key: String) {
            let n = d[key, default: 0] + sign
            d[key] = n == 0 ? nil : n
        }
        for i in 0..<s.count where !s.has(i, ScreeningState.removed) {
            if s.has(i, ScreeningState.inScope) {
                summary.vehicles += sign
                if let u = s.usageClass(i) { add(&summary.usage, u.rawValue) }
                if s.has(i, ScreeningState.onList) { summary.listed += sign }
            }
            guard s.hasRow(i) else { continue }
            let registered = s.has(i, ScreeningState.registered), name = s.townshipName(i)
            var byFlag = summary.byTownship[name] ?? [:]
            for code in s.flagCodes(i) {
                if registered { add(&summary.flags, code) }
                add(&byFlag, code)
            }
            summary.byTownship[name] = byFlag.isEmpty ? nil : byFlag
        }
    }

    /// The run's figures: vehicles in scope, usage classes, flags (registered vehicles), flags
    /// per township (unregistered plates under 未登记), vehicles on the lists.
    /// Returns the number of flags of each of the state's townships (`byTownship`'s sums).
    @discardableResult
    static func figures(_ s: ScreeningState, into summary: inout ScreeningRunSummary) -> [Int] {
        // Flat counters, the flags' bits taken lowest first: with an array per township and a
        // loop over every bit, this walk was 0.02 s of a 0.15 s incremental run at 1M plates.
        let nf = Screener.flagOrder.count
        var usage = [Int](repeating: 0, count: UsageClass.allCases.count + 1)
        var flags = [Int](repeating: 0, count: nf)
        var byTownship = [Int](repeating: 0, count: s.townships.count * nf)
        var vehicles = 0, listed = 0
        let inScope = ScreeningState.inScope, onList = ScreeningState.onList, registeredBit = ScreeningState.registered
        for i in 0..<s.count {
            let b = s.bits[i]
            if b & inScope != 0 {
                vehicles += 1
                usage[Int(s.usage[i])] += 1
                if b & onList != 0 { listed += 1 }
            }
            var m = s.flags[i]
            // `hasRow`: flagged, and in scope or not registered here.
            guard m != 0, b & inScope != 0 || b & registeredBit == 0 else { continue }
            let registered = b & registeredBit != 0, row = Int(s.township[i]) * nf
            while m != 0 {
                let bit = m.trailingZeroBitCount
                if registered { flags[bit] += 1 }
                byTownship[row + bit] += 1
                m &= m - 1
            }
        }
        summary.vehicles = vehicles
        summary.listed = listed
        summary.usage = [:]; summary.flags = [:]; summary.byTownship = [:]
        for (k, u) in UsageClass.allCases.enumerated() where usage[k + 1] > 0 { summary.usage[u.rawValue] = usage[k + 1] }
        for (k, f) in Screener.flagOrder.enumerated() where flags[k] > 0 { summary.flags[f] = flags[k] }
        for (t, name) in s.townships.enumerated() {
            for (k, f) in Screener.flagOrder.enumerated() where byTownship[t * nf + k] > 0 {
                summary.byTownship[name, default: [:]][f] = byTownship[t * nf + k]
            }
        }
        return s.townships.indices.map { t in byTownship[(t * nf)..<((t + 1) * nf)].reduce(0, +) }
    }
}

extension ScreeningState {
    /// The latest results as the outcomes table holds them (the flagged plates only), for a
    /// store whose last run left no state (one made before incremental runs).
    static func fromOutcomes(_ db: Database) throws -> ScreeningState {
        var s = ScreeningState()
        let r = try RawStatement(db, """
            SELECT plate, registered, township, usage, flags, on_list FROM screening_outcomes
            WHERE to_run = \(Schema.openRun) ORDER BY plate
            """)
        while try r.next(db) {
            let registered = r.bool(1)
            let usage = r.text(3).flatMap(UsageClass.init(rawValue:))
            var bits: UInt8 = 0
            if registered { bits |= ScreeningState.registered | ScreeningState.inScope }
            if r.bool(5) { bits |= ScreeningState.onList }
            s.appendStored(plate: r.string(0), township: r.string(2), usage: usage, flags: mask(r.string(4).split(separator: ",")), bits: bits)
        }
        return s
    }
}
