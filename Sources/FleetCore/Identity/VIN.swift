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
    private static let weights = [8, 7, 6, 5, 4, 3, 2, 10, 0, 9, 8, 7, 6, 5, 4, 3, 2]

    /// Normalises (as plates are) and checks the alphabet and length. The check digit is not
    /// required to match: see `checkDigitIsValid`.
    public static func parse<S: StringProtocol>(_ raw: S) throws(Problem) -> VIN {
        let text = Plate.normalize(raw)
        for c in text where c.asciiValue.flatMap({ VIN.transliteration[$0] }) == nil {
            throw .badCharacter(c)
        }
        guard text.utf8.count == 17 else { throw .wrongLength(text.count) }
        return VIN(text: text)
    }

    /// The check digit computed from the other sixteen characters (`0`–`9` or `X`).
    public var expectedCheckDigit: Character {
        var sum = 0
        for (i, b) in text.utf8.enumerated() { sum += VIN.transliteration[b]! * VIN.weights[i] }
        let r = sum % 11
        return r == 10 ? "X" : Character(String(r))
    }

    /// Whether position 9 holds the right check digit. A mismatch is a screening flag
    /// (VIN_CHECK_DIGIT), not a reason to reject the record.
    public var checkDigitIsValid: Bool {
        text[text.index(text.startIndex, offsetBy: 8)] == expectedCheckDigit
    }
}
