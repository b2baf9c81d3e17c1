import Foundation

/// A stored state (`ScreeningState.encoded()`) read where it lies, in its mapped file: an
/// incremental run looks up only the previous results of the plates it screened again, a few
/// hundred binary searches, where decoding the whole base copied 24 MB at 1M plates (0.02 s
/// of a 0.1 s run). `decoded()` gives the whole state when a run needs it.
struct MappedState {
    private let data: Data
    let count: Int
    private let townships: [String]
    /// Byte offsets of the arrays in `data` (from its first byte), and the plate bytes' count.
    private let plateBytes, plateEnds, township, usage, flags, bits, until: Int
    private let plateByteCount: Int

    /// Reads the arrays' places; nil when the bytes are not a stored state (as `decoded()`
    /// would find: a wrong magic, counts that differ or overrun, a township out of range).
    init?(_ data: Data) {
        self.data = data
        guard data.count >= 16, data.prefix(8).elementsEqual(ScreeningState.magic) else { return nil }
        let strides = [1, 1, 4, 2, 1, 2, 1, 4]       // names, plate bytes, ends, township, usage, flags, bits, until
        var offsets: [Int] = [], counts: [Int] = []
        let ok = data.withUnsafeBytes { raw -> Bool in
            var at = 8
            for stride in strides {
                guard raw.count - at >= 8 else { return false }
                let n = UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: at, as: UInt64.self))
                at += 8
                guard n <= UInt64(raw.count), raw.count - at >= Int(n) * stride else { return false }
                offsets.append(at); counts.append(Int(n))
                at += Int(n) * stride
            }
            return true
        }
        guard ok, counts[3...].allSatisfy({ $0 == counts[2] }) else { return nil }
        let names = data.withUnsafeBytes { String(decoding: UnsafeRawBufferPointer(rebasing: $0[offsets[0]..<(offsets[0] + counts[0])]), as: UTF8.self) }
        townships = counts[0] == 0 ? [] : names.components(separatedBy: "\n")
        count = counts[2]
        plateBytes = offsets[1]; plateByteCount = counts[1]; plateEnds = offsets[2]; township = offsets[3]; usage = offsets[4]
        flags = offsets[5]; bits = offsets[6]; until = offsets[7]
        // Every township number in range: checked a chunk at a time, copied to aligned memory
        // (read one by one where they lie, 0.002 s at 1M plates).
        let n = count, at = township
        var chunk = [UInt16](repeating: 0, count: 1 << 16)
        var largest: UInt16 = 0
        data.withUnsafeBytes { raw in
            var i = 0
            while i < n {
                let m = min(chunk.count, n - i)
                chunk.withUnsafeMutableBytes { $0.copyMemory(from: UnsafeRawBufferPointer(rebasing: raw[(at + 2 * i)..<(at + 2 * (i + m))])) }
                largest = max(largest, chunk[..<m].max() ?? 0)
                i += m
            }
        }
        guard n == 0 || Int(largest) < townships.count else { return nil }
    }

    /// The whole state, in arrays.
    func decoded() -> ScreeningState {
        data.withUnsafeBytes { raw in
            func array<T>(_ at: Int, _ n: Int, _: T.Type) -> [T] {
                [T](unsafeUninitializedCapacity: n) { buf, initialized in
                    UnsafeMutableRawBufferPointer(buf).copyMemory(from: UnsafeRawBufferPointer(rebasing: raw[at..<(at + n * MemoryLayout<T>.stride)]))
                    initialized = n
                }
            }
            return ScreeningState(plateBytes: array(plateBytes, plateByteCount, UInt8.self), plateEnds: array(plateEnds, count, UInt32.self),
                                  townships: townships, township: array(township, count, UInt16.self), usage: array(usage, count, UInt8.self),
                                  flags: array(flags, count, UInt16.self), bits: array(bits, count, UInt8.self),
                                  until: array(until, count, Int32.self))
        }
    }

    /// The index of the plate with these bytes, nil when the state has none.
    func index(ofPlate plate: UnsafeRawBufferPointer) -> Int? {
        data.withUnsafeBytes { raw -> Int? in
            func end(_ i: Int) -> Int { min(plateByteCount, Int(raw.loadUnaligned(fromByteOffset: plateEnds + 4 * i, as: UInt32.self))) }
            func order(_ i: Int) -> Int {
                let a0 = i == 0 ? 0 : end(i - 1), a1 = max(a0, end(i))
                let n = min(a1 - a0, plate.count)
                let c = n == 0 ? 0 : Int(memcmp(raw.baseAddress! + plateBytes + a0, plate.baseAddress!, n))
                return c != 0 ? c : (a1 - a0) - plate.count
            }
            var lo = 0, hi = count
            while lo < hi {
                let mid = (lo + hi) / 2
                if order(mid) < 0 { lo = mid + 1 } else { hi = mid }
            }
            return lo < count && order(lo) == 0 ? lo : nil
        }
    }

    /// Entry `i`'s township name and columns.
    func entry(_ i: Int) -> (township: String, usage: UInt8, flags: UInt16, bits: UInt8, until: Int32) {
        data.withUnsafeBytes { raw in
            (townships[Int(raw.loadUnaligned(fromByteOffset: township + 2 * i, as: UInt16.self))],
             raw[usage + i], raw.loadUnaligned(fromByteOffset: flags + 2 * i, as: UInt16.self), raw[bits + i],
             raw.loadUnaligned(fromByteOffset: until + 4 * i, as: Int32.self))
        }
    }
}
