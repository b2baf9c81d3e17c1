import FleetCore
import GRDBSQLite

/// The decoded value of a column with few distinct texts (codes, townships), found by the
/// column's bytes: no String, trimming or code-table lookup for a text seen before (perf:
/// turning rows into FleetCore values was a third of a 1M-vehicle run). The value is what
/// `decode` makes of the same text, so results do not change. Past `limit` distinct texts
/// the memo steps aside and every row is decoded.
///
/// One memo belongs to one stream on one thread, so its stored properties opt out of Swift's
/// run-time exclusivity checks (`@exclusivity(unchecked)`): the checks on these class
/// properties were ~3 % of a screening pass's instructions (callgrind), for accesses that
/// never overlap.
final class ColumnMemo<T> {
    @exclusivity(unchecked) private var slots = KeyTable()
    @exclusivity(unchecked) private var values: [T] = []
    @exclusivity(unchecked) private var null: T?
    /// In front of `slots`, for texts of up to 16 bytes (codes, statuses, most townships): the
    /// text's bytes as two words and its length, direct-mapped — no `PlateKey` and no probing
    /// for the few texts a column repeats (about 95 instructions less a lookup, eight lookups
    /// a vehicle in a screening pass: −4 % of its instructions, callgrind).
    private struct Recent { var w0: UInt64 = 0, w1: UInt64 = 0, length = -1, index = 0 }
    @exclusivity(unchecked) private var recent = [Recent](repeating: Recent(), count: 1_024)
    private let limit: Int
    private let decode: (String?) -> T

    init(limit: Int = 1_024, _ decode: @escaping (String?) -> T) {
        self.limit = limit
        self.decode = decode
    }

    func value(_ r: RawStatement, _ column: Int32) -> T {
        guard let bytes = r.textBytes(column) else {
            if let v = null { return v }
            let v = decode(nil)
            null = v
            return v
        }
        let n = bytes.count
        guard n <= 16 else { return slotted(bytes).0 }
        var words: (UInt64, UInt64) = (0, 0)
        if n > 0 { withUnsafeMutableBytes(of: &words) { $0.copyMemory(from: UnsafeRawBufferPointer(bytes)) } }
        let h = Int(truncatingIfNeeded: ((words.0 ^ (words.1 &* 0x9E37_79B9_7F4A_7C15) ^ UInt64(n)) &* 0xBF58_476D_1CE4_E5B9) >> 54)
        let e = recent[h]
        if e.length == n && e.w0 == words.0 && e.w1 == words.1 { return values[e.index] }
        let (v, index) = slotted(bytes)
        if let index { recent[h] = Recent(w0: words.0, w1: words.1, length: n, index: index) }
        return v
    }

    /// The value through the table of every text seen (decoded and added when new), with its
    /// place in `values` (nil past `limit`).
    private func slotted(_ bytes: UnsafeBufferPointer<UInt8>) -> (T, Int?) {
        // The bytes as integers (`PlateKey` serves any short text): no String is made.
        let key = PlateKey(bytes: bytes)
        if let i = slots[key] { return (values[Int(i)], Int(i)) }
        let v = decode(String(decoding: bytes, as: UTF8.self))
        guard values.count < limit else { return (v, nil) }
        slots[key] = Int32(values.count)
        values.append(v)
        return (v, values.count - 1)
    }
}

extension RawStatement {
    /// A text column as a `PlateKey`, from its bytes.
    func plateKey(_ column: Int32) -> PlateKey {
        guard let bytes = textBytes(column) else { return PlateKey(bytes: [UInt8]()) }
        return PlateKey(bytes: bytes)
    }

    /// A date column: `YYYY-MM-DD` (as the import stores dates) read from the bytes, any
    /// other text through `CivilDate(parsing:)`; nil for NULL. Same value as parsing the text.
    func date(_ column: Int32) -> CivilDate? {
        guard let b = textBytes(column) else { return nil }
        return CivilDate(canonicalUTF8: b) ?? CivilDate(parsing: String(decoding: b, as: UTF8.self))
    }

    /// A date-time column: `YYYY-MM-DDTHH:MM:SS+08:00` (as the import stores them) read from
    /// the bytes, any other text through `CivilDateTime(parsing:)`. Same value as parsing the text.
    func dateTime(_ column: Int32) -> CivilDateTime? {
        guard let b = textBytes(column), let p = b.baseAddress else { return nil }
        let n = b.count
        if n == 25, p[10] == 84 || p[10] == 32, p[13] == 58, p[16] == 58,
           p[19] == 43, p[20] == 48, p[21] == 56, p[22] == 58, p[23] == 48, p[24] == 48,
           let date = CivilDate(canonicalUTF8: UnsafeBufferPointer(rebasing: b[0..<10])),
           let h = Self.digits(p, 11, 2), let mi = Self.digits(p, 14, 2), let s = Self.digits(p, 17, 2) {
            guard h < 24, mi < 60, s < 60 else { return nil }
            return CivilDateTime(date: date, hour: h, minute: mi, second: s)
        }
        return CivilDateTime(parsing: String(decoding: UnsafeBufferPointer(start: p, count: n), as: UTF8.self))
    }

    @inline(__always) private static func digits(_ p: UnsafePointer<UInt8>, _ at: Int, _ count: Int) -> Int? {
        var n = 0
        for i in at..<(at + count) {
            let b = p[i]
            guard b >= 48 && b <= 57 else { return nil }
            n = n * 10 + Int(b - 48)
        }
        return n
    }
}
