/// The contents of a policy file (JSON, snake_case keys). See docs/policy.md.
public struct PolicyDocument: Codable, Sendable {
    public var name: String
    public var version: String
    public var effectiveFrom: CivilDate
    public var emission: EmissionPolicy
    public var usage: Usage
    public var screening: Screening
    public var permit: Permit
    public var bulk: Bulk
    public var quota: Quota
    public var rules: [RuleInfo]

    /// §2 usage classification.
    public struct Usage: Codable, Sendable {
        /// A township's usage_confirmed finding counts for this many days.
        public var findingValidDays: Int
    }

    /// §3 screening flags.
    public struct Screening: Codable, Sendable {
        public var muckSightingDays: Int
        public var findingDays: Int
        public var inspectionDays: Int
        public var sanitationNewEnergyFrom: CivilDate
    }

    /// §4 city-entry permits.
    public struct Permit: Codable, Sendable {
        public var maxPeriodDays: Int
        /// EMISSION_BELOW_MIN: a diesel vehicle over `heavyMassKg` needs at least this stage.
        public var minimumStage: EmissionStage
        public var heavyMassKg: Int
        public var numberPrefix: String
    }

    /// §5 key bulk-material enterprises.
    public struct Bulk: Codable, Sendable {
        /// From this moment no diesel truck of `maxStage` or older at a built-up-area enterprise.
        public var builtUpFrom: String
        public var maxStage: EmissionStage
        /// Alert levels during which the ban holds at every key enterprise.
        public var alertLevels: [String]
    }

    /// §6 scrapping quota defaults.
    public struct Quota: Codable, Sendable {
        public var baseline: CivilDate
        public var deadline: CivilDate
        public var maxStage: EmissionStage
        public var countTransfersOut: Bool
    }

    /// Semantic checks beyond the JSON shape; each problem names its key.
    func problems() -> [String] {
        var out: [String] = []
        if version.isEmpty { out.append("version is empty") }
        for fuel in ["diesel", "other"] {
            for mass in ["over", "at_most"] {
                let n = emission.groups.filter { $0.fuel == fuel && $0.mass == mass }.count
                if n != 1 { out.append("emission.groups needs exactly one group for fuel \(fuel), mass \(mass) (found \(n))") }
            }
        }
        for g in emission.groups {
            let ordered = g.starts.sorted { $0.key < $1.key }
            for (a, b) in zip(ordered, ordered.dropFirst()) where !(a.value < b.value) {
                out.append("emission.groups[\(g.id)]: \(b.key) must start after \(a.key)")
            }
            for w in g.uncertainWindows where w.to < w.from {
                out.append("emission.groups[\(g.id)].uncertain_windows: \(w.stage) ends before it starts")
            }
        }
        if emission.massThresholdKg <= 0 { out.append("emission.mass_threshold_kg must be positive") }
        for (key, days) in [("usage.finding_valid_days", usage.findingValidDays),
                            ("screening.muck_sighting_days", screening.muckSightingDays),
                            ("screening.finding_days", screening.findingDays),
                            ("screening.inspection_days", screening.inspectionDays),
                            ("permit.max_period_days", permit.maxPeriodDays)] where days <= 0 {
            out.append("\(key) must be positive")
        }
        if CivilDateTime(parsing: bulk.builtUpFrom) == nil { out.append("bulk.built_up_from is not a date-time") }
        for level in bulk.alertLevels where AlertLevel.parse(level) == nil {
            out.append("bulk.alert_levels: unknown level \(level)")
        }
        if quota.deadline < quota.baseline { out.append("quota.deadline is before quota.baseline") }
        var seen = Set<String>()
        for r in rules where !seen.insert(r.code).inserted { out.append("rules: \(r.code) appears twice") }
        for code in PolicyDocument.requiredRuleCodes where !seen.contains(code) {
            out.append("rules: \(code) is missing")
        }
        return out
    }

    /// Every rule and flag code the code base cites.
    public static let requiredRuleCodes = [
        "NOT_IN_REGISTRY", "VEHICLE_GONE", "UNPROCESSED_VIOLATION", "INSPECTION_OVERDUE", "OVER_STANDARD",
        "EMISSION_BELOW_MIN", "MUCK_NOT_APPROVED", "ILLEGAL_MUCK", "USAGE_UNVERIFIED", "BULK_BUILTUP_STANDARD",
        "PERIOD_TOO_LONG", "BULK_ALERT_STANDARD", "NOT_FILED",
        "UNAPPROVED_MUCK", "ILLEGAL_MUCK_CONFIRMED", "SUSPECT_MUCK", "UNKNOWN_USE", "SCRAP_TARGET",
        "BULK_RESTRICTED", "SANITATION_NOT_NEV", "VIN_CHECK_DIGIT", "DUPLICATE_VIN", "REGISTRY_MISMATCH",
    ]
}
