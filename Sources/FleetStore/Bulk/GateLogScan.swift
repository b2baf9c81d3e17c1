import FleetCore
import GRDB
import GRDBSQLite

/// One `进` row of the gate log as judged: the enterprise, the plate, the time and the verdict.
public struct GatePassage: Sendable {
    public let enterprise: EnterpriseInfo
    public let plate: String
    public let passedAt: CivilDateTime
    public let verdict: BulkGateJudge.Verdict
}

/// The figures of one scan of the gate log.
public struct GateScanTotals: Sendable, Codable, Equatable {
    /// `进` rows in the period.
    public var rows = 0
    /// Of those, rows at a key enterprise (judged).
    public var judged = 0
    public var allowed = 0
    public var denied = 0
    public var referred = 0
    /// Rows whose enterprise id is not in `enterprises` (kept by the import, judged by no rule).
    public var unknownEnterprise = 0
    /// Distinct plates judged.
    public var plates = 0

    enum CodingKeys: String, CodingKey {
        case rows, judged, allowed, denied, referred, unknownEnterprise = "unknown_enterprise", plates
    }
}

extension FleetStore {
    /// `bulk violations`: judges every `进` row of the gate log with from ≤ passed_at ≤ to (both
    /// included, rules.md §7.12) by `BulkRules`, in time order (then enterprise, plate), and hands
    /// `body` the rows decided deny or refer; allowed rows are only counted.
    ///
    /// One pass over one covering index (`gate_log_direction_time`), whatever the size of the
    /// log. The facts are fetched a chunk at a time: the plates first seen in each chunk of rows
    /// are loaded together (`BulkFacts`, a few hundred per query), prepared once, and kept for
    /// the rest of the scan; never a query per row. Each distinct situation of a truck at a gate
    /// is judged once (`BulkGateJudge`).
    public func scanGateLog(from: CivilDateTime, to: CivilDateTime, rules: BulkRules, timeline: AlertTimeline,
                            _ body: (GatePassage) throws -> Void) throws -> GateScanTotals {
        try read { db in
            var scan = try GateLogScan(db: db, rules: rules, timeline: timeline)
            return try scan.run(from: from, to: to, body)
        }
    }
}

/// The scan's state. The row loop binds and reads through SQLite's C API (`RawStatement`, and
/// the time parsed from the column's bytes): at tens of millions of rows a year, GRDB's row
/// decoding and a String per timestamp were most of the cost.
struct GateLogScan {
    let db: Database
    let rules: BulkRules
    let timeline: AlertTimeline
    var judge: BulkGateJudge
    var totals = GateScanTotals()

    let enterprises: [EnterpriseInfo]
    let enterpriseIndex: [String: Int]
    var vehicles: [BulkVehicle] = []
    var vehicleIndex: [String: Int] = [:]

    /// Rows waiting for their plates' facts: enterprise index, plate, time (seconds, CST).
    var chunk: [(enterprise: Int, plate: String, at: Int)] = []
    var pending: Set<String> = []
    static let chunkSize = 1 << 16

    init(db: Database, rules: BulkRules, timeline: AlertTimeline) throws {
        self.db = db
        self.rules = rules
        self.timeline = timeline
        judge = BulkGateJudge(rules: rules)
        enterprises = try FleetStore.enterprises(db)
        enterpriseIndex = Dictionary(uniqueKeysWithValues: enterprises.enumerated().map { ($0.element.id, $0.offset) })
        chunk.reserveCapacity(Self.chunkSize)
    }

    mutating func run(from: CivilDateTime, to: CivilDateTime, _ body: (GatePassage) throws -> Void) throws -> GateScanTotals {
        let st = try RawStatement(db, """
            SELECT enterprise_id, plate, passed_at FROM gate_log INDEXED BY gate_log_direction_time
            WHERE direction = 'in' AND passed_at >= ? AND passed_at <= ?
            ORDER BY passed_at, enterprise_id, plate
            """)
        st.bind(.text(from.description), at: 1)
        st.bind(.text(to.description), at: 2)
        defer { st.reset() }
        var lastEnterprise = ("", -1)
        while true {
            let rc = st.step()
            if rc == SQLITE_DONE { break }
            guard rc == SQLITE_ROW else {
                throw DatabaseError(resultCode: ResultCode(rawValue: rc), message: st.errorMessage(db))
            }
            totals.rows += 1
            let id = st.text(0) ?? ""
            let e: Int
            if id == lastEnterprise.0 { e = lastEnterprise.1 } else {
                e = enterpriseIndex[id] ?? -1
                lastEnterprise = (id, e)
            }
            guard e >= 0 else { totals.unknownEnterprise += 1; continue }
            let plate = st.text(1) ?? ""
            guard let at = Self.storedTime(st.handle, column: 2) else {
                throw StoreCorruption(message: "gate_log: bad passed_at for \(plate) at \(id)")
            }
            if vehicleIndex[plate] == nil { pending.insert(plate) }
            chunk.append((e, plate, at))
            if chunk.count == Self.chunkSize { try flush(body) }
        }
        try flush(body)
        totals.plates = vehicles.count
        return totals
    }

    /// Loads the facts of the plates first seen in the chunk, then judges the chunk's rows.
    mutating func flush(_ body: (GatePassage) throws -> Void) throws {
        if !pending.isEmpty {
            let facts = try BulkFacts.load(db, plates: pending)
            for (plate, f) in facts {
                vehicleIndex[plate] = vehicles.count
                vehicles.append(BulkVehicle(f, inference: rules.inference))
            }
            pending.removeAll(keepingCapacity: true)
        }
        for row in chunk {
            let v = vehicleIndex[row.plate]!
            let at = CivilDateTime(secondsSinceEpochCST: row.at)
            let enterprise = enterprises[row.enterprise]
            let verdict = judge.verdict(vehicles[v], vehicleKey: v, enterprise: enterprise, enterpriseKey: row.enterprise,
                                        at: at, alertLevel: timeline.level(at: at))
            totals.judged += 1
            switch verdict.outcome {
            case .deny: totals.denied += 1
            case .refer: totals.referred += 1
            case .allow, .warn: totals.allowed += 1; continue
            }
            try body(GatePassage(enterprise: enterprise, plate: row.plate, passedAt: at, verdict: verdict))
        }
        chunk.removeAll(keepingCapacity: true)
    }

    /// The seconds of a stored time `YYYY-MM-DDTHH:MM:SS+08:00` read straight from the column's
    /// bytes; any other form goes through `CivilDateTime(parsing:)`.
    static func storedTime(_ handle: OpaquePointer, column: Int32) -> Int? {
        guard let p = sqlite3_column_text(handle, column) else { return nil }
        let n = Int(sqlite3_column_bytes(handle, column))
        @inline(__always) func digits(_ i: Int, _ count: Int) -> Int? {
            var v = 0
            for k in i..<(i + count) {
                let b = p[k]
                guard b >= 48 && b <= 57 else { return nil }
                v = v * 10 + Int(b - 48)
            }
            return v
        }
        if n == 25, p[4] == 45, p[7] == 45, p[10] == 84, p[13] == 58, p[16] == 58, p[19] == 43, p[20] == 48, p[21] == 56,
           p[22] == 58, p[23] == 48, p[24] == 48,
           let y = digits(0, 4), let m = digits(5, 2), let d = digits(8, 2), let h = digits(11, 2), let mi = digits(14, 2),
           let s = digits(17, 2), let day = CivilDate(year: y, month: m, day: d), h < 24, mi < 60, s < 60 {
            return day.dayNumber * 86_400 + h * 3600 + mi * 60 + s
        }
        let text = String(decoding: UnsafeBufferPointer(start: p, count: n), as: UTF8.self)
        return CivilDateTime(parsing: text)?.secondsSinceEpochCST
    }
}
