import Testing
@testable import FleetCore

@Suite struct CSVFormatTests {
    @Test(arguments: [
        ("豫A12345", "豫A12345"),
        ("", ""),
        ("plain text", "plain text"),
        ("a,b", "\"a,b\""),
        ("say \"hi\"", "\"say \"\"hi\"\"\""),
        ("\"", "\"\"\"\""),
        ("line1\nline2", "\"line1\nline2\""),
        ("line1\r\nline2", "\"line1\r\nline2\""),
        ("cr\r", "\"cr\r\""),
        (" leading space", " leading space"),
        ("中文，全角逗号", "中文，全角逗号"),
        ("semi;colon", "semi;colon"),
    ])
    func field(raw: String, written: String) {
        #expect(CSVFormat.field(raw) == written)
    }

    @Test func lineEndsWithCRLF() {
        #expect(CSVFormat.line(["豫A12345", "a,b"]) == "豫A12345,\"a,b\"\r\n")
        #expect(CSVFormat.line(["a", "", "c"]) == "a,,c\r\n")
        #expect(CSVFormat.line([]) == "\r\n")
        #expect(CSVFormat.line([""]) == "\r\n")
        #expect(CSVFormat.line(["x\"y", "1\n2"]) == "\"x\"\"y\",\"1\n2\"\r\n")
    }

    @Test(arguments: [
        ["豫A12345", "a,b", "q\"uote", "", "末尾"],
        ["multi\r\nline"], ["lf\nonly"], ["cr\ronly"], ["a", "b\r\nc", "d"], [""], ["\"\""],
    ])
    func lineRoundTripsThroughASimpleRFC4180Reader(fields: [String]) {
        #expect(Self.parseOneRecord(CSVFormat.line(fields)) == fields)
    }

    @Test func utf8BOM() {
        #expect(CSVFormat.utf8BOM == [0xEF, 0xBB, 0xBF])
        #expect(String(decoding: CSVFormat.utf8BOM, as: UTF8.self) == "\u{FEFF}")
    }

    /// A minimal RFC 4180 reader for one record ending in CRLF (test oracle).
    static func parseOneRecord(_ text: String) -> [String]? {
        var fields: [String] = []
        var field = ""
        var chars = Array(text)
        if chars.last == "\r\n" { chars.removeLast() }     // CRLF is one Character
        var i = 0
        var quoted = false
        while i < chars.count {
            let c = chars[i]
            if quoted {
                if c == "\"" {
                    if i + 1 < chars.count, chars[i + 1] == "\"" { field.append("\""); i += 1 } else { quoted = false }
                } else {
                    field.append(c)
                }
            } else if c == "\"" {
                quoted = true
            } else if c == "," {
                fields.append(field)
                field = ""
            } else if c.isNewline {
                return nil      // an unquoted line break ends the record early
            } else {
                field.append(c)
            }
            i += 1
        }
        fields.append(field)
        return fields
    }
}
