/// A plate (or any short text) as a hash key and sort key: its first 24 bytes as three
/// big-endian integers (so that comparing them compares the bytes), and the whole text when it
/// is longer. Hashing a Chinese plate as a Swift String normalises it first; hashing three
/// integers does not (measured: String keys were an eighth of a 1M-vehicle run).
struct PlateKey: Hashable, Comparable {
    var a: UInt64 = 0, b: UInt64 = 0, c: UInt64 = 0
    var long: [UInt8]?

    init(bytes: UnsafeBufferPointer<UInt8>) {
        let n = bytes.count
        guard n > 0, let base = bytes.baseAddress else { return }
        /// Bytes `from`..<`from + 8` as a big-endian word, zero past the end: a whole word is
        /// loaded at once and byte-swapped, a shorter tail taken byte by byte (a loop over every
        /// byte was 3.6 % of a full pass).
        @inline(__always) func word(_ from: Int) -> UInt64 {
            let m = n - from
            if m >= 8 { return UInt64(bigEndian: UnsafeRawPointer(base + from).loadUnaligned(as: UInt64.self)) }
            var w: UInt64 = 0
            for k in 0..<m { w = w << 8 | UInt64(base[from + k]) }
            return w << UInt64(8 * (8 - m))
        }
        a = word(0)
        if n > 8 { b = word(8) }
        if n > 16 { c = word(16) }
        if n > 24 { long = Array(bytes) }
    }

    /// A key of up to 24 bytes from its words.
    init(words: (UInt64, UInt64, UInt64)) { (a, b, c) = words }

    init<C: Collection>(bytes: C) where C.Element == UInt8 {
        if let key = bytes.withContiguousStorageIfAvailable({ PlateKey(bytes: $0) }) { self = key; return }
        let array = Array(bytes)
        self = array.withUnsafeBufferPointer { PlateKey(bytes: $0) }
    }

    init(_ plate: String) {
        var copy = plate
        self = copy.withUTF8 { PlateKey(bytes: $0) }
    }

    /// The text back from the key: the words' bytes up to the first zero byte (a plate, VIN or
    /// code holds none), or the whole text when it is longer than 24 bytes.
    var text: String {
        if let long { return String(decoding: long, as: UTF8.self) }
        var words = (a.bigEndian, b.bigEndian, c.bigEndian)
        return withUnsafeBytes(of: &words) { raw in
            String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self)
        }
    }

    /// A cheap mix of the key for `KeyTable` (not Swift's seeded hashing).
    @inline(__always) var mixed: UInt64 {
        var h = a &* 0x9E37_79B9_7F4A_7C15
        h = (h ^ (h >> 29) ^ b) &* 0xBF58_476D_1CE4_E5B9
        h = (h ^ (h >> 32) ^ c) &* 0x94D0_49BB_1331_11EB
        if let long { for x in long { h = (h ^ UInt64(x)) &* 0x100_0000_01B3 } }
        return h ^ (h >> 31)
    }

    static func < (x: PlateKey, y: PlateKey) -> Bool {
        if x.a != y.a { return x.a < y.a }
        if x.b != y.b { return x.b < y.b }
        if x.c != y.c { return x.c < y.c }
        return (x.long ?? []).lexicographicallyPrecedes(y.long ?? [])
    }
}

/// An open-addressing table from `PlateKey` to Int32, for the hot lookups of a screening run
/// (evidence by plate, decoded codes by text): Swift's Dictionary hashes with a seeded SipHash,
/// which showed as a tenth of a 1M-vehicle run.
struct KeyTable {
    /// One slot: a key of up to 24 bytes, its value and whether it is used, side by side in 32
    /// bytes (one cache line per probe, two slots a line). Longer keys, which no plate, VIN or
    /// code reaches, go to `longKeys`; with them inline a slot took 40 bytes (the evidence
    /// tables of 1M vehicles: 80 MB instead of 64).
    private struct Slot {
        var a: UInt64, b: UInt64, c: UInt64
        var value: Int32
        var used: Bool
    }
    private var slots: [Slot]
    private var mask: Int
    private var longKeys: [PlateKey: Int32] = [:]
    private var shortCount = 0
    var count: Int { shortCount + longKeys.count }

    init(capacity: Int = 16) {
        var size = 16
        while size < capacity * 2 { size <<= 1 }
        slots = Array(repeating: Slot(a: 0, b: 0, c: 0, value: 0, used: false), count: size)
        mask = size - 1
    }

    subscript(key: PlateKey) -> Int32? {
        get {
            if key.long != nil { return longKeys[key] }
            return slots.withUnsafeBufferPointer { s in
                var i = Int(truncatingIfNeeded: key.mixed) & mask
                while s[i].used {
                    if s[i].a == key.a && s[i].b == key.b && s[i].c == key.c { return s[i].value }
                    i = (i + 1) & mask
                }
                return nil
            }
        }
        set {
            guard let newValue else { return }      // no removal: not needed
            if key.long != nil { longKeys[key] = newValue; return }
            if (shortCount + 1) * 2 > slots.count { grow() }
            var i = Int(truncatingIfNeeded: key.mixed) & mask
            while slots[i].used {
                if slots[i].a == key.a && slots[i].b == key.b && slots[i].c == key.c { slots[i].value = newValue; return }
                i = (i + 1) & mask
            }
            slots[i] = Slot(a: key.a, b: key.b, c: key.c, value: newValue, used: true)
            shortCount += 1
        }
    }

    /// Every key and its value, in the table's order.
    func forEach(_ body: (PlateKey, Int32) throws -> Void) rethrows {
        for s in slots where s.used { try body(PlateKey(words: (s.a, s.b, s.c)), s.value) }
        for (k, v) in longKeys { try body(k, v) }
    }

    private mutating func grow() {
        var bigger = KeyTable(capacity: slots.count)
        for s in slots where s.used { bigger[PlateKey(words: (s.a, s.b, s.c))] = s.value }
        bigger.longKeys = longKeys
        self = bigger
    }
}
