/// The townships and subdistricts (乡镇/街道) a vehicle can belong to, with their aliases.
///
///     let t = TownshipTable.xinmi
///     t.canonicalName("白寨")                                   // "白寨镇"
///     t.resolve(declared: nil, address: "新密市白寨镇XX村3组")    // 白寨镇, from the address
public struct TownshipTable: Sendable {
    public struct Township: Hashable, Sendable, Codable {
        public var name: String
        public var code: String?
        public var aliases: [String]
        public init(name: String, code: String? = nil, aliases: [String] = []) {
            self.name = name; self.code = code; self.aliases = aliases
        }
        /// The name without 街道/镇/乡 (青屏街街道 → 青屏街), an alias of every township.
        public var shortForm: String? {
            for suffix in ["街道", "镇", "乡"] where name.hasSuffix(suffix) && name.count > suffix.count + 1 {
                return String(name.dropLast(suffix.count))
            }
            return nil
        }
    }

    /// The name given to a vehicle whose township cannot be found (the city office assigns it).
    public static let unassigned = "未匹配"

    public let townships: [Township]
    private let byKey: [String: String]
    /// Every name and alias as UTF-8 bytes with its township, longest first.
    private let needles: [([UInt8], String)]
    private let firstBytesMasks: [[UInt64]]?

    public init(_ townships: [Township]) {
        self.townships = townships
        var keys: [String: String] = [:]
        for t in townships {
            keys[t.name] = t.name
            if let s = t.shortForm, keys[s] == nil { keys[s] = t.name }
            for a in t.aliases where !a.isEmpty { keys[a] = t.name }
        }
        byKey = keys
        needles = keys.map { (Array($0.key.utf8), $0.value) }.sorted { $0.0.count > $1.0.count || ($0.0.count == $1.0.count && $0.1 < $1.1) }
        firstBytesMasks = Self.masks(needles)
    }

    /// The township's name for a name, alias or short form; nil if unknown.
    public func canonicalName<S: StringProtocol>(_ text: S) -> String? {
        let key = text.trimmingSpaces
        if key == TownshipTable.unassigned { return key }
        return byKey[key]
    }

    /// How a vehicle's township was found.
    public enum Source: String, Sendable, Codable { case declared, address, unassigned }

    /// 所属乡镇 if given, else the longest township name or alias found in the address, else 未匹配.
    public func resolve(declared: String?, address: String?) -> (name: String, source: Source) {
        if let d = declared, let n = canonicalName(d) { return (n, .declared) }
        if let address, !address.isEmpty {
            let hay = Array(address.utf8)
            for (needle, name) in needles where TownshipTable.contains(hay, needle) {
                return (name, .address)
            }
        }
        return (TownshipTable.unassigned, .unassigned)
    }

    /// `resolve(declared: nil, address:)` for an address given as UTF-8 bytes, for the import's
    /// hot loop: the same answer (the first of `needles`, longest first, found in the address),
    /// found in one pass over the address instead of one pass per needle (0.6 k instructions a
    /// row on the benchmark file, callgrind; the pass per needle was 2.8 % of the whole import).
    public func resolve(addressBytes hay: UnsafeBufferPointer<UInt8>) -> (name: String, source: Source) {
        if hay.isEmpty { return (TownshipTable.unassigned, .unassigned) }
        guard let masks = firstBytesMasks else { return resolve(declared: nil, address: String(decoding: hay, as: UTF8.self)) }
        var best = Int.max
        let n = hay.count
        var i = 0
        while i + 2 < n {
            // Needles whose first three bytes are here; then the whole needle, best (lowest) first.
            var m = masks[0][Int(hay[i])] & masks[1][Int(hay[i + 1])] & masks[2][Int(hay[i + 2])]
            while m != 0 {
                let k = m.trailingZeroBitCount
                if k >= best { break }
                let needle = needles[k].0
                if needle.count <= n - i {
                    var j = 3
                    while j < needle.count && hay[i + j] == needle[j] { j += 1 }
                    if j == needle.count { best = k; break }
                }
                m &= m - 1
            }
            if best == 0 { break }
            i += 1
        }
        return best == Int.max ? (TownshipTable.unassigned, .unassigned) : (needles[best].1, .address)
    }

    /// For each of a needle's first three bytes, the needles (bit k = `needles[k]`) with that
    /// byte there; nil when a needle is shorter than three bytes or there are more than 64.
    private static func masks(_ needles: [([UInt8], String)]) -> [[UInt64]]? {
        guard needles.count <= 64, needles.allSatisfy({ $0.0.count >= 3 }) else { return nil }
        var masks = [[UInt64]](repeating: [UInt64](repeating: 0, count: 256), count: 3)
        for (k, (needle, _)) in needles.enumerated() {
            for p in 0..<3 { masks[p][Int(needle[p])] |= 1 << UInt64(k) }
        }
        return masks
    }

    private static func contains(_ hay: [UInt8], _ needle: [UInt8]) -> Bool {
        let n = needle.count
        guard n > 0, hay.count >= n else { return false }
        let first = needle[0]
        var i = 0
        let last = hay.count - n
        while i <= last {
            if hay[i] == first {
                var j = 1
                while j < n && hay[i + j] == needle[j] { j += 1 }
                if j == n { return true }
            }
            i += 1
        }
        return false
    }

    /// The townships and subdistricts of Xinmi (新密市, 410183).
    public static let xinmi = TownshipTable([
        Township(name: "青屏街街道", code: "410183001", aliases: ["青屏街道"]),
        Township(name: "新华路街道", code: "410183002"),
        Township(name: "西大街街道", code: "410183003"),
        Township(name: "城关镇", code: "410183100"),
        Township(name: "米村镇", code: "410183101"),
        Township(name: "牛店镇", code: "410183102"),
        Township(name: "平陌镇", code: "410183103"),
        Township(name: "超化镇", code: "410183104"),
        Township(name: "苟堂镇", code: "410183105"),
        Township(name: "大隗镇", code: "410183106"),
        Township(name: "刘寨镇", code: "410183107"),
        Township(name: "白寨镇", code: "410183108"),
        Township(name: "岳村镇", code: "410183109"),
        Township(name: "来集镇", code: "410183110"),
        Township(name: "曲梁镇", code: "410183111"),
        Township(name: "袁庄乡", code: "410183200"),
        Township(name: "矿区街道", code: "410183004"),
    ])
}
