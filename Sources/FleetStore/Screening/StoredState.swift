import Foundation

/// The latest run's whole result (`ScreeningState`), kept in a file beside the store
/// (`<store>-screening-state`) for the next run to build on. It is a cache: the run's results
/// are in the database (`screening_outcomes`), and a missing, damaged or foreign file only
/// means the next run screens every plate.
///
/// Why a file: as a 24 MB blob in the database (schema v7–v8), a full run over 1M plates spent
/// ~0.3 s writing it and checkpointing its pages from the WAL, and ~0.14 s reading it back; a
/// file is written and read in a few hundredths.
///
/// Which run's state it is: the run's row records the check sum of the state it left
/// (`screening_runs.state_checksum`), and the file is used only when its contents have that
/// check sum. A file from another store, an older run, or torn by a crash does not match.
///
/// Written in two steps: `write` (inside the run's transaction: an error rolls the run back)
/// puts it in a temporary file; `Pending.publish` (once the run is committed) renames it into
/// place. A run that does not commit leaves the previous file as it was; a run that left the
/// state unchanged records the same check sum and writes nothing.
///
/// Layout: magic `FRSF0001`, the check sum (UInt64, little-endian), then the payload
/// (`ScreeningState.encoded()`).
struct StoredState {
    let path: String

    init(storePath: String) { path = storePath + "-screening-state" }

    private static let magic: [UInt8] = Array("FRSF0001".utf8)
    private static let headerSize = 16

    /// The stored state if its check sum is `checksum` (nil when missing, damaged or another's).
    func load(checksum: Int64) -> ScreeningState? {
        guard let data = FileManager.default.contents(atPath: path), data.count > Self.headerSize,
              data.prefix(8).elementsEqual(Self.magic), Self.int64(data, at: 8) == checksum else { return nil }
        let payload = data[(data.startIndex + Self.headerSize)...]
        guard Self.checksum(payload) == checksum else { return nil }
        return ScreeningState(decoding: payload)
    }

    /// Writes `state` into a temporary file, to be published once the run is committed; the
    /// check sum is for the run's row.
    func write(_ state: ScreeningState) throws -> Pending {
        let payload = state.encoded()
        let sum = Self.checksum(payload)
        var file = Data(capacity: Self.headerSize + payload.count)
        file.append(contentsOf: Self.magic)
        var v = sum.littleEndian
        withUnsafeBytes(of: &v) { file.append(contentsOf: $0) }
        file.append(payload)
        let temporary = path + ".new"
        try file.write(to: URL(fileURLWithPath: temporary))
        return Pending(temporary: temporary, path: path, checksum: sum)
    }

    /// A state written and not yet in place.
    struct Pending {
        let temporary: String
        let path: String
        let checksum: Int64

        /// Puts the state in place (an atomic rename). A failure leaves no usable state: the
        /// next run screens every plate.
        func publish() {
            if rename(temporary, path) != 0 { discard() }
        }

        func discard() { unlink(temporary) }
    }

    private static func int64(_ data: Data, at offset: Int) -> Int64 {
        var v: Int64 = 0
        withUnsafeMutableBytes(of: &v) { $0.copyBytes(from: data[(data.startIndex + offset)..<(data.startIndex + offset + 8)]) }
        return Int64(littleEndian: v)
    }

    /// A fast check sum of the payload (not a cryptographic one: it tells one state from
    /// another and finds a torn or damaged file), eight bytes at a time.
    static func checksum(_ data: Data) -> Int64 {
        data.withUnsafeBytes { raw -> Int64 in
            var h: UInt64 = 0x9E37_79B9_7F4A_7C15 ^ UInt64(raw.count)
            let words = raw.count / 8
            for i in 0..<words {
                let w = raw.loadUnaligned(fromByteOffset: i * 8, as: UInt64.self)
                h = (h ^ w) &* 0xBF58_476D_1CE4_E5B9
                h ^= h >> 29
            }
            for i in (words * 8)..<raw.count { h = (h ^ UInt64(raw[i])) &* 0x100_0000_01B3 }
            return Int64(bitPattern: h)
        }
    }
}
