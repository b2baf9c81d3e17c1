import Foundation

/// The latest run's whole result (`ScreeningState`), kept in a file beside the store
/// (`<store>-screening-state`) for the next run to build on. It is a cache: the run's results
/// are in the database (`screening_outcomes`), and a missing, damaged or older file only
/// means the next run screens every plate.
///
/// Why a file: as a 24 MB blob in the database (schema v7–v8), a full run over 1M plates spent
/// ~0.3 s writing it and checkpointing its pages from the WAL, and ~0.14 s reading it back; a
/// file is written and read in a few hundredths. Safety comes from the header: the run it
/// belongs to, and a check sum of the rest.
///
/// Written in two steps: `write` (inside the run's transaction: an error rolls the run back)
/// puts it in a temporary file; `Pending.publish` (once the run is committed) renames it into
/// place. A run that does not commit leaves the previous file as it was.
///
/// Layout: magic `FRSF0001`, the run id (Int64), the check sum (UInt64) of the payload, then
/// the payload (`ScreeningState.encoded()`), all little-endian.
struct StoredState {
    let path: String

    init(storePath: String) { path = storePath + "-screening-state" }

    private static let magic: [UInt8] = Array("FRSF0001".utf8)
    private static let headerSize = 24

    /// The stored state if it is the state of run `run` (nil when missing, damaged or another run's).
    func load(run: Int64) -> ScreeningState? {
        guard let data = FileManager.default.contents(atPath: path), data.count > Self.headerSize,
              data.prefix(8).elementsEqual(Self.magic),
              Self.int64(data, at: 8) == run else { return nil }
        let payload = data[(data.startIndex + Self.headerSize)...]
        guard Self.checksum(payload) == UInt64(bitPattern: Self.int64(data, at: 16)) else { return nil }
        return ScreeningState(decoding: payload)
    }

    /// Writes `state` as run `run`'s into a temporary file, to be published once the run is
    /// committed.
    func write(_ state: ScreeningState, run: Int64) throws -> Pending {
        let payload = state.encoded()
        var file = Data(capacity: Self.headerSize + payload.count)
        file.append(contentsOf: Self.magic)
        Self.append(&file, run)
        Self.append(&file, Int64(bitPattern: Self.checksum(payload)))
        file.append(payload)
        let temporary = path + ".new"
        try file.write(to: URL(fileURLWithPath: temporary))
        return Pending(temporary: temporary, path: path)
    }

    /// A state written and not yet in place.
    struct Pending {
        let temporary: String
        let path: String

        /// Puts the state in place (an atomic rename). A failure leaves no usable state: the
        /// next run screens every plate.
        func publish() {
            if rename(temporary, path) != 0 { discard() }
        }

        func discard() { unlink(temporary) }
    }

    /// Records that run `run` left the state of run `previous` as it was: the header's run id
    /// is rewritten in place (after the run is committed).
    func relabel(from previous: Int64, to run: Int64) {
        guard let handle = FileHandle(forUpdatingAtPath: path) else { return }
        defer { try? handle.close() }
        guard let head = try? handle.read(upToCount: 16), head.count == 16, head.prefix(8).elementsEqual(Self.magic),
              Self.int64(head, at: 8) == previous else { return }
        var id = Data()
        Self.append(&id, run)
        try? handle.seek(toOffset: 8)
        try? handle.write(contentsOf: id)
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

    /// A fast check sum of the payload (not a cryptographic one: it finds a torn or damaged
    /// file), eight bytes at a time.
    static func checksum(_ data: Data) -> UInt64 {
        data.withUnsafeBytes { raw -> UInt64 in
            var h: UInt64 = 0x9E37_79B9_7F4A_7C15 ^ UInt64(raw.count)
            let words = raw.count / 8
            for i in 0..<words {
                let w = raw.loadUnaligned(fromByteOffset: i * 8, as: UInt64.self)
                h = (h ^ w) &* 0xBF58_476D_1CE4_E5B9
                h ^= h >> 29
            }
            for i in (words * 8)..<raw.count { h = (h ^ UInt64(raw[i])) &* 0x100_0000_01B3 }
            return h
        }
    }
}
