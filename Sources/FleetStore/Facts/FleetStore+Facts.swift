import FleetCore
import GRDB

extension FleetStore: FactStore {
    /// Everything known about one plate, for the permit desk and `vehicle show`.
    public func facts(plate raw: String) throws -> VehicleFacts {
        try read { db in try Self.facts(db, plate: raw) }
    }

    /// The facts about one plate, inside a caller's read or transaction.
    static func facts(_ db: Database, plate raw: String) throws -> VehicleFacts {
        let plate = Plate.normalize(raw)
        do {
            var facts = VehicleFacts(plate: plate)
            let v = try RawStatement(cached: db, EvidenceQueries.select(EvidenceQueries.vehicles, plate: true))
            defer { v.reset() }
            v.bind(.text(plate), at: 1)
            if try v.next(db) {
                let (reg, source) = try EvidenceQueries.registration(v)
                facts.registration = reg
                facts.registrationSource = source
                facts.sameVIN = try EvidenceQueries.sharedVINs(db, vin: reg.vin.text)
            }
            func all<T>(_ sql: String, _ decode: (RawStatement) -> T?) throws -> [T] {
                let st = try RawStatement(cached: db, EvidenceQueries.select(sql, plate: true))
                defer { st.reset() }
                st.bind(.text(plate), at: 1)
                var out: [T] = []
                while try st.next(db) { if let v = decode(st) { out.append(v) } }
                return out
            }
            facts.muckApprovals = try all(EvidenceQueries.muckApprovals, EvidenceQueries.muckApproval)
            facts.transportLicenses = try all(EvidenceQueries.transportLicenses, EvidenceQueries.transportLicense)
            facts.sanitation = try all(EvidenceQueries.sanitation, EvidenceQueries.sanitationEntry)
            facts.filings = try all(EvidenceQueries.filings, EvidenceQueries.filing)
            facts.inspections = try all(EvidenceQueries.inspections) { EvidenceQueries.inspection($0) }
            facts.findings = try all(EvidenceQueries.findings) { EvidenceQueries.finding($0) }
            return facts
        }
    }

    /// Every registered vehicle and every unregistered plate with evidence, in plate order:
    /// one sorted query per table, merged as they stream (never a query per vehicle).
    public func forEachFacts(_ body: (VehicleFacts) throws -> Void) throws {
        try read { db in try FactStream(db: db).forEach(body) }
    }
}

extension EvidenceQueries {
    /// The plates on each VIN that a stream's vehicles have, for the VINs with more than one.
    static func sharedVINs(_ db: Database, filter: PlateFilter) throws -> [String: [SameVINPlate]] {
        guard filter == .redo else { return try sharedVINs(db) }
        var out: [String: [SameVINPlate]] = [:]
        for r in try Row.fetchAll(db, sql: """
            SELECT vin, plate, status, status_date FROM vehicles
            WHERE vin IN (SELECT vin FROM vehicles WHERE plate IN (SELECT plate FROM temp.screening_redo)) ORDER BY vin, plate
            """) {
            out[r[0], default: []].append(SameVINPlate(plate: r[1], status: VehicleStatus(letters: r[2]),
                                                       statusDate: (r[3] as String?).flatMap { CivilDate(parsing: $0) }))
        }
        return out.filter { $0.value.count > 1 }
    }

    static func sharedVINs(_ db: Database, vin: String) throws -> [SameVINPlate] {
        try Row.fetchAll(db.cachedStatement(sql: "SELECT plate, status, status_date FROM vehicles WHERE vin = ? ORDER BY plate"), arguments: [vin]).map {
            SameVINPlate(plate: $0[0], status: VehicleStatus(letters: $0[1]), statusDate: ($0[2] as String?).flatMap { CivilDate(parsing: $0) })
        }
    }
}

/// One sorted evidence cursor of the merge: yields the values for a plate, in plate order.
/// Reads columns straight from SQLite (`RawStatement`): GRDB's row decoding was most of a
/// 1M-vehicle run's time (perf).
final class SortedEvidence<T> {
    private let db: Database
    private let statement: RawStatement
    private let decode: (RawStatement) -> T?
    private var head: (plate: String, value: T?)?

    init(_ db: Database, sql: String, filter: PlateFilter = .all, decode: @escaping (RawStatement) -> T?) throws {
        self.db = db
        statement = try RawStatement(db, filter.select(sql))
        self.decode = decode
        try advance()
    }

    private func advance() throws {
        if try statement.next(db) { head = (statement.string(0), decode(statement)) } else { head = nil }
    }

    /// The smallest plate still ahead, nil when done.
    var nextPlate: String? { head?.plate }

    /// Every value for `plate` (the cursor must not be behind it).
    func take(_ plate: String) throws -> [T] {
        var out: [T] = []
        while let h = head, h.plate.utf8.elementsEqual(plate.utf8) {
            if let v = h.value { out.append(v) }
            try advance()
        }
        return out
    }
}

/// Which plates a `FactStream` reads: all, or those listed in the temporary table
/// `screening_redo` (an incremental run's plates).
enum PlateFilter: Equatable, Sendable {
    case all, redo

    func select(_ sql: String) -> String {
        switch self {
        case .all: return sql + " ORDER BY plate"
        case .redo: return sql + " WHERE plate IN (SELECT plate FROM temp.screening_redo) ORDER BY plate"
        }
    }

    /// Lists `plates` in `temp.screening_redo` (emptied first).
    static func list(_ plates: some Sequence<String>, _ db: Database) throws {
        try db.execute(sql: "CREATE TEMP TABLE IF NOT EXISTS screening_redo (plate TEXT PRIMARY KEY) WITHOUT ROWID; DELETE FROM temp.screening_redo")
        let insert = try RawStatement(db, "INSERT OR IGNORE INTO temp.screening_redo (plate) VALUES (?)")
        for p in plates {
            insert.bind(.text(p), at: 1)
            let rc = insert.step()
            insert.reset()
            guard rc == 101 else { throw DatabaseError(message: insert.errorMessage(db)) }
        }
    }
}

/// Merges the vehicles and evidence cursors by plate (byte order, as SQLite sorts).
struct FactStream {
    let db: Database
    var filter: PlateFilter = .all

    func forEach(_ body: (VehicleFacts) throws -> Void) throws {
        let vehicles = try RawStatement(db, filter.select(EvidenceQueries.vehicles))
        let decoder = FactDecoder()
        let approvals = try SortedEvidence(db, sql: EvidenceQueries.muckApprovals, filter: filter, decode: EvidenceQueries.muckApproval)
        let licenses = try SortedEvidence(db, sql: EvidenceQueries.transportLicenses, filter: filter, decode: EvidenceQueries.transportLicense)
        let sanitation = try SortedEvidence(db, sql: EvidenceQueries.sanitation, filter: filter, decode: EvidenceQueries.sanitationEntry)
        let filings = try SortedEvidence(db, sql: EvidenceQueries.filings, filter: filter, decode: EvidenceQueries.filing)
        let inspections = try SortedEvidence(db, sql: EvidenceQueries.inspections, filter: filter) { EvidenceQueries.inspection($0, decoder) }
        let findings = try SortedEvidence(db, sql: EvidenceQueries.findings, filter: filter) { EvidenceQueries.finding($0, decoder) }
        let shared = try EvidenceQueries.sharedVINs(db, filter: filter)

        func before(_ a: String, _ b: String) -> Bool { a.utf8.lexicographicallyPrecedes(b.utf8) }
        func fill(_ facts: inout VehicleFacts) throws {
            let p = facts.plate
            facts.muckApprovals = try approvals.take(p)
            facts.transportLicenses = try licenses.take(p)
            facts.sanitation = try sanitation.take(p)
            facts.filings = try filings.take(p)
            facts.inspections = try inspections.take(p)
            facts.findings = try findings.take(p)
        }
        /// Plates with evidence but no registration, up to (not including) `limit`. Only
        /// inspections and findings can make such a plate matter (the evidence flags).
        func unregistered(before limit: String?) throws {
            while true {
                // The smallest head, without an array per vehicle (one showed in the profile).
                var smallest: String?
                func consider(_ next: String?) {
                    if let n = next, smallest.map({ before(n, $0) }) ?? true { smallest = n }
                }
                consider(inspections.nextPlate); consider(findings.nextPlate); consider(approvals.nextPlate)
                consider(licenses.nextPlate); consider(sanitation.nextPlate); consider(filings.nextPlate)
                guard let p = smallest, limit.map({ before(p, $0) }) ?? true else { return }
                var facts = VehicleFacts(plate: p)
                try fill(&facts)
                try body(facts)
            }
        }

        while try vehicles.next(db) {
            let (reg, source) = try EvidenceQueries.registration(vehicles, decoder)
            try unregistered(before: reg.plate.text)
            var facts = VehicleFacts(plate: reg.plate.text, registration: reg, registrationSource: source)
            facts.sameVIN = shared[reg.vin.text] ?? []
            try fill(&facts)
            try body(facts)
        }
        try unregistered(before: nil)
    }
}
