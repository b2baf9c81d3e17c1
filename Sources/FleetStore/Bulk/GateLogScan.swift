import FleetCore
import GRDB
import GRDBSQLite

/// One `进` row of the gate log as judged: the enterprise, the plate, the time and the verdict.
public struct GatePassage: Sendable {
    public let enterprise: EnterpriseInfo
    /// The enterprise's place in the scan's list (`FleetStore.fetchEnterprises()` order): the same
    /// index, the same enterprise, for the whole scan.
    public let enterpriseIndex: Int
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
        try scanGateLog(from: from, to: to, rules: rules, timeline: timeline, chunkSize: 1 << 16, body)
    }

    /// The same with the chunk size chosen (tests cross chunk boundaries with small ones).
    func scanGateLog(from: CivilDateTime, to: CivilDateTime, rules: BulkRules, timeline: AlertTimeline, chunkSize: Int,
                     _ body: (GatePassage) throws -> Void) throws -> GateScanTotals {
        try read { db in
            var scan = try GateLogScan(db: db, rules: rules, timeline: timeline, chunkSize: chunkSize)
            return try scan.run(from: from, to: to, body)
        }
    }
}

/// The scan's state. The row loop binds and reads through SQLite's C API (`RawStatement`), and
/// finds the enterprise and the plate by their bytes (`ByteKey`) without making a String for a
/// plate it has seen, nor hashing one (Swift hashes non-ASCII Strings in normalised form, which
/// cost more than the rest of a row); the time is parsed from the column's bytes. At tens of
/// millions of rows a year these were most of the cost.
struct GateLogScan {
    let db: Database
    let rules: BulkRules
    let timeline: AlertTimeline
    var judge: BulkGateJudge
    var totals = GateScanTotals()

    let enterprises: [EnterpriseInfo]
    /// Enterprise ids by bytes (-1: not a key enterprise; remembered too).
    var enterpriseByBytes = ByteKeyTable()
    var enterpriseByText: [String: Int]
    var vehicles: [BulkVehicle] = []
    /// Vehicle indices by plate bytes (short plates) or text (longer ones). A plate first seen in
    /// the current chunk has its index already; its facts come at the chunk's end.
    var vehicleByBytes = ByteKeyTable()
    var vehicleByText: [String: Int] = [:]
    var pending: [String] = []

    /// Rows waiting for their plates' facts: enterprise index, vehicle index, time (seconds, CST).
    var chunk: [(enterprise: Int, vehicle: Int, at: Int)] = []
    let chunkSize: Int

    init(db: Database, rules: BulkRules, timeline: AlertTimeline, chunkSize: Int = 1 << 16) throws {
        self.db = db
        self.chunkSize = chunkSize
        self.rules = rules
        self.timeline = timeline
        judge = BulkGateJudge(rules: rules)
        enterprises = try FleetStore.enterprises(db)
        enterpriseByText = Dictionary(uniqueKeysWithValues: enterprises.enumerated().map { ($0.element.id, $0.offset) })
        chunk.reserveCapacity(chunkSize)
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
        let h = st.handle
        while true {
            let rc = st.step()
            if rc == SQLITE_DONE { break }
            guard rc == SQLITE_ROW else {
                throw DatabaseError(resultCode: ResultCode(rawValue: rc), message: st.errorMessage(db))
            }
            totals.rows += 1
            let e = enterprise(h)
            guard e >= 0 else { totals.unknownEnterprise += 1; continue }
            guard let at = Self.storedTime(h, column: 2) else {
                throw StoreCorruption(message: "gate_log: bad passed_at \(st.text(2) ?? "") for \(st.text(1) ?? "")")
            }
            chunk.append((e, vehicle(h), at))
            if chunk.count >= chunkSize { try flush(body) }
        }
        try flush(body)
        totals.plates = vehicles.count
        return totals
    }

    /// The enterprise of the current row (column 0), -1 when the id is not a key enterprise.
    mutating func enterprise(_ h: OpaquePointer) -> Int {
        let (p, n) = Self.bytes(h, column: 0)
        if let key = ByteKey(p, n) {
            if let e = enterpriseByBytes[key] { return e }
            let e = enterpriseByText[Self.text(p, n)] ?? -1
            enterpriseByBytes[key] = e
            return e
        }
        return enterpriseByText[Self.text(p, n)] ?? -1
    }

    /// The vehicle index of the current row's plate (column 1), given at first sight.
    mutating func vehicle(_ h: OpaquePointer) -> Int {
        let (p, n) = Self.bytes(h, column: 1)
        let key = ByteKey(p, n)
        if let key, let v = vehicleByBytes[key] { return v }
        let text = Self.text(p, n)
        if key == nil, let v = vehicleByText[text] { return v }
        let v = vehicles.count + pending.count
        pending.append(text)
        if let key { vehicleByBytes[key] = v } else { vehicleByText[text] = v }
        return v
    }

    /// Loads the facts of the plates first seen in the chunk, then judges the chunk's rows.
    mutating func flush(_ body: (GatePassage) throws -> Void) throws {
        if !pending.isEmpty {
            let facts = try BulkFacts.load(db, plates: pending)
            for plate in pending {
                vehicles.append(BulkVehicle(facts[plate] ?? VehicleFacts(plate: plate), inference: rules.inference))
            }
            pending.removeAll(keepingCapacity: true)
        }
        for row in chunk {
            let vehicle = vehicles[row.vehicle]
            let at = CivilDateTime(secondsSinceEpochCST: row.at)
            let verdict = judge.verdict(vehicle, vehicleKey: row.vehicle, enterprise: enterprises[row.enterprise],
                                        enterpriseKey: row.enterprise, at: at, alertLevel: timeline.level(at: at))
            totals.judged += 1
            switch verdict.outcome {
            case .deny: totals.denied += 1
            case .refer: totals.referred += 1
            case .allow, .warn: totals.allowed += 1; continue
            }
            try body(GatePassage(enterprise: enterprises[row.enterprise], enterpriseIndex: row.enterprise, plate: vehicle.plate, passedAt: at,
                                 verdict: verdict))
        }
        chunk.removeAll(keepingCapacity: true)
    }

    static func bytes(_ h: OpaquePointer, column: Int32) -> (UnsafePointer<UInt8>?, Int) {
        (sqlite3_column_text(h, column), Int(sqlite3_column_bytes(h, column)))
    }

    static func text(_ p: UnsafePointer<UInt8>?, _ n: Int) -> String {
        guard let p else { return "" }
        return String(decoding: UnsafeBufferPointer(start: p, count: n), as: UTF8.self)
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
        return CivilDateTime(parsing: text(p, n))?.secondsSinceEpochCST
    }
}

/// Up to 16 bytes of text as two words: a key that compares the bytes as they are (plates and
/// enterprise ids are stored normalised, so equal bytes are equal values).
struct ByteKey: Hashable {
    var a: UInt64 = 0
    var b: UInt64 = 0
    var count: Int = 0

    init() {}

    /// Nil when the text is longer than 16 bytes.
    init?(_ p: UnsafePointer<UInt8>?, _ n: Int) {
        guard n <= 16 else { return nil }
        count = n
        guard let p, n > 0 else { return }
        withUnsafeMutableBytes(of: &a) { w in w.copyMemory(from: UnsafeRawBufferPointer(start: p, count: min(n, 8))) }
        if n > 8 { withUnsafeMutableBytes(of: &b) { w in w.copyMemory(from: UnsafeRawBufferPointer(start: p + 8, count: n - 8)) } }
    }
}

/// ByteKey → Int, open addressing with a multiplicative hash: the scan looks up a plate and an
/// enterprise for every row, and Swift's Dictionary (SipHash) cost more than the lookup itself.
struct ByteKeyTable {
    private var keys: [ByteKey]
    private var values: [Int]
    private var used: [Bool]
    private(set) var count = 0
    private var mask: Int

    init(capacity: Int = 1024) {
        var n = 16
        while n < capacity * 2 { n <<= 1 }
        keys = Array(repeating: ByteKey(), count: n)
        values = Array(repeating: 0, count: n)
        used = Array(repeating: false, count: n)
        mask = n - 1
    }

    @inline(__always)
    private func slot(_ k: ByteKey) -> Int {
        var h = (k.a &* 0x9E37_79B9_7F4A_7C15) ^ (k.b &* 0xC2B2_AE3D_27D4_EB4F) ^ UInt64(k.count)
        h ^= h >> 29
        return Int(truncatingIfNeeded: h) & mask
    }

    subscript(_ k: ByteKey) -> Int? {
        get {
            var i = slot(k)
            while used[i] {
                if keys[i] == k { return values[i] }
                i = (i + 1) & mask
            }
            return nil
        }
        set {
            guard let v = newValue else { preconditionFailure("ByteKeyTable does not remove") }
            var i = slot(k)
            while used[i] {
                if keys[i] == k { values[i] = v; return }
                i = (i + 1) & mask
            }
            used[i] = true
            keys[i] = k
            values[i] = v
            count += 1
            if count * 2 > mask { grow() }
        }
    }

    private mutating func grow() {
        let old = zip(keys, zip(values, used)).filter { $0.1.1 }
        self = ByteKeyTable(capacity: (mask + 1))
        for (k, (v, _)) in old { self[k] = v }
    }
}
