import Foundation
import Testing
import FleetCore
@testable import FleetStore

/// The import's byte-level fast paths give exactly what the FleetCore parsers give, for every
/// input they accept (anything else goes to the parsers themselves).
@Suite struct ImportFastPathTests {
    static func withBytes<T>(_ s: String, _ body: (UnsafeBufferPointer<UInt8>) -> T) -> T {
        Array(s.utf8).withUnsafeBufferPointer(body)
    }

    static let plateSamples: [String] = {
        var out = ["豫A12345", "豫A1234挂", "豫AD12345", "豫A12345D", "豫AI2345", "豫AO2345", "豫a12345", "豫A1234a",
                   "豫A 12345", "豫Ａ12345", "豫A·12345", "京BD1234", "粤B12345F", "豫AF1234", "豫AD1234挂",
                   "豫A12345挂", "豫A123挂", "豫A1234", "豫A1234567", "X豫12345", "ABCDEFGHI", "豫豫12345",
                   "豫A1234学", "豫AZ99999", "豫A123456", "豫AK12345", "豫AD1234I", "豫A00000", "日A12345",
                   "豫A12I45", "豫A12O45挂", "豫AAAAAAA", "豫A11111D", "豫A1111DD", "", "豫", "豫A"]
        var rng = SystemRandomNumberGenerator()
        let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789abc ")
        for _ in 0..<3000 {
            let n = Int.random(in: 4...7, using: &rng)
            var s = ["豫", "京", "沪", "甲"].randomElement(using: &rng)!
            for _ in 0..<n { s.append(alphabet.randomElement(using: &rng)!) }
            if Bool.random(using: &rng) { s.append("挂") }
            out.append(s)
        }
        return out
    }()

    @Test func plateFastFormatAgreesWithParse() {
        var accepted = 0
        for s in Self.plateSamples {
            guard let format = Self.withBytes(s, { Plate.fastFormat($0) }) else { continue }
            accepted += 1
            let plate = try? Plate.parse(s)
            #expect(plate?.text == s, "\(s)")
            #expect(plate?.format == format, "\(s)")
        }
        #expect(accepted > 100)
    }

    @Test func vinFastCheckAgreesWithParse() {
        var samples = ["LZFF25M4X8D004248", "LDC613P23A1305189", "LSJA24U62JG269225", "lzff25m4x8d004248",
                       "LZFF25M4X8D00424", "LZFF25M4X8D0042488", "LZFF25M4I8D004248", "LZFF25M4Q8D004248",
                       "LZFF25M4X8D00424 ", "ＬZFF25M4X8D004248", ""]
        let alphabet = Array("ABCDEFGHJKLMNPRSTUVWXYZ0123456789IOQa")
        for _ in 0..<3000 { samples.append(String((0..<Int.random(in: 16...18)).map { _ in alphabet.randomElement()! })) }
        var accepted = 0
        for s in samples {
            guard let ok = Self.withBytes(s, { VIN.fastCheckDigitIsValid($0) }) else { continue }
            accepted += 1
            let vin = try? VIN.parse(s)
            #expect(vin?.text == s, "\(s)")
            #expect(vin?.checkDigitIsValid == ok, "\(s)")
        }
        #expect(accepted > 50)
    }

    @Test func townshipFromAddressBytesAgreesWithResolve() {
        let t = TownshipTable.xinmi
        var addresses = ["", "河南省新密市白寨镇东村", "新密市青屏街道办事处", "河南省新密市大隗杏营村", "新密市米村镇陈堂村",
                         "郑州市中原区", "新密市青屏街街道", "袁庄乡袁庄村", "矿区", "城关镇城关", "新华路街道西", "超化",
                         "河南省新密市西大街街道开阳路340号", "牛店平陌", "白寨镇刘寨镇", "abc", "岳村来集曲梁"]
        let names = t.townships.flatMap { [$0.name] + $0.aliases + ($0.shortForm.map { [$0] } ?? []) }
        for _ in 0..<2000 {
            var s = ["河南省", "新密市", "", "郑州"].randomElement()!
            for _ in 0..<Int.random(in: 0...3) {
                let n = names.randomElement()!
                s += Bool.random() ? n : String(n.dropLast())
                s += ["村", "路3号", "", "街"].randomElement()!
            }
            addresses.append(s)
        }
        for a in addresses {
            let fast = Self.withBytes(a) { t.resolve(addressBytes: $0) }
            let slow = t.resolve(declared: nil, address: a)
            #expect(fast.name == slow.name && fast.source == slow.source, "\(a)")
        }
    }

    /// Every row the vehicles fast path takes gives the values, hash and key hash of
    /// `VehiclesImport.parse`; the rows it leaves include every invalid one.
    @Test func vehiclesFastPathAgreesWithParse() throws {
        var files = ["SampleData/vehicles.csv"]
        for f in ["bad-date.csv", "bad-plate.csv", "bad-vin.csv", "duplicate-key.csv"] { files.append("SampleData/bad/" + f) }
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let kind = VehiclesImport(townships: .xinmi)
        var taken = 0, left = 0
        for file in files {
            let path = root.appendingPathComponent(file).path
            var records = try Fixtures.records(path)
            let header = records.removeFirst().1
            let (map, _) = Importer.matchHeader(header, kind: kind, file: file, line: 1)
            // Rows with edits: blanks, odd spellings, lower case, spaces.
            var rows = records.map(\.1)
            for r in records.prefix(200).map(\.1) {
                for col in 0..<r.count {
                    var e = r
                    e[col] = ["", "a", r[col].lowercased(), " " + r[col], r[col] + "挂", "0", "2020-02-30", "国六", "A,Q", "超化"][col % 10]
                    rows.append(e)
                }
            }
            var fast = kind.makeFastPath(map: map)
            for r in rows {
                var fields = RawFields()
                for f in r { Array(f.utf8).withUnsafeBufferPointer { fields.appendTrimmed($0[...]) } }
                var values = PackedValues()
                let slow = kind.parse(RowInput(fields: fields.ends.indices.map { fields.string($0) }, map: map))
                guard let packed = fast.parse(fields, first: 0, count: r.count, into: &values) else {
                    left += 1
                    continue
                }
                taken += 1
                guard case .row(let expected) = slow else {
                    Issue.record("fast path took a row parse rejects: \(r)")
                    continue
                }
                let got = ParsedBatch.sqlValues(packed, fields: fields, values: values)
                #expect(got == expected, "\(r)")
                #expect(packed.rowHash == rowHash(expected))
                #expect(packed.keyHash == rowHash([expected[0]]))
            }
        }
        #expect(taken > 100 && left > 100)
    }

    /// The UTF-8 check's fast path for three-byte characters keeps its answers: valid exactly
    /// when the standard library's validating decoder accepts the bytes.
    @Test func utf8CheckAgreesWithTheStandardLibrary() {
        let pieces: [[UInt8]] = [Array("新密市".utf8), Array("abc,".utf8), [0xE0, 0xA0, 0x80], [0xE0, 0x80, 0x80],
                                 [0xED, 0x9F, 0xBF], [0xED, 0xA0, 0x80], [0xEF, 0xBF, 0xBF], [0xE1, 0x80], [0xC2, 0xA9],
                                 [0xF0, 0x9F, 0x98, 0x80], [0xF4, 0x90, 0x80, 0x80], [0x80], [0xFF], [0xE6, 0x8C, 0x82]]
        for _ in 0..<5000 {
            var bytes: [UInt8] = []
            for _ in 0..<Int.random(in: 1...12) { bytes += pieces.randomElement()! }
            let (validUpTo, incompleteTail) = bytes.withUnsafeBufferPointer { UTF8Check.scan($0) }
            let valid = String(validating: bytes, as: UTF8.self) != nil
            #expect((validUpTo == bytes.count) == valid, "\(bytes)")
            if !valid && !incompleteTail {
                // The prefix up to the first bad byte is valid.
                #expect(String(validating: bytes[..<validUpTo], as: UTF8.self) != nil, "\(bytes)")
            }
        }
    }
}
