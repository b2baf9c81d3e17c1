import Foundation
import Testing
import FleetCore
@testable import FleetStore

@Suite struct CSVReaderTests {
    @Test func quotedFieldsEscapesAndLineBreaks() throws {
        let path = Fixtures.file("a,b,c\r\n\"x, y\",\"say \"\"hi\"\"\",\"two\nlines\"\r\nlast,,  spaced  \n")
        let r = try Fixtures.records(path)
        #expect(r.count == 3)
        #expect(r[0].0 == 1 && r[0].1 == ["a", "b", "c"])
        #expect(r[1].0 == 2 && r[1].1 == ["x, y", "say \"hi\"", "two\nlines"])
        #expect(r[2].0 == 4 && r[2].1 == ["last", "", "spaced"])
    }

    @Test func bomIsStrippedAndIdeographicSpacesTrimmed() throws {
        let path = Fixtures.file([0xEF, 0xBB, 0xBF] + Array("号牌号码\n\u{3000}豫A12345\u{3000}\n".utf8))
        let r = try Fixtures.records(path)
        #expect(r.map(\.1) == [["号牌号码"], ["豫A12345"]])
    }

    @Test func loneCRAndMissingFinalNewline() throws {
        let r = try Fixtures.records(Fixtures.file("a\rb\r\nc"))
        #expect(r.map(\.1) == [["a"], ["b"], ["c"]])
        #expect(r.map(\.0) == [1, 2, 3])
    }

    @Test(arguments: [1, 2, 3, 5, 7, 64])
    func chunkBoundariesDoNotChangeRecords(chunk: Int) throws {
        let text = Fixtures.header + "\r\n" + Fixtures.rowA + "\r\n\"豫AC5678\",\"a \"\"q\"\" b\",\"multi\r\nline\"\r\n" + Fixtures.rowC + "\r\n"
        let path = Fixtures.file(text)
        let big = try Fixtures.records(path)
        let small = try Fixtures.records(path, chunkSize: chunk)
        #expect(big.map(\.0) == small.map(\.0))
        #expect(big.map(\.1) == small.map(\.1))
    }

    @Test func unterminatedQuoteNamesItsLine() throws {
        let path = Fixtures.file("a,b\n1,2\n3,\"open\n4,5\n")
        #expect(throws: ImportFailure.self) { try Fixtures.records(path) }
        do { _ = try Fixtures.records(path) } catch let e as ImportFailure {
            #expect(e.findings.first?.line == 3)
            #expect(e.findings.first?.reason.code == "UNTERMINATED_QUOTE")
        }
    }
}

@Suite struct TextSourceTests {
    /// 号牌号码,所有人 / 豫A12345,王建国 in GB18030.
    static let gbBytes: [UInt8] = [
        0xBA, 0xC5, 0xC5, 0xC6, 0xBA, 0xC5, 0xC2, 0xEB, 0x2C, 0xCB, 0xF9, 0xD3, 0xD0, 0xC8, 0xCB, 0x0D, 0x0A,
        0xD4, 0xA5, 0x41, 0x31, 0x32, 0x33, 0x34, 0x35, 0x2C, 0xCD, 0xF5, 0xBD, 0xA8, 0xB9, 0xFA, 0x0D, 0x0A,
    ]

    @Test(arguments: [1, 3, 1 << 20])
    func gb18030IsDetectedAndDecoded(chunk: Int) throws {
        let path = Fixtures.file(Self.gbBytes)
        let source = try TextSource(path: path, encoding: nil, chunkSize: max(chunk, 16))
        #expect(source.encoding == .gb18030)
        let r = try Fixtures.records(path, chunkSize: chunk)
        #expect(r.map(\.1) == [["号牌号码", "所有人"], ["豫A12345", "王建国"]])
    }

    @Test func utf8IsDetectedAndForcedEncodingWins() throws {
        let path = Fixtures.file("号牌号码\n豫A12345\n")
        #expect(try TextSource(path: path, encoding: nil).encoding == .utf8)
        #expect(try TextSource(path: path, encoding: .gb18030).encoding == .gb18030)
    }

    @Test func invalidBytesAreRejectedWithOffset() throws {
        let path = Fixtures.file(Array("a,b\n".utf8) + [0xFF, 0xFF, 0x0A])
        do {
            _ = try Fixtures.records(path)
            Issue.record("expected a failure")
        } catch let e as ImportFailure {
            #expect(e.findings.first?.reason.code == "BAD_ENCODING")
            #expect(e.findings.first?.reason.en.contains("offset 4") == true)
        }
    }

    @Test func hashIsSHA256OfTheRawBytes() throws {
        let bytes = Array(String(repeating: Fixtures.rowA + "\r\n", count: 300).utf8)
        let path = Fixtures.file(bytes)
        let source = try TextSource(path: path, encoding: nil, chunkSize: 1000)
        while try source.nextChunk() != nil {}
        #expect(source.finishHash() == SHA256.hex(of: bytes))
    }
}
