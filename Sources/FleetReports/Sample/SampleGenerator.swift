import FleetCore
import Foundation

/// A deterministic, realistic synthetic data set for Xinmi: the registration extract
/// (机动车登记信息, data.md `vehicles`) and one file of every evidence kind, consistent with it. The
/// same seed gives the same bytes on every machine.
///
///     let files = try SampleGenerator(vehicles: 1_000_000, seed: 42).write(to: "bench-out")
///     // bench-out/vehicles.csv (about 150 MB), muck-approvals.csv, transport-licenses.csv, …
///
/// Every vehicle row passes `VehicleRegistration.validate`; plates are unique; about 2% of VINs
/// carry a wrong check digit and about one row in a thousand reuses the VIN of a recent row (a
/// duplicate across two plates). See `SampleVehicleMaker` for the registration's shares and
/// `SampleEvidenceMaker` for the evidence's.
///
/// All files are written in one pass over the vehicles, each through its own 1 MiB buffer, so
/// memory stays constant whatever `vehicles` is.
public struct SampleGenerator: Sendable {
    public let vehicles: Int
    public let seed: UInt64

    /// The largest set the serial spaces are sized for.
    public static let maxVehicles = 10_000_000

    public init(vehicles: Int, seed: UInt64) {
        precondition(vehicles >= 0 && vehicles <= SampleGenerator.maxVehicles,
                     "vehicles must be in 0...\(SampleGenerator.maxVehicles)")
        self.vehicles = vehicles
        self.seed = seed
    }

    /// The file name of the registration extract.
    public static let vehiclesFileName = "vehicles.csv"

    /// The 15 columns of data.md's `vehicles` table, in its order, by their Chinese names.
    public static let vehicleHeader: [String] = [
        "号牌号码", "号牌种类", "车辆识别代号", "车辆类型", "使用性质", "燃料种类", "排放标准", "初次登记日期",
        "总质量", "所有人", "住所地址", "所属乡镇", "机动车状态", "状态变更日期", "联系电话",
    ]

    /// Writes one file per `SampleFile` (UTF-8 with BOM, CRLF, the Chinese headers of data.md)
    /// into `directory` (created if missing); returns their paths in `SampleFile` order,
    /// vehicles.csv first.
    public func write(to directory: String) throws -> [String] {
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let dir = directory.hasSuffix("/") ? directory : directory + "/"
        let paths = SampleFile.allCases.map { dir + $0.fileName }
        var writers: [ChunkedFileWriter] = []
        do {
            for p in paths { writers.append(try ChunkedFileWriter(path: p)) }
            for w in writers { w.append(CSVFormat.utf8BOM) }
            try writers[0].append(CSVFormat.line(SampleGenerator.vehicleHeader))
            var maker = SampleEvidenceMaker(seed: seed)
            var fixed = SampleCSV()
            maker.enterprises.write(into: &fixed)
            try writers[SampleFile.enterprises.rawValue].append(bytes: fixed.bytes)
            fixed.removeAll()
            SampleAlerts.write(into: &fixed)
            try writers[SampleFile.alerts.rawValue].append(bytes: fixed.bytes)
            for f in SampleFile.allCases where f != .vehicles && f != .enterprises && f != .alerts {
                fixed.removeAll()
                fixed.line(f.header)
                try writers[f.rawValue].append(bytes: fixed.bytes)
            }
            try indexedVehicleRows { row, index in
                try writers[0].appendLine(row.fields)
                maker.make(row, index: index)
                for f in 1..<writers.count where !maker.out[f].isEmpty {
                    try writers[f].append(bytes: maker.out[f].bytes)
                }
            }
            for w in writers { try w.close() }
        } catch {
            for w in writers { try? w.close() }
            throw error
        }
        return paths
    }

    /// The evidence files as lines (header first in each), in file order within each vehicle:
    /// what `write(to:)` writes after the BOM, for every file but vehicles.csv.
    func evidenceLines(_ body: (SampleFile, String) throws -> Void) rethrows {
        var maker = SampleEvidenceMaker(seed: seed)
        var fixed = SampleCSV()
        maker.enterprises.write(into: &fixed)
        try fixed.lines { try body(.enterprises, $0) }
        fixed.removeAll()
        SampleAlerts.write(into: &fixed)
        try fixed.lines { try body(.alerts, $0) }
        for f in SampleFile.allCases where f != .vehicles && f != .enterprises && f != .alerts {
            try body(f, CSVFormat.line(f.header))
        }
        try indexedVehicleRows { row, index in
            maker.make(row, index: index)
            for f in SampleFile.allCases where f != .vehicles && !maker.out[f.rawValue].isEmpty {
                try maker.out[f.rawValue].lines { try body(f, $0) }
            }
        }
    }

    /// A gate log (data.md `gate-log`) of exactly `rows` rows, streamed: `body` gets the header,
    /// then `rows` lines (CRLF, as gate-log.csv writes them). The rows follow the pattern of
    /// gate-log.csv (the same enterprises, the same filed trucks in time order, a few unfiled and
    /// unregistered ones, 2020-10-15…2020-11-30), with every truck's trips scaled so that the total
    /// is `rows`; with `rows` equal to gate-log.csv's row count they are its rows. Two passes over
    /// the vehicles (the first only counts), constant memory. No rows when `vehicles` is 0. Keys
    /// stay unique up to about six million rows per truck (some 3 million trips in the period), so
    /// ask for at most about 100 rows per vehicle.
    ///
    ///     try SampleGenerator(vehicles: 1_000_000, seed: 1).gateLogLines(rows: 10_000_000) { out.write($0) }
    public func gateLogLines(rows: Int, _ body: (String) throws -> Void) rethrows {
        precondition(rows >= 0, "rows must not be negative")
        try body(CSVFormat.line(SampleFile.gateLog.header))
        guard rows > 0, vehicles > 0 else { return }
        let maker = SampleEvidenceMaker(seed: seed)
        func plans(_ row: SampleVehicleRow, _ index: Int) -> (SampleEvidenceMaker.GatePlan, SampleEvidenceMaker.GatePlan) {
            (maker.gatePlan(row, index, maker.filing(row, index)), maker.gateVisitor(row, index))
        }
        // Pass 1: the natural size of the log.
        var natural = 0
        indexedVehicleRows { row, index in
            let (a, b) = plans(row, index)
            natural += a.naturalRows + b.naturalRows
        }
        // Fallback for tiny sets without any gate traffic: every vehicle calls once.
        let fallback = natural == 0
        if fallback { natural = vehicles }
        // Pass 2: share `rows` out in proportion to each truck's natural rows (cumulative rounding).
        var cumulative = 0
        var written = 0
        var csv = SampleCSV(capacity: 1 << 16)
        try indexedVehicleRows { row, index in
            var (a, b) = plans(row, index)
            if fallback {
                a = maker.gateFallback(row, index)
                b = SampleEvidenceMaker.GatePlan()
            }
            for plan in [a, b] where plan.naturalRows > 0 {
                cumulative += plan.naturalRows
                let product = UInt64(rows).multipliedFullWidth(by: UInt64(cumulative))
                let upTo = Int(UInt64(natural).dividingFullWidth(product).quotient)
                maker.gateRows(plan, rows: upTo - written, into: &csv)
                written = upTo
            }
            if !csv.isEmpty {
                try csv.lines(body)
                csv.removeAll()
            }
        }
    }

    /// The same rows, streamed: calls `body` once per CSV line (header first), each line ending
    /// with CRLF and quoted as `CSVFormat.line` quotes. Memory stays constant whatever `vehicles` is.
    public func vehicleLines(_ body: (String) throws -> Void) rethrows {
        try body(CSVFormat.line(SampleGenerator.vehicleHeader))
        try vehicleRows { row in try body(SampleGenerator.line(row.fields)) }
    }

    /// The same text as `CSVFormat.line(fields)`, built without intermediate arrays: a field is
    /// handed to `CSVFormat.field` only when it holds a byte that may need quoting.
    static func line(_ fields: [String]) -> String {
        var s = ""
        s.reserveCapacity(320)
        var first = true
        for f in fields {
            if !first { s.append(",") }
            first = false
            s.append(mayNeedQuoting(f) ? CSVFormat.field(f) : f)
        }
        s.append("\r\n")
        return s
    }

    @inline(__always)
    static func mayNeedQuoting(_ f: String) -> Bool {
        f.utf8.contains { $0 == 0x2C || $0 == 0x22 || $0 == 0x0A || $0 == 0x0D }
    }

    /// The rows before formatting, with what the generator meant (for tests).
    func vehicleRows(_ body: (SampleVehicleRow) throws -> Void) rethrows {
        try indexedVehicleRows { row, _ in try body(row) }
    }

    /// The rows with their index (the row's stream).
    func indexedVehicleRows(_ body: (SampleVehicleRow, Int) throws -> Void) rethrows {
        var maker = SampleVehicleMaker(vehicles: vehicles, seed: seed)
        var row = SampleVehicleRow()
        for i in 0..<vehicles {
            maker.make(index: i, into: &row)
            try body(row, i)
        }
    }
}

/// Appends bytes to a file in 1 MiB chunks.
final class ChunkedFileWriter {
    private let handle: FileHandle
    private var buffer: [UInt8] = []
    private static let chunk = 1 << 20

    init(path: String) throws {
        guard FileManager.default.createFile(atPath: path, contents: nil),
              let h = FileHandle(forWritingAtPath: path) else {
            throw CocoaError(.fileWriteNoPermission, userInfo: [NSFilePathErrorKey: path])
        }
        handle = h
        buffer.reserveCapacity(ChunkedFileWriter.chunk + 4096)
    }

    func append(_ bytes: [UInt8]) { buffer.append(contentsOf: bytes) }

    func append(bytes: [UInt8]) throws {
        buffer.append(contentsOf: bytes)
        if buffer.count >= ChunkedFileWriter.chunk { try flush() }
    }

    func append(_ s: String) throws {
        buffer.append(contentsOf: s.utf8)
        if buffer.count >= ChunkedFileWriter.chunk { try flush() }
    }

    /// One CSV line (see `SampleGenerator.line`), appended without building it as a String.
    func appendLine(_ fields: [String]) throws {
        ChunkedFileWriter.encode(fields, into: &buffer)
        if buffer.count >= ChunkedFileWriter.chunk { try flush() }
    }

    private static func encode(_ fields: [String], into buffer: inout [UInt8]) {
        var first = true
        for f in fields {
            if !first { buffer.append(0x2C) }
            first = false
            let done: Bool? = f.utf8.withContiguousStorageIfAvailable { bytes in
                for b in bytes where b == 0x2C || b == 0x22 || b == 0x0A || b == 0x0D { return false }
                buffer.append(contentsOf: bytes)
                return true
            }
            if done != true { buffer.append(contentsOf: CSVFormat.field(f).utf8) }
        }
        buffer.append(0x0D)
        buffer.append(0x0A)
    }

    func flush() throws {
        guard !buffer.isEmpty else { return }
        try handle.write(contentsOf: buffer)
        buffer.removeAll(keepingCapacity: true)
    }

    func close() throws {
        try flush()
        try handle.close()
    }
}
