/// A calendar date in China Standard Time (日期), stored as days since 1970-01-01.
///
///     CivilDate(parsing: "2020/11/2")   // 2020-11-02
///     CivilDate(parsing: "20201102")    // 2020-11-02
public struct CivilDate: Hashable, Comparable, Sendable, CustomStringConvertible, Codable {
    /// Days since 1970-01-01.
    public let dayNumber: Int

    public init(dayNumber: Int) { self.dayNumber = dayNumber }

    /// A date from its parts; nil when the day does not exist.
    public init?(year: Int, month: Int, day: Int) {
        guard (1900...2999).contains(year), (1...12).contains(month),
              day >= 1, day <= CivilDate.daysIn(month: month, year: year) else { return nil }
        self.dayNumber = CivilDate.days(fromCivil: year, month, day)
    }

    /// Parses `2020-11-02`, `2020/11/2`, `2020.11.2` or `20201102`.
    public init?(parsing text: Substring) {
        let bytes = Array(text.utf8)
        if bytes.count == 8, bytes.allSatisfy({ $0 >= 48 && $0 <= 57 }) {
            let n = bytes.reduce(0) { $0 * 10 + Int($1 - 48) }
            guard let d = CivilDate(year: n / 10000, month: n / 100 % 100, day: n % 100) else { return nil }
            self = d
            return
        }
        var parts: [Int] = []
        var current = -1
        var sep: UInt8 = 0
        for b in bytes {
            if b >= 48 && b <= 57 {
                current = (current < 0 ? 0 : current * 10) + Int(b - 48)
                if current > 9999 { return nil }
            } else if b == 45 || b == 47 || b == 46 {
                if sep == 0 { sep = b } else if sep != b { return nil }
                guard current >= 0 else { return nil }
                parts.append(current)
                current = -1
            } else {
                return nil
            }
        }
        guard current >= 0 else { return nil }
        parts.append(current)
        guard parts.count == 3, bytes.count >= 8 || parts[0] >= 1000 else { return nil }
        guard let d = CivilDate(year: parts[0], month: parts[1], day: parts[2]) else { return nil }
        self = d
    }

    public init?(parsing text: String) { self.init(parsing: Substring(text)) }

    public var year: Int { CivilDate.civil(from: dayNumber).y }
    public var month: Int { CivilDate.civil(from: dayNumber).m }
    public var day: Int { CivilDate.civil(from: dayNumber).d }

    /// `YYYY-MM-DD`.
    public var description: String {
        let (y, m, d) = CivilDate.civil(from: dayNumber)
        return "\(y)-\(m < 10 ? "0" : "")\(m)-\(d < 10 ? "0" : "")\(d)"
    }

    public func adding(days: Int) -> CivilDate { CivilDate(dayNumber: dayNumber + days) }
    public func days(since other: CivilDate) -> Int { dayNumber - other.dayNumber }

    public static func < (a: CivilDate, b: CivilDate) -> Bool { a.dayNumber < b.dayNumber }

    public init(from decoder: Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        guard let d = CivilDate(parsing: text) else {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath,
                debugDescription: "not a date: \(text)"))
        }
        self = d
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.singleValueContainer()
        try c.encode(description)
    }

    static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    // Howard Hinnant's civil-from-days algorithms.
    static func days(fromCivil y0: Int, _ m: Int, _ d: Int) -> Int {
        let y = m <= 2 ? y0 - 1 : y0
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146097 + doe - 719468
    }

    static func civil(from z0: Int) -> (y: Int, m: Int, d: Int) {
        let z = z0 + 719468
        let era = (z >= 0 ? z : z - 146096) / 146097
        let doe = z - era * 146097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365
        let y = yoe + era * 400
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp + (mp < 10 ? 3 : -9)
        return (m <= 2 ? y + 1 : y, m, d)
    }
}
