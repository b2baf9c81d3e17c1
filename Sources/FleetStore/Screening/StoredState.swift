import Foundation

/// The latest run's whole result (`ScreeningState`), kept in files beside the store for the
/// next run to build on: a base (`<store>-screening-state`), written by full runs, and the
/// changes made since by incremental runs (`…-delta`, removed plates marked). It is a cache:
/// the run's results are in the database (`screening_outcomes`), and a missing, damaged or
/// foreign file only means the next run screens every plate.
///
/// Why files: as a 24 MB blob in the database (schema v7–v8), a full run over 1M plates spent
/// ~0.3 s writing it and checkpointing its pages from the WAL, and ~0.14 s reading it back; a
/// file is written and read in a few hundredths. Why a delta: rewriting the whole base after
/// a small import was 0.07 s of a 0.3 s run; the changes take a few kilobytes. A delta grown
/// past a tenth of the base is folded into a new base.
///
/// Which run's state it is: each file's header holds the check sum of its payload (a delta's,
/// also its base's), and the run's row records the check sum of the state it left
/// (`screening_runs.state_checksum`: the base's, or the base's and the delta's combined). The
/// files are used only when they give that sum: a file from another store, an older run, or
/// torn by a crash does not match.
///
/// Written in two steps: `write` (inside the run's transaction: an error rolls the run back)
/// puts the file under a temporary name; `Pending.publish` (once the run is committed) renames
/// it into place. A run that does not commit leaves the files as they were; a run that left
/// the state unchanged records the same check sum and writes nothing.
///
/// Layout: magic (`FRSF0001` base, `FRSD0001` delta), the check sum (UInt64, little-endian),
/// for a delta its base's check sum, then the payload (`ScreeningState.encoded()`).
struct StoredState {
    let path: String
    var deltaPath: String { path + "-delta" }

    init(storePath: String) { path = storePath + "-screening-state" }

    /// A state as loaded: its base (read in place), the base's check sum and size, and the
    /// changes since.
    struct Loaded {
        var baseView: MappedState
        var base: Int64
        var baseCount: Int
        var delta: ScreeningState
        /// The base, decoded at each use.
        var baseState: ScreeningState { baseView.decoded() }
        /// The whole state: the base with the changes since, built at each use (an
        /// incremental run merges its own changes into those first, and the base once).
        var state: ScreeningState { baseState.merging(delta) }

        /// The entries of `changed`'s plates in the whole state (`changed`'s order; none for
        /// a plate it lacks): the previous results of the plates an incremental run screened
        /// again, looked up in the changes, then in the base where it lies.
        func entries(ofPlatesIn changed: ScreeningState) -> ScreeningState {
            var out = ScreeningState()
            let map = out.townshipMap(delta)
            for c in 0..<changed.count {
                if let k = delta.index(ofPlate: c, in: changed) {
                    if !delta.has(k, ScreeningState.removed) { out.append(from: delta, k, map: map) }
                    continue
                }
                changed.plate(c).withUnsafeBytes { plate in
                    guard let k = baseView.index(ofPlate: plate) else { return }
                    let e = baseView.entry(k)
                    out.appendEntry(plate: plate, township: e.township, usage: e.usage, flags: e.flags, bits: e.bits, until: e.until)
                }
            }
            return out
        }
    }

    private static let baseMagic: [UInt8] = Array("FRSF0001".utf8)
    private static let deltaMagic: [UInt8] = Array("FRSD0001".utf8)

    /// The stored state whose check sum is `checksum` (nil when missing, damaged or another's).
    func load(checksum: Int64) -> Loaded? {
        guard let (baseSum, payload) = Self.read(path, magic: Self.baseMagic, header: 0), let base = MappedState(payload) else { return nil }
        if baseSum == checksum { return Loaded(baseView: base, base: baseSum, baseCount: base.count, delta: ScreeningState()) }
        guard let (deltaSum, deltaPayload) = Self.read(deltaPath, magic: Self.deltaMagic, header: 8, expecting: baseSum),
              Self.combine(baseSum, deltaSum) == checksum, let delta = ScreeningState(decoding: deltaPayload) else { return nil }
        return Loaded(baseView: base, base: baseSum, baseCount: base.count, delta: delta)
    }

    /// Writes `state` to temporary files, to be published once the run is committed: the
    /// changes since the base alone when given and small enough, else a new base. The check
    /// sum is for the run's row.
    /// `base`: the stored base the changes apply to (`Loaded.base`, `Loaded.baseCount`).
    /// `state` is only built when written whole.
    func write(_ state: @autoclosure () -> ScreeningState, changesSinceBase delta: ScreeningState? = nil,
               base: (checksum: Int64, count: Int)? = nil) throws -> Pending {
        if let delta, let base, delta.count <= max(1_000, base.count / 10) {
            let sum = try Self.write(delta, to: deltaPath + ".new", magic: Self.deltaMagic, extra: base.checksum)
            return Pending(temporary: deltaPath + ".new", path: deltaPath, obsolete: nil, checksum: Self.combine(base.checksum, sum))
        }
        let sum = try Self.write(state(), to: path + ".new", magic: Self.baseMagic, extra: nil)
        return Pending(temporary: path + ".new", path: path, obsolete: deltaPath, checksum: sum)
    }

    /// A state written and not yet in place.
    struct Pending {
        let temporary: String
        let path: String
        /// A file the new one makes meaningless (a new base's old delta).
        let obsolete: String?
        let checksum: Int64

        /// Puts the file in place (an atomic rename). A failure leaves no usable state: the
        /// next run screens every plate.
        func publish() {
            if rename(temporary, path) != 0 { discard() }
            if let obsolete { unlink(obsolete) }
        }

        func discard() { unlink(temporary) }
    }

    private static func write(_ state: ScreeningState, to file: String, magic: [UInt8], extra: Int64?) throws -> Int64 {
        let payload = state.encoded()
        let sum = checksum(payload)
        var data = Data(capacity: 24 + payload.count)
        data.append(contentsOf: magic)
        append(&data, sum)
        if let extra { append(&data, extra) }
        data.append(payload)
        try data.write(to: URL(fileURLWithPath: file))
        return sum
    }

    /// A file's check sum and payload (mapped), if its magic is right, its extra header word
    /// is `expecting` (when given) and its payload has the check sum it says.
    private static func read(_ file: String, magic: [UInt8], header extra: Int, expecting: Int64? = nil) -> (Int64, Data)? {
        let size = 16 + extra
        // Mapped rather than read: the file (24 MB at 1M plates) is read once, by the check sum,
        // and then only where a run looks (`MappedState`).
        guard let data = try? Data(contentsOf: URL(fileURLWithPath: file), options: .alwaysMapped), data.count > size,
              data.prefix(8).elementsEqual(magic) else { return nil }
        let sum = int64(data, at: 8)
        if let expecting, int64(data, at: 16) != expecting { return nil }
        let payload = data[(data.startIndex + size)...]
        guard checksum(payload) == sum else { return nil }
        return (sum, payload)
    }

    private static func int64(_ data: Data, at offset: Int) -> Int64 {
        var v: Int64 = 0
        withUnsafeMutableBytes(of: &v) { $0.copyBytes(from: data[(data.startIndex + offset)..<(data.startIndex + offset + 8)]) }
        return Int64(littleEndian: v)
    }

    private static func append(_ data: inout Data, _ value: Int64) {
        var v = value.littleEndian
        withUnsafeBytes(of: &v) { data.append(contentsOf: $0) }
    }

    /// The check sum of a base and a delta together.
    static func combine(_ base: Int64, _ delta: Int64) -> Int64 {
        var h = UInt64(bitPattern: base) &* 0x9E37_79B9_7F4A_7C15 ^ UInt64(bitPattern: delta)
        h = (h ^ (h >> 31)) &* 0xBF58_476D_1CE4_E5B9
        return Int64(bitPattern: h ^ (h >> 29))
    }

    /// A fast check sum of a payload (not a cryptographic one: it tells one state from
    /// another and finds a torn or damaged file): four lanes of eight bytes at a time, mixed
    /// at the end. One lane was 0.008 s of a 0.1 s incremental run at 1M plates (each word
    /// waited for the multiplication before).
    static func checksum(_ data: Data) -> Int64 {
        @inline(__always) func mix(_ h: UInt64, _ w: UInt64) -> UInt64 {
            let m = (h ^ w) &* 0xBF58_476D_1CE4_E5B9
            return m ^ (m >> 29)
        }
        return data.withUnsafeBytes { raw -> Int64 in
            var a: UInt64 = 0x9E37_79B9_7F4A_7C15 ^ UInt64(raw.count), b: UInt64 = 0xC2B2_AE3D_27D4_EB4F
            var c: UInt64 = 0x1656_67B1_9E37_79F9, d: UInt64 = 0x85EB_CA77_C2B2_AE63
            let blocks = raw.count / 32
            for k in 0..<blocks {
                let o = k * 32
                a = mix(a, raw.loadUnaligned(fromByteOffset: o, as: UInt64.self))
                b = mix(b, raw.loadUnaligned(fromByteOffset: o + 8, as: UInt64.self))
                c = mix(c, raw.loadUnaligned(fromByteOffset: o + 16, as: UInt64.self))
                d = mix(d, raw.loadUnaligned(fromByteOffset: o + 24, as: UInt64.self))
            }
            var h = mix(mix(mix(a, b), c), d)
            var at = blocks * 32
            while at + 8 <= raw.count { h = mix(h, raw.loadUnaligned(fromByteOffset: at, as: UInt64.self)); at += 8 }
            while at < raw.count { h = (h ^ UInt64(raw[at])) &* 0x100_0000_01B3; at += 1 }
            return Int64(bitPattern: mix(h, 0))
        }
    }
}
