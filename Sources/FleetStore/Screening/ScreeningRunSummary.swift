import FleetCore

/// The figures of one screening run (what `screen run` prints, stored with the run).
public struct ScreeningRunSummary: Codable, Sendable {
    public var run: Int64
    public var asOf: String
    public var policyVersion: String
    public var policyHash: String
    /// Active goods vehicles registered here (the run's scope).
    public var vehicles: Int
    public var usage: [String: Int]
    public var flags: [String: Int]
    /// Flag counts per township (the unregistered plates under 未登记).
    public var byTownship: [String: [String: Int]]
    /// Vehicles on the townships' investigation lists.
    public var listed: Int
    public var changes: ScreeningChanges?
    /// `full` (every plate screened) or `incremental` (only the plates whose facts or time
    /// changed since the previous run); nil in runs stored before incremental runs.
    public var mode: String?
    /// How many plates the run screened.
    public var screened: Int?

    public init(run: Int64, asOf: String, policyVersion: String, policyHash: String, vehicles: Int, usage: [String: Int],
                flags: [String: Int], byTownship: [String: [String: Int]], listed: Int) {
        self.run = run; self.asOf = asOf; self.policyVersion = policyVersion; self.policyHash = policyHash
        self.vehicles = vehicles; self.usage = usage; self.flags = flags; self.byTownship = byTownship; self.listed = listed
    }

    enum CodingKeys: String, CodingKey {
        case run, asOf = "as_of", policyVersion = "policy_version", policyHash = "policy_hash", vehicles, usage, flags
        case byTownship = "by_township", listed, changes, mode, screened
    }

    /// The township name under which plates not registered here are reported.
    public static let unregistered = "未登记"
}

/// What changed since the previous run, counted by (vehicle, flag).
public struct ScreeningChanges: Codable, Sendable, Equatable {
    public struct Counts: Codable, Sendable, Equatable {
        public var newlyFlagged = 0
        public var resolved = 0
        public var stillOpen = 0
        enum CodingKeys: String, CodingKey { case newlyFlagged = "newly_flagged", resolved, stillOpen = "still_open" }
    }
    public var previousRun: Int64
    public var previousAsOf: String
    public var total = Counts()
    public var byTownship: [String: Counts] = [:]

    enum CodingKeys: String, CodingKey {
        case previousRun = "previous_run", previousAsOf = "previous_as_of", total, byTownship = "by_township"
    }
}
