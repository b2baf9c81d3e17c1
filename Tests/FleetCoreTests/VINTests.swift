import Testing
@testable import FleetCore

@Suite struct VINTests {
    @Test(arguments: [
        "LZFF25M4X8D004248", "LDC613P23A1305189", "LSJA24U62JG269225", "LTA1278U35X132040",
        "1M8GDM9AXKP042788",  // the classic ISO 3779 example
    ])
    func validCheckDigits(text: String) throws {
        let vin = try VIN.parse(text)
        #expect(vin.text == text)
        #expect(vin.checkDigitIsValid)
        #expect(vin.expectedCheckDigit == Array(text)[8])
    }

    /// A VIN holds its characters inline: the same text from any path is the same value.
    @Test func theSameTextIsTheSameVIN() throws {
        let a = try VIN.parse("LZFF25M4X8D004248")
        var bytes = Array("LZFF25M4X8D004248".utf8)
        let b = try bytes.withUnsafeMutableBufferPointer { try VIN.parse(utf8: UnsafeBufferPointer($0)) }
        let c = try VIN.parse(" lzff25m4x8d004248 " as Substring)
        #expect(a == b && b == c && Set([a, b, c]).count == 1)
        #expect(b.text == "LZFF25M4X8D004248" && c.description == "LZFF25M4X8D004248")
        let other = try VIN.parse("LZFF25M4X8D004249")     // the last character differs
        #expect(other != a && other.text == "LZFF25M4X8D004249")
        #expect(try VIN.parse("LZFF25M4X8D00424Z").text.last == "Z")
    }

    @Test func checkDigitXIsComputed() throws {
        #expect(try VIN.parse("LZFF25M4X8D004248").expectedCheckDigit == "X")
    }

    @Test(arguments: [
        ("LZFF25M408D004248", Character("X")),   // X replaced by 0
        ("LDC613P21A1305189", "3"),
        ("LSJA24U6XJG269225", "2"),
        ("LTA1278U35X132041", "5"),              // last character changed changes the expected digit
        ("LTA1278U35X132049", "X"),
    ])
    func wrongCheckDigitParsesButIsFlagged(text: String, expected: Character) throws {
        let vin = try VIN.parse(text)
        #expect(!vin.checkDigitIsValid)
        #expect(vin.expectedCheckDigit == expected)
    }

    @Test func normalisesLikePlates() throws {
        #expect(try VIN.parse("lzff25m4x8d004248").text == "LZFF25M4X8D004248")
        #expect(try VIN.parse(" LZFF 25M4 X8D0 04248 ").text == "LZFF25M4X8D004248")
        #expect(try VIN.parse("ＬＺＦＦ２５Ｍ４Ｘ８Ｄ００４２４８").text == "LZFF25M4X8D004248")
        #expect(try VIN.parse("lzff25m4x8d004248").checkDigitIsValid)
    }

    @Test(arguments: [
        ("LZFF25M4X8D00424I", Character("I")),
        ("LZFF25M4X8D00424O", "O"),
        ("LZFF25M4X8D00424Q", "Q"),
        ("LZFF25M4X8D00424-", "-"),
        ("LZFF25M4X8D0042四8", "四"),
    ])
    func badCharacters(text: String, bad: Character) {
        #expect(throws: VIN.Problem.badCharacter(bad)) { try VIN.parse(text) }
    }

    @Test(arguments: [
        ("", 0), ("LZFF", 4), ("LZFF25M4X8D00424", 16), ("LZFF25M4X8D0042481", 18),
    ])
    func wrongLength(text: String, length: Int) {
        #expect(throws: VIN.Problem.wrongLength(length)) { try VIN.parse(text) }
    }

    @Test func expectedCheckDigitIgnoresPositionNine() throws {
        // Weight 0 at position 9: every check character gives the same expected digit.
        let a = try VIN.parse("LDC613P20A1305189")
        let b = try VIN.parse("LDC613P2XA1305189")
        #expect(a.expectedCheckDigit == "3")
        #expect(b.expectedCheckDigit == "3")
    }
}
