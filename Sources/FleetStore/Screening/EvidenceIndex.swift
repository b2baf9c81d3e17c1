import Foundation
import FleetCore
import GRDB

/// Evidence held in memory by plate for a pass over every vehicle, read from the tables in
/// their storage order. Reading each table in plate order instead (a merge of sorted cursors)
/// walks the table in random order through the plate index: measured on 1M vehicles, 3.6 s
/// for the vehicles alone against 0.9 s in storage order.
///
/// Two parts, loaded at once on two threads: the transport certificates (the largest table),
/// and the rest. Values carry only what the rules read: numbers, names and locations that
/// only evidence messages show are left empty (`EvidenceQueries.…ForRules`).
final class EvidenceIndex: @unchecked Sendable {
    /// A part is filled by one thread, then only read (and `taken` written slot by slot, each
    /// slot by one thread): its properties opt out of Swift's run-time exclusivity checks,
    /// which were ~5 % of a pass's instructions (callgrind) for accesses that never overlap.
    final class Part: @unchecked Sendable {
        @exclusivity(unchecked) private(set) var slot = KeyTable()
        /// Plates are not kept as text: the few that no registered vehicle takes are read back
        /// from their keys (`forEachUntaken`); keeping every plate's bytes cost ~300
        /// instructions a plate (callgrind).
        var count: Int { slot.count }
        /// Each kind's lists by slot; a list exists up to the last slot with that kind (a part
        /// holds only some kinds: growing every kind's array for every new plate cost ~250
        /// instructions a plate).
        @exclusivity(unchecked) var approvals: [[MuckApproval]] = []
        @exclusivity(unchecked) var licenses: [[TransportLicense]] = []
        @exclusivity(unchecked) var sanitation: [[SanitationEntry]] = []
        @exclusivity(unchecked) var filings: [[EnterpriseFiling]] = []
        @exclusivity(unchecked) var inspections: [[InspectionRecord]] = []
        @exclusivity(unchecked) var findings: [[TownshipFinding]] = []
        /// Set when a registered vehicle took the plate's evidence (each slot by one thread only).
        @exclusivity(unchecked) var taken: UnsafeMutableBufferPointer<Bool> = .init(start: nil, count: 0)

        func index(_ r: RawStatement) -> Int {
            let key = r.plateKey(0)
            if let s = slot[key] { return Int(s) }
            let s = slot.count
            slot[key] = Int32(s)
            return s
        }

        /// Adds `value` to slot `s`'s list of one kind.
        @inline(__always) static func add<T>(_ value: T, at s: Int, to lists: inout [[T]]) {
            if lists.count <= s { lists.append(contentsOf: repeatElement([], count: s + 1 - lists.count)) }
            // A plate's first value as a one-element array: appending to the empty array went
            // through its growth path (~370 instructions a plate, callgrind).
            if lists[s].isEmpty { lists[s] = [value] } else { lists[s].append(value) }
        }

        /// Loads one kind: `add` puts a value in its plate's list (a closure rather than a key
        /// path, whose projection cost ~200 instructions a row, callgrind).
        func load<T>(_ db: Database, _ sql: String, _ add: (Part, Int, T) -> Void, _ decode: (RawStatement) -> T?) throws {
            let r = try RawStatement(db, sql)
            while try r.next(db) {
                guard let v = decode(r) else { continue }
                add(self, index(r), v)
            }
        }

        /// Gives the facts this part's evidence (each kind lives in one part only, so the
        /// arrays are shared, not copied).
        func fill(_ facts: inout VehicleFacts, slot s: Int) {
            if s < approvals.count, !approvals[s].isEmpty { facts.muckApprovals = approvals[s] }
            if s < licenses.count, !licenses[s].isEmpty { facts.transportLicenses = licenses[s] }
            if s < sanitation.count, !sanitation[s].isEmpty { facts.sanitation = sanitation[s] }
            if s < filings.count, !filings[s].isEmpty { facts.filings = filings[s] }
            if s < inspections.count, !inspections[s].isEmpty { facts.inspections = inspections[s] }
            if s < findings.count, !findings[s].isEmpty { facts.findings = findings[s] }
        }

        /// Room for `n` plates (no rehashing while loading).
        func reserve(_ n: Int) { slot = KeyTable(capacity: n) }

        func sealed() -> Part {
            taken = .allocate(capacity: count)
            taken.initialize(repeating: false)
            return self
        }
        deinit { taken.deallocate() }
    }

    /// A `var` only for `releaseInBackground`; read-only while the threads screen.
    @exclusivity(unchecked) private(set) var parts: [Part]
    /// The plates sharing a VIN with another plate, by VIN (`EvidenceQueries.sharedVINs`).
    let sharedVINs: [String: [SameVINPlate]]

    /// Loads every kind of evidence and the shared VINs, on two threads (the one calling and
    /// one more).
    init(store: FleetStore, db: Database) throws {
        let licenses = ScanWorker<(Part, [String: [SameVINPlate]])> {
            try ScanWorker<(Part, [String: [SameVINPlate]])>.reading(store) { db in
                let p = Part()
                p.reserve(try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM transport_licenses") ?? 0)
                try p.load(db, EvidenceQueries.transportLicensesForRules, { Part.add($2, at: $1, to: &$0.licenses) },
                           EvidenceQueries.transportLicenseForRules)
                return (p.sealed(), try EvidenceQueries.sharedVINs(db))
            }
        }
        let rest = Part()
        // Room for half the rows as plates: these kinds repeat plates (1M vehicles: 555,000
        // rows, 341,000 plates). Sized by rows, the table took 80 MB instead of 40 and its
        // pages' first touch and the walk for untaken plates took longer; more plates than that
        // only make it grow once.
        rest.reserve((try Int.fetchOne(db, sql: """
            SELECT (SELECT COUNT(*) FROM inspections) + (SELECT COUNT(*) FROM muck_approvals) + (SELECT COUNT(*) FROM sanitation_fleet)
                 + (SELECT COUNT(*) FROM enterprise_fleet) + (SELECT COUNT(*) FROM findings)
            """) ?? 0) / 2)
        let decoder = FactDecoder()
        try rest.load(db, EvidenceQueries.inspectionsForRules, { Part.add($2, at: $1, to: &$0.inspections) }) { EvidenceQueries.inspectionForRules($0, decoder) }
        try rest.load(db, EvidenceQueries.muckApprovalsForRules, { Part.add($2, at: $1, to: &$0.approvals) }, EvidenceQueries.muckApprovalForRules)
        try rest.load(db, EvidenceQueries.sanitationForRules, { Part.add($2, at: $1, to: &$0.sanitation) }, EvidenceQueries.sanitationEntryForRules)
        try rest.load(db, EvidenceQueries.filings, { Part.add($2, at: $1, to: &$0.filings) }, EvidenceQueries.filing)
        try rest.load(db, EvidenceQueries.findings, { Part.add($2, at: $1, to: &$0.findings) }) { EvidenceQueries.finding($0, decoder) }
        let (first, shared) = try licenses.wait()
        parts = [first, rest.sealed()]
        sharedVINs = shared
    }

    /// Frees the evidence on a thread of its own, once the pass is done with it: the millions
    /// of small arrays took 0.11–0.14 s to free at 1M vehicles, while the rest of the run
    /// (comparing, writing) kept one core only.
    func releaseInBackground() {
        final class Doomed: @unchecked Sendable {
            var parts: [Part]?
            init(_ parts: [Part]) { self.parts = parts }
        }
        let doomed = Doomed(parts)
        parts = []
        Thread { doomed.parts = nil }.start()
    }

    /// Puts a registered plate's evidence into its facts and marks it taken.
    func fill(_ facts: inout VehicleFacts) {
        let key = PlateKey(facts.plate)
        for p in parts {
            if let s = p.slot[key] {
                p.fill(&facts, slot: Int(s))
                p.taken[Int(s)] = true
            }
        }
    }

    /// The plates with evidence that no registered vehicle took, with their evidence, in no
    /// particular order.
    func forEachUntaken(_ body: (VehicleFacts) throws -> Void) throws {
        for (k, p) in parts.enumerated() {
            try p.slot.forEach { key, s in
                guard !p.taken[Int(s)] else { return }
                var facts = VehicleFacts(plate: key.text)
                p.fill(&facts, slot: Int(s))
                for q in parts[(k + 1)...] {
                    if let t = q.slot[key] {
                        q.fill(&facts, slot: Int(t))
                        q.taken[Int(t)] = true
                    }
                }
                try body(facts)
            }
        }
    }
}
