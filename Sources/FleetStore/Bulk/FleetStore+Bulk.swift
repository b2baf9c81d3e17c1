import FleetCore
import GRDB

extension FleetStore {
    /// Every key enterprise (重点用车企业), by id (one by id: `enterprise(id:)`).
    public func fetchEnterprises() throws -> [EnterpriseInfo] {
        try read { db in try Self.enterprises(db) }
    }

    /// The filed fleet (`bulk fleet`, `alert preview`): every plate with a filing in
    /// `enterprise_fleet` (at `enterpriseID`, or anywhere when nil), in use or withdrawn, with
    /// the facts the gate rules read (registration and filings), by plate.
    public func fetchFiledFleet(enterpriseID: String? = nil) throws -> [VehicleFacts] {
        try read { db in
            let plates = enterpriseID == nil
                ? try String.fetchAll(db, sql: "SELECT DISTINCT plate FROM enterprise_fleet ORDER BY plate")
                : try String.fetchAll(db, sql: "SELECT plate FROM enterprise_fleet WHERE enterprise_id = ? ORDER BY plate",
                                      arguments: [enterpriseID!.trimmingSpaces])
            let facts = try BulkFacts.load(db, plates: plates)
            return plates.map { facts[$0] ?? VehicleFacts(plate: $0) }
        }
    }

    // MARK: Inside a read

    static func enterprises(_ db: Database) throws -> [EnterpriseInfo] {
        try Row.fetchAll(db, sql: "SELECT enterprise_id, name, township, in_built_up_area FROM enterprises ORDER BY enterprise_id")
            .map { EnterpriseInfo(id: $0[0], name: $0[1], township: $0[2], inBuiltUpArea: $0[3]) }
    }
}

/// The facts the gate rules read — the registration and the filings — for many plates at once,
/// with the same queries (`EvidenceQueries`) as `facts(plate:)`, a few hundred plates per query:
/// never one query per plate.
enum BulkFacts {
    static let batchSize = 500

    /// The facts of the plates given (registered or not: a plate with neither registration nor
    /// filing gets empty facts).
    static func load(_ db: Database, plates: some Collection<String>) throws -> [String: VehicleFacts] {
        var out: [String: VehicleFacts] = [:]
        out.reserveCapacity(plates.count)
        for p in plates { out[p] = VehicleFacts(plate: p) }
        var batch: [String] = []
        batch.reserveCapacity(batchSize)
        let decoder = FactDecoder()
        func flush() throws {
            guard !batch.isEmpty else { return }
            let marks = "(" + Array(repeating: "?", count: batch.count).joined(separator: ",") + ")"
            let values = batch.map { SQLValue.text($0) }
            let vehicles = try RawStatement(db, EvidenceQueries.vehicles + " WHERE plate IN " + marks)
            vehicles.bind(values)
            while try vehicles.next(db) {
                let (reg, source) = try EvidenceQueries.registration(vehicles, decoder)
                out[reg.plate.text]?.registration = reg
                out[reg.plate.text]?.registrationSource = source
            }
            let filings = try RawStatement(db, EvidenceQueries.filings + " WHERE plate IN " + marks + " ORDER BY plate, enterprise_id")
            filings.bind(values)
            while try filings.next(db) {
                if let f = EvidenceQueries.filing(filings) { out[filings.string(0)]?.filings.append(f) }
            }
            batch.removeAll(keepingCapacity: true)
        }
        for p in plates {
            batch.append(p)
            if batch.count == batchSize { try flush() }
        }
        try flush()
        return out
    }
}

extension FleetStore {
    /// The first and last `进` times in the gate log, nil when it has none.
    public func gateLogSpan() throws -> (first: CivilDateTime, last: CivilDateTime)? {
        try read { db in
            guard let row = try Row.fetchOne(db, sql: "SELECT MIN(passed_at), MAX(passed_at) FROM gate_log WHERE direction = 'in'"),
                  let first = (row[0] as String?).flatMap({ CivilDateTime(parsing: $0) }),
                  let last = (row[1] as String?).flatMap({ CivilDateTime(parsing: $0) }) else { return nil }
            return (first, last)
        }
    }
}
