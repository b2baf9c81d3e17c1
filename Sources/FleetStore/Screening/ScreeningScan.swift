import Foundation
import FleetCore
import GRDB

/// A full pass: every plate screened by FleetCore's `Screener` (without evidence messages,
/// `detail: false`).
///
/// The vehicles are read in storage order, cut into row-id ranges screened at once on their
/// own threads (each through its own connection; all read the same committed data), then the
/// plates with evidence but no registration. The results are put in plate order at the end.
/// Each plate's facts come packed, with its evidence (`VehicleFactsCache`) when these are
/// current; otherwise the evidence is loaded into memory by plate first (`EvidenceIndex`) and
/// the vehicles are read from their table.
enum ScreeningScan {
    /// Below this many vehicles one thread does it all (a thread and a connection cost more
    /// than they save).
    static let parallelFrom = 20_000

    /// `whileWaiting` runs on the calling thread once its share is screened, while it waits
    /// for the others (0.06–0.24 s at 1M vehicles): the run reads the previous state then.
    static func run(store: FleetStore, db: Database, screener: Screener, asOf: CivilDate, threads: Int,
                    counter: ProgressCounter, clock: PhaseClock = PhaseClock(),
                    whileWaiting: () throws -> Void = {}) throws -> ScreeningState {
        // Plain reads rather than the store's memory map: a pass reads each page once, in
        // order, and mapped pages count in the process's memory (measured: 587 MB peak with
        // the map on 1M vehicles, against 425 MB without, and less time).
        try db.execute(sql: "PRAGMA mmap_size = 0")
        defer { try? db.execute(sql: "PRAGMA mmap_size = \(FleetStore.mmapSize)") }
        let packed = try VehicleFactsCache.current(db)
        let evidence = packed == nil ? try EvidenceIndex(store: store, db: db) : nil
        let shared = SharedVINTable(packed?.sharedVINs ?? evidence!.sharedVINs)
        clock.lap("evidence loaded")
        let maxID = try Int64.fetchOne(db, sql: "SELECT MAX(id) FROM vehicles") ?? 0
        let n = max(1, threads)
        let ranges = RangeQueue(maxID: maxID, threads: n)
        func pass(_ db: Database) throws -> ScreeningState {
            try screenVehicles(db, ranges: ranges, evidence: evidence, shared: shared, screener: screener,
                               asOf: asOf, counter: counter, packed: packed?.texts)
        }
        let workers = (1..<n).map { _ in
            ScanWorker<ScreeningState> { try ScanWorker<ScreeningState>.reading(store) { try pass($0).sortedByPlate() } }
        }
        // Each thread's plates are put in plate order on that thread, then the parts are merged.
        var state = try pass(db).sortedByPlate()
        clock.lap("vehicles (thread 1)")
        try whileWaiting()
        for w in workers { state = state.merging(try w.wait()) }
        clock.lap("vehicles (others)")
        // Plates with evidence and no registration (only the evidence flags can hold).
        var unregistered = ScreeningState()
        func screen(_ facts: VehicleFacts) {
            let result = screener.outline(facts, asOf: asOf)
            counter.add(1)
            let until = screener.stableUntil(facts, from: asOf)
            if ScreeningState.keeps(result, registered: false, until: until) { unregistered.append(result, registered: false, until: until) }
        }
        if let evidence {
            try evidence.forEachUntaken(screen)
            evidence.releaseInBackground()
        } else {
            let r = try RawStatement(db, "SELECT plate, facts FROM unregistered_facts")
            while try r.next(db) {
                var facts = VehicleFacts(plate: r.string(0))
                guard let blob = r.blobBytes(1), PackedEvidence.unpack(blob, texts: packed!.texts, into: &facts) else {
                    throw StoreCorruption(message: "packed evidence in unregistered_facts that does not unpack")
                }
                screen(facts)
            }
        }
        clock.lap("unregistered")
        defer { clock.lap("joined") }
        return state.merging(unregistered.sortedByPlate())
    }

    /// Screens the vehicles of the row-id ranges this thread takes from `ranges`: from their
    /// packed facts and evidence when these are current (`packed`: the texts they refer to),
    /// else from the vehicles table and `evidence`.
    static func screenVehicles(_ db: Database, ranges: RangeQueue, evidence: EvidenceIndex?, shared: SharedVINTable,
                               screener: Screener, asOf: CivilDate, counter: ProgressCounter,
                               packed: TextList.Decoded?) throws -> ScreeningState {
        var state = ScreeningState()
        state.reserve(ranges.expectedShare)
        let r = try RawStatement(db, packed == nil ? EvidenceQueries.vehiclesByIDForRules
                                                   : "SELECT facts FROM vehicle_facts WHERE id >= ?1 AND id < ?2")
        let decoder = FactDecoder()
        var n = 0
        var facts = VehicleFacts(plate: "")
        while let ids = ranges.take() {
            r.reset()
            r.bind(.integer(ids.lowerBound), at: 1)
            r.bind(.integer(ids.upperBound), at: 2)
            while try r.next(db) {
                if let packed {
                    guard let blob = r.blobBytes(0), let vin = PackedFacts.unpack(blob, texts: packed, into: &facts) else {
                        throw StoreCorruption(message: "packed facts in vehicle_facts that do not unpack")
                    }
                    if let same = shared.plates(vin: vin) { facts.sameVIN = same }
                } else {
                    try EvidenceQueries.setVehicleFacts(&facts, r, decoder)
                    if let same = shared.plates(r, column: 2) { facts.sameVIN = same }
                    evidence!.fill(&facts)
                }
                let result = screener.outline(facts, asOf: asOf)
                state.append(result, registered: true, until: screener.stableUntil(facts, from: asOf))
                n += 1
                if n == 10_000 { counter.add(n); n = 0 }
            }
        }
        counter.add(n)
        return state
    }
}

/// The row-id ranges of a pass, handed to its threads one at a time: a thread that starts
/// later or runs slower takes fewer. With one fixed range per thread, one thread waited for
/// the other up to 0.5 s of a 1M-vehicle run; with 16 ranges a thread, up to 0.24 s (a range
/// is ~0.15 s of screening); with 64, a range is ~0.04 s.
final class RangeQueue: @unchecked Sendable {
    /// Ranges per thread (when there are two or more).
    static let perThread = 64
    private let lock = NSLock()
    private let cuts: [Int64]
    private var next = 0
    /// About how many rows one thread screens (for reserving room).
    let expectedShare: Int

    /// Row ids 1...`maxID` in `perThread` ranges per thread (one range for one thread).
    init(maxID: Int64, threads: Int) {
        let t = max(1, threads)
        let p = Int64(t == 1 ? 1 : t * Self.perThread)
        cuts = (0...p).map { k in k == p ? maxID + 1 : 1 + (maxID * k) / p }
        expectedShare = Int(maxID) / t
    }

    /// The next range, nil when all are taken.
    func take() -> Range<Int64>? {
        lock.lock()
        defer { lock.unlock() }
        guard next + 1 < cuts.count else { return nil }
        next += 1
        return cuts[next - 1]..<cuts[next]
    }
}

/// Work on a thread of its own, waited for.
final class ScanWorker<T>: @unchecked Sendable {
    private let done = NSCondition()
    private var result: Result<T, Error>?

    init(_ body: @escaping () throws -> T) {
        let thread = Thread { [self] in
            let r = Result { try body() }
            done.lock(); result = r; done.broadcast(); done.unlock()
        }
        thread.stackSize = 1 << 22
        thread.start()
    }

    func wait() throws -> T {
        done.lock()
        while result == nil { done.wait() }
        let r = result!
        done.unlock()
        return try r.get()
    }

    /// Runs `body` in a read transaction of a read-only connection of its own to the store.
    static func reading(_ store: FleetStore, _ body: (Database) throws -> T) throws -> T {
        var config = Configuration()
        config.readonly = true
        return try DatabaseQueue(path: store.path, configuration: config).read(body)
    }
}

/// Plates screened so far, across threads; reports every 100,000.
final class ProgressCounter: @unchecked Sendable {
    private let lock = NSLock()
    private(set) var total = 0
    private var reported = 0
    private let report: ((Int) -> Void)?

    init(report: ((Int) -> Void)?) { self.report = report }

    func add(_ n: Int) {
        lock.lock()
        total += n
        let now = total / 100_000 * 100_000
        let due = now > reported
        if due { reported = now }
        lock.unlock()
        if due { report?(now) }
    }
}
