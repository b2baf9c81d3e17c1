extension CivilDate {
    /// The import's checks on a field's bytes, before any `String` is made. Each accepts only
    /// text that `init(parsing:)` reads as a date, and says how `description` writes that date.

    /// The date `b` writes as `description` writes dates (`YYYY-MM-DD`, a day that exists);
    /// nil for any other text (which `init(parsing:)` may still read).
    public init?(canonicalUTF8 b: UnsafeBufferPointer<UInt8>) {
        guard b.count == 10, b[4] == 45, b[7] == 45,
              let y = Self.digits(b, 0, 4), let m = Self.digits(b, 5, 2), let d = Self.digits(b, 8, 2),
              Self.exists(y, m, d) else { return nil }
        self.init(dayNumber: Self.days(fromCivil: y, m, d))
    }

    /// Whether `b` is a date as `description` writes it: the text is then stored as it is.
    public static func isCanonical(_ b: UnsafeBufferPointer<UInt8>) -> Bool { CivilDate(canonicalUTF8: b) != nil }

    /// Whether `b` is eight digits `YYYYMMDD` of a day that exists: `description` then writes
    /// the same digits as `YYYY-MM-DD`.
    public static func isEightDigits(_ b: UnsafeBufferPointer<UInt8>) -> Bool {
        guard b.count == 8, let y = digits(b, 0, 4), let m = digits(b, 4, 2), let d = digits(b, 6, 2) else { return false }
        return exists(y, m, d)
    }

    @inline(__always) private static func digits(_ b: UnsafeBufferPointer<UInt8>, _ at: Int, _ count: Int) -> Int? {
        var n = 0
        for i in at..<at + count {
            let d = b[i] &- 48
            guard d <= 9 else { return nil }
            n = n * 10 + Int(d)
        }
        return n
    }

    @inline(__always) private static func exists(_ y: Int, _ m: Int, _ d: Int) -> Bool {
        (1900...2999).contains(y) && (1...12).contains(m) && d >= 1 && d <= daysIn(month: m, year: y)
    }
}
