import Testing
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
}
