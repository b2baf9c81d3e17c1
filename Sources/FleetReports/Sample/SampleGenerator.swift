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
            try vehicleLines { line in try out.append(line) }
            try out.close()
        } catch {
            try? out.close()
            throw error
        }
        return [path]
    }

    /// The same rows, streamed: calls `body` once per CSV line (header first), each line ending
    /// with CRLF and quoted by `CSVFormat.line`. Memory stays constant whatever `vehicles` is.
    public func vehicleLines(_ body: (String) throws -> Void) rethrows {
        try body(CSVFormat.line(SampleGenerator.vehicleHeader))
        try vehicleRows { row in try body(CSVFormat.line(row.fields)) }
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
