import GRDB

/// One import as recorded: what file, which kind, how many rows, who and when (provenance).
public struct ImportBatch: Codable, FetchableRecord, TableRecord, Sendable {
    public static let databaseTableName = "import_batches"
    public var id: Int64
    public var kind: String
    public var fileName: String
    public var sha256: String
    public var encoding: String
    public var rows: Int
    public var inserted: Int
    public var updated: Int
    public var unchanged: Int
    public var invalid: Int
    public var `operator`: String
    public var startedAt: String
    public var finishedAt: String?

    public static let databaseColumnDecodingStrategy = DatabaseColumnDecodingStrategy.convertFromSnakeCase
}
