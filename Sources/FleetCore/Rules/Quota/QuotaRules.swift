/// The scrapping quota's rule (淘汰任务, rules.md §6, plan item 2): which vehicles are in the
/// population, which are eliminated by a date, which are still to go. Pure: the store streams
/// the vehicles, this decides, and every caller — `quota status`, `quota candidates`, the
/// screening flag SCRAP_TARGET — asks the same function.
///
///     let rules = QuotaRules(policy: policy, settings: settings)
///     let inference = EmissionInference(table: policy.emission)
///     rules.assess(vehicle, emission: vehicle.emission(inference), asOf: day).isCandidate
public struct QuotaRules: Hashable, Sendable {
    /// Eliminations count from this day (inclusive); a vehicle gone before it is outside.
    public let baseline: CivilDate
    /// The newest stage in the population (`quota.max_stage`, 国III).
    public let maxStage: EmissionStage
    /// Whether a transfer out (B) counts as eliminated (`quota.count_transfers_out`).
    public let countTransfersOut: Bool

    public init(baseline: CivilDate, maxStage: EmissionStage, countTransfersOut: Bool) {
        self.baseline = baseline; self.maxStage = maxStage; self.countTransfersOut = countTransfersOut
    }

    /// The policy's stage and transfer rule, with the baseline of the quota as set.
    public init(policy: Policy, settings: QuotaSettings) {
        self.init(baseline: settings.baseline, maxStage: policy.quota.maxStage,
                  countTransfersOut: policy.quota.countTransfersOut)
    }

    /// The policy's defaults (its baseline), for when no quota has been set: who the
    /// candidates are does not depend on the baseline.
    public init(policy: Policy) {
        self.init(baseline: policy.quota.baseline, maxStage: policy.quota.maxStage,
                  countTransfersOut: policy.quota.countTransfersOut)
    }

    /// Where one vehicle stands as of a date (the whole day, CST).
    ///
    /// In scope: a goods vehicle (H, Q), diesel, heavy or medium by its type code (§7.9), use
    /// nature F or R, first registered by the date. Then its stage (`emission`, declared or
    /// inferred): newer than `maxStage` → outside; a range straddling it → to verify. Then its
    /// life: active on the date (no B/E/M/P, or a status whose date is after the date, §7.5);
    /// or gone on a day from the baseline to the date — eliminated when the status holds E, M
    /// or P (B too where the policy counts transfers out), else gone but not counted (§7.13).
    /// Gone before the baseline, or gone with no status date, is outside.
    ///
    ///     rules.assess(truck, emission: .init(stage: .III, tier: .inferred), asOf: date("2020-11-15"))
    ///     // .population(.eliminated(on: 2020-06-30)) for a heavy diesel F truck with status E since 2020-06-30
    public func assess(_ registration: VehicleRegistration, emission: EmissionAssessment,
                       asOf: CivilDate) -> QuotaAssessment {
        let r = registration
        if let why = Self.exclusion(vehicleType: r.vehicleType, fuel: r.fuel, useNature: r.useNature) { return .outside(why) }
        guard r.firstRegistered <= asOf else { return .outside(.notYetRegistered) }
        let stageFits = emission.isAtMost(maxStage)
        if stageFits == false { return .outside(.stageAboveMax) }

        let standing: QuotaAssessment.Standing
        let statusBegun = r.statusDate.map { $0 <= asOf } ?? true
        if r.status.isGone && statusBegun {
            guard let day = r.statusDate else { return .outside(.goneUndated) }
            guard day >= baseline else { return .outside(.goneBeforeBaseline) }
            standing = r.status.isEliminated(countingTransfers: countTransfersOut)
                ? .eliminated(on: day) : .goneNotCounted(on: day)
        } else {
            standing = .active
        }
        return stageFits == true ? .population(standing) : .toVerify(standing)
    }

    /// The first of the code conditions that fails — not goods, not diesel, neither heavy nor
    /// medium, not F or R — or nil when a vehicle with these codes may be in scope. `assess`
    /// starts with this; a caller streaming many vehicles may ask it first and skip the rest of
    /// a vehicle it excludes (such a vehicle is outside whatever its other facts).
    ///
    ///     QuotaRules.exclusion(vehicleType: h31, fuel: diesel, useNature: f)   // .notHeavyOrMedium
    public static func exclusion(vehicleType: VehicleType, fuel: Fuel, useNature: UseNature) -> QuotaAssessment.Exclusion? {
        guard vehicleType.isGoods else { return .notGoods }
        guard fuel.isDiesel else { return .notDiesel }
        let size = vehicleType.sizeClass
        guard size == .heavy || size == .medium else { return .notHeavyOrMedium }
        guard useNature.isOperatingGoods else { return .notOperatingGoods }
        return nil
    }

    /// Whether a vehicle is a scrapping target still on the road as of the date: in the
    /// population and active (rules.md §3 SCRAP_TARGET, §6 `quota candidates`). The screening
    /// flag SCRAP_TARGET calls exactly this.
    ///
    ///     rules.isCandidate(truck, emission: truck.emission(inference), asOf: date("2020-11-15"))   // true
    public func isCandidate(_ registration: VehicleRegistration, emission: EmissionAssessment,
                            asOf: CivilDate) -> Bool {
        assess(registration, emission: emission, asOf: asOf).isCandidate
    }
}
