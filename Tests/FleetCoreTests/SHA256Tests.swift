import Testing
@testable import FleetCore

@Suite struct SHA256Tests {
    @Test(arguments: [
        ("", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"),
        ("abc", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"),
        ("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq",
         "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1"),
        ("abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmnhijklmnoijklmnopjklmnopqklmnopqrlmnopqrsmnopqrstnopqrstu",
         "cf5b16a778af8380036ce59e7b0492370b249b11e8f07a51afac45037afee9d1"),
        ("豫A12345", "a2ca8f7bf7450c8a26a1336d6055c03345f5d80ac0b1e271aa67b37492e5150d"),
    ])
    func knownVectors(message: String, digest: String) {
        #expect(SHA256.hex(of: Array(message.utf8)) == digest)
    }

    @Test func oneMillionA() {
        let bytes = [UInt8](repeating: UInt8(ascii: "a"), count: 1_000_000)
        #expect(SHA256.hex(of: bytes) == "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0")
    }

    @Test func oneMillionAInChunksOfOneThousand() {
        var h = SHA256()
        let chunk = [UInt8](repeating: UInt8(ascii: "a"), count: 1000)
        for _ in 0..<1000 { h.update(chunk) }
        #expect(SHA256.hexString(h.finalize()) == "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0")
    }

    static func pattern(_ n: Int) -> [UInt8] { (0..<n).map { UInt8(($0 * 7 + 3) % 256) } }

    /// Lengths around the padding boundaries (55/56 bytes mod 64) and block boundaries.
    @Test(arguments: [
        (55, "e7313d333c272e639f790978283f9eb392e843d0f29b7016828bb1daa4aac70b"),
        (56, "4324d65f3c103567f5589c710bc08f8523f929a9272e3af36fc968e52abc6c27"),
        (57, "35df609437dcfea3279283ab79fd554e2bf78f8f7ae2de532d8ee300b09e8f73"),
        (63, "81c80242132f230c3bd41b3e63bbcff16107339549214a99614ff26664625055"),
        (64, "39e3d7b6b5d075d37d053ad89b24b41bef4f3c29760c84447cab3f3be1882241"),
        (65, "aacca6ff74fdbb296d165a45cecfa04e5127bc008770fbbdd48006f2d2fae95e"),
        (119, "9ce7368e4daf32341631b492e80359dc9f594b48453cd0dd5bf0b19279cc177e"),
        (120, "7836b787757e95e58b3ca5aec90b1b004e8deba1e50e9675af9cabf1a13a04b5"),
        (127, "a8d23e75d936f303d248888d9b165ee543f4cbafcad3c9dd2a79bd84faa11d07"),
        (128, "d2742f1f4ac6bb7ca2b239ee18402ba8b3f9f8e652d2a72973c2b9ba11c08cf6"),
    ])
    func paddingBoundaries(length: Int, digest: String) {
        #expect(SHA256.hex(of: Self.pattern(length)) == digest)
    }

    @Test(arguments: [[1], [3, 5, 7], [63, 1, 64], [65, 130], [7, 11, 13, 17, 19, 23, 29, 31], [0, 1, 0, 62, 0],
                      [127, 0, 129], [1000]])
    func chunkedUpdatesEqualOneUpdate(chunkSizes: [Int]) {
        let data = Self.pattern(1000)
        var one = SHA256()
        one.update(data)
        let expected = one.finalize()

        var chunked = SHA256()
        var i = 0
        var k = 0
        while i < data.count {
            let n = min(chunkSizes[k % chunkSizes.count], data.count - i)
            chunked.update(data[i..<(i + n)])
            i += n
            k += 1
        }
        #expect(chunked.finalize() == expected)
        #expect(SHA256.hexString(expected) == SHA256.hex(of: data))
    }

    @Test func nonContiguousCollectionsAreHashedToo() {
        let bytes = Array("abc".utf8)
        var h = SHA256()
        h.update(bytes.lazy.map { $0 })               // not contiguous
        #expect(SHA256.hexString(h.finalize()) == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        var g = SHA256()
        g.update("abc".utf8)
        #expect(SHA256.hexString(g.finalize()) == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
    }

    @Test func emptyUpdatesChangeNothing() {
        var h = SHA256()
        h.update([UInt8]())
        h.update(Array("abc".utf8))
        h.update([UInt8]())
        #expect(SHA256.hexString(h.finalize()) == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
    }

    @Test func digestIs32BytesAndHexIsLowercase() {
        var h = SHA256()
        h.update([0xFF])
        let d = h.finalize()
        #expect(d.count == 32)
        #expect(SHA256.hexString([0x00, 0x0F, 0xA0, 0xFF]) == "000fa0ff")
        #expect(SHA256.hexString([]) == "")
    }
}
