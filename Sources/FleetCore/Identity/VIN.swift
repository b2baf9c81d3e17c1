/// A vehicle identification number (车辆识别代号, ISO 3779 / GB 16735).
///
///     try VIN.parse("lzff25m4x8d004248").checkDigitIsValid   // true
public struct VIN: Hashable, Sendable, CustomStringConvertible {
    public let text: String
    public var description: String { text }

    public enum Problem: Error, Equatable, Sendable {
        case wrongLength(Int)
        case badCharacter(Character)
    }

    private static let transliteration: [UInt8: Int] = {
        var t: [UInt8: Int] = [:]
        for d in 0...9 { t[UInt8(48 + d)] = d }
        let letters: [(String, Int)] = [
            ("A", 1), ("B", 2), ("C", 3), ("D", 4), ("E", 5), ("F", 6), ("G", 7), ("H", 8),
            ("J", 1), ("K", 2), ("L", 3), ("M", 4), ("N", 5), ("P", 7), ("R", 9),
            ("S", 2), ("T", 3), ("U", 4), ("V", 5), ("W", 6), ("X", 7), ("Y", 8), ("Z", 9),
        ]
        for (l, v) in letters { t[l.utf8.first!] = v }
        return t
    }()
    /// The transliteration as a 256-entry table (-1: not allowed), for the import's hot loop.
    private static let values: [Int] = (0..<256).map { transliteration[UInt8($0)] ?? -1 }
    private static let allowed: [Bool] = values.map { $0 >= 0 }
    private static let weights = [8, 7, 6, 5, 4, 3, 2, 10, 0, 9, 8, 7, 6, 5, 4, 3, 2]

    /// Normalises (as plates are) and checks the alphabet and length. The check digit is not
    /// required to match: see `checkDigitIsValid`.
    public static func parse<S: StringProtocol>(_ raw: S) throws(Problem) -> VIN {
        let text = Plate.normalize(raw)
        for b in text.utf8 where !VIN.allowed[Int(b)] {
            throw .badCharacter(text.unicodeScalars.first { !$0.isASCII || !VIN.allowed[Int($0.value)] }.map(Character.init) ?? "?")
        }
        guard text.utf8.count == 17 else { throw .wrongLength(text.count) }
        return VIN(text: text)
    }

    /// `parse` for a String: a clean 17-character VIN is checked on its bytes directly; any
    /// other text takes the general path (same result).
    public static func parse(_ raw: String) throws(Problem) -> VIN {
        var copy = raw
        if copy.withUTF8({ $0.count == 17 && $0.allSatisfy { VIN.allowed[Int($0)] } }) { return VIN(text: raw) }
        return try parse(Substring(raw))
    }

    /// For the import's hot loop: for UTF-8 bytes that `parse` accepts unchanged (17 allowed
    /// characters, which `normalize` never changes), whether the check digit is valid; nil
    /// means "not decided here, call `parse`".
    public static func fastCheckDigitIsValid(_ b: UnsafeBufferPointer<UInt8>) -> Bool? {
        guard b.count == 17, let r = checkSum(b) else { return nil }
        return b[8] == (r == 10 ? 88 : UInt8(48 + r))
    }

    /// The check digit computed from the other sixteen characters (`0`–`9` or `X`).
    public var expectedCheckDigit: Character {
        var t = text
        let r = t.withUTF8 { VIN.checkSum($0) }!
        return r == 10 ? "X" : Character(String(r))
    }

    /// Whether position 9 holds the right check digit. A mismatch is a screening flag
    /// (VIN_CHECK_DIGIT), not a reason to reject the record.
    public var checkDigitIsValid: Bool {
        var t = text
        return t.withUTF8 { VIN.fastCheckDigitIsValid($0) }!
    }

    /// The weighted sum of the transliterated characters, modulo 11 (the check digit's rule,
    /// in one place); nil when a character is not allowed.
    private static func checkSum(_ b: UnsafeBufferPointer<UInt8>) -> Int? {
        var sum = 0
        for i in 0..<min(b.count, weights.count) {
            let v = values[Int(b[i])]
            if v < 0 { return nil }
            sum += v * weights[i]
        }
        return sum % 11
    }
}
