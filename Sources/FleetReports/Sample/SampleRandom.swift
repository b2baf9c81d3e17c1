import Foundation

/// SplitMix64 (Steele, Lea, Flood 2014): a small, fast PRNG whose output depends only on its
/// seed, so that sample data is byte-identical for a seed on every machine and Swift version.
/// (Swift's `SystemRandomNumberGenerator` and hashing are deliberately never used here.)
struct SplitMix64 {
    private(set) var state: UInt64

    init(seed: UInt64) { state = seed }

    /// The SplitMix64 finaliser: a bijective mixing function on 64 bits.
    @inline(__always)
    static func mix(_ x: UInt64) -> UInt64 {
        var z = x
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// A stream for one item (`index`) under `seed`, independent of every other index.
    init(seed: UInt64, stream: UInt64, index: UInt64) {
        state = SplitMix64.mix(seed ^ SplitMix64.mix(stream &* 0xD1B5_4A32_D192_ED03 &+ index))
    }

    @inline(__always)
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        return SplitMix64.mix(state)
    }

    /// Uniform in `0..<n` (multiply-high; the bias is below 2⁻³² for the small n used here).
    @inline(__always)
    mutating func below(_ n: Int) -> Int {
        precondition(n > 0)
        return Int(UInt64(n).multipliedFullWidth(by: next()).high)
    }

    /// Uniform in `range`.
    @inline(__always)
    mutating func int(_ range: ClosedRange<Int>) -> Int {
        range.lowerBound + below(range.count)
    }

    /// Uniform in [0, 1).
    @inline(__always)
    mutating func unit() -> Double { Double(next() >> 11) * 0x1p-53 }

    /// True with probability `p`.
    @inline(__always)
    mutating func chance(_ p: Double) -> Bool { unit() < p }

    @inline(__always)
    mutating func pick<T>(_ items: [T]) -> T { items[below(items.count)] }

    /// An index skewed towards the start of `0..<n` (Zipf-like: `n · u^power`).
    @inline(__always)
    mutating func skewed(_ n: Int, power: Double) -> Int {
        min(n - 1, Int(Double(n) * pow(unit(), power)))
    }
}

/// Integer-weighted choice among a fixed list, in list order (deterministic).
struct Weighted<T> {
    let items: [T]
    private let cumulative: [Int]

    init(_ pairs: [(T, Int)]) {
        items = pairs.map { $0.0 }
        var c: [Int] = []
        var total = 0
        for (_, w) in pairs { precondition(w >= 0); total += w; c.append(total) }
        precondition(total > 0)
        cumulative = c
    }

    @inline(__always)
    func pick(_ rng: inout SplitMix64) -> T { items[pickIndex(&rng)] }

    func pickIndex(_ rng: inout SplitMix64) -> Int {
        let r = rng.below(cumulative[cumulative.count - 1])
        var i = 0
        while cumulative[i] <= r { i += 1 }
        return i
    }
}

extension Weighted: Sendable where T: Sendable {}

/// A keyed pseudo-random permutation of `0..<size` (a 4-round Feistel network over the next
/// even power of two, with cycle walking): maps a running counter to a unique, scattered value.
struct ScatterPermutation {
    let size: Int
    private let halfBits: Int
    private let halfMask: UInt64
    private let key: UInt64

    init(size: Int, key: UInt64) {
        precondition(size > 0)
        self.size = size
        var bits = 2
        while (1 << bits) < size { bits += 2 }
        halfBits = bits / 2
        halfMask = (1 << UInt64(halfBits)) - 1
        self.key = key
    }

    func apply(_ x: Int) -> Int {
        precondition(x >= 0 && x < size)
        var v = UInt64(x)
        repeat { v = round4(v) } while v >= UInt64(size)
        return Int(v)
    }

    @inline(__always)
    private func round4(_ v: UInt64) -> UInt64 {
        var l = v >> UInt64(halfBits)
        var r = v & halfMask
        for i in 0..<4 as Range<UInt64> {
            let f = SplitMix64.mix((key &+ (i << 56)) ^ r) & halfMask
            (l, r) = (r, l ^ f)
        }
        return (l << UInt64(halfBits)) | r
    }
}
