import ArgumentParser
import Foundation
import FleetReports

/// `fleetreg sample generate` — a realistic synthetic data set, deterministic for a seed.
struct SampleCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sample", abstract: "Synthetic data sets.", subcommands: [Generate.self, SampleGateLogCommand.self])

    struct Generate: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Write a realistic data set of every kind of file, the same for the same seed.")
        @OptionGroup var global: GlobalOptions
        @Option(name: .long, help: "How many vehicles.") var vehicles: Int
        @Option(name: .long, help: "The seed (same seed, same files).") var seed: UInt64 = 2020
        @Option(name: .long, help: "The folder to write into (created if needed).") var out: String

        func validate() throws {
            guard (1...10_000_000).contains(vehicles) else { throw ValidationError("--vehicles must be from 1 to 10,000,000") }
        }

        func run() throws {
            try FileManager.default.createDirectory(atPath: out, withIntermediateDirectories: true)
            let files = try SampleGenerator(vehicles: vehicles, seed: seed).write(to: out)
            if global.format == .json {
                struct R: Encodable { var out: String; var vehicles: Int; var seed: UInt64; var files: [String] }
                return try Output.json(R(out: out, vehicles: vehicles, seed: seed, files: files))
            }
            for f in files { print(f) }
        }
    }
}
