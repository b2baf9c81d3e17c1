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

    /// Parses a plate after normalising it.
    public static func parse<S: StringProtocol>(_ raw: S) throws(Problem) -> Plate {
        let text = normalize(raw)
        guard let format = try classify(text) else { throw .badFormat }
        return Plate(text: text, format: format)
    }

    /// The format of a text made of a province character and ASCII (and a final 挂), read from
    /// its bytes with the same tests as below; nil (not decided) for any other text, which the
    /// general path then classifies or rejects. `.some(nil)`: decided, not a plate.
    private static func quickFormat(_ u: UnsafeBufferPointer<UInt8>) -> Format?? {
        guard u.count >= 4, u[0] & 0xF0 == 0xE0, u[1] & 0xC0 == 0x80, u[2] & 0xC0 == 0x80 else { return nil }
        let province = (UInt32(u[0] & 0x0F) << 12) | (UInt32(u[1] & 0x3F) << 6) | UInt32(u[2] & 0x3F)
        guard provinceScalars.contains(province) else { return nil }
        var end = u.count
        let trailer = end >= 7 && u[end - 3] == 0xE6 && u[end - 2] == 0x8C && u[end - 1] == 0x82
        if trailer { end -= 3 }
        for i in 3..<end where u[i] >= 0x80 { return nil }
        @inline(__always) func scalar(_ i: Int) -> Unicode.Scalar { Unicode.Scalar(u[i]) }
        guard isLetter(scalar(3)) else { return .some(nil) }
        let serial = 4..<end
        if trailer { return serial.count == 4 && serial.allSatisfy { isSerial(scalar($0)) } ? .trailer : .some(nil) }
        switch serial.count {
        case 5:
            return serial.allSatisfy { isSerial(scalar($0)) } ? .ordinary : .some(nil)
        case 6:
            let s = serial.lowerBound
            if isEnergyLetter(scalar(s)), isSerial(scalar(s + 1)), (s + 2..<end).allSatisfy({ isDigit(scalar($0)) }) { return .newEnergySmall }
            if (s..<s + 5).allSatisfy({ isDigit(scalar($0)) }), isEnergyLetter(scalar(s + 5)) { return .newEnergyLarge }
            return .some(nil)
        default:
            return .some(nil)
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

    private static func classify(_ text: String) throws(Problem) -> Format? {
        var copy = text
        if let quick = copy.withUTF8(quickFormat) { return quick }
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
