import Testing
import GRDB
@testable import FleetStore

/// The integer keys of a screening run: byte order, and the table that finds them.
@Suite struct PlateKeyTests {
    static func texts() -> [[UInt8]] {
        var g = SystemRandomNumberGenerator()
        let plates = ["豫A12345", "豫A1234挂", "豫AD12345", "京AF0236", "鲁A12345", "", "A", "豫", "BENCH000001"].map { Array($0.utf8) }
        let random = (0..<2_000).map { _ in (0..<Int.random(in: 0...30, using: &g)).map { _ in UInt8.random(in: 1...255, using: &g) } }
        // Texts sharing long prefixes, to reach the third word and the long tail.
        let shared = (0..<200).map { i in Array(repeating: UInt8(65), count: 20 + i % 10) + [UInt8(i % 7 + 1)] }
        return plates + random + shared
    }

    @Test func keysSortAsTheBytes() {
        let t = Self.texts()
        for _ in 0..<20_000 {
            let x = t.randomElement()!, y = t.randomElement()!
            #expect((PlateKey(bytes: x) < PlateKey(bytes: y)) == x.lexicographicallyPrecedes(y), "\(x) \(y)")
            #expect((PlateKey(bytes: x) == PlateKey(bytes: y)) == (x == y))
        }
        #expect(PlateKey("豫A12345") == PlateKey(bytes: Array("豫A12345".utf8)))
    }

    @Test func tableFindsWhatADictionaryFinds() {
        var table = KeyTable(capacity: 4)
        var dict: [[UInt8]: Int32] = [:]
        for (i, x) in Self.texts().enumerated() {
            table[PlateKey(bytes: x)] = Int32(i)
            dict[x] = Int32(i)
        }
        #expect(table.count == dict.count)
        for x in Self.texts() + [[1, 2, 3], Array("豫Z99999".utf8)] {
            #expect(table[PlateKey(bytes: x)] == dict[x])
        }
    }

    /// The text comes back from the key (texts hold no zero byte), and `forEach` visits every
    /// key, short or long, once.
    @Test func keysGiveTheirTextBackAndTheTableItsKeys() {
        let texts = Array(Set(Self.texts().map { $0.map { $0 == 0 ? 1 : $0 } }))
        var table = KeyTable(capacity: 4)
        for (i, x) in texts.enumerated() {
            #expect(Array(PlateKey(bytes: x).text.utf8) == Array(String(decoding: x, as: UTF8.self).utf8))
            table[PlateKey(bytes: x)] = Int32(i)
        }
        var seen: [Int32: PlateKey] = [:]
        table.forEach { key, value in seen[value] = key }
        #expect(seen.count == texts.count)
        #expect(texts.indices.allSatisfy { seen[Int32($0)] == PlateKey(bytes: texts[$0]) })
    }

    /// A memo gives what its decoder gives for every text, short or long, however many
    /// distinct texts share its direct-mapped cache, and for NULL.
    @Test func aMemoDecodesAsItsDecoder() throws {
        var g = SystemRandomNumberGenerator()
        let alphabet = Array("ABCDEFGH0123456789豫挂".utf8)
        var texts = (0..<3_000).map { _ in String(decoding: (0..<Int.random(in: 0...24, using: &g)).map { _ in alphabet.randomElement(using: &g)! }, as: UTF8.self) }
        texts += ["", "H11", "H11 ", "国V", String(repeating: "7", count: 16), String(repeating: "7", count: 17)]
        let db = try DatabaseQueue()
        try db.write { db in
            try db.execute(sql: "CREATE TABLE t (id INTEGER PRIMARY KEY, v TEXT)")
            for _ in 0..<3 { for x in texts.shuffled(using: &g) { try db.execute(sql: "INSERT INTO t (v) VALUES (?)", arguments: [x]) } }
            try db.execute(sql: "INSERT INTO t (v) VALUES (NULL)")
        }
        let memo = ColumnMemo<String> { "<" + ($0 ?? "NULL") + ">" }
        var checked = 0
        try db.read { db in
            let r = try RawStatement(db, "SELECT v FROM t ORDER BY id")
            while try r.next(db) {
                #expect(memo.value(r, 0) == "<" + (r.text(0) ?? "NULL") + ">")
                checked += 1
            }
        }
        #expect(checked == 3 * texts.count + 1)
    }
}
