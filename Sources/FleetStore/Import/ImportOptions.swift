import FleetCore

/// How to run one import.
public struct ImportOptions {
    /// Load the valid rows and report the rest (else any invalid row rejects the file).
    public var skipInvalid = false
    /// Validate and report; write nothing.
    public var dryRun = false
    /// Write every invalid row here (the input's columns plus line, column, reason).
    public var errorsPath: String?
    /// Force an encoding instead of detecting it.
    public var encoding: TextEncoding?
    public var operatorName = "unknown"
    public var lang: Lang = .en
    /// Called every 50,000 rows with the count so far.
    public var progress: ((Int) -> Void)?
    /// Findings kept in the summary (all of them go to `errorsPath`).
    public var keptErrors = 1000
    /// Keys an import keeps in memory (`ImportLoop.keyLimit`); smaller only in tests.
    var keyLimit = 2_000_000
    /// Bits of the key hashes a re-import keeps (`StoredKeys`); fewer only in tests.
    var keyBits = 64

    public init() {}
}

/// What an import did.
public struct ImportSummary: Sendable {
    public var kind: String
    /// The batch number; nil when nothing was written (dry run or rejected).
    public var batch: Int64?
    public var fileName: String
    public var sha256: String
    public var encoding: TextEncoding
    public var rows = 0
    public var inserted = 0
    public var updated = 0
    public var unchanged = 0
    public var invalid = 0
    /// Rows with every field blank (skipped).
    public var blank = 0
    public var committed = false
    public var dryRun = false
    /// The first invalid rows' findings (all of them when fewer than `keptErrors`).
    public var errors: [Finding] = []
    public var warnings: [Finding] = []
}
