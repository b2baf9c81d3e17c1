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
