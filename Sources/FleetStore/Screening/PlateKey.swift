/// A plate (or any short text) as a hash key and sort key: its first 24 bytes as three big-endian integers (so
/// that comparing them compares the bytes), and the whole text when it is longer. Hashing a
/// Chinese plate as a Swift String normalises it first; hashing three integers does not
/// (measured: String keys were an eighth of a 1M-vehicle run).
struct PlateKey: Hashable, Comparable {
    var a: UInt64 = 0, b: UInt64 = 0, c: UInt64 = 0
    var long: [UInt8]?

    init<C: Collection>(bytes: C) where C.Element == UInt8 {
        var k = 0
        for byte in bytes.prefix(24) {
            let shift = UInt64(56 - 8 * (k % 8))
            switch k / 8 {
            case 0: a |= UInt64(byte) << shift
            case 1: b |= UInt64(byte) << shift
            default: c |= UInt64(byte) << shift
            }
            k += 1
        }
        if bytes.count > 24 { long = Array(bytes) }
    }

    init(_ plate: String) {
        var copy = plate
        self = copy.withUTF8 { PlateKey(bytes: $0) }
    }

    static func < (x: PlateKey, y: PlateKey) -> Bool {
        if x.a != y.a { return x.a < y.a }
        if x.b != y.b { return x.b < y.b }
        if x.c != y.c { return x.c < y.c }
        return (x.long ?? []).lexicographicallyPrecedes(y.long ?? [])
    }
}
