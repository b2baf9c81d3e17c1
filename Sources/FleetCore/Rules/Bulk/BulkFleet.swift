/// How a truck filed at a key enterprise stands under the gate rules (`bulk fleet`, and
/// BULK_RESTRICTED in the screening): banned there always, only during alerts, not banned, or to
/// be verified. Decided by `BulkRules` itself, at the moment asked, once without an alert and
/// once under the strictest alert level of the policy.
///
///     let fleet = BulkFleet(rules: BulkRules(policy: policy))
///     fleet.assess(vehicle, enterprise: qy001, at: now).ban   // .always
public struct BulkFleet: Sendable {
    /// 限用情况.
    public enum Ban: String, Sendable, CaseIterable, Codable {
        /// Denied at that gate whatever the alert (built-up area, after `built_up_from`).
        case always
        /// Denied there only while an orange or red alert holds.
        case duringAlerts = "during_alerts"
        /// A rule would refer: the stage straddles the limit, or the plate is not registered here.
        case toVerify = "to_verify"
        /// Never denied there.
        case none

        public var chineseName: String {
            switch self {
            case .always: return "始终禁用"
            case .duringAlerts: return "预警期间禁用"
            case .toVerify: return "待核验"
            case .none: return "不限"
            }
        }
    }

    /// One truck at one enterprise.
    public struct Entry: Sendable {
        public let plate: String
        public let enterprise: EnterpriseInfo
        public let ban: Ban
        /// The decision that shows it: without an alert for `always` (and `none`), under the
        /// strictest alert otherwise.
        public let decision: Decision
        public let emission: EmissionAssessment?
        public let fuel: Fuel?
    }

    public let rules: BulkRules
    public init(rules: BulkRules) { self.rules = rules }

    /// The truck at the enterprise at moment `at`.
    /// With `detail: false`, the same ban, and a decision without messages (`BulkRules.judge`).
    public func assess(_ vehicle: BulkVehicle, enterprise: EnterpriseInfo, at: CivilDateTime, detail: Bool = true) -> Entry {
        let calm = rules.judge(vehicle, enterprise: enterprise, at: at, alertLevel: nil, detail: detail)
        let alert = rules.strictestAlertLevel.map {
            rules.judge(vehicle, enterprise: enterprise, at: at, alertLevel: $0, detail: detail)
        } ?? calm
        let ban: Ban
        let shown: Decision
        if calm.outcome == .deny { (ban, shown) = (.always, calm) }
        else if calm.outcome == .refer { (ban, shown) = (.toVerify, calm) }
        else if alert.outcome == .deny { (ban, shown) = (.duringAlerts, alert) }
        else if alert.outcome == .refer { (ban, shown) = (.toVerify, alert) }
        else { (ban, shown) = (.none, calm) }
        return Entry(plate: vehicle.plate, enterprise: enterprise, ban: ban, decision: shown, emission: vehicle.emission,
                     fuel: vehicle.registration?.fuel)
    }

    /// The filings of a vehicle in force on the day, each with its enterprise as the rules see it.
    public static func filingsInForce(_ vehicle: BulkVehicle, on day: CivilDate) -> [(EnterpriseFiling, EnterpriseInfo)] {
        vehicle.filings.filter { $0.isInForce(on: day) }.map {
            ($0, EnterpriseInfo(id: $0.enterpriseID, name: $0.enterpriseName, township: $0.enterpriseTownship, inBuiltUpArea: $0.inBuiltUpArea))
        }
    }
}

/// `alert preview --level L --at T`: before an alert is declared, what it would stop — the filed
/// trucks (in use on T's day) that the gate rules would deny at T with the alert added to those
/// already in force, per township (of the enterprise) and per enterprise.
///
///     let p = BulkPreview(fleet: filed, rules: rules, at: t, level: .orange, levelInForce: timeline.level(at: t))
///     p.total.stopped        // trucks that could not pass during the alert
///     p.total.newlyStopped   // of which allowed without it
public struct BulkPreview: Sendable {
    /// The figures of one enterprise, township or the city. Vehicles count once even when filed at
    /// two enterprises of the group.
    public struct Counts: Sendable, Codable, Equatable {
        /// Filed in use on the day.
        public var filed = 0
        /// Denied at T with the alert.
        public var stopped = 0
        /// Of those, denied at T already without it (built-up area, or an alert already in force).
        public var alreadyStopped = 0
        /// Of those, stopped by the alert alone.
        public var newlyStopped = 0
        /// Referred with the alert (stage uncertain, not registered): to verify.
        public var toVerify = 0
        /// Enterprises with at least one truck stopped by the alert alone.
        public var enterprisesStopped = 0
        /// Enterprises with at least one filed truck.
        public var enterprises = 0

        enum CodingKeys: String, CodingKey {
            case filed, stopped, alreadyStopped = "already_stopped", newlyStopped = "newly_stopped", toVerify = "to_verify"
            case enterprisesStopped = "enterprises_stopped", enterprises
        }
    }

    public let level: AlertLevel
    public let at: CivilDateTime
    /// The level in force at T before the preview's alert (nil: none).
    public let levelInForce: AlertLevel?
    /// The level at T with the alert added.
    public let levelWithAlert: AlertLevel
    public private(set) var total = Counts()
    public private(set) var byTownship: [String: Counts] = [:]
    public private(set) var byEnterprise: [String: Counts] = [:]
    public private(set) var enterprises: [String: EnterpriseInfo] = [:]

    /// `fleet`: every filed vehicle (its filings are read from it).
    public init(fleet: [BulkVehicle], rules: BulkRules, at: CivilDateTime, level: AlertLevel, levelInForce: AlertLevel?) {
        self.level = level
        self.at = at
        self.levelInForce = levelInForce
        let with = max(level, levelInForce ?? level)
        levelWithAlert = with

        enum State: Int { case filed, toVerify, already, newly }
        // The worst state of each plate in each group (city, township, enterprise).
        var city: [String: State] = [:]
        var towns: [String: [String: State]] = [:]
        var byEnt: [String: [String: State]] = [:]
        var enterpriseNewly: [String: Bool] = [:]
        for v in fleet {
            for (_, e) in BulkFleet.filingsInForce(v, on: at.date) {
                enterprises[e.id] = e
                let now = rules.judge(v, enterprise: e, at: at, alertLevel: levelInForce).outcome
                let then = rules.judge(v, enterprise: e, at: at, alertLevel: with).outcome
                let state: State = then == .deny ? (now == .deny ? .already : .newly) : then == .refer ? .toVerify : .filed
                func note(_ d: inout [String: State]) {
                    if let old = d[v.plate], old.rawValue >= state.rawValue { return }
                    d[v.plate] = state
                }
                note(&city)
                note(&towns[e.township, default: [:]])
                note(&byEnt[e.id, default: [:]])
                if state == .newly { enterpriseNewly[e.id] = true } else if enterpriseNewly[e.id] == nil { enterpriseNewly[e.id] = false }
            }
        }
        func counts(_ d: [String: State]) -> Counts {
            var c = Counts()
            for s in d.values {
                c.filed += 1
                switch s {
                case .filed: break
                case .toVerify: c.toVerify += 1
                case .already: c.stopped += 1; c.alreadyStopped += 1
                case .newly: c.stopped += 1; c.newlyStopped += 1
                }
            }
            return c
        }
        total = counts(city)
        total.enterprises = enterprises.count
        total.enterprisesStopped = enterpriseNewly.values.filter { $0 }.count
        for (t, d) in towns {
            var c = counts(d)
            let ids = enterprises.values.filter { $0.township == t }.map(\.id)
            c.enterprises = ids.count
            c.enterprisesStopped = ids.filter { enterpriseNewly[$0] == true }.count
            byTownship[t] = c
        }
        for (id, d) in byEnt {
            var c = counts(d)
            c.enterprises = 1
            c.enterprisesStopped = enterpriseNewly[id] == true ? 1 : 0
            byEnterprise[id] = c
        }
    }
}
