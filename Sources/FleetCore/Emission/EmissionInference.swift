/// Infers the emission stage of a vehicle from its registration facts and the policy's tables
/// (rules.md §1).
///
///     let facts = EmissionFacts(fuel: diesel, grossMassKg: 25_000, firstRegistered: date("2012-05-01"), declared: nil)
///     EmissionInference(policy: .default).assess(facts)   // III, inferred
public struct EmissionInference: Sendable {
    public let table: EmissionPolicy

    public init(table: EmissionPolicy) { self.table = table }

    /// What the inference looks at.
    public struct Facts: Sendable {
        public var fuel: Fuel
        public var grossMassKg: Int?
        public var firstRegistered: CivilDate
        public var declared: EmissionStage?
        public init(fuel: Fuel, grossMassKg: Int?, firstRegistered: CivilDate, declared: EmissionStage?) {
            self.fuel = fuel
            self.grossMassKg = grossMassKg
            self.firstRegistered = firstRegistered
            self.declared = declared
        }
    }

    /// Zero-emission fuel first (rules.md §7.10), then a declared stage, then the tables.
    public func assess(_ facts: Facts) -> EmissionAssessment {
        if facts.fuel.isZeroEmission { return EmissionAssessment(stage: .ZE, tier: .declared) }
        if let d = facts.declared { return EmissionAssessment(stage: d, tier: .declared) }
        let group = table.group(diesel: facts.fuel.isDiesel, grossMassKg: facts.grossMassKg)
        var stage = EmissionStage.zero
        // The highest stage whose start is on or before the first registration.
        for (s, start) in group.starts where start <= facts.firstRegistered && s > stage {
            stage = s
        }
        for w in group.uncertainWindows where w.from <= facts.firstRegistered && facts.firstRegistered <= w.to {
            if let prev = w.stage.previous {
                return EmissionAssessment(low: prev, high: w.stage, tier: .uncertain)
            }
        }
        return EmissionAssessment(stage: stage, tier: .inferred)
    }
}
