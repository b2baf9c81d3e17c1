import FleetCore

/// Checks that chunks of a file are UTF-8, carrying a sequence cut at a chunk's end over to
/// the next chunk. Checking once per chunk lets the CSV reader build its strings with the
/// fast, non-validating decoder (the validating initialiser cost more than the rest of the
/// reader together, measured with callgrind).
struct UTF8Check {
    private var carry: [UInt8] = []

    /// The chunk with any carried bytes in front, cut after its last complete sequence; nil
    /// with the byte offset of the first invalid byte.
    mutating func complete(_ chunk: [UInt8], endOffset: Int, fileName: String) throws(ImportFailure) -> [UInt8] {
        var bytes = carry.isEmpty ? chunk : carry + chunk
        carry = []
        let start = endOffset - bytes.count
        let (validUpTo, incompleteTail) = bytes.withUnsafeBufferPointer { UTF8Check.scan($0) }
        if validUpTo < bytes.count && !incompleteTail {
            throw ImportFailure(Finding(file: fileName, line: 0, column: "", value: "",
                                        reason: Reason.badEncoding(offset: start + validUpTo, encoding: "UTF-8")))
        }
        if validUpTo < bytes.count {
            carry = Array(bytes[validUpTo...])
            bytes.removeLast(bytes.count - validUpTo)
        }
        return bytes
    }

    func finish(offset: Int, fileName: String) throws(ImportFailure) {
        if !carry.isEmpty {
            throw ImportFailure(Finding(file: fileName, line: 0, column: "", value: "",
                                        reason: Reason.badEncoding(offset: offset - carry.count, encoding: "UTF-8")))
        }
    }

    /// How many bytes form complete valid sequences, and whether what follows is only a
    /// sequence cut by the end of the buffer.
    static func scan(_ b: UnsafeBufferPointer<UInt8>) -> (Int, Bool) {
        let n = b.count
        var i = 0
        while i < n {
            // ASCII fast path, eight bytes at a time.
            while i + 8 <= n {
                let word = UnsafeRawPointer(b.baseAddress! + i).loadUnaligned(as: UInt64.self)
                if word & 0x8080_8080_8080_8080 != 0 { break }
                i += 8
            }
            guard i < n else { break }
            let c = b[i]
            if c < 0x80 { i += 1; continue }
            // Three-byte characters other than E0 and ED (which have extra rules): most of
            // the Chinese text, checked without the general path's loop (−40 % of this scan).
            if c >= 0xE1 && c <= 0xEF && c != 0xED && i + 3 <= n
                && b[i + 1] & 0xC0 == 0x80 && b[i + 2] & 0xC0 == 0x80 {
                i += 3
                continue
            }
            let len: Int
            if c >= 0xC2 && c <= 0xDF { len = 2 }
            else if c >= 0xE0 && c <= 0xEF { len = 3 }
            else if c >= 0xF0 && c <= 0xF4 { len = 4 }
            else { return (i, false) }
            if i + len > n {
                for j in (i + 1)..<n where b[j] & 0xC0 != 0x80 { return (i, false) }
                return (i, true)
            }
            for j in 1..<len where b[i + j] & 0xC0 != 0x80 { return (i, false) }
            // Overlongs and surrogates.
            if c == 0xE0 && b[i + 1] < 0xA0 { return (i, false) }
            if c == 0xED && b[i + 1] > 0x9F { return (i, false) }
            if c == 0xF0 && b[i + 1] < 0x90 { return (i, false) }
            if c == 0xF4 && b[i + 1] > 0x8F { return (i, false) }
            i += len
        }
        return (n, false)
    }
}
