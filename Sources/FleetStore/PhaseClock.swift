import Foundation

/// How long each phase of a long job took, printed to stderr when an environment variable is
/// set (for the benchmarks and profiling; nothing otherwise): `FLEETREG_TIMING` for a
/// screening run, `FLEETREG_IMPORT_TIMING` for an import.
final class PhaseClock {
    private let on: Bool
    private let prefix: String
    private var last = Date()

    init(variable: String = "FLEETREG_TIMING", prefix: String = "  ") {
        on = ProcessInfo.processInfo.environment[variable] != nil
        self.prefix = prefix
    }

    func lap(_ phase: String) {
        guard on else { return }
        let now = Date()
        let line = prefix + phase.padding(toLength: 24, withPad: " ", startingAt: 0) + String(format: "%6.2f s\n", now.timeIntervalSince(last))
        FileHandle.standardError.write(Data(line.utf8))
        last = now
    }
}
