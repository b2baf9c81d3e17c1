import FleetCore

/// A streaming RFC 4180 reader over UTF-8 chunks, working on bytes: quoted fields with `""`
/// escapes and line breaks, LF or CRLF (or lone CR) line endings, values trimmed.
///
///     let reader = CSVReader(source: source)
///     var fields: [String] = []
///     while let line = try reader.next(into: &fields) { … }   // line = where the record starts
///
/// Memory stays at about two chunks whatever the file size.
final class CSVReader {
    private var scanner: CSVScanner
    private var scratchFields = RawFields()

    init(source: TextSource) { scanner = CSVScanner(source: source) }

    /// Reads the next record into `fields`; returns the line where it starts, nil at the end.
    func next(into fields: inout [String]) throws(ImportFailure) -> Int? {
        scratchFields.count = 0
        scratchFields.ends.removeAll(keepingCapacity: true)
        fields.removeAll(keepingCapacity: true)
        guard let line = try scanner.next(appendingTo: &scratchFields) else { return nil }
        for i in scratchFields.ends.indices { fields.append(scratchFields.string(i)) }
        return line
    }

    /// Runs `body` with the reader's state as a value: the import's reading thread reads every
    /// record through it, so the state is not a class's properties, whose every access Swift
    /// checks for exclusivity at run time (that checking was 3 k instructions a row).
    func withScanner<T>(_ body: (inout CSVScanner) throws -> T) rethrows -> T { try body(&scanner) }
}

/// The state and the parsing of `CSVReader`.
struct CSVScanner {
    private let source: TextSource
    private var buf: [UInt8] = []
    private var pos = 0
    private var eof = false
    /// The physical line (1-based) at `pos`.
    private var line = 1
    private var scratch: [UInt8] = []

    init(source: TextSource) { self.source = source }

    private enum Step { case record(end: Int, lines: Int), needMore, endOfInput }

    /// Reads the next record, appending its fields to `out` (no `String` is made: the import's
    /// hot loop validates bytes); returns the line where it starts, nil at the end.
    mutating func next(appendingTo out: inout RawFields) throws(ImportFailure) -> Int? {
        let bytesBefore = out.count, fieldsBefore = out.ends.count
        while true {
            let step = try parse(into: &out)
            switch step {
            case .record(let end, let lines):
                let start = line
                pos = end
                line += lines
                return start
            case .endOfInput:
                return nil
            case .needMore:
                // Drop what this attempt appended; the record is parsed again with more bytes.
                out.count = bytesBefore
                out.ends.removeLast(out.ends.count - fieldsBefore)
                guard let chunk = try source.nextChunk() else {
                    eof = true
                    continue
                }
                if pos > 0 { buf.removeFirst(pos); pos = 0 }
                buf.append(contentsOf: chunk)
            }
        }
    }

    private func fail(_ reason: Message, line: Int) -> ImportFailure {
        ImportFailure(Finding(file: source.fileName, line: line, column: "", value: "", reason: reason))
    }

    /// The high bit of each byte of `w` (little-endian: first byte lowest) that is a comma, LF
    /// or CR, and perhaps of bytes after the first such byte (a borrow); the lowest set bit is
    /// exact, which is all the scan uses.
    @inline(__always) static func delimiters(_ w: UInt64) -> UInt64 {
        let ones: UInt64 = 0x0101_0101_0101_0101
        let comma = w ^ (ones &* 0x2C), lf = w ^ (ones &* 0x0A), cr = w ^ (ones &* 0x0D)
        return ((comma &- ones) & ~comma | (lf &- ones) & ~lf | (cr &- ones) & ~cr) & 0x8080_8080_8080_8080
    }

    private mutating func parse(into out: inout RawFields) throws(ImportFailure) -> Step {
        let n = buf.count
        if pos >= n { return eof ? .endOfInput : .needMore }
        return try buf.withUnsafeBufferPointer { (b: UnsafeBufferPointer<UInt8>) throws(ImportFailure) -> Step in
            var i = pos
            var lines = 0
            while true {
                // One field.
                if i < n && b[i] == 0x22 {                                   // quoted
                    let quoteLine = line + lines
                    scratch.removeAll(keepingCapacity: true)
                    i += 1
                    while true {
                        if i >= n {
                            if eof { throw fail(Reason.unterminatedQuote, line: quoteLine) }
                            return .needMore
                        }
                        let c = b[i]
                        if c == 0x22 {
                            if i + 1 >= n && !eof { return .needMore }
                            if i + 1 < n && b[i + 1] == 0x22 { scratch.append(0x22); i += 2; continue }
                            i += 1
                            break
                        }
                        if c == 0x0A { lines += 1 }
                        else if c == 0x0D && !(i + 1 < n && b[i + 1] == 0x0A) {
                            if i + 1 >= n && !eof { return .needMore }
                            lines += 1
                        }
                        scratch.append(c)
                        i += 1
                    }
                    // Text after the closing quote, up to the delimiter, is kept (lenient).
                    while i < n && b[i] != 0x2C && b[i] != 0x0A && b[i] != 0x0D { scratch.append(b[i]); i += 1 }
                    if i >= n && !eof { return .needMore }
                    scratch.withUnsafeBufferPointer { out.appendTrimmed($0[...]) }
                } else {
                    let start = i
                    // Eight bytes at a time to the first comma, LF or CR, then byte by byte for
                    // the last few (the byte loop was a third of this function's samples).
                    while i + 8 <= n {
                        let m = Self.delimiters(UnsafeRawPointer(b.baseAddress! + i).loadUnaligned(as: UInt64.self))
                        if m != 0 { i += m.trailingZeroBitCount >> 3; break }
                        i += 8
                    }
                    while i < n && b[i] != 0x2C && b[i] != 0x0A && b[i] != 0x0D { i += 1 }
                    if i >= n && !eof { return .needMore }
                    out.appendTrimmed(b[start..<i])
                }
                // The delimiter.
                if i >= n { return .record(end: i, lines: lines) }
                let d = b[i]
                if d == 0x2C { i += 1; continue }
                if d == 0x0D {
                    if i + 1 >= n && !eof { return .needMore }
                    if i + 1 < n && b[i + 1] == 0x0A { i += 1 }
                }
                return .record(end: i + 1, lines: lines + 1)
            }
        }
    }

}

/// Fields of CSV records as bytes: each field's text (unquoted and trimmed) written to
/// `bytes[..<count]`, its end offset appended to `ends` (a field starts where the previous one
/// ends). `bytes` is kept larger than `count` and written through a pointer: appending a
/// field with `Array.append(contentsOf:)` was 2 k instructions a row.
///
/// The import's batches keep a few hundred records in one of these instead of a `String` per
/// field: the strings, and freeing them on the other thread, were a large part of the cost.
struct RawFields {
    private(set) var bytes: [UInt8]
    /// How many of `bytes` are in use.
    var count = 0 {
        didSet { precondition(count <= bytes.count) }
    }
    var ends: [Int] = []

    init(capacity: Int = 4096) {
        bytes = [UInt8](repeating: 0, count: capacity)
    }

    /// The byte range of field `i` (fields are contiguous).
    @inline(__always)
    func range(_ i: Int) -> Range<Int> { (i == 0 ? 0 : ends[i - 1])..<ends[i] }

    /// Field `i` as a `String` (the text source has already checked the bytes).
    func string(_ i: Int) -> String {
        let r = range(i)
        if r.isEmpty { return "" }
        return bytes.withUnsafeBufferPointer { String(decoding: UnsafeBufferPointer(rebasing: $0[r]), as: UTF8.self) }
    }

    /// Appends the field text with leading and trailing spaces, tabs and ideographic spaces
    /// removed (what `trimmingSpaces` removes, but CR and LF, which are kept inside quotes).
    @inline(__always)
    mutating func appendTrimmed(_ field: Slice<UnsafeBufferPointer<UInt8>>) {
        var lo = field.startIndex, hi = field.endIndex
        let base = field.base
        while lo < hi {
            let c = base[lo]
            if c == 0x20 || c == 0x09 { lo += 1 }
            else if c == 0xE3 && hi - lo >= 3 && base[lo + 1] == 0x80 && base[lo + 2] == 0x80 { lo += 3 }
            else { break }
        }
        while hi > lo {
            let c = base[hi - 1]
            if c == 0x20 || c == 0x09 { hi -= 1 }
            else if c == 0x80 && hi - lo >= 3 && base[hi - 2] == 0x80 && base[hi - 3] == 0xE3 { hi -= 3 }
            else { break }
        }
        let n = hi - lo
        if n > 0 {
            // 16 bytes to spare past the text, for the short fields' two-word copy.
            if count + n + 16 > bytes.count { bytes += [UInt8](repeating: 0, count: max(bytes.count, n + 16)) }
            let at = count
            bytes.withUnsafeMutableBufferPointer { dst in
                let from = UnsafeRawPointer(base.baseAddress! + lo), to = UnsafeMutableRawPointer(dst.baseAddress! + at)
                if n <= 16 && base.count - lo >= 16 {
                    // Two words, whatever the length: the bytes past the text are overwritten
                    // by the next field (or never read).
                    to.storeBytes(of: from.loadUnaligned(as: UInt64.self), as: UInt64.self)
                    (to + 8).storeBytes(of: from.loadUnaligned(fromByteOffset: 8, as: UInt64.self), as: UInt64.self)
                } else {
                    to.copyMemory(from: from, byteCount: n)
                }
            }
            count += n
        }
        ends.append(count)
    }
}
