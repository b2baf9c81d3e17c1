@preconcurrency import Crypto

/// SHA-256 (FIPS 180-4), for batch provenance, the policy hash and the decision log.
///
/// A thin face over swift-crypto's `SHA256` (BoringSSL, which uses the CPU's SHA extensions).
/// Until session 3 this was written here in Swift to spare the cold build BoringSSL; measured
/// on the 1M-row import it was then the largest single cost left (1.1 s of CPU for the 140 MB
/// file, 7 % of the import's samples), against about 0.1 s now — worth the extra minute of CI.
/// Tested against the NIST vectors.
///
///     SHA256.hex(of: Array("abc".utf8))   // "ba7816bf…"
public struct SHA256: Sendable {
    private var hasher = Crypto.SHA256()

    public init() {}

    public mutating func update<C: Collection>(_ bytes: C) where C.Element == UInt8 {
        if let done: Void = bytes.withContiguousStorageIfAvailable({ update(buffer: $0) }) { return done }
        update(Array(bytes))
    }

    public mutating func update(buffer input: UnsafeBufferPointer<UInt8>) {
        hasher.update(bufferPointer: UnsafeRawBufferPointer(input))
    }

    /// The digest (32 bytes).
    public mutating func finalize() -> [UInt8] { Array(hasher.finalize()) }

    /// The hex digest of `bytes`.
    public static func hex(of bytes: [UInt8]) -> String {
        var h = SHA256()
        h.update(bytes)
        return hexString(h.finalize())
    }

    /// Bytes as lower-case hex.
    public static func hexString(_ digest: [UInt8]) -> String {
        let digits = Array("0123456789abcdef".utf8)
        var out = [UInt8]()
        out.reserveCapacity(digest.count * 2)
        for b in digest {
            out.append(digits[Int(b >> 4)])
            out.append(digits[Int(b & 15)])
        }
        return String(decoding: out, as: UTF8.self)
    }
}
