import FleetCore
import GRDB

/// A column of an input file: its Chinese header, its English alias, and whether it is required.
public struct ColumnSpec: Sendable {
    public var name: String
    public var alias: String
    public var required: Bool
    public init(_ name: String, _ alias: String, required: Bool = false) {
        self.name = name; self.alias = alias; self.required = required
    }
}

/// A value bound into SQLite by the import loop.
public enum SQLValue: Hashable, Sendable {
    case null
    case integer(Int64)
    case text(String)

    public static func text(_ s: String?) -> SQLValue { s.map { .text($0) } ?? .null }
    public static func int(_ i: Int?) -> SQLValue { i.map { .integer(Int64($0)) } ?? .null }
    public static func date(_ d: CivilDate?) -> SQLValue { d.map { .text($0.description) } ?? .null }

    public var textValue: String? { if case .text(let s) = self { return s }; return nil }
}

/// One data row as the kind sees it: the trimmed text of each of its columns.
public struct RowInput {
    let fields: [String]
    /// For each of the kind's columns, the field index in the file (nil: column absent).
    let map: [Int?]

    /// The trimmed text of the kind's column `index` ("" when blank or absent).
    public func text(_ index: Int) -> String {
        guard let f = map[index], f < fields.count else { return "" }
        return fields[f]
    }
}

/// A problem with one column of a row.
public struct FieldError: Sendable {
    /// The kind's column index.
    public var column: Int
    public var value: String
    public var reason: Message
    public init(column: Int, value: String, reason: Message) {
        self.column = column; self.value = value; self.reason = reason
    }
}

/// What a kind makes of one row.
public enum RowOutcome {
    /// Values for `dbColumns`, in order.
    case row([SQLValue])
    case invalid([FieldError])
    /// Nothing to load (counted with the blank rows): a township may send back part of its list.
    case skip
}

/// What a kind's hook may do when a stored row changes.
public struct ImportHookContext {
    public let db: Database
    public let batchID: Int64
    public let importedAt: CivilDateTime
}

/// One kind of input file (data.md), described as data: its columns, the table and key it
/// loads into, and how a row is parsed. The importer does everything else (encoding, CSV,
/// header matching, transactions, duplicate keys, provenance, error reports).
public protocol ImportKind {
    /// The kind's name on the command line (`vehicles`).
    var name: String { get }
    var columns: [ColumnSpec] { get }
    var table: String { get }
    /// The table's columns the kind fills, key columns first.
    var dbColumns: [String] { get }
    /// How many of the first `dbColumns` form the key.
    var keyCount: Int { get }
    /// Columns read from a stored row before it is replaced, passed to `didReplace`.
    var trackedColumns: [String] { get }
    /// Loads what `parse` needs to look up (known enterprise ids, exported list items …),
    /// inside the import's transaction, before the first row.
    mutating func prepare(_ db: Database) throws
    /// Parses one row (called once per row; hot).
    func parse(_ row: RowInput) -> RowOutcome
    /// Called when a stored row is replaced by a different one.
    func didReplace(old: [String?], new: [SQLValue], context: ImportHookContext) throws
    /// A table where the import notes the key of each row it inserts or replaces, with the
    /// batch (`batch_id`, and the first of `dbColumns`); a first load notes one row with a NULL
    /// key, for every row. Nil: none (the table's `batch_id` is indexed instead).
    var changeLog: String? { get }
    /// Indexes whose statistics (`ANALYZE`) the query planner needs, gathered again after a
    /// first load (see `Schema.v8VehicleIndexes`).
    var analyzedIndexes: [String] { get }
}

extension ImportKind {
    public var trackedColumns: [String] { [] }
    public mutating func prepare(_ db: Database) throws {}
    public func didReplace(old: [String?], new: [SQLValue], context: ImportHookContext) throws {}
    public var analyzedIndexes: [String] { [] }
    public var changeLog: String? { nil }
}
