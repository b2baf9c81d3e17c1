/// A value axis from 0 to a round maximum, with round ticks — for counts, so ticks are whole
/// numbers.
///
///     ChartScale(maxValue: 107).ticks   // [0, 20, 40, 60, 80, 100, 120]
///     ChartScale(maxValue: 3).ticks     // [0, 1, 2, 3]
///     ChartScale(maxValue: 0).ticks     // [0, 1]
public struct ChartScale: Hashable, Sendable {
    public let maximum: Double
    public let step: Double

    /// At most about `targetTicks` steps; a step of 1, 2, 2.5 (only from 10 up) or 5 × 10ⁿ.
    public init(maxValue: Double, targetTicks: Int = 5) {
        let top = max(1, maxValue)
        let raw = top / Double(max(1, targetTicks))
        var magnitude = 1.0
        while magnitude * 10 <= raw { magnitude *= 10 }
        var step = magnitude
        for m in [1.0, 2, 2.5, 5, 10] {
            let s = m * magnitude
            if m == 2.5 && magnitude < 10 { continue }
            if s >= raw { step = s; break }
        }
        step = max(1, step)
        self.step = step
        self.maximum = (top / step).rounded(.up) * step
    }

    public var ticks: [Double] {
        var out: [Double] = []
        var v = 0.0
        while v <= maximum + step / 1000 {
            out.append(v)
            v += step
        }
        return out
    }

    /// 0…maximum onto 0…length.
    func scale(_ v: Double, length: Double) -> Double { maximum > 0 ? v / maximum * length : 0 }
}
