/// 机动车状态 — one or more status letters, such as `A`, `E` or `GQ`.
///
///     let s = try VehicleStatus.parse("gq")
///     s.isGone            // false
///     s.contains("Q")     // true (逾期未检验)
public struct VehicleStatus: Hashable, Sendable, CustomStringConvertible {
    /// The letters in the canonical order A…Q.
    public let letters: String
    public var description: String { letters }

    public static let names: [Character: String] = [
        "A": "正常", "B": "转出", "C": "被盗抢", "D": "停驶", "E": "注销", "G": "违法未处理",
        "H": "海关监管", "I": "事故未处理", "J": "嫌疑车", "K": "查封", "L": "暂扣", "M": "强制注销",
        "N": "事故逃逸", "O": "锁定", "P": "达到报废标准公告牌证作废", "Q": "逾期未检验",
    ]
    static let byName: [String: Character] = Dictionary(uniqueKeysWithValues: names.map { ($0.value, $0.key) })

    public enum Problem: Error, Equatable, Sendable { case empty, unknownLetter(Character) }

    /// Parses letters (`GQ`), or Chinese names separated by `,` `、` or spaces (`违法未处理、逾期未检验`).
    public static func parse<S: StringProtocol>(_ raw: S) throws(Problem) -> VehicleStatus {
        let text = Plate.normalize(raw)
        guard !text.isEmpty else { throw .empty }
        var set = Set<Character>()
        if text.allSatisfy({ $0.isASCII }) {
            for c in text where c != "," {
                guard names[c] != nil else { throw .unknownLetter(c) }
                set.insert(c)
            }
        } else {
            // Split before normalising: normalising removes the spaces that separate names.
            for part in raw.split(whereSeparator: { "，,、;； \u{3000}\t".contains($0) }).map({ Plate.normalize($0) }) where !part.isEmpty {
                if let c = byName[String(part)] { set.insert(c); continue }
                if part.count == 1, let c = part.first, names[c] != nil { set.insert(c); continue }
                throw .unknownLetter(part.first!)
            }
        }
        return VehicleStatus(letters: String(set.sorted()))
    }

    public init(letters: String) { self.letters = letters }

    public func contains(_ letter: Character) -> Bool { letters.contains(letter) }

    /// Gone from the road: transferred out (B), cancelled (E), compulsorily cancelled (M) or
    /// scrapped (P).
    public var isGone: Bool { letters.utf8.contains { $0 == 0x42 || $0 == 0x45 || $0 == 0x4D || $0 == 0x50 } }   // B E M P
    public var isActive: Bool { !isGone }
    /// Eliminated (淘汰): E, M or P; transfers out (B) only where the policy counts them.
    public func isEliminated(countingTransfers: Bool) -> Bool {
        letters.contains { "EMP".contains($0) || (countingTransfers && $0 == "B") }
    }

    /// The Chinese names of the letters, joined by 、.
    public var chineseNames: String { letters.compactMap { VehicleStatus.names[$0] }.joined(separator: "、") }
}
