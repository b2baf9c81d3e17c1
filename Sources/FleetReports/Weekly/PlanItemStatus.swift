import FleetCore

/// One of the plan's mobile-source items (一(一) 1–8) as the weekly report shows it: the figures
/// the registry measures for it, and whether it is on track, behind, or not measured here.
///
///     PlanItemStatus.assess(figures)[1]   // item 2: behind when eliminated < the straight line
public struct PlanItemStatus: Codable, Sendable, Equatable {
    public enum Status: String, Codable, Sendable {
        case onTrack = "on_track", behind, notMeasured = "not_measured"
    }

    /// 1…8.
    public var item: Int
    /// The figures, by name (`eliminated`, `target`, …).
    public var figures: [String: Double]
    public var status: Status
    /// The rule that decided the status (see `WeeklyRules`, docs/decisions.md "Weekly report").
    public var rule: String

    public init(item: Int, figures: [String: Double], status: Status, rule: String) {
        self.item = item; self.figures = figures; self.status = status; self.rule = rule
    }
}

/// The rules of "behind" (落后) for each plan item, applied to the week's figures. Each is a
/// plain comparison the meeting can check by hand; docs/decisions.md "Weekly report" lists them.
public enum WeeklyRules {
    /// A township has this many days from the run that first put a vehicle on its list to send a
    /// finding back; an item older than that without one is overdue (item 5).
    public static let findingResponseDays = 14

    /// The rule codes, one per item (and the alternative when a figure is missing).
    public enum Rule: String, Sendable {
        /// 1: behind when a sanitation vehicle bought from 2020-10-01 is not new energy.
        case sanitationAllNEV = "SANITATION_NOT_NEV_ZERO"
        /// 2: behind when eliminated is below the straight line from 0 on the baseline to the
        /// target on the deadline, at the as-of date (percent done below the share of time elapsed).
        case quotaStraightLine = "QUOTA_BELOW_STRAIGHT_LINE"
        /// 2: no quota set.
        case quotaNotSet = "QUOTA_NOT_SET"
        /// 3: behind when no night check (零点夜查) was recorded in the week.
        case nightChecksWeekly = "NIGHT_CHECK_EVERY_WEEK"
        /// 4: non-road mobile machinery is not in this registry.
        case notInRegistry = "NOT_IN_REGISTRY_SCOPE"
        /// 5: behind when a list item has had no finding for `findingResponseDays` days or more.
        case findingsOverdue = "FINDINGS_OVERDUE"
        /// 6: behind when a truck was seen hauling spoil without an approval in the week.
        case unapprovedMuckWeek = "UNAPPROVED_MUCK_IN_WEEK"
        /// 7: behind when a key enterprise's gate let in a banned truck in the week.
        case gateViolationsWeek = "GATE_VIOLATION_IN_WEEK"
        /// 8: behind when a permit in force would now be denied.
        case permitsInForceDenied = "ACTIVE_PERMIT_NOW_DENIED"
    }

    /// The eight items, in order.
    public static func assess(quota: WeeklyFigures.QuotaFigures?, screening: WeeklyFigures.ScreeningFigures,
                              enforcement: WeeklyFigures.EnforcementFigures, permits: WeeklyFigures.PermitFigures,
                              gate: WeeklyFigures.GateFigures) -> [PlanItemStatus] {
        func d(_ n: Int) -> Double { Double(n) }
        func status(_ behind: Bool) -> PlanItemStatus.Status { behind ? .behind : .onTrack }
        let unregistered = screening.byTownship.first { $0.township == "未登记" }?.flags ?? [:]
        var items: [PlanItemStatus] = []

        let notNEV = screening.flags["SANITATION_NOT_NEV"] ?? 0
        items.append(PlanItemStatus(item: 1, figures: ["sanitation_not_nev": d(notNEV)], status: status(notNEV > 0),
                                    rule: Rule.sanitationAllNEV.rawValue))

        if let q = quota {
            items.append(PlanItemStatus(item: 2, figures: [
                "eliminated": d(q.eliminated), "target": d(q.target), "percent": q.percent, "planned": q.planned,
                "planned_percent": q.plannedPercent, "eliminated_this_week": d(q.eliminatedThisWeek),
                "weekly_pace_needed": q.weeklyPaceNeeded,
            ], status: status(Double(q.eliminated) < q.planned), rule: Rule.quotaStraightLine.rawValue))
        } else {
            items.append(PlanItemStatus(item: 2, figures: [:], status: .notMeasured, rule: Rule.quotaNotSet.rawValue))
        }

        let checks = Dictionary(uniqueKeysWithValues: enforcement.emissionChecks.map { ($0.kind, $0) })
        let night = checks["night_check"]?.checks ?? 0
        items.append(PlanItemStatus(item: 3, figures: [
            "over_standard_vehicles": d(screening.flags["OVER_STANDARD"] ?? 0),
            "over_standard_unregistered": d(unregistered["OVER_STANDARD"] ?? 0),
            "night_checks": d(night),
            "emission_checks": d(enforcement.emissionChecks.reduce(0) { $0 + $1.checks }),
            "over_standard_results": d(enforcement.emissionChecks.reduce(0) { $0 + $1.overStandard }),
        ], status: status(night == 0), rule: Rule.nightChecksWeekly.rawValue))

        items.append(PlanItemStatus(item: 4, figures: [:], status: .notMeasured, rule: Rule.notInRegistry.rawValue))

        let f = screening.findings
        items.append(PlanItemStatus(item: 5, figures: [
            "unknown_use": d(screening.flags["UNKNOWN_USE"] ?? 0), "suspect_muck": d(screening.flags["SUSPECT_MUCK"] ?? 0),
            "listed": d(screening.listed), "returned": d(f.returned), "returned_this_week": d(f.returnedThisWeek),
            "outstanding": d(f.outstanding), "overdue": d(f.overdue),
        ], status: status(f.overdue > 0), rule: Rule.findingsOverdue.rawValue))

        items.append(PlanItemStatus(item: 6, figures: [
            "unapproved_muck_vehicles": d((screening.flags["UNAPPROVED_MUCK"] ?? 0) + (unregistered["UNAPPROVED_MUCK"] ?? 0)),
            "muck_sightings": d(enforcement.muckSightings), "unapproved_sightings": d(enforcement.unapprovedSightings),
            "unapproved_vehicles": d(enforcement.unapprovedVehicles),
        ], status: status(enforcement.unapprovedSightings > 0), rule: Rule.unapprovedMuckWeek.rawValue))

        items.append(PlanItemStatus(item: 7, figures: [
            "violations": d(gate.violations), "unverified": d(gate.unverified),
            "enterprises_with_violations": d(gate.byEnterprise.filter { $0.violations > 0 }.count),
            "bulk_restricted": d(screening.flags["BULK_RESTRICTED"] ?? 0),
        ], status: status(gate.violations > 0), rule: Rule.gateViolationsWeek.rawValue))

        items.append(PlanItemStatus(item: 8, figures: [
            "issued": d(permits.issued), "denied": d(permits.denied), "referred": d(permits.referred),
            "active_now_denied": d(permits.activeNowDenied),
        ], status: status(permits.activeNowDenied > 0), rule: Rule.permitsInForceDenied.rawValue))
        return items
    }
}
