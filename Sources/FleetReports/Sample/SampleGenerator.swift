import FleetCore
import Foundation

/// A deterministic, realistic synthetic registration extract (机动车登记信息, data.md `vehicles`)
/// for Xinmi: the same seed gives the same bytes on every machine.
///
///     let files = try SampleGenerator(vehicles: 1_000_000, seed: 42).write(to: "bench-out")
///     // ["bench-out/vehicles.csv"], about 150 MB, written in 1 MiB chunks
///
/// Every row passes `VehicleRegistration.validate`; plates are unique; about 2% of VINs carry a
/// wrong check digit and about one row in a thousand reuses the VIN of a recent row (a duplicate
/// across two plates). See `SampleVehicleMaker` for the shares.
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

    /// Writes vehicles.csv (UTF-8 with BOM, CRLF, Chinese headers, all 15 columns) into
    /// `directory` (created if missing); returns the files written.
    public func write(to directory: String) throws -> [String] {
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let path = directory.hasSuffix("/") ? directory + SampleGenerator.vehiclesFileName
                                            : directory + "/" + SampleGenerator.vehiclesFileName
        let out = try ChunkedFileWriter(path: path)
        out.append(CSVFormat.utf8BOM)
        do {
            try out.append(CSVFormat.line(SampleGenerator.vehicleHeader))
            try vehicleRows { row in try out.appendLine(row.fields) }
            try out.close()
        } catch {
            try? out.close()
            throw error
        }
        return [path]
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
        var maker = SampleVehicleMaker(vehicles: vehicles, seed: seed)
        var row = SampleVehicleRow()
        for i in 0..<vehicles {
            maker.make(index: i, into: &row)
            try body(row)
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
