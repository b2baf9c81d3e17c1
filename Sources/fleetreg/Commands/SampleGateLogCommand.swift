import ArgumentParser
import Foundation
import FleetReports

/// `fleetreg sample gate-log --rows N --vehicles V [--seed S] --out FILE` (hidden) — a gate log of
/// exactly N rows consistent with `sample generate --vehicles V --seed S` (the same enterprises
/// and filed trucks), for the `bulk violations` benchmark (scripts/bench-bulk.sh).
struct SampleGateLogCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "gate-log", abstract: "A gate log of exactly N rows for a sample set (benchmarks).", shouldDisplay: false)
    @Option(name: .long, help: "How many rows.") var rows: Int
    @Option(name: .long, help: "The sample set's vehicles.") var vehicles: Int
    @Option(name: .long, help: "The sample set's seed.") var seed: UInt64 = 2020
    @Option(name: .long, help: "The CSV file to write.") var out: String

    func validate() throws {
        guard rows >= 0, vehicles > 0 else { throw ValidationError("--rows must not be negative and --vehicles must be positive") }
    }

    func run() throws {
        guard FileManager.default.createFile(atPath: out, contents: nil), let h = FileHandle(forWritingAtPath: out) else {
            throw InputError(zh: "无法写入 \(out)", en: "cannot write \(out)")
        }
        var buffer: [UInt8] = [0xEF, 0xBB, 0xBF]
        buffer.reserveCapacity(1 << 21)
        SampleGenerator(vehicles: vehicles, seed: seed).gateLogLines(rows: rows) { line in
            buffer.append(contentsOf: line.utf8)
            if buffer.count >= 1 << 20 {
                h.write(Data(buffer))
                buffer.removeAll(keepingCapacity: true)
            }
        }
        h.write(Data(buffer))
        try h.close()
    }
}
