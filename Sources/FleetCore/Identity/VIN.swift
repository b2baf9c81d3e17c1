/// A vehicle identification number (车辆识别代号, ISO 3779 / GB 16735).
///
///     try VIN.parse("lzff25m4x8d004248").checkDigitIsValid   // true
public struct VIN: Hashable, Sendable, CustomStringConvertible {
    /// The 17 ASCII characters, held inline (bytes 0–7, 8–15 and 16): as a `String` of 17
    /// bytes, one past Swift's inline limit, every VIN read cost a heap allocation and its
    /// release (a screening pass reads a million).
    private let head: UInt64, middle: UInt64, last: UInt8
    /// Whether position 9 holds the right check digit, found when the VIN is parsed. A
    /// mismatch is a screening flag (VIN_CHECK_DIGIT), not a reason to reject the record.
    public let checkDigitIsValid: Bool

    /// The VIN as text (17 characters).
    public var text: String {
        var bytes = (head.littleEndian, middle.littleEndian, last)
        return withUnsafeBytes(of: &bytes) { String(decoding: UnsafeRawBufferPointer(rebasing: $0[0..<17]), as: UTF8.self) }
    }
    public var description: String { text }

    /// 17 allowed characters, with the check digit's verdict.
    private init(checked b: UnsafeBufferPointer<UInt8>, checkDigitIsValid: Bool) {
        let raw = UnsafeRawPointer(b.baseAddress!)
        head = UInt64(littleEndian: raw.loadUnaligned(as: UInt64.self))
        middle = UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: 8, as: UInt64.self))
        last = b[16]
        self.checkDigitIsValid = checkDigitIsValid
    }

    public enum Problem: Error, Equatable, Sendable {
        case wrongLength(Int)
        case badCharacter(Character)
    }

    /// The transliteration of ISO 3779 (digits as themselves, letters as 1–9; I, O, Q and
    /// lower case not allowed: -1), written once; the check sum reads it through `values`.
    @inline(__always) static func value(_ b: UInt8) -> Int {
        switch b {
        case 48...57: return Int(b &- 48)         // 0–9
        case 65...72: return Int(b &- 64)         // A–H: 1–8
        case 74...78: return Int(b &- 73)         // J–N: 1–5
        case 80: return 7                         // P
        case 82: return 9                         // R
        case 83...90: return Int(b &- 81)         // S–Z: 2–9
        default: return -1
        }
    }
    /// The weight of position `i` (0-based): 8 7 6 5 4 3 2 10 0 9 8 7 6 5 4 3 2.
    @inline(__always) static func weight(_ i: Int) -> Int { i < 7 ? 8 - i : i == 7 ? 10 : i == 8 ? 0 : 18 - i }

    /// Normalises (as plates are) and checks the alphabet and length. The check digit is not
    /// required to match: see `checkDigitIsValid`.
    public static func parse<S: StringProtocol>(_ raw: S) throws(Problem) -> VIN {
        let text = Plate.normalize(raw)
        for b in text.utf8 where VIN.value(b) < 0 {
            throw .badCharacter(text.unicodeScalars.first { !$0.isASCII || VIN.value(UInt8($0.value)) < 0 }.map(Character.init) ?? "?")
        }
        guard text.utf8.count == 17 else { throw .wrongLength(text.count) }
        var t = text
        return t.withUTF8 { VIN(checked: $0, checkDigitIsValid: fastCheckDigitIsValid($0) ?? false) }
    }

    /// `parse` for a String: a clean 17-character VIN is checked on its bytes directly, in
    /// one pass with its check digit; any other text takes the general path (same result).
    public static func parse(_ raw: String) throws(Problem) -> VIN {
        var copy = raw
        if let vin = copy.withUTF8({ b in fastCheckDigitIsValid(b).map { VIN(checked: b, checkDigitIsValid: $0) } }) { return vin }
        return try parse(Substring(raw))
    }

    /// `parse` for UTF-8 bytes (a stored VIN): 17 allowed characters are taken as they are,
    /// with the check digit found in the same pass; any other text takes `parse`.
    /// A VIN as a store kept it: the 17 bytes and the check-digit verdict `parse` gave (no
    /// checks made again); nil for any other length.
    public static func restored(utf8 bytes: UnsafeBufferPointer<UInt8>, checkDigitIsValid: Bool) -> VIN? {
        bytes.count == 17 ? VIN(checked: bytes, checkDigitIsValid: checkDigitIsValid) : nil
    }

    public static func parse(utf8 bytes: UnsafeBufferPointer<UInt8>) throws(Problem) -> VIN {
        if let ok = fastCheckDigitIsValid(bytes) { return VIN(checked: bytes, checkDigitIsValid: ok) }
        return try parse(Substring(String(decoding: bytes, as: UTF8.self)))
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

    /// `value` for every byte, and `weight` for every position, as tables read through unsafe
    /// pointers in the check sum's loop (the switch per byte cost ~30 instructions a
    /// character, callgrind).
    private static let values: [Int8] = (0..<256).map { Int8(value(UInt8($0))) }
    private static let weights: [Int8] = (0..<17).map { Int8(weight($0)) }

    /// The weighted sum of the transliterated characters, modulo 11 (the check digit's rule,
    /// in one place); nil when a character is not allowed.
    private static func checkSum(_ b: UnsafeBufferPointer<UInt8>) -> Int? {
        values.withUnsafeBufferPointer { t in
            weights.withUnsafeBufferPointer { w in
                var sum = 0
                for i in 0..<min(b.count, 17) {
                    let v = Int(t[Int(b[i])])
                    if v < 0 { return nil }
                    sum &+= v &* Int(w[i])
                }
                return sum % 11
            }
        }
    }
}
