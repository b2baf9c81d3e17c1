/// A re-import's view of the table it goes into, in memory: every stored row (and every row the
/// import inserts) by the hash of its key, with its row id, its row hash and the line of this
/// file that named the key (0: none yet).
///
/// With it a re-import decides the common case without a statement: a row whose key hash and
/// row hash are those of a stored row is that row, unchanged (the row hash covers the key: two
/// different rows with the same 64-bit FNV-1a row hash are the one risk, the same the lookup by
/// key already took when it compared row hashes), and a key named twice is a duplicate. Only
/// changed and new rows are written, after their key is compared with the stored one. Before,
/// each row took an insert into a temporary table of the file's keys and a lookup by key:
/// 10.2 s for 1M unchanged rows, most of it in SQLite's B-trees.
///
/// Entries are 24 bytes, at most half the slots are full: 48–96 MB for 1M keys. A key hash
/// held by more than one entry (a collision, or a test's short hashes) keeps the others in
/// `more`.
struct StoredKeys {
    struct Entry {
        var key: Int64
        var rowHash: Int64
        /// 0: an empty slot (row ids start at 1).
        var id: UInt32
        var line: UInt32
    }

    /// Where an entry is.
    enum Ref { case slot(Int), more(Int64, Int) }

    private var slots: [Entry]
    private var more: [Int64: [Entry]] = [:]
    private(set) var count = 0
    /// Keeps `keyBits` bits of each key hash (64 but in tests, which force collisions).
    private let mask: Int64

    /// The largest row id and line an entry holds.
    static let largest = Int(UInt32.max) - 1

    init(capacity: Int, keyBits: Int = 64) {
        var size = 1 << 16
        while size < capacity * 2 { size <<= 1 }
        slots = [Entry](repeating: Entry(key: 0, rowHash: 0, id: 0, line: 0), count: size)
        mask = keyBits >= 64 ? -1 : (Int64(1) << keyBits) - 1
    }

    /// The first entry with key hash `h` that `match` accepts.
    func find(_ h: Int64, where match: (Entry) throws -> Bool) rethrows -> Ref? {
        let h = h & mask
        let m = slots.count - 1
        var s = Self.home(h, m)
        while slots[s].id != 0 {
            if slots[s].key == h {
                if try match(slots[s]) { return .slot(s) }
                if let list = more[h] {
                    for i in list.indices where try match(list[i]) { return .more(h, i) }
                }
                return nil
            }
            s = (s + 1) & m
        }
        return nil
    }

    subscript(ref: Ref) -> Entry {
        get {
            switch ref {
            case .slot(let s): return slots[s]
            case .more(let h, let i): return more[h]![i]
            }
        }
        set {
            switch ref {
            case .slot(let s): slots[s] = newValue
            case .more(let h, let i): more[h]![i] = newValue
            }
        }
    }

    /// Adds an entry (`id` and `line` at most `largest`).
    mutating func add(_ h: Int64, id: Int64, rowHash: Int64, line: Int) {
        precondition(id >= 1 && id <= Self.largest && line >= 0 && line <= Self.largest)
        if (count + 1) * 2 > slots.count { grow() }
        let entry = Entry(key: h & mask, rowHash: rowHash, id: UInt32(id), line: UInt32(line))
        let m = slots.count - 1
        var s = Self.home(entry.key, m)
        while slots[s].id != 0 {
            if slots[s].key == entry.key { more[entry.key, default: []].append(entry); count += 1; return }
            s = (s + 1) & m
        }
        slots[s] = entry
        count += 1
    }

    /// Every entry, in no particular order.
    func forEach(_ body: (Entry) throws -> Void) rethrows {
        for e in slots where e.id != 0 { try body(e) }
        for list in more.values { for e in list { try body(e) } }
    }

    @inline(__always) private static func home(_ h: Int64, _ mask: Int) -> Int {
        Int(truncatingIfNeeded: (UInt64(bitPattern: h) &* 0x9E37_79B9_7F4A_7C15) >> 32) & mask
    }

    private mutating func grow() {
        let old = slots
        slots = [Entry](repeating: Entry(key: 0, rowHash: 0, id: 0, line: 0), count: old.count * 2)
        let m = slots.count - 1
        // One entry a key hash here (the others stay in `more`).
        for e in old where e.id != 0 {
            var s = Self.home(e.key, m)
            while slots[s].id != 0 { s = (s + 1) & m }
            slots[s] = e
        }
    }
}
