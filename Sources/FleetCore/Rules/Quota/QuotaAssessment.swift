/// What the scrapping quota makes of one vehicle as of a date (rules.md §6).
///
///     switch rules.assess(registration, emission: stage, asOf: day) {
///     case .population(.active): …               // a candidate (SCRAP_TARGET)
///     case .population(.eliminated(let on)): …   // counts towards the target
///     case .toVerify: …                          // 待核实: its stage range straddles 国III
///     case .outside(let why): …
///     }
public enum QuotaAssessment: Hashable, Sendable {
    /// Not in the quota's scope; the first condition that failed.
    case outside(Exclusion)
    /// In scope but for its stage: an uncertain range that straddles the maximum stage
    /// (待核实). Counted apart, never in the population, never a candidate.
    case toVerify(Standing)
    /// In the population (淘汰范围).
    case population(Standing)

    /// Where a vehicle of the population (or to verify) stands on the date.
    public enum Standing: Hashable, Sendable {
        /// Still active (在用): its status holds none of B, E, M, P, or that status had not
        /// begun by the date (rules.md §7.5).
        case active
        /// Gone with a status the quota counts (E, M, P; B where the policy counts transfers
        /// out), on a day from the baseline to the as-of date.
        case eliminated(on: CivilDate)
        /// Gone by a transfer out (B) that the policy does not count, on a day from the
        /// baseline to the as-of date: stays in the population, never eliminated (§7.13).
        case goneNotCounted(on: CivilDate)
    }

    /// Why a vehicle is outside the quota, in the order the conditions are checked.
    public enum Exclusion: String, Hashable, Sendable, CaseIterable {
        /// Not a goods vehicle (H, Q).
        case notGoods = "not_goods"
        /// Fuel other than diesel (B).
        case notDiesel = "not_diesel"
        /// Size class (from the type code) neither heavy nor medium.
        case notHeavyOrMedium = "not_heavy_or_medium"
        /// Use nature other than F 货运 or R 危化品运输.
        case notOperatingGoods = "not_operating_goods"
        /// First registered after the as-of date: not on the register then.
        case notYetRegistered = "not_yet_registered"
        /// Stage newer than the maximum (declared, or inferred, or a whole range above it).
        case stageAboveMax = "stage_above_max"
        /// Gone (B, E, M, P) with a status date before the baseline.
        case goneBeforeBaseline = "gone_before_baseline"
        /// Gone with no 状态变更日期: when it left cannot be told, so it can count neither as
        /// eliminated in the period nor as a candidate (reported apart as `gone_undated`).
        case goneUndated = "gone_undated"
    }

    /// In the population (to-verify vehicles are not).
    public var isInPopulation: Bool {
        if case .population = self { return true }
        return false
    }

    /// In the population and still active on the date: the vehicles still to be eliminated,
    /// for the follow-up list, and the screening flag SCRAP_TARGET.
    public var isCandidate: Bool { self == .population(.active) }

    public var isToVerify: Bool {
        if case .toVerify = self { return true }
        return false
    }

    /// The day a population vehicle was eliminated, when it was by the as-of date.
    public var eliminatedOn: CivilDate? {
        if case .population(.eliminated(let d)) = self { return d }
        return nil
    }
}
