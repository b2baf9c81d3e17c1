import Foundation
import FleetCore
#if canImport(Glibc)
import Glibc
#endif

/// Reads a file in chunks as UTF-8, whatever its encoding (UTF-8 with or without BOM, or
/// GB18030 through iconv), and hashes its raw bytes (SHA-256) on another thread.
///
///     let source = try TextSource(path: "vehicles.csv", encoding: nil)
///     while let chunk = try source.nextChunk() { … }
///     source.startHash()              // optional: hash while doing something else
///     let sha = source.finishHash()
final class TextSource {
    let fileName: String
    private let handle: FileHandle
    private(set) var encoding: TextEncoding
    private var converter: GB18030Converter?
    private var utf8Check = UTF8Check()
    private var pending: [UInt8]?
    private var rawOffset = 0
    private var atStart = true
    private let hashQueue = DispatchQueue(label: "fleetreg.import.sha256")
    private var hashStarted = false
    private var digest = ""
    let chunkSize: Int

    init(path: String, encoding forced: TextEncoding?, chunkSize: Int = 1 << 20) throws(ImportFailure) {
        self.chunkSize = chunkSize
        fileName = (path as NSString).lastPathComponent
        guard let h = FileHandle(forReadingAtPath: path) else {
            throw ImportFailure(Finding(file: fileName, line: 0, column: "", value: path,
                                        reason: Reason.unreadable("no such file or not readable")))
        }
        handle = h
        let first = try Self.read(h, fileName: fileName, count: chunkSize)
        var start = 0
        if first.count >= 3, first[0] == 0xEF, first[1] == 0xBB, first[2] == 0xBF { start = 3 }
        if let forced {
            encoding = forced
        } else if start == 3 {
            encoding = .utf8
        } else {
            encoding = first.withUnsafeBufferPointer { TextEncoding.detect($0) }
        }
        if encoding == .gb18030 { converter = try GB18030Converter(fileName: fileName) }
        rawOffset = first.count
        pending = start == 0 ? first : Array(first[start...])
        if first.isEmpty { pending = nil }
    }

    private static func read(_ h: FileHandle, fileName: String, count: Int) throws(ImportFailure) -> [UInt8] {
        do {
            guard let d = try h.read(upToCount: count) else { return [] }
            return [UInt8](d)
        } catch {
            throw ImportFailure(Finding(file: fileName, line: 0, column: "", value: "",
                                        reason: Reason.unreadable("\(error)")))
        }
    }

    /// The next chunk of UTF-8 text, nil at the end of the file.
    func nextChunk() throws(ImportFailure) -> [UInt8]? {
        var raw: [UInt8]
        if let p = pending {
            raw = p
            pending = nil
        } else {
            raw = try Self.read(handle, fileName: fileName, count: chunkSize)
            rawOffset += raw.count
        }
        if raw.isEmpty {
            if let c = converter { try c.finish(offset: rawOffset) } else { try utf8Check.finish(offset: rawOffset, fileName: fileName) }
            return nil
        }
        if let c = converter { return try c.convert(raw, endOffset: rawOffset) }
        return try utf8Check.complete(raw, endOffset: rawOffset, fileName: fileName)
    }

    /// Starts hashing the whole file on another thread, reading it again through the same
    /// open file (from the page cache: it was just read). The import starts it once the rows
    /// are stored, so the hash runs beside the index rebuild, which leaves a core idle, rather
    /// than taking CPU from the two busy threads that read and store the rows (1M-row
    /// benchmark: rows phase 3.1–4.1 s when hashing while reading, 2.8–3.0 s now; the rebuild
    /// did not get measurably longer).
    func startHash() {
        guard !hashStarted else { return }
        hashStarted = true
        let fd = handle.fileDescriptor
        hashQueue.async { [self] in
            var hasher = SHA256()
            var buffer = [UInt8](repeating: 0, count: 1 << 20)
            var offset: off_t = 0
            while true {
                let n = buffer.withUnsafeMutableBytes { pread(fd, $0.baseAddress, $0.count, offset) }
                if n < 0 && errno == EINTR { continue }
                if n <= 0 { break }
                buffer.withUnsafeBufferPointer { hasher.update(buffer: UnsafeBufferPointer(rebasing: $0[..<n])) }
                offset += off_t(n)
            }
            digest = SHA256.hexString(hasher.finalize())
        }
    }

    /// The SHA-256 of the whole file's bytes (waits for the hashing thread).
    func finishHash() -> String {
        startHash()
        return hashQueue.sync { digest }
    }

    deinit { try? handle.close() }
}

/// GB18030 → UTF-8 through glibc's iconv, which is the fastest decoder measured here; glibc's
/// "GBK" fails on some sequences that Excel writes, and Foundation has no GBK on Linux.
final class GB18030Converter {
    private let cd: iconv_t
    private var carry: [UInt8] = []
    private let fileName: String

    init(fileName: String) throws(ImportFailure) {
        self.fileName = fileName
        cd = iconv_open("UTF-8", "GB18030")
        if cd == iconv_t(bitPattern: -1) {
            throw ImportFailure(Finding(file: fileName, line: 0, column: "", value: "",
                                        reason: Reason.unreadable("iconv has no GB18030")))
        }
    }

    deinit { iconv_close(cd) }

    func convert(_ chunk: [UInt8], endOffset: Int) throws(ImportFailure) -> [UInt8] {
        var input = carry + chunk
        carry = []
        let startOffset = endOffset - input.count
        var output = [UInt8](repeating: 0, count: input.count * 2 + 16)
        var failure: Int?
        let produced: Int = input.withUnsafeMutableBufferPointer { inBuf in
            output.withUnsafeMutableBufferPointer { outBuf in
                var inPtr: UnsafeMutablePointer<CChar>? = UnsafeMutableRawPointer(inBuf.baseAddress!).assumingMemoryBound(to: CChar.self)
                var inLeft = inBuf.count
                var outPtr: UnsafeMutablePointer<CChar>? = UnsafeMutableRawPointer(outBuf.baseAddress!).assumingMemoryBound(to: CChar.self)
                var outLeft = outBuf.count
                let r = iconv(cd, &inPtr, &inLeft, &outPtr, &outLeft)
                if r == -1 {
                    if errno == EINVAL {
                        carry = Array(inBuf[(inBuf.count - inLeft)...])
                    } else {
                        failure = startOffset + inBuf.count - inLeft
                    }
                }
                return outBuf.count - outLeft
            }
        }
        if let at = failure {
            throw ImportFailure(Finding(file: fileName, line: 0, column: "", value: "",
                                        reason: Reason.badEncoding(offset: at, encoding: "GB18030")))
        }
        output.removeLast(output.count - produced)
        return output
    }

    func finish(offset: Int) throws(ImportFailure) {
        if !carry.isEmpty {
            throw ImportFailure(Finding(file: fileName, line: 0, column: "", value: "",
                                        reason: Reason.badEncoding(offset: offset - carry.count, encoding: "GB18030")))
        }
    }
}

/// A whole file rejected: the first finding says where reading failed and why.
public struct ImportFailure: Error, CustomStringConvertible {
    public var findings: [Finding]
    public init(_ finding: Finding) { findings = [finding] }
    public init(findings: [Finding]) { self.findings = findings }
    public var description: String { findings.map(\.description).joined(separator: "\n") }
}
