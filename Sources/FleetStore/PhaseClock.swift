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

    /// The CPU time the calling thread has used so far, in seconds.
    static func threadCPU() -> Double {
        var ts = timespec()
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts)
        return Double(ts.tv_sec) + Double(ts.tv_nsec) / 1e9
    }

    /// Prints the phase's wall time, and `cpu` (CPU seconds of named threads) when given.
    func lap(_ phase: String, cpu: [(String, Double)] = []) {
        guard on else { return }
        let now = Date()
        let threads = cpu.map { String(format: "  %@ %.2f s CPU", $0.0, $0.1) }.joined()
        let line = prefix + phase.padding(toLength: 24, withPad: " ", startingAt: 0) + String(format: "%6.2f s", now.timeIntervalSince(last)) + threads + "\n"
        FileHandle.standardError.write(Data(line.utf8))
        last = now
    }
}
