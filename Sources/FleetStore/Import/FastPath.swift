import FleetCore

/// A kind's fast path: validates a row straight from its field bytes and appends its values,
/// packed, to the batch. It takes only rows it is sure of — a row it returns nil for goes
/// through the kind's `parse` — and for every row it takes, the values (and so the stored
/// row, its hash and every finding) are exactly what `parse` would give.
///
/// Used by the reading thread only (a fast path may keep memo tables).
/// A value type, kept in a local variable of the reading thread: its memo tables are then
/// not class properties, whose every access Swift checks for exclusivity at run time.
protocol RowFastPath {
    mutating func parse(_ fields: RawFields, first: Int, count: Int, into values: inout PackedValues) -> PackedRow?
}

/// No fast path: every row goes through the kind's `parse`.
struct NoFastPath: RowFastPath {
    func parse(_ fields: RawFields, first: Int, count: Int, into values: inout PackedValues) -> PackedRow? { nil }
}

/// A kind that has a fast path for its rows.
protocol FastImportKind: ImportKind {
    /// A new fast path for files whose header maps the kind's columns to fields as `map` does.
    func makeFastPath(map: [Int?]) -> any RowFastPath
}

/// A value bound into SQLite without becoming a `String`: an integer, or text that is either
/// a field's bytes (`fields.bytes`) or bytes the fast path wrote (`extra`).
struct PackedValue {
    enum Kind: UInt8 { case null, integer, fieldText, extraText }
    var kind: Kind
    /// The integer, or the text's offset.
    var a: Int
    var count: Int

    static let null = PackedValue(kind: .null, a: 0, count: 0)

    func sqlValue(fields: UnsafeBufferPointer<UInt8>, extra: UnsafeBufferPointer<UInt8>) -> SQLValue {
        switch kind {
        case .null: return .null
        case .integer: return .integer(Int64(a))
        case .fieldText: return .text(String(decoding: UnsafeBufferPointer(rebasing: fields[a..<a + count]), as: UTF8.self))
        case .extraText: return .text(String(decoding: UnsafeBufferPointer(rebasing: extra[a..<a + count]), as: UTF8.self))
        }
    }
}

/// The packed values of a batch's fast rows.
struct PackedValues {
    var items: [PackedValue] = []
    var extra: [UInt8] = []

    mutating func appendExtra(_ bytes: UnsafeBufferPointer<UInt8>) -> PackedValue {
        let start = extra.count
        extra.append(contentsOf: bytes)
        return PackedValue(kind: .extraText, a: start, count: bytes.count)
    }
}

/// A row taken by a fast path: `values.items[first..<first + count]`, with the hashes the
/// import loop needs (computed on the reading thread, the same as `rowHash`).
struct PackedRow {
    var first: Int
    var count: Int
    var rowHash: Int64
    /// `rowHash` of the first value alone (the key of a kind with a one-column key).
    var keyHash: Int64
}

/// `rowHash` over packed values: the same FNV-1a, byte for byte, as over the `SQLValue`s; and
/// `rowHash` of the first value alone, which is where the same computation stands after it.
func packedHash(_ values: ArraySlice<PackedValue>, fields: UnsafeBufferPointer<UInt8>,
                extra: UnsafeBufferPointer<UInt8>) -> (row: Int64, first: Int64) {
    var h: UInt64 = 0xcbf29ce484222325
    var first: UInt64 = 0, isFirst = true
    @inline(__always) func mix(_ b: UInt8) { h = (h ^ UInt64(b)) &* 0x100000001b3 }
    for v in values {
        switch v.kind {
        case .null: mix(0)
        case .integer:
            mix(1)
            var x = UInt64(bitPattern: Int64(v.a))
            for _ in 0..<8 { mix(UInt8(truncatingIfNeeded: x)); x >>= 8 }
        case .fieldText:
            mix(2)
            for i in v.a..<v.a + v.count { mix(fields[i]) }
        case .extraText:
            mix(2)
            for i in v.a..<v.a + v.count { mix(extra[i]) }
        }
        mix(0xFF)
        if isFirst { first = h; isFirst = false }
    }
    return (Int64(bitPattern: h), Int64(bitPattern: first))
}

/// Results of a pure function of a field's text, remembered by the field's bytes: the code
/// columns, dates and statuses of a file take a few hundred distinct values, so each is
/// parsed once (the same idea as the screening's `ColumnDecoding`, for the import side).
///
/// A result is the text to store (kept as bytes) and an `Extra` the caller needs (the vehicle
/// type's mass rule, the plate type); `nil` results (the text is not valid) are remembered too.
/// Bounded: past `limit` distinct texts, a new text is not decided here (nil).
struct ByteMemo<Extra> {
    private struct Entry {
        var keyStart: Int
        var keyCount: Int
        var textStart: Int
        var textCount: Int
        var extra: Extra?
    }
    private var slots: [Int32]
    private var entries: [Entry] = []
    private var keys: [UInt8] = []
    private(set) var texts: [UInt8] = []
    private let compute: (String) -> (text: String, extra: Extra)?
    private let limit: Int

    init(limit: Int = 4096, _ compute: @escaping (String) -> (text: String, extra: Extra)?) {
        self.compute = compute
        self.limit = limit
        var size = 16
        while size < limit * 2 { size <<= 1 }
        slots = [Int32](repeating: -1, count: size)
    }

    /// The stored text (a range of `texts`) and extra for `key`; nil when the text is not valid
    /// (or the memo is full): the caller then leaves the row to the slow path.
    @inline(__always)
    mutating func lookup(_ key: UnsafeBufferPointer<UInt8>) -> (text: Range<Int>, extra: Extra)? {
        var h: UInt64 = 0xcbf29ce484222325
        for b in key { h = (h ^ UInt64(b)) &* 0x100000001b3 }
        let mask = slots.count - 1
        var s = Int(truncatingIfNeeded: h ^ (h >> 29)) & mask
        while true {
            let e = Int(slots[s])
            if e < 0 { break }
            let entry = entries[e]
            if entry.keyCount == key.count && keys.withUnsafeBufferPointer({ k in
                (0..<key.count).allSatisfy { k[entry.keyStart + $0] == key[$0] }
            }) {
                guard let extra = entry.extra else { return nil }
                return (entry.textStart..<entry.textStart + entry.textCount, extra)
            }
            s = (s + 1) & mask
        }
        // Not seen yet: compute and remember. Past `limit` distinct texts, nil: the row goes
        // through the kind's `parse`, which is slower but gives the same result.
        guard entries.count < limit else { return nil }
        let result = compute(String(decoding: key, as: UTF8.self))
        let entry = Entry(keyStart: keys.count, keyCount: key.count, textStart: texts.count,
                          textCount: result?.text.utf8.count ?? 0, extra: result?.extra)
        keys.append(contentsOf: key)
        if let result { texts.append(contentsOf: result.text.utf8) }
        slots[s] = Int32(entries.count)
        entries.append(entry)
        guard let result else { return nil }
        return (entry.textStart..<entry.textStart + entry.textCount, result.extra)
    }
}
