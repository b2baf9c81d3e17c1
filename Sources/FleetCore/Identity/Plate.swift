/// A number plate (号牌号码) in one of the GA 36 formats, normalised.
///
///     try Plate.parse("豫a 12345")      // 豫A12345, ordinary
///     try Plate.parse("豫Ａ１２３４挂")   // 豫A1234挂, trailer
///     try Plate.parse("豫AD12345")       // new energy, small
public struct Plate: Hashable, Sendable, CustomStringConvertible {
    /// The four formats of GA 36 that this registry knows.
    public enum Format: String, Sendable, CaseIterable {
        case ordinary, trailer, newEnergySmall = "new_energy_small", newEnergyLarge = "new_energy_large"
    }

    public let text: String
    public let format: Format

    public var description: String { text }
    /// The province character (豫).
    public var province: Character { text.first! }
    /// Province character and issuing letter (豫A).
    public var prefix: String { String(text.prefix(2)) }
    public var isNewEnergy: Bool { format == .newEnergySmall || format == .newEnergyLarge }

    /// The province abbreviations that start a civil plate.
    public static let provinces: Set<Character> = Set("京津沪渝冀豫云辽黑湘皖鲁新苏浙赣鄂桂甘晋蒙陕吉闽贵粤青藏川宁琼")

    /// Normalises typed or imported text: full-width letters and digits to ASCII, lower case to
    /// upper case, spaces (and the middle dot some forms print, 豫A·12345) removed.
    public static func normalize<S: StringProtocol>(_ raw: S) -> String {
        // Fast path: nothing to change (no space, lower-case letter, full-width form or dot).
        var clean = true
        for b in raw.utf8 where b == 0x20 || b == 0x09 || (b >= 0x61 && b <= 0x7A) || b == 0xEF || b == 0xE3 || b == 0xC2 || b == 0xE2 {
            clean = false
            break
        }
        if clean { return String(raw) }
        var scalars = String.UnicodeScalarView()
        for s in raw.unicodeScalars {
            var v = s.value
            if v == 0x20 || v == 0x3000 || v == 0x09 || v == 0xB7 || v == 0x30FB || v == 0x2022 { continue }
            if v >= 0xFF01 && v <= 0xFF5E { v -= 0xFEE0 }           // full-width ASCII block
            if v >= 0x61 && v <= 0x7A { v -= 0x20 }                  // a-z → A-Z
            scalars.append(Unicode.Scalar(v)!)
        }
        return String(scalars)
    }

    /// `normalize` for a String: the same result, with the check for a clean text made on its
    /// bytes directly (the generic version was a tenth of a 1M-vehicle screening run).
    public static func normalize(_ raw: String) -> String {
        var copy = raw
        let clean = copy.withUTF8 { bytes in
            !bytes.contains { b in b == 0x20 || b == 0x09 || (b >= 0x61 && b <= 0x7A) || b == 0xEF || b == 0xE3 || b == 0xC2 || b == 0xE2 }
        }
        return clean ? raw : normalize(Substring(raw))
    }

    /// Why a text is not a plate.
    public enum Problem: Error, Equatable, Sendable {
        case empty
        case unknownProvince(Character)
        case badFormat
    }

    /// `parse` for a String (the generic version cannot take the String fast paths).
    public static func parse(_ raw: String) throws(Problem) -> Plate {
        let text = normalize(raw)
        guard let format = try classify(text) else { throw .badFormat }
        return Plate(text: text, format: format)
    }

    /// `parse` for UTF-8 bytes (a stored plate): a plate in a common shape that `parse` keeps
    /// unchanged is made straight from the bytes (`fastFormat`); any other text takes `parse`.
    /// A plate as a store kept it: the text and format `parse` gave (no checks made again).
    public static func restored(text: String, format: Format) -> Plate { Plate(text: text, format: format) }

    public static func parse(utf8 bytes: UnsafeBufferPointer<UInt8>) throws(Problem) -> Plate {
        let text = String(decoding: bytes, as: UTF8.self)
        if let format = fastFormat(bytes) { return Plate(text: text, format: format) }
        return try parse(text)
    }

    /// Parses a plate after normalising it.
    public static func parse<S: StringProtocol>(_ raw: S) throws(Problem) -> Plate {
        let text = normalize(raw)
        guard let format = try classify(text) else { throw .badFormat }
        return Plate(text: text, format: format)
    }

    /// For the import's hot loop: the format of a plate given as UTF-8 bytes that `parse` keeps
    /// unchanged, in the common shapes (province, letter, then five or six ASCII characters, or
    /// four and 挂). nil means "not decided here, call `parse`"; for every text this accepts,
    /// `parse` gives the same text and format (PlateTests checks both on the same inputs).
    public static func fastFormat(_ b: UnsafeBufferPointer<UInt8>) -> Format? {
        let n = b.count                  // 3 (province) + 1 (letter) + 5 | 6 ASCII, or 4 ASCII + 挂 (3)
        guard n >= 9 && n <= 11 else { return nil }
        let c0 = b[0]
        guard c0 >= 0xE0 && c0 < 0xF0, b[1] & 0xC0 == 0x80, b[2] & 0xC0 == 0x80 else { return nil }
        let province = (UInt32(c0 & 0x0F) << 12) | (UInt32(b[1] & 0x3F) << 6) | UInt32(b[2] & 0x3F)
        guard provinceBits[Int(province >> 6)] & (1 << UInt64(province & 63)) != 0 else { return nil }
        // ASCII that `normalize` keeps as it is (no space, tab or lower-case letter).
        @inline(__always) func kept(_ i: Int) -> Unicode.Scalar? {
            let x = b[i]
            if x >= 0x80 || x == 0x20 || x == 0x09 || (x >= 0x61 && x <= 0x7A) { return nil }
            return Unicode.Scalar(x)
        }
        guard let letter = kept(3), isLetter(letter) else { return nil }
        switch n {
        case 9:
            for i in 4..<9 { guard let c = kept(i), isSerial(c) else { return nil } }
            return .ordinary
        case 11:
            guard b[8] == 0xE6, b[9] == 0x8C, b[10] == 0x82 else { return nil }   // 挂
            for i in 4..<8 { guard let c = kept(i), isSerial(c) else { return nil } }
            return .trailer
        default:
            guard let s0 = kept(4), let s1 = kept(5), let s5 = kept(9) else { return nil }
            var digits2to4 = true
            for i in 6..<9 { guard let c = kept(i) else { return nil }; digits2to4 = digits2to4 && isDigit(c) }
            if isEnergyLetter(s0), isSerial(s1), digits2to4, isDigit(s5) { return .newEnergySmall }
            if isDigit(s0), isDigit(s1), digits2to4, isEnergyLetter(s5) { return .newEnergyLarge }
            return nil
        }
    }

    @inline(__always) private static func isLetter(_ c: Unicode.Scalar) -> Bool {
        let a = c.value
        return a >= 65 && a <= 90 && a != 73 && a != 79          // A–Z without I, O
    }
    @inline(__always) private static func isDigit(_ c: Unicode.Scalar) -> Bool { c.value >= 48 && c.value <= 57 }
    @inline(__always) private static func isSerial(_ c: Unicode.Scalar) -> Bool { isLetter(c) || isDigit(c) }
    @inline(__always) private static func isEnergyLetter(_ c: Unicode.Scalar) -> Bool {
        switch c { case "D", "A", "B", "C", "E", "F", "G", "H", "J", "K": return true
        default: return false }
    }
    private static let provinceScalars: Set<UInt32> = Set(provinces.compactMap { $0.unicodeScalars.first?.value })
    /// The same as bits, one per scalar below U+10000 (8 KB): `fastFormat` asks it for every
    /// plate an import or a screening pass reads, where hashing into the Set cost ~100
    /// instructions (callgrind).
    private static let provinceBits: [UInt64] = {
        var bits = [UInt64](repeating: 0, count: 1 << 10)
        for p in provinceScalars where p < 0x1_0000 { bits[Int(p >> 6)] |= 1 << UInt64(p & 63) }
        return bits
    }()

    private static func classify(_ text: String) throws(Problem) -> Format? {
        var copy = text
        if let quick = copy.withUTF8(fastFormat) { return quick }
        let u = Array(text.unicodeScalars)
        guard let first = u.first else { throw .empty }
        guard provinceScalars.contains(first.value) else { throw .unknownProvince(Character(first)) }
        guard u.count >= 2, isLetter(u[1]) else { return nil }
        let serial = u[2...]
        switch serial.count {
        case 5:
            if serial.last == "挂" {
                return serial.dropLast().allSatisfy(isSerial) ? .trailer : nil
            }
            return serial.allSatisfy(isSerial) ? .ordinary : nil
        case 6:
            let s = Array(serial)
            if isEnergyLetter(s[0]), isSerial(s[1]), s[2...].allSatisfy(isDigit) { return .newEnergySmall }
            if s[0..<5].allSatisfy(isDigit), isEnergyLetter(s[5]) { return .newEnergyLarge }
            return nil
        default:
            return nil
        }
    }
}
