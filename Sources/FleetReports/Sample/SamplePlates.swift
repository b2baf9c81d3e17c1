/// Unique plate serials for the sample generator.
///
/// Each plate format has a serial space split into tiers (all digits, one letter, two letters, …).
/// A row picks a tier at random; the tier's running counter goes through a keyed permutation of
/// the tier, so serials look scattered but never repeat. Formats are disjoint (five characters,
/// four plus 挂, six for new energy), so every plate of a file is unique whatever its prefix.
struct PlateSerials {
    enum Category: Int, CaseIterable { case ordinary, trailer, newEnergyLarge, newEnergySmall }

    /// Serial letters: A–Z without I and O (GA 36).
    static let letters: [UInt8] = Array("ABCDEFGHJKLMNPQRSTUVWXYZ".utf8)
    static let digits: [UInt8] = Array("0123456789".utf8)

    enum Layout {
        /// `length` characters of which `letterCount` are letters (positions vary).
        case mixed(length: Int, letterCount: Int)
        /// New energy, large: five digits then `letter`.
        case energyLarge(letter: UInt8)
        /// New energy, small: `letter`, then a letter (or a digit), then four digits.
        case energySmall(letter: UInt8, secondIsLetter: Bool)
    }

    struct Tier {
        let layout: Layout
        let capacity: Int
        let permutation: ScatterPermutation
        /// Position sets for `.mixed` (bit i = position i holds a letter).
        let letterMasks: [Int]
        var used = 0

        init(_ layout: Layout, key: UInt64) {
            self.layout = layout
            switch layout {
            case .mixed(let n, let l):
                var masks: [Int] = []
                for m in 0..<(1 << n) where m.nonzeroBitCount == l { masks.append(m) }
                letterMasks = masks
                capacity = masks.count * Tier.pow(24, l) * Tier.pow(10, n - l)
            case .energyLarge:
                letterMasks = []
                capacity = 100_000
            case .energySmall(_, let secondIsLetter):
                letterMasks = []
                capacity = (secondIsLetter ? 24 : 10) * 10_000
            }
            permutation = ScatterPermutation(size: capacity, key: key)
        }

        private static func pow(_ b: Int, _ e: Int) -> Int { (0..<e).reduce(1) { acc, _ in acc * b } }

        /// The serial for the next unused index, appended to `out` as ASCII bytes.
        mutating func take(into out: inout [UInt8]) {
            var x = permutation.apply(used)
            used += 1
            switch layout {
            case .mixed(let n, let l):
                let mask = letterMasks[x % letterMasks.count]
                x /= letterMasks.count
                var letterPart = x % Tier.pow(24, l)
                var digitPart = x / Tier.pow(24, l)
                for i in 0..<n {
                    if mask & (1 << i) != 0 {
                        out.append(PlateSerials.letters[letterPart % 24]); letterPart /= 24
                    } else {
                        out.append(PlateSerials.digits[digitPart % 10]); digitPart /= 10
                    }
                }
            case .energyLarge(let letter):
                appendDigits(x, count: 5, into: &out)
                out.append(letter)
            case .energySmall(let letter, let secondIsLetter):
                out.append(letter)
                if secondIsLetter {
                    out.append(PlateSerials.letters[x % 24]); x /= 24
                } else {
                    out.append(PlateSerials.digits[x % 10]); x /= 10
                }
                appendDigits(x, count: 4, into: &out)
            }
        }

        private func appendDigits(_ value: Int, count: Int, into out: inout [UInt8]) {
            var div = Tier.pow(10, count - 1)
            for _ in 0..<count {
                out.append(PlateSerials.digits[(value / div) % 10])
                div /= 10
            }
        }
    }

    /// Tiers and how often a row picks each (an exhausted tier hands over to the next one).
    private var tiers: [[Tier]]
    private let weights: [Weighted<Int>]

    init(seed: UInt64) {
        func key(_ c: Int, _ t: Int) -> UInt64 { SplitMix64.mix(seed ^ SplitMix64.mix(UInt64(c * 16 + t) &+ 0x5EED)) }
        let E = Array("DF".utf8), other = Array("ABCEGHJK".utf8)
        let specs: [[(Layout, Int)]] = [
            // ordinary: 豫A12345 common, 豫A3K582 and 豫AB7K21 less so.
            [(.mixed(length: 5, letterCount: 0), 45), (.mixed(length: 5, letterCount: 1), 40),
             (.mixed(length: 5, letterCount: 2), 15), (.mixed(length: 5, letterCount: 3), 0),
             (.mixed(length: 5, letterCount: 4), 0), (.mixed(length: 5, letterCount: 5), 0)],
            // trailer: 豫A1234挂.
            [(.mixed(length: 4, letterCount: 0), 55), (.mixed(length: 4, letterCount: 1), 35),
             (.mixed(length: 4, letterCount: 2), 10), (.mixed(length: 4, letterCount: 3), 0),
             (.mixed(length: 4, letterCount: 4), 0)],
            // new energy, large: 豫A12345D (D pure electric, F other).
            [(.energyLarge(letter: E[0]), 95), (.energyLarge(letter: E[1]), 5)]
                + other.map { (.energyLarge(letter: $0), 0) },
            // new energy, small: 豫AD12345, 豫ADF1234.
            [(.energySmall(letter: E[0], secondIsLetter: false), 60), (.energySmall(letter: E[0], secondIsLetter: true), 30),
             (.energySmall(letter: E[1], secondIsLetter: false), 10), (.energySmall(letter: E[1], secondIsLetter: true), 0)]
                + other.map { (.energySmall(letter: $0, secondIsLetter: false), 0) },
        ]
        tiers = specs.enumerated().map { c, list in list.enumerated().map { t, s in Tier(s.0, key: key(c, t)) } }
        weights = specs.map { list in Weighted(list.enumerated().map { ($0.offset, $0.element.1) }) }
    }

    /// How many serials a category can give.
    func capacity(_ c: Category) -> Int { tiers[c.rawValue].reduce(0) { $0 + $1.capacity } }

    /// Appends a fresh serial of the category (never given before) to `out`.
    mutating func next(_ c: Category, rng: inout SplitMix64, into out: inout [UInt8]) {
        let list = c.rawValue
        let start = weights[list].pick(&rng)
        let n = tiers[list].count
        for k in 0..<n {
            let t = (start + k) % n
            if tiers[list][t].used < tiers[list][t].capacity {
                tiers[list][t].take(into: &out)
                return
            }
        }
        preconditionFailure("sample plate space exhausted for \(c)")
    }
}
