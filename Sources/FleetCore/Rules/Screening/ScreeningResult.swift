/// What screening decides about one plate as of a date.
public struct ScreeningResult: Sendable {
    public var plate: String
    public var asOf: CivilDate
    /// An active goods vehicle registered here (rules.md §2): it has a usage class.
    public var inScope: Bool
    public var usage: UsageClass?
    /// Every piece of usage evidence found, not only the winning one.
    public var usageEvidence: [Evidence]
    public var flags: [ScreeningFlag]
    public var township: String?
    public var emission: EmissionAssessment?
    /// On its township's investigation list (UNAPPROVED_MUCK, SUSPECT_MUCK or UNKNOWN_USE, and
    /// not closed by a finding from the last 365 days).
    public var onTownshipList: Bool

    public var flagCodes: [String] { flags.map(\.code) }
    public func has(_ code: String) -> Bool { flags.contains { $0.code == code } }
}

/// What a run over every vehicle keeps of a plate's screening (`Screener.outline`): the
/// usage, flags, township and list membership of `Screener.screen`'s result, without evidence.
public struct ScreeningOutline: Sendable, Equatable {
    public var plate: String
    /// An active goods vehicle registered here (rules.md §2).
    public var inScope: Bool
    public var usage: UsageClass?
    public var flags: FlagSet
    public var township: String?
    public var onTownshipList: Bool
}
