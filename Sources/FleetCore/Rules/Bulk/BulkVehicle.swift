/// What the bulk rules read about one plate (rules.md §5), prepared once: the registration with
/// its stage inferred, and the gate-system filings. The gate-log scan judges the same truck at
/// many gates and moments, so it prepares each plate once. Immutable; a class so that handing it
/// to the rules for every gate row costs one reference, not a copy of the registration.
///
///     let v = BulkVehicle(facts, inference: EmissionInference(table: policy.emission))
///     v.emission?.code             // "IV"
///     v.isFiled(at: "XMQY001", on: day)
public final class BulkVehicle: Sendable {
    public let plate: String
    /// Nil when the plate is not registered here.
    public let registration: VehicleRegistration?
    /// The stage (declared, inferred or uncertain); nil when not registered.
    public let emission: EmissionAssessment?
    /// Every filing of the plate, in use or withdrawn (§7.11: a withdrawn one counts as none).
    public let filings: [EnterpriseFiling]

    /// The filings in use: enterprise id and the day from which each holds (`Int.min`: no date).
    /// `isFiled` reads these for every gate row, without copying whole filings.
    private let inUse: [(enterpriseID: String, from: Int)]

    public convenience init(_ facts: VehicleFacts, inference: EmissionInference) {
        self.init(facts, emission: facts.registration?.emission(inference))
    }

    /// The same, with the stage already assessed (the screener has it).
    init(_ facts: VehicleFacts, emission: EmissionAssessment?) {
        plate = facts.plate
        registration = facts.registration
        self.emission = emission
        filings = facts.filings
        inUse = facts.filings.filter(\.inUse).map { ($0.enterpriseID, $0.filedOn?.dayNumber ?? Int.min) }
    }

    public var isDiesel: Bool { registration?.fuel.isDiesel == true }

    /// The filing at an enterprise (at most one: the key is enterprise and plate).
    public func filing(at enterpriseID: String) -> EnterpriseFiling? { filings.first { $0.enterpriseID == enterpriseID } }

    /// Filed in use at the enterprise on the day (a filing dated later had not happened yet).
    public func isFiled(at enterpriseID: String, on day: CivilDate) -> Bool {
        // The same as `filings.contains { $0.enterpriseID == enterpriseID && $0.isInForce(on: day) }`.
        for f in inUse where f.from <= day.dayNumber && f.enterpriseID == enterpriseID { return true }
        return false
    }
}

/// Everything about the moment and the gate that the bulk rules read, besides the vehicle and
/// the enterprise: which rule is in force, the alert level, whether the truck is filed there that
/// day. `BulkRules.reasons` sees only this, never the time itself, so two passages with the same
/// situation get the same reasons (what lets `BulkGateJudge` judge each situation once).
public struct BulkSituation: Hashable, Sendable {
    /// BULK_BUILTUP_STANDARD applies: a built-up-area enterprise at or after `bulk.built_up_from`.
    public var builtUpRuleInForce: Bool
    /// The alert level at the moment, if any.
    public var alertLevel: AlertLevel?
    /// BULK_ALERT_STANDARD applies: the level is one of `bulk.alert_levels`.
    public var alertRuleInForce: Bool
    /// Filed in use in this enterprise's gate system on the day.
    public var filed: Bool

    public init(builtUpRuleInForce: Bool, alertLevel: AlertLevel?, alertRuleInForce: Bool, filed: Bool) {
        self.builtUpRuleInForce = builtUpRuleInForce; self.alertLevel = alertLevel
        self.alertRuleInForce = alertRuleInForce; self.filed = filed
    }

    /// A rule that can deny is in force at this gate at this moment (NOT_IN_REGISTRY asks it).
    public var anyRuleInForce: Bool { builtUpRuleInForce || alertRuleInForce }

    /// The situation as 6 bits, for memo keys.
    var bits: UInt8 {
        (builtUpRuleInForce ? 1 : 0) | (alertRuleInForce ? 2 : 0) | (filed ? 4 : 0) | UInt8(alertLevel?.rawValue ?? 0) << 3
    }
}
