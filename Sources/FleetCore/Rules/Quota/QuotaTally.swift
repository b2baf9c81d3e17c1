/// Counters folded over a stream of quota assessments: for the city, per township, and the
/// eliminations per day (for the trend). Holds no vehicle, so a million can stream through it.
///
///     var tally = QuotaTally()
///     for v in vehicles { tally.add(township: v.township, rules.assess(v, emission: …, asOf: day)) }
///     tally.city.population
public struct QuotaTally: Hashable, Sendable {
    /// The counts for one area (the city, or a township).
    public struct Counts: Hashable, Sendable {
        /// In the population (淘汰范围): candidates + eliminated + gone not counted.
        public var population = 0
        /// To verify (待核实): stage range straddling the maximum; not in the population.
        public var toVerify = 0
        /// Population vehicles eliminated from the baseline to the date (已淘汰).
        public var eliminated = 0
        /// Population vehicles still active (尚未淘汰): `quota candidates`.
        public var candidates = 0
        /// Population vehicles transferred out (B) and not counted by the policy.
        public var goneNotCounted = 0
        /// Vehicles that would be in the population or to verify but are gone with no status
        /// date (a gap in the registry data; outside the population).
        public var goneUndated = 0

        public init() {}

        mutating func add(_ a: QuotaAssessment) {
            switch a {
            case .outside(let why):
                if why == .goneUndated { goneUndated += 1 }
            case .toVerify:
                toVerify += 1
            case .population(let standing):
                population += 1
                switch standing {
                case .active: candidates += 1
                case .eliminated: eliminated += 1
                case .goneNotCounted: goneNotCounted += 1
                }
            }
        }

        /// Whether anything was counted.
        public var isEmpty: Bool { self == Counts() }
    }

    public private(set) var city = Counts()
    /// Townships with at least one vehicle counted (outside vehicles other than gone-undated
    /// ones are not).
    public private(set) var byTownship: [String: Counts] = [:]
    /// Eliminations by the day they happened (the status date).
    public private(set) var eliminatedByDay: [CivilDate: Int] = [:]

    public init() {}

    /// Folds one vehicle's assessment in.
    public mutating func add(township: String, _ assessment: QuotaAssessment) {
        if case .outside(let why) = assessment, why != .goneUndated { return }
        city.add(assessment)
        byTownship[township, default: Counts()].add(assessment)
        if let day = assessment.eliminatedOn { eliminatedByDay[day, default: 0] += 1 }
    }
}
