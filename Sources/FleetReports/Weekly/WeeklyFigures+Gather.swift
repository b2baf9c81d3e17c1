import FleetCore
import FleetStore

extension WeeklyFigures {
    /// The week: the seven days ending on the as-of date, both included.
    public static func week(endingOn asOf: CivilDate) -> (from: CivilDate, to: CivilDate) { (asOf.adding(days: -6), asOf) }

    /// Gathers every figure of the weekly report as of a date, from the same store functions the
    /// commands it summarises call:
    ///
    /// - quota: `quotaReport` (`quota status`) and `QuotaTrend.weeks` (`quota trend`);
    /// - screening: the latest run as of exactly the date (`screen list`'s run), made with
    ///   `screener` when there is none; its stored summary and changes; the list items' findings;
    /// - permits: the decision log's `permit_issue` entries decided as of a day of the week, and
    ///   the active permits decided again as `permit recheck` does;
    /// - alerts: the alert timeline cut to the week;
    /// - gate: `scanGateLog` over the week (`bulk violations --from D-6 --to D`).
    ///
    /// `screener` must be the one the commands use for the date (the policy, and the quota
    /// baseline in force then).
    public static func gather(store: FleetStore, policy: Policy, screener: Screener, asOf: CivilDate,
                              operatorName: String) throws -> WeeklyFigures {
        let (from, to) = week(endingOn: asOf)
        let townships = try store.townshipTable()
        let quota = try gatherQuota(store: store, policy: policy, asOf: asOf, weekFrom: from, townships: townships)
        let run = try store.latestRun(asOf: asOf)
            ?? store.runScreening(asOf: asOf, screener: screener, operatorName: operatorName)
        let screening = try gatherScreening(store: store, run: run, asOf: asOf, weekFrom: from, townships: townships)
        let enforcement = try gatherEnforcement(store: store, screener: screener, from: from, to: to)
        let permits = try gatherPermits(store: store, policy: policy, screener: screener, from: from, to: to)
        let timeline = try store.alertTimeline()
        let alerts = gatherAlerts(timeline: timeline, from: from, to: to)
        let gate = try gatherGate(store: store, policy: policy, timeline: timeline, from: from, to: to)
        return WeeklyFigures(
            asOf: asOf.description, week: Period(from: from.description, to: to.description), policyVersion: policy.version,
            quota: quota, screening: screening, enforcement: enforcement, permits: permits, alerts: alerts, gate: gate,
            planItems: WeeklyRules.assess(quota: quota, screening: screening, enforcement: enforcement, permits: permits, gate: gate))
    }

    // MARK: Quota

    static func gatherQuota(store: FleetStore, policy: Policy, asOf: CivilDate, weekFrom: CivilDate,
                            townships: TownshipTable) throws -> QuotaFigures? {
        guard let data = try store.quotaReport(policy: policy, asOf: asOf) else { return nil }
        let s = data.status
        let settings = s.settings
        let weeks = QuotaTrend.weeks(eliminatedByDay: data.tally.eliminatedByDay, settings: settings, asOf: asOf)
        let planned = QuotaTrend.planned(on: asOf, settings: settings)
        var thisWeek = 0
        for d in weekFrom.dayNumber...asOf.dayNumber { thisWeek += data.tally.eliminatedByDay[CivilDate(dayNumber: d)] ?? 0 }
        let towns = townships.sortedInTableOrder(s.byTownship.keys).map { name -> QuotaFigures.Township in
            let p = s.byTownship[name]!
            return QuotaFigures.Township(township: name, population: p.counts.population, eliminated: p.counts.eliminated,
                                         candidates: p.counts.candidates, target: p.target, remaining: p.remaining)
        }
        return QuotaFigures(
            target: settings.target, baseline: settings.baseline.description, deadline: settings.deadline.description,
            population: s.city.counts.population, toVerify: s.city.counts.toVerify, eliminated: s.city.counts.eliminated,
            remaining: s.city.remaining ?? 0, percent: s.city.percent ?? 0, planned: planned,
            plannedPercent: (planned * 1000 / Double(max(1, settings.target))).rounded() / 10,
            candidates: s.city.counts.candidates, daysLeft: s.daysLeft, weeklyPaceNeeded: s.weeklyPaceNeeded,
            eliminatedThisWeek: thisWeek,
            weeks: weeks.map { .init(week: $0.number, from: $0.from.description, to: $0.to.description, eliminated: $0.eliminated,
                                     cumulative: $0.cumulative, planned: $0.planned) },
            byTownship: towns)
    }

    // MARK: Screening

    static func gatherScreening(store: FleetStore, run: ScreeningRunSummary, asOf: CivilDate, weekFrom: CivilDate,
                                townships: TownshipTable) throws -> ScreeningFigures {
        let names = Set(townships.townships.map(\.name)).union(run.byTownship.keys)
        let order = townships.sortedInTableOrder(names)
        let byTownship = order.map { ScreeningFigures.TownshipFlags(township: $0, flags: run.byTownship[$0] ?? [:]) }
        let changes = run.changes.map { c in
            ScreeningFigures.Changes(
                previousRun: c.previousRun, previousAsOf: c.previousAsOf, newlyFlagged: c.total.newlyFlagged,
                resolved: c.total.resolved, stillOpen: c.total.stillOpen,
                byTownship: townships.sortedInTableOrder(c.byTownship.keys).map { t in
                    let k = c.byTownship[t]!
                    return .init(township: t, newlyFlagged: k.newlyFlagged, resolved: k.resolved, stillOpen: k.stillOpen)
                })
        }
        let items = try store.listItemFollowUps(run: run.run, asOf: asOf)
        let overdueBefore = asOf.adding(days: -WeeklyRules.findingResponseDays)
        var towns: [String: ScreeningFigures.TownshipFindings] = [:]
        var findings = ScreeningFigures.Findings(items: items.count, returned: 0, returnedThisWeek: 0, outstanding: 0, overdue: 0,
                                                 responseDays: WeeklyRules.findingResponseDays, byTownship: [])
        for i in items {
            var t = towns[i.township] ?? .init(township: i.township, returned: 0, outstanding: 0, overdue: 0)
            if let on = i.investigatedOn {
                findings.returned += 1
                t.returned += 1
                if on >= weekFrom { findings.returnedThisWeek += 1 }
            } else if i.onRunList {
                findings.outstanding += 1
                t.outstanding += 1
                if i.firstListedOn <= overdueBefore {
                    findings.overdue += 1
                    t.overdue += 1
                }
            }
            towns[i.township] = t
        }
        findings.byTownship = townships.sortedInTableOrder(towns.keys).map { towns[$0]! }
        return ScreeningFigures(run: run.run, asOf: run.asOf, vehicles: run.vehicles, listed: run.listed, flags: run.flags,
                                byTownship: byTownship, changes: changes, findings: findings)
    }

    // MARK: Enforcement

    static let emissionCheckKinds = ["night_check", "roadside", "remote_sensing"]

    static func gatherEnforcement(store: FleetStore, screener: Screener, from: CivilDate, to: CivilDate) throws -> EnforcementFigures {
        let counts = try store.inspectionCounts(from: from, to: to)
        let checks = emissionCheckKinds.map { kind in
            EnforcementFigures.EmissionChecks(
                kind: kind, checks: counts.filter { $0.kind == kind }.reduce(0) { $0 + $1.count },
                overStandard: counts.filter { $0.kind == kind && $0.result == "over_standard" }.reduce(0) { $0 + $1.count })
        }
        let sightings = counts.filter { $0.result == "hauling_muck" }.reduce(0) { $0 + $1.count }
        var unapproved = 0, vehicles = 0
        for plate in try store.platesSeenHauling(from: from, to: to) {
            // The rule of UNAPPROVED_MUCK, asked about the week's sightings only.
            var facts = try store.facts(plate: plate)
            facts.inspections = facts.inspections.filter { $0.checkedOn >= from && $0.checkedOn <= to }
            if let flag = screener.unapprovedMuck(facts, asOf: to) {
                unapproved += flag.evidence.count
                vehicles += 1
            }
        }
        return EnforcementFigures(emissionChecks: checks, muckSightings: sightings, unapprovedSightings: unapproved,
                                  unapprovedVehicles: vehicles)
    }

    // MARK: Permits

    static func gatherPermits(store: FleetStore, policy: Policy, screener: Screener, from: CivilDate, to: CivilDate) throws -> PermitFigures {
        let entries = try store.decisions(kind: "permit_issue", asOfFrom: from, to: to)
        var days = (0..<7).map { PermitFigures.Day(date: from.adding(days: $0).description, issued: 0, denied: 0, referred: 0) }
        var reasons: [String: (item: String, count: Int)] = [:]
        for e in entries {
            guard let day = e.asOf.flatMap({ CivilDate(parsing: $0) }) else { continue }
            let i = day.days(since: from)
            guard days.indices.contains(i) else { continue }
            switch e.outcome {
            case "allow": days[i].issued += 1
            case "deny":
                days[i].denied += 1
                for code in Set(e.reasons.filter { $0.outcome == "deny" }.map(\.code)) {
                    let item = e.reasons.first { $0.code == code }?.item ?? ""
                    reasons[code, default: (item, 0)].count += 1
                }
            case "refer": days[i].referred += 1
            default: break
            }
        }
        let denialReasons = reasons.map { PermitFigures.ReasonCount(code: $0.key, item: $0.value.item, count: $0.value.count) }
            .sorted { ($1.count, $0.code) < ($0.count, $1.code) }
        // `permit recheck` as of the date: the active permits still running, decided again.
        let rules = PermitRules(screener: screener)
        var checked = 0, nowDenied = 0
        for p in try store.permits(status: "active", plate: nil) {
            guard var app = p.application, app.to >= to, let issued = CivilDate(parsing: p.asOf), issued <= to else { continue }
            if app.from < to { app.from = to }
            let enterprise = try app.enterpriseID.flatMap { try store.enterprise(id: $0) }
            checked += 1
            if rules.decide(try store.facts(plate: p.plate), application: app, enterprise: enterprise, asOf: to).outcome == .deny {
                nowDenied += 1
            }
        }
        return PermitFigures(days: days, decisions: entries.count, issued: days.reduce(0) { $0 + $1.issued },
                             denied: days.reduce(0) { $0 + $1.denied }, referred: days.reduce(0) { $0 + $1.referred },
                             denialReasons: denialReasons, activeChecked: checked, activeNowDenied: nowDenied)
    }

    // MARK: Alerts and the gate log

    static func gatherAlerts(timeline: AlertTimeline, from: CivilDate, to: CivilDate) -> AlertFigures {
        let start = CivilDateTime(date: from), end = CivilDateTime(date: to.adding(days: 1))
        let alerts = timeline.alerts.filter { $0.start < end && ($0.end.map { $0 > start } ?? true) }.map { a in
            AlertFigures.Alert(id: a.id ?? 0, level: a.level.description, documentNo: a.documentNo, startsAt: a.start.description,
                               endsAt: a.end?.description)
        }
        var periods: [AlertFigures.LevelPeriod] = []
        var orangeSeconds = 0
        for s in timeline.segments {
            let a = max(s.start, start), b = min(s.end ?? end, end)
            guard a < b else { continue }
            periods.append(.init(level: s.level.description, from: a.description, to: b.description))
            if s.level >= .orange { orangeSeconds += b.secondsSinceEpochCST - a.secondsSinceEpochCST }
        }
        return AlertFigures(alerts: alerts, periods: periods, hoursOrangeOrAbove: (Double(orangeSeconds) / 360).rounded() / 10)
    }

    static func gatherGate(store: FleetStore, policy: Policy, timeline: AlertTimeline, from: CivilDate, to: CivilDate) throws -> GateFigures {
        let start = CivilDateTime(date: from), end = CivilDateTime(date: to, hour: 23, minute: 59, second: 59)
        var enterprises: [String: GateFigures.Enterprise] = [:]
        var days = (0..<7).map { GateFigures.Day(date: from.adding(days: $0).description, violations: 0, unverified: 0) }
        let totals = try store.scanGateLog(from: start, to: end, rules: BulkRules(policy: policy), timeline: timeline) { p in
            let e = p.enterprise
            var c = enterprises[e.id] ?? .init(enterpriseID: e.id, name: e.name, township: e.township, inBuiltUpArea: e.inBuiltUpArea,
                                               violations: 0, unverified: 0)
            let i = p.passedAt.date.days(since: from)
            if p.verdict.outcome == .deny {
                c.violations += 1
                if days.indices.contains(i) { days[i].violations += 1 }
            } else {
                c.unverified += 1
                if days.indices.contains(i) { days[i].unverified += 1 }
            }
            enterprises[e.id] = c
        }
        let list = enterprises.values.sorted { ($1.violations, $1.unverified, $0.enterpriseID) < ($0.violations, $0.unverified, $1.enterpriseID) }
        return GateFigures(from: start.description, to: end.description, rows: totals.rows, judged: totals.judged,
                           violations: totals.denied, unverified: totals.referred, byEnterprise: list, byDay: days)
    }
}
