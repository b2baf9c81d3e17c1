import GRDB
import GRDBSQLite

/// Direct binding through SQLite's C API for the import's hot loop.
///
/// GRDB's generic argument binding measured about half the speed of the sqlite3 shell's
/// `.import` on a 1M-row file; binding straight into the prepared statement (GRDB hands it
/// out as `sqliteStatement`) keeps the validated import ahead of the shell. Only the import
/// loop uses this; everything else goes through GRDB.
struct RawStatement {
    let statement: Statement
    var handle: OpaquePointer { statement.sqliteStatement }

    init(_ db: Database, _ sql: String) throws {
        statement = try db.makeStatement(sql: sql)
    }

    /// A statement prepared once per connection and reused (GRDB's statement cache): for
    /// queries run once per decision, such as the permit desk's facts.
    init(cached db: Database, _ sql: String) throws {
        statement = try db.cachedStatement(sql: sql)
        sqlite3_reset(statement.sqliteStatement)
    }

    static let transient = unsafeBitCast(-1, to: sqlite3_destructor_type.self)

    @inline(__always)
    func bind(_ value: SQLValue, at index: Int32) {
        switch value {
        case .null:
            sqlite3_bind_null(handle, index)
        case .integer(let i):
            sqlite3_bind_int64(handle, index, i)
        case .text(var s):
            s.withUTF8 { p in
                _ = sqlite3_bind_text(handle, index, UnsafeRawPointer(p.baseAddress!).assumingMemoryBound(to: CChar.self),
                                      Int32(p.count), RawStatement.transient)
            }
        }
    }

    /// Binds a row's values, copying their text into `arena` once and binding it without
    /// SQLite making its own copy (SQLITE_STATIC): the arena outlives the step.
    func bind(_ values: [SQLValue], arena: BindArena, from start: Int32 = 1) {
        var total = 0
        for v in values { if case .text(let s) = v { total += s.utf8.count } }
        arena.reserve(total)
        var offset = 0
        var i = start
        for v in values {
            switch v {
            case .null: sqlite3_bind_null(handle, i)
            case .integer(let n): sqlite3_bind_int64(handle, i, n)
            case .text(var s):
                let p = arena.base + offset
                let count = s.withUTF8 { u -> Int in
                    if let b = u.baseAddress { p.update(from: b, count: u.count) }
                    return u.count
                }
                _ = sqlite3_bind_text(handle, i, UnsafeRawPointer(p).assumingMemoryBound(to: CChar.self), Int32(count), nil)
                offset += count
            }
            i += 1
        }
    }

    /// Binds packed values without copying their text (SQLITE_STATIC): `fields` and `extra`
    /// must stay put until the statement is stepped and reset.
    func bind(packed values: UnsafeBufferPointer<PackedValue>, fields: UnsafeBufferPointer<UInt8>, extra: UnsafeBufferPointer<UInt8>,
              from start: Int32 = 1) {
        var i = start
        for v in values {
            if v.count == 0 && v.kind.rawValue >= PackedValue.Kind.fieldText.rawValue {
                _ = sqlite3_bind_text(handle, i, "", 0, RawStatement.transient)
                i += 1
                continue
            }
            switch v.kind {
            case .null: sqlite3_bind_null(handle, i)
            case .integer: sqlite3_bind_int64(handle, i, Int64(v.a))
            case .fieldText:
                _ = sqlite3_bind_text(handle, i, UnsafeRawPointer(fields.baseAddress! + v.a).assumingMemoryBound(to: CChar.self),
                                      Int32(v.count), nil)
            case .extraText:
                _ = sqlite3_bind_text(handle, i, UnsafeRawPointer(extra.baseAddress! + v.a).assumingMemoryBound(to: CChar.self),
                                      Int32(v.count), nil)
            }
            i += 1
        }
    }

    func bind(_ values: [SQLValue], from start: Int32 = 1) {
        var i = start
        for v in values { bind(v, at: i); i += 1 }
    }

    /// Steps once; returns the result code (SQLITE_ROW, SQLITE_DONE, or an error such as
    /// SQLITE_CONSTRAINT).
    @discardableResult
    func step() -> Int32 { sqlite3_step(handle) }

    func reset() {
        sqlite3_reset(handle)
        sqlite3_clear_bindings(handle)
    }

    /// Resets without clearing the bindings (for a statement whose every parameter is bound
    /// again before the next step).
    func resetKeepingBindings() { sqlite3_reset(handle) }

    func int64(_ column: Int32) -> Int64 { sqlite3_column_int64(handle, column) }
    func isNull(_ column: Int32) -> Bool { sqlite3_column_type(handle, column) == SQLITE_NULL }

    func text(_ column: Int32) -> String? {
        textBytes(column).map { String(decoding: $0, as: UTF8.self) }
    }

    /// A column's text as bytes, valid until the next step; nil for NULL. Read through the
    /// column's value object: one `sqlite3_column_*` call (each takes the statement's result
    /// row, the connection's mutex and its error state) instead of two, then
    /// `sqlite3_value_text` and `_bytes` on the value, in that order as SQLite asks (a
    /// screening pass reads ~16 text columns a vehicle: ~1,000 instructions less, callgrind).
    /// The value is unprotected, which matters only to a connection shared by threads; a
    /// `RawStatement` is stepped and read on one. `sqlite3_value_text` answers NULL for a NULL
    /// value; its other NULL answer, out of memory while converting a number to text, cannot
    /// happen for the text columns this reads.
    @inline(__always) func textBytes(_ column: Int32) -> UnsafeBufferPointer<UInt8>? {
        let v = sqlite3_column_value(handle, column)
        guard let p = sqlite3_value_text(v) else { return nil }
        return UnsafeBufferPointer(start: p, count: Int(sqlite3_value_bytes(v)))
    }

    /// A column's blob, valid until the next step; nil for NULL.
    @inline(__always) func blobBytes(_ column: Int32) -> UnsafeBufferPointer<UInt8>? {
        guard let p = sqlite3_column_blob(handle, column) else { return nil }
        return UnsafeBufferPointer(start: p.assumingMemoryBound(to: UInt8.self), count: Int(sqlite3_column_bytes(handle, column)))
    }

    /// The text of a NOT NULL column.
    func string(_ column: Int32) -> String { text(column) ?? "" }
    func int(_ column: Int32) -> Int { Int(sqlite3_column_int64(handle, column)) }
    func bool(_ column: Int32) -> Bool { sqlite3_column_int64(handle, column) != 0 }
    func intOrNil(_ column: Int32) -> Int? { isNull(column) ? nil : Int(sqlite3_column_int64(handle, column)) }

    /// Steps to the next row; false at the end. Throws on an error.
    func next(_ db: Database) throws -> Bool {
        let rc = sqlite3_step(handle)
        if rc == SQLITE_ROW { return true }
        if rc == SQLITE_DONE { return false }
        throw DatabaseError(resultCode: ResultCode(rawValue: rc), message: errorMessage(db))
    }

    /// The database's error message, for an unexpected result code.
    func errorMessage(_ db: Database) -> String { String(cString: sqlite3_errmsg(db.sqliteConnection)) }
}

/// Memory the import binds text from, reused row after row.
final class BindArena {
    private(set) var base: UnsafeMutablePointer<UInt8>
    private var capacity: Int

    init() {
        capacity = 4096
        base = .allocate(capacity: capacity)
    }

    /// Room for `bytes` from `base` (what was there may be lost: call before copying a row).
    func reserve(_ bytes: Int) {
        guard bytes > capacity else { return }
        base.deallocate()
        capacity = max(bytes, capacity * 2)
        base = .allocate(capacity: capacity)
    }

    deinit { base.deallocate() }
}

/// FNV-1a over the values, to tell an unchanged row without reading it back.
@inline(__always)
func rowHash(_ values: [SQLValue]) -> Int64 {
    var h = RowHasher()
    for v in values {
        switch v {
        case .null: h.null()
        case .integer(let i): h.integer(i)
        case .text(let s): h.text(s.utf8)
        }
    }
    return h.value
}

/// The steps of `rowHash`, value by value: a type byte, the value's bytes (an integer's eight,
/// little-endian), then 0xFF. (`packedHash`, on the import's hot path, writes the same steps
/// out over packed values.)
struct RowHasher {
    private var h: UInt64 = 0xcbf29ce484222325
    @inline(__always) private mutating func mix(_ b: UInt8) { h = (h ^ UInt64(b)) &* 0x100000001b3 }

    @inline(__always) mutating func null() { mix(0); mix(0xFF) }

    @inline(__always) mutating func integer(_ i: Int64) {
        mix(1)
        var x = UInt64(bitPattern: i)
        for _ in 0..<8 { mix(UInt8(truncatingIfNeeded: x)); x >>= 8 }
        mix(0xFF)
    }

    @inline(__always) mutating func text(_ bytes: some Sequence<UInt8>) {
        mix(2)
        for b in bytes { mix(b) }
        mix(0xFF)
    }

    var value: Int64 { Int64(bitPattern: h) }
}

extension RawStatement {
    /// `rowHash` of a row of one value, this column's: a stored key's hash, read without making
    /// a `SQLValue`. Nil for a real or a blob (no key of the import's kinds is one).
    func rowHashOfColumn(_ column: Int32) -> Int64? {
        var h = RowHasher()
        switch sqlite3_column_type(handle, column) {
        case SQLITE_NULL: h.null()
        case SQLITE_INTEGER: h.integer(sqlite3_column_int64(handle, column))
        case SQLITE_TEXT: h.text(textBytes(column) ?? UnsafeBufferPointer(start: nil, count: 0))
        default: return nil
        }
        return h.value
    }

    /// A column's value as the import binds it (text, integer or null).
    func sqlValue(_ column: Int32) -> SQLValue? {
        switch sqlite3_column_type(handle, column) {
        case SQLITE_NULL: return .null
        case SQLITE_INTEGER: return .integer(sqlite3_column_int64(handle, column))
        case SQLITE_TEXT: return .text(string(column))
        default: return nil
        }
    }
}
