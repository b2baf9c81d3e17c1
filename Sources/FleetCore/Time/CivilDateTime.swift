/// A moment in China Standard Time (UTC+8, no daylight saving), to the second.
///
///     CivilDateTime(parsing: "2020-11-01 00:00")           // 2020-11-01T00:00:00+08:00
///     CivilDateTime(parsing: "2020-10-31T16:00:00Z")       // 2020-11-01T00:00:00+08:00
public struct CivilDateTime: Hashable, Comparable, Sendable, CustomStringConvertible {
    /// Seconds since 1970-01-01 00:00 China Standard Time.
    public let secondsSinceEpochCST: Int

    public init(secondsSinceEpochCST: Int) { self.secondsSinceEpochCST = secondsSinceEpochCST }

    public init(date: CivilDate, hour: Int = 0, minute: Int = 0, second: Int = 0) {
        secondsSinceEpochCST = date.dayNumber * 86_400 + hour * 3600 + minute * 60 + second
    }

    /// The CST calendar date of this moment.
    public var date: CivilDate {
        CivilDate(dayNumber: Int((Double(secondsSinceEpochCST) / 86_400).rounded(.down)))
    }

    /// Parses a date plus `HH:MM` or `HH:MM:SS` (space or `T` between), with an optional
    /// offset (`Z`, `+08:00`, `+0800`); a value without an offset is China Standard Time.
    public init?(parsing text: Substring) {
        let trimmed = text
        guard let sepIndex = trimmed.firstIndex(where: { $0 == " " || $0 == "T" }) else { return nil }
        guard let date = CivilDate(parsing: trimmed[..<sepIndex]) else { return nil }
        var rest = trimmed[trimmed.index(after: sepIndex)...].drop(while: { $0 == " " })
        var offsetSeconds = 8 * 3600
        if rest.hasSuffix("Z") {
            offsetSeconds = 0
            rest = rest.dropLast()
        } else if let signIndex = rest.lastIndex(where: { $0 == "+" || $0 == "-" }) {
            let sign = rest[signIndex] == "+" ? 1 : -1
            let digits = rest[rest.index(after: signIndex)...].filter { $0 != ":" }
            guard digits.count == 4 || digits.count == 2, let n = Int(digits) else { return nil }
            let (h, m) = digits.count == 4 ? (n / 100, n % 100) : (n, 0)
            guard h <= 14, m < 60 else { return nil }
            offsetSeconds = sign * (h * 3600 + m * 60)
            rest = rest[..<signIndex]
        }
        let parts = rest.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count == 2 || parts.count == 3 else { return nil }
        var numbers: [Int] = []
        for p in parts {
            guard (1...2).contains(p.count), p.allSatisfy({ $0.isASCII && $0.isNumber }), let n = Int(p) else { return nil }
            numbers.append(n)
        }
        let h = numbers[0], mi = numbers[1], s = numbers.count == 3 ? numbers[2] : 0
        guard h < 24, mi < 60, s < 60 else { return nil }
        let local = date.dayNumber * 86_400 + h * 3600 + mi * 60 + s
        secondsSinceEpochCST = local - offsetSeconds + 8 * 3600
    }

    public init?(parsing text: String) { self.init(parsing: Substring(text)) }

    /// `YYYY-MM-DDTHH:MM:SS+08:00`.
    public var description: String {
        let d = date
        let secs = secondsSinceEpochCST - d.dayNumber * 86_400
        func two(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }
        return "\(d)T\(two(secs / 3600)):\(two(secs / 60 % 60)):\(two(secs % 60))+08:00"
    }

    public static func < (a: CivilDateTime, b: CivilDateTime) -> Bool {
        a.secondsSinceEpochCST < b.secondsSinceEpochCST
    }

    /// The moment for a Unix time (seconds since 1970-01-01 UTC).
    public init(unixTime: Double) {
        secondsSinceEpochCST = Int(unixTime.rounded(.down)) + 8 * 3600
    }
}
