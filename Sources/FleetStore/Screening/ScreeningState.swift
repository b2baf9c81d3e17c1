import Foundation
import FleetCore

/// The whole result of one run: every registered plate and the plates from elsewhere that
/// are flagged or may be later (`keeps`), in plate order (the bytes' order, as SQLite sorts text), with its usage, flags, list
/// membership, township and the day until which the result holds by time alone
/// (`Screener.stableUntil`). A later run compares with it (what changed) and, when it may,
/// builds on it (screening only the plates whose facts or time changed).
///
/// Packed in flat arrays and kept in a file (`StoredState`): a million plates take about
/// 24 MB and are written in a few hundredths of a second, where the same as table rows took
/// about a second (measured with the sqlite3 shell, 1M rows of 7 columns).
struct ScreeningState {
    private(set) var plateBytes: [UInt8] = []
    private(set) var plateEnds: [UInt32] = []
    private(set) var townships: [String] = []
    private var townshipIndex: [String: UInt16] = [:]
    /// The same, by the name's bytes (no String hashing per plate).
    private var townshipSlots = KeyTable()
    private(set) var township: [UInt16] = []
    /// 0: no usage class (out of scope); else 1 + the class's index in `UsageClass.allCases`.
    private(set) var usage: [UInt8] = []
    /// Bit i: `Screener.flagOrder[i]`.
    private(set) var flags: [UInt16] = []
    private(set) var bits: [UInt8] = []
    /// Day number; `Int32.max`: no later day changes it.
    private(set) var until: [Int32] = []

    static let registered: UInt8 = 1, inScope: UInt8 = 2, onList: UInt8 = 4
    /// In a set of changes: the plate leaves the state.
    static let removed: UInt8 = 8

    var count: Int { plateEnds.count }

    func plate(_ i: Int) -> ArraySlice<UInt8> {
        plateBytes[(i == 0 ? 0 : Int(plateEnds[i - 1]))..<Int(plateEnds[i])]
    }
    func plateString(_ i: Int) -> String { String(decoding: plate(i), as: UTF8.self) }
    func townshipName(_ i: Int) -> String { townships[Int(township[i])] }
    func usageClass(_ i: Int) -> UsageClass? { usage[i] == 0 ? nil : Self.usageClasses[Int(usage[i]) - 1] }
    /// `UsageClass.allCases` once: the synthesized property builds a new array at each use
    /// (an allocation and its release per plate when appending).
    private static let usageClasses = UsageClass.allCases
    private static func usageNumber(_ u: UsageClass?) -> UInt8 { u.map { UInt8(usageClasses.firstIndex(of: $0)! + 1) } ?? 0 }
    func has(_ i: Int, _ bit: UInt8) -> Bool { bits[i] & bit != 0 }
    func flagCodes(_ i: Int) -> [String] { Self.codes(flags[i]) }

    /// Whether the plate has a row in the run's results: flagged, and either in scope or not
    /// registered here (a registered vehicle out of scope is not screened).
    func hasRow(_ i: Int) -> Bool { flags[i] != 0 && (has(i, Self.inScope) || !has(i, Self.registered)) }

    /// Whether a plate's result belongs in the state: every registered plate; a plate from
    /// elsewhere when flagged, or when its evidence may flag it later (an unflagged one with a
    /// stable-until day), so that the day is not lost.
    static func keeps(_ result: ScreeningOutline, registered: Bool, until: CivilDate?) -> Bool {
        registered || !result.flags.isEmpty || until != nil
    }

    mutating func reserve(_ n: Int) {
        plateBytes.reserveCapacity(n * 10); plateEnds.reserveCapacity(n); township.reserveCapacity(n)
        usage.reserveCapacity(n); flags.reserveCapacity(n); bits.reserveCapacity(n); until.reserveCapacity(n)
    }

    private mutating func index(of name: String) -> UInt16 {
        if let i = townshipIndex[name] { return i }
        let i = UInt16(townships.count)
        townships.append(name)
        townshipIndex[name] = i
        return i
    }

    /// Appends a plate's result; plates must come in order.
    mutating func append(_ result: ScreeningOutline, registered: Bool, until day: CivilDate?) {
        let name = registered ? (result.township ?? TownshipTable.unassigned) : ScreeningRunSummary.unregistered
        let u = Self.usageNumber(result.usage)
        var b: UInt8 = 0
        if registered { b |= Self.registered }
        if result.inScope { b |= Self.inScope }
        if result.onTownshipList { b |= Self.onList }
        let key = PlateKey(name)
        let t: UInt16
        if let i = townshipSlots[key] { t = UInt16(i) } else {
            t = index(of: name)
            townshipSlots[key] = Int32(t)
        }
        var plate = result.plate
        plate.withUTF8 { bytes in
            appendRaw(plate: bytes, township: t, usage: u, flags: result.flags.rawValue, bits: b,
                      until: day.map { Int32(clamping: $0.dayNumber) } ?? Int32.max)
        }
    }

    private mutating func appendRaw<C: Collection>(plate: C, township t: UInt16, usage u: UInt8, flags f: UInt16, bits b: UInt8, until d: Int32)
    where C.Element == UInt8 {
        plateBytes.append(contentsOf: plate)
        plateEnds.append(UInt32(plateBytes.count))
        township.append(t); usage.append(u); flags.append(f); bits.append(b); until.append(d)
    }

    /// Appends a stored result (its stable-until day unknown: 0, so a later run redoes it).
    mutating func appendStored(plate: String, township name: String, usage u: UsageClass?, flags f: UInt16, bits b: UInt8) {
        appendRaw(plate: Array(plate.utf8), township: index(of: name), usage: Self.usageNumber(u),
                  flags: f, bits: b, until: 0)
    }

    /// This state's index of each of another state's townships (adding those it lacks).
    mutating func townshipMap(_ other: ScreeningState) -> [UInt16] { other.townships.map { index(of: $0) } }

    /// Marks a plate to be removed (in a set of changes for `merging`).
    mutating func appendRemoved(plate: String) {
        var p = plate
        p.withUTF8 { appendRaw(plate: $0, township: index(of: ""), usage: 0, flags: 0, bits: Self.removed, until: 0) }
    }

    /// Appends an entry read elsewhere (`MappedState.entry`); plates must come in order.
    mutating func appendEntry(plate: UnsafeRawBufferPointer, township name: String, usage u: UInt8, flags f: UInt16,
                              bits b: UInt8, until d: Int32) {
        appendRaw(plate: plate, township: index(of: name), usage: u, flags: f, bits: b, until: d)
    }

    /// Appends entry `i` of another state, whose townships `map` translates.
    mutating func append(from other: ScreeningState, _ i: Int, map: [UInt16]) {
        let start = i == 0 ? 0 : Int(other.plateEnds[i - 1]), end = Int(other.plateEnds[i])
        other.plateBytes.withUnsafeBufferPointer { plateBytes.append(contentsOf: UnsafeBufferPointer(rebasing: $0[start..<end])) }
        plateEnds.append(UInt32(plateBytes.count))
        township.append(map[Int(other.township[i])]); usage.append(other.usage[i])
        flags.append(other.flags[i]); bits.append(other.bits[i]); until.append(other.until[i])
    }

    /// The same entries in plate order (the bytes' order). Built column by column from the
    /// order, with the same township table (an entry at a time cost ~600 instructions a plate,
    /// ~4 % of a pass, callgrind).
    func sortedByPlate() -> ScreeningState {
        var perm: [Int]
        if plateEnds.indices.allSatisfy({ Int(plateEnds[$0]) - ($0 == 0 ? 0 : Int(plateEnds[$0 - 1])) <= 24 }) {
            // The usual case: every plate within 24 bytes, compared as three integers.
            var keys = (0..<count).map { i -> (UInt64, UInt64, UInt64, Int) in
                let k = PlateKey(bytes: plate(i))
                return (k.a, k.b, k.c, i)
            }
            keys.sort { x, y in (x.0, x.1, x.2) < (y.0, y.1, y.2) }
            perm = keys.map(\.3)
        } else {
            var keys = (0..<count).map { (PlateKey(bytes: plate($0)), $0) }
            keys.sort { $0.0 < $1.0 }
            perm = keys.map(\.1)
        }
        var out = ScreeningState()
        out.townships = townships; out.townshipIndex = townshipIndex; out.townshipSlots = townshipSlots
        out.plateBytes.reserveCapacity(plateBytes.count)
        out.plateEnds.reserveCapacity(count)
        plateBytes.withUnsafeBufferPointer { src in
            for i in perm {
                let start = i == 0 ? 0 : Int(plateEnds[i - 1])
                out.plateBytes.append(contentsOf: UnsafeBufferPointer(rebasing: src[start..<Int(plateEnds[i])]))
                out.plateEnds.append(UInt32(out.plateBytes.count))
            }
        }
        out.township = perm.map { township[$0] }; out.usage = perm.map { usage[$0] }
        out.flags = perm.map { flags[$0] }; out.bits = perm.map { bits[$0] }; out.until = perm.map { until[$0] }
        return out
    }

    /// The order of this state's plate `i` and another state's plate `j`: negative, zero or
    /// positive as the bytes compare.
    func order(_ i: Int, _ other: ScreeningState, _ j: Int) -> Int {
        let a0 = i == 0 ? 0 : Int(plateEnds[i - 1]), a1 = Int(plateEnds[i])
        let b0 = j == 0 ? 0 : Int(other.plateEnds[j - 1]), b1 = Int(other.plateEnds[j])
        return plateBytes.withUnsafeBufferPointer { x in
            other.plateBytes.withUnsafeBufferPointer { y in
                let n = min(a1 - a0, b1 - b0)
                let c = n == 0 ? 0 : Int(memcmp(x.baseAddress! + a0, y.baseAddress! + b0, n))
                return c != 0 ? c : (a1 - a0) - (b1 - b0)
            }
        }
    }

    /// The index of a township name, if the state has it.
    func townshipIndex(of name: String) -> UInt16? { townshipIndex[name] }

    /// This state with `changed` (the results of some plates, in plate order) put in: a plate
    /// in `changed` replaces its entry or is added, or is removed when marked `removed` —
    /// unless `keepRemoved`, which keeps the marks (a set of changes merged into another).
    func merging(_ changed: ScreeningState, keepRemoved: Bool = false) -> ScreeningState {
        if changed.count == 0 { return self }
        var out = ScreeningState()
        out.reserve(count + changed.count)
        // `out` starts with this state's townships, in order: its entries keep their numbers.
        let mine = out.townshipMap(self), theirs = out.townshipMap(changed)
        // A few changes into many entries (a run after an import: 667 into 1M): the entries
        // between two changes are copied as runs, found by binary search (one entry at a time,
        // the merge was 0.07 s of a 0.3 s run).
        let inRuns = changed.count * 32 < count && mine.indices.allSatisfy { mine[$0] == UInt16($0) }
        var i = 0, j = 0
        while i < count || j < changed.count {
            if inRuns && j < changed.count {
                let end = firstIndex(notBefore: changed, j, from: i)
                if end > i { out.appendRun(from: self, i..<end); i = end }
            }
            let o = j == changed.count ? -1 : i == count ? 1 : order(i, changed, j)
            if o < 0 {
                if inRuns { out.appendRun(from: self, i..<count); i = count; continue }
                out.append(from: self, i, map: mine)
                i += 1
            } else {
                if o == 0 { i += 1 }
                if keepRemoved || !changed.has(j, Self.removed) { out.append(from: changed, j, map: theirs) }
                j += 1
            }
        }
        return out
    }

    /// The index of `other`'s plate `j` in this state, nil when it has none.
    func index(ofPlate j: Int, in other: ScreeningState) -> Int? {
        let i = firstIndex(notBefore: other, j, from: 0)
        return i < count && order(i, other, j) == 0 ? i : nil
    }

    /// The first index from `start` whose plate does not come before `other`'s plate `j`.
    private func firstIndex(notBefore other: ScreeningState, _ j: Int, from start: Int) -> Int {
        var lo = start, hi = count
        while lo < hi {
            let mid = (lo + hi) / 2
            if order(mid, other, j) < 0 { lo = mid + 1 } else { hi = mid }
        }
        return lo
    }

    /// Appends entries `range` of another state whose townships are numbered as this one's
    /// (`merging`'s own copy of its base), copying each column's run at once.
    private mutating func appendRun(from other: ScreeningState, _ range: Range<Int>) {
        guard !range.isEmpty else { return }
        let start = range.lowerBound == 0 ? 0 : Int(other.plateEnds[range.lowerBound - 1])
        let end = Int(other.plateEnds[range.upperBound - 1])
        let shift = Int64(plateBytes.count) - Int64(start)
        plateBytes.append(contentsOf: other.plateBytes[start..<end])
        // Written through a buffer: appended one by one, the ends were a third of a merge.
        let at = plateEnds.count
        plateEnds.append(contentsOf: repeatElement(0, count: range.count))
        plateEnds.withUnsafeMutableBufferPointer { dst in
            other.plateEnds.withUnsafeBufferPointer { src in
                for k in 0..<range.count { dst[at + k] = UInt32(truncatingIfNeeded: Int64(src[range.lowerBound + k]) + shift) }
            }
        }
        township.append(contentsOf: other.township[range]); usage.append(contentsOf: other.usage[range])
        flags.append(contentsOf: other.flags[range]); bits.append(contentsOf: other.bits[range])
        until.append(contentsOf: other.until[range])
    }

    static func codes(_ mask: UInt16) -> [String] { FlagSet(rawValue: mask).codes }

    static func mask(_ codes: some Sequence<Substring>) -> UInt16 { FlagSet(codes: codes.map(String.init)).rawValue }

    // MARK: Stored form: a header, then the arrays as they lie in memory (little-endian).

    static let magic: [UInt8] = Array("FRSS0002".utf8)

    func encoded() -> Data {
        var d = Data()
        d.append(contentsOf: Self.magic)
        func put<T>(_ array: [T]) {
            var n = UInt64(array.count)
            withUnsafeBytes(of: &n) { d.append(contentsOf: $0) }
            array.withUnsafeBytes { d.append(contentsOf: $0) }
        }
        put(Array(townships.joined(separator: "\n").utf8))
        put(plateBytes); put(plateEnds); put(township); put(usage); put(flags); put(bits); put(until)
        return d
    }

    init() {}

    init?(decoding data: Data) {
        guard let mapped = MappedState(data) else { return nil }
        self = mapped.decoded()
    }

    /// A state of these arrays (`MappedState.decoded()`).
    init(plateBytes: [UInt8], plateEnds: [UInt32], townships: [String], township: [UInt16], usage: [UInt8],
         flags: [UInt16], bits: [UInt8], until: [Int32]) {
        self.plateBytes = plateBytes; self.plateEnds = plateEnds; self.townships = townships; self.township = township
        self.usage = usage; self.flags = flags; self.bits = bits; self.until = until
        for (i, name) in townships.enumerated() { townshipIndex[name] = UInt16(i) }
    }
}
