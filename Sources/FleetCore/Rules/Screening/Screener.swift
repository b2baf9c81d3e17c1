/// The screening rules of rules.md §2–3 as one function from facts to a result. The
/// screening run, `vehicle show` and the permit desk all call it.
///
///     let screener = Screener(policy: policy)
///     let result = screener.screen(facts, asOf: CivilDate(parsing: "2020-11-15")!)
///     result.usage        // .unknown
///     result.flagCodes    // ["SUSPECT_MUCK"]
public struct Screener: Sendable {
    public let policy: Policy
    public let inference: EmissionInference
    /// Decides SCRAP_TARGET: the quota's candidates (rules.md §6), with the baseline in force.
    public let quota: QuotaRules
    /// The gate rules of key enterprises (BULK_RESTRICTED asks them).
    public let bulk: BulkRules
    /// The day offsets at which a rule may change its answer (see `stableUntil`).
    let horizonOffsets: [Int]

    /// A screener for a policy; `quota` defaults to the policy's own baseline.
    public init(policy: Policy, quota: QuotaRules? = nil) {
        self.policy = policy
        self.inference = EmissionInference(table: policy.emission)
        self.quota = quota ?? QuotaRules(policy: policy)
        self.bulk = BulkRules(policy: policy)
        var offsets = [0, 1]
        for w in [policy.screening.muckSightingDays, policy.screening.inspectionDays,
                  policy.screening.findingDays, policy.usage.findingValidDays] { offsets += [w, w + 1] }
        self.horizonOffsets = Array(Set(offsets)).sorted()
    }

    /// The flags in the order rules.md lists them.
    public static let flagOrder = [
        "UNAPPROVED_MUCK", "ILLEGAL_MUCK_CONFIRMED", "SUSPECT_MUCK", "UNKNOWN_USE", "OVER_STANDARD", "SCRAP_TARGET",
        "BULK_RESTRICTED", "SANITATION_NOT_NEV", "VIN_CHECK_DIGIT", "DUPLICATE_VIN", "REGISTRY_MISMATCH",
    ]
    /// The flags that put a vehicle on its township's investigation list.
    public static let investigationFlags: Set<String> = Set(flagOrder.filter(isInvestigationFlag))
    /// Whether a flag puts its vehicle on the list (a run asks for every vehicle: no hashing).
    @inline(__always) static func isInvestigationFlag(_ code: String) -> Bool {
        code == "UNAPPROVED_MUCK" || code == "SUSPECT_MUCK" || code == "UNKNOWN_USE"
    }

    /// Whether an event dated `day` lies in the `days` days up to `asOf` (rules.md §7.2).
    @inline(__always)
    static func within(_ day: CivilDate, days: Int, upTo asOf: CivilDate) -> Bool {
        day <= asOf && day >= asOf.adding(days: -days)
    }

    /// Screens one plate. With `detail: false` the result has the same usage, flags and list
    /// membership but no evidence (no messages built).
    public func screen(_ facts: VehicleFacts, asOf: CivilDate, detail: Bool = true) -> ScreeningResult {
        var flags: [ScreeningFlag] = []
        let r = evaluate(facts, asOf: asOf, detail: detail) { flags.append($0) }
        return ScreeningResult(plate: facts.plate, asOf: asOf, inScope: r.outline.inScope, usage: r.outline.usage,
                               usageEvidence: r.usageEvidence, flags: sorted(flags), township: r.outline.township,
                               emission: r.emission, onTownshipList: r.outline.onTownshipList)
    }

    /// The same screening as `screen` (the same function decides), kept as a run over every
    /// vehicle keeps it: usage, flags as a set, township and list membership. No array is
    /// made for the flags (as `ScreeningResult.flags`, allocating and freeing it was ~4 % of a
    /// pass's instructions, callgrind).
    public func outline(_ facts: VehicleFacts, asOf: CivilDate) -> ScreeningOutline {
        evaluate(facts, asOf: asOf, detail: false) { _ in }.outline
    }

    /// The rules of rules.md §2–3 in order; each flag found goes to `found` (in `flagOrder`)
    /// and into the outline's set.
    @inline(__always)
    private func evaluate(_ facts: VehicleFacts, asOf: CivilDate, detail: Bool, _ found: (ScreeningFlag) -> Void)
        -> (outline: ScreeningOutline, usageEvidence: [Evidence], emission: EmissionAssessment?) {
        // Each flag's bit is named where it is found: looking its code up cost ~200
        // instructions a flag, and a set captured by a local function is checked for
        // exclusive access at run time (callgrind). Debug builds check that both agree.
        var set = FlagSet()
        func add(_ f: ScreeningFlag, _ bit: FlagSet, to flags: inout FlagSet) {
            assert(FlagSet.bit(f.code) == bit.rawValue, "\(f.code) is not bit \(bit.rawValue)")
            flags.formUnion(bit)
            found(f)
        }
        // Evidence flags hold for any plate (§7.6).
        if let f = unapprovedMuck(facts, asOf: asOf, detail: detail) { add(f, .unapprovedMuck, to: &set) }
        if let f = illegalMuckConfirmed(facts, asOf: asOf, detail: detail) { add(f, .illegalMuckConfirmed, to: &set) }
        let over = overStandard(facts, asOf: asOf, detail: detail)

        guard let reg = facts.registration else {
            if let over { add(over, .overStandard, to: &set) }
            return (ScreeningOutline(plate: facts.plate, inScope: false, usage: nil, flags: set, township: nil, onTownshipList: false),
                    [], nil)
        }
        let emission = reg.emission(inference)
        let inScope = reg.vehicleType.isGoods && reg.isActive(asOf: asOf)
        var usage: UsageClass?
        var usageEvidence: [Evidence] = []
        if inScope {
            (usage, usageEvidence) = classify(facts, asOf: asOf, detail: detail)
            let muckFlagged = set.intersects(FlagSet.unapprovedMuck.union(.illegalMuckConfirmed))
            if usage == .unknown && !muckFlagged {
                let code = reg.vehicleType.isDumpBody ? "SUSPECT_MUCK" : "UNKNOWN_USE"
                let bit: FlagSet = reg.vehicleType.isDumpBody ? .suspectMuck : .unknownUse
                add(ScreeningFlag(code: code, evidence: !detail ? [] : [Evidence(
                    supports: code, kind: "registration",
                    reference: reg.plate.text,
                    summary: Message("NO_USAGE_EVIDENCE",
                                     zh: "\(reg.vehicleType.code) \(reg.vehicleType.chineseName)，无核准、环卫、重点企业备案、道路运输证或乡镇核实记录",
                                     en: "\(reg.vehicleType.code) \(reg.vehicleType.chineseName), no approval, sanitation, enterprise filing, transport certificate or township confirmation"),
                    source: facts.registrationSource)]), bit, to: &set)
            }
        }
        // OVER_STANDARD holds for any plate; added here, the flags come in `flagOrder`.
        if let over { add(over, .overStandard, to: &set) }
        if inScope {
            if quota.isCandidate(reg, emission: emission, asOf: asOf) {
                add(ScreeningFlag(code: "SCRAP_TARGET", evidence: !detail ? [] : [Evidence(
                    supports: "SCRAP_TARGET", kind: "registration", reference: reg.plate.text,
                    summary: Message("SCRAP_POPULATION",
                                     zh: "\(reg.vehicleType.chineseName)，\(reg.fuel.chineseName)，\(reg.useNature.chineseName)，\(emission.chineseName)",
                                     en: "\(reg.vehicleType.code), fuel \(reg.fuel.code), use \(reg.useNature.code), stage \(emission.code) (\(emission.tier.rawValue))"),
                    source: facts.registrationSource)]), .scrapTarget, to: &set)
            }
            if let f = bulkRestricted(facts, reg: reg, emission: emission, asOf: asOf, detail: detail) { add(f, .bulkRestricted, to: &set) }
            if let f = sanitationNotNEV(facts, reg: reg, asOf: asOf, detail: detail) { add(f, .sanitationNotNEV, to: &set) }
            if !reg.vin.checkDigitIsValid {
                add(ScreeningFlag(code: "VIN_CHECK_DIGIT", evidence: !detail ? [] : [Evidence(
                    supports: "VIN_CHECK_DIGIT", kind: "registration", reference: reg.vin.text,
                    summary: Message("VIN_CHECK_DIGIT", zh: "第9位应为\(reg.vin.expectedCheckDigit)",
                                     en: "position 9 should be \(reg.vin.expectedCheckDigit)"),
                    source: facts.registrationSource)]), .vinCheckDigit, to: &set)
            }
            if facts.sameVIN.contains(where: { $0.isActive(asOf: asOf) && $0.plate != reg.plate.text }) {
                let others = facts.sameVIN.filter { $0.isActive(asOf: asOf) && $0.plate != reg.plate.text }
                add(ScreeningFlag(code: "DUPLICATE_VIN", evidence: !detail ? [] : [Evidence(
                    supports: "DUPLICATE_VIN", kind: "registration", reference: reg.vin.text,
                    summary: Message("DUPLICATE_VIN", zh: "同一VIN另有在用号牌：\(others.map(\.plate).joined(separator: "、"))",
                                     en: "the same VIN is on active plate(s) \(others.map(\.plate).joined(separator: ", "))"),
                    source: facts.registrationSource)]), .duplicateVIN, to: &set)
            }
            if let f = registryMismatch(facts, asOf: asOf, detail: detail) { add(f, .registryMismatch, to: &set) }
        }
        let listed = inScope && set.intersects(FlagSet.investigation) && !closedByFinding(facts, asOf: asOf)
        return (ScreeningOutline(plate: facts.plate, inScope: inScope, usage: usage, flags: set, township: reg.township,
                                 onTownshipList: listed),
                usageEvidence, emission)
    }

    /// The flags in `flagOrder` (by their bits, `FlagSet`). `evaluate` finds them in that
    /// order, so this is mostly a check.
    private func sorted(_ flags: [ScreeningFlag]) -> [ScreeningFlag] {
        func position(_ f: ScreeningFlag) -> UInt16 { FlagSet.bit(f.code) ?? .max }
        if zip(flags, flags.dropFirst()).allSatisfy({ position($0) <= position($1) }) { return flags }
        return flags.sorted { position($0) < position($1) }
    }

    /// The usage class (the first that holds) and every piece of usage evidence (rules.md §2);
    /// with `detail: false`, the class alone. Each class's test is written once, below.
    public func classify(_ facts: VehicleFacts, asOf: CivilDate, detail: Bool = true) -> (UsageClass, [Evidence]) {
        if !detail {
            let usage: UsageClass
            if facts.muckApprovals.contains(where: { Self.approvalCounts($0, asOf) }) { usage = .muckApproved }
            else if facts.sanitation.contains(where: { Self.sanitationCounts($0, asOf) }) { usage = .sanitation }
            else if facts.filings.contains(where: { Self.filingCounts($0, asOf) }) { usage = .bulkEnterprise }
            else if facts.transportLicenses.contains(where: { Self.licenseCounts($0, asOf) }) { usage = .operatingFreight }
            else if facts.findings.contains(where: { confirmationCounts($0, asOf) }) { usage = .townshipConfirmed }
            else { usage = .unknown }
            return (usage, [])
        }
        var evidence: [Evidence] = []
        for a in facts.muckApprovals where Self.approvalCounts(a, asOf) {
            evidence.append(Evidence(supports: UsageClass.muckApproved.rawValue, kind: "muck_approval", reference: a.approvalNo,
                                     summary: Message("MUCK_APPROVAL", zh: "渣土运输核准，\(a.company)，\(a.validFrom)至\(a.validTo)",
                                                      en: "muck approval, \(a.company), \(a.validFrom) to \(a.validTo)"),
                                     source: a.source))
        }
        for s in facts.sanitation where Self.sanitationCounts(s, asOf) {
            evidence.append(Evidence(supports: UsageClass.sanitation.rawValue, kind: "sanitation", reference: facts.plate,
                                     summary: Message("SANITATION", zh: "环卫车辆，\(s.operatorName)，购置于\(s.purchasedOn)",
                                                      en: "sanitation fleet, \(s.operatorName), bought \(s.purchasedOn)"),
                                     source: s.source))
        }
        for f in facts.filings where Self.filingCounts(f, asOf) {
            evidence.append(Evidence(supports: UsageClass.bulkEnterprise.rawValue, kind: "enterprise_filing", reference: f.enterpriseID,
                                     summary: Message("ENTERPRISE_FILING", zh: "在\(f.enterpriseName)门禁系统备案在用",
                                                      en: "filed in use at \(f.enterpriseName)"),
                                     source: f.source))
        }
        for l in facts.transportLicenses where Self.licenseCounts(l, asOf) {
            evidence.append(Evidence(supports: UsageClass.operatingFreight.rawValue, kind: "transport_license", reference: l.licenseNo,
                                     summary: Message("TRANSPORT_LICENSE", zh: "道路运输证，\(l.operatorName)，有效期至\(l.validTo)",
                                                      en: "road transport certificate, \(l.operatorName), valid to \(l.validTo)"),
                                     source: l.source))
        }
        for f in facts.findings where confirmationCounts(f, asOf) {
            evidence.append(Evidence(supports: UsageClass.townshipConfirmed.rawValue, kind: "finding", reference: f.itemID,
                                     summary: Message("USAGE_CONFIRMED", zh: "\(f.township)\(f.investigatedOn)核实用途：\(f.confirmedUsage ?? "")",
                                                      en: "\(f.township) confirmed the use on \(f.investigatedOn): \(f.confirmedUsage ?? "")"),
                                     source: f.source))
        }
        let usage = UsageClass.allCases.first { c in evidence.contains { $0.supports == c.rawValue } } ?? .unknown
        return (usage, evidence)
    }

    // The usage evidence tests (rules.md §2), one per kind.
    static func approvalCounts(_ a: MuckApproval, _ asOf: CivilDate) -> Bool { a.isValid(on: asOf) }
    static func sanitationCounts(_ s: SanitationEntry, _ asOf: CivilDate) -> Bool { s.purchasedOn <= asOf }
    static func filingCounts(_ f: EnterpriseFiling, _ asOf: CivilDate) -> Bool { f.isInForce(on: asOf) }
    static func licenseCounts(_ l: TransportLicense, _ asOf: CivilDate) -> Bool { l.validTo >= asOf }
    func confirmationCounts(_ f: TownshipFinding, _ asOf: CivilDate) -> Bool {
        f.conclusion == .usageConfirmed && Screener.within(f.investigatedOn, days: policy.usage.findingValidDays, upTo: asOf)
    }

    /// UNAPPROVED_MUCK: seen hauling spoil in the last 180 days on a day no approval covered.
    public func unapprovedMuck(_ facts: VehicleFacts, asOf: CivilDate, detail: Bool = true) -> ScreeningFlag? {
        let days = policy.screening.muckSightingDays
        let sightings = facts.inspections.filter { i in
            i.result == .haulingMuck && Screener.within(i.checkedOn, days: days, upTo: asOf)
                && !facts.muckApprovals.contains(where: { a in a.isValid(on: i.checkedOn) })
        }
        guard !sightings.isEmpty else { return nil }
        return ScreeningFlag(code: "UNAPPROVED_MUCK", evidence: !detail ? [] : sightings.map { i in
            Evidence(supports: "UNAPPROVED_MUCK", kind: "inspection", reference: i.recordKey,
                     summary: Message("HAULING_WITHOUT_APPROVAL", zh: "\(i.checkedAt)\(i.location.map { "在" + $0 } ?? "")发现运输渣土，当日无有效核准",
                                      en: "seen hauling spoil \(i.checkedAt)\(i.location.map { " at " + $0 } ?? ""), no valid approval that day"),
                     source: i.source)
        })
    }

    /// ILLEGAL_MUCK_CONFIRMED: a township found illegal muck hauling in the last 365 days.
    public func illegalMuckConfirmed(_ facts: VehicleFacts, asOf: CivilDate, detail: Bool = true) -> ScreeningFlag? {
        let found = facts.findings.filter {
            $0.conclusion == .illegalMuck && Screener.within($0.investigatedOn, days: policy.screening.findingDays, upTo: asOf)
        }
        guard !found.isEmpty else { return nil }
        return ScreeningFlag(code: "ILLEGAL_MUCK_CONFIRMED", evidence: !detail ? [] : found.map { f in
            Evidence(supports: "ILLEGAL_MUCK_CONFIRMED", kind: "finding", reference: f.itemID,
                     summary: Message("ILLEGAL_MUCK_FOUND", zh: "\(f.township)于\(f.investigatedOn)核实为非法渣土运输",
                                      en: "\(f.township) found illegal muck hauling on \(f.investigatedOn)"),
                     source: f.source)
        })
    }

    /// The kinds of record that are emission checks (night check, roadside, remote sensing).
    static func isEmissionCheck(_ kind: InspectionKind) -> Bool {
        switch kind {
        case .nightCheck, .roadside, .remoteSensing: return true
        case .siteCheck, .dumpSiteCheck: return false
        }
    }

    /// OVER_STANDARD: the latest emission check (night check, roadside, remote sensing) with a
    /// pass or over-standard result in the last 365 days is over standard. Two results at
    /// the same second: over-standard wins (the vehicle must show a later pass).
    public func overStandard(_ facts: VehicleFacts, asOf: CivilDate, detail: Bool = true) -> ScreeningFlag? {
        var latest: InspectionRecord?
        for i in facts.inspections where Screener.isEmissionCheck(i.kind) && (i.result == .pass || i.result == .overStandard)
            && Screener.within(i.checkedOn, days: policy.screening.inspectionDays, upTo: asOf) {
            guard let l = latest else { latest = i; continue }
            if l.checkedAt != i.checkedAt ? l.checkedAt < i.checkedAt : (l.result != .overStandard && i.result == .overStandard) { latest = i }
        }
        guard let latest, latest.result == .overStandard else { return nil }
        return ScreeningFlag(code: "OVER_STANDARD", evidence: !detail ? [] : [Evidence(
            supports: "OVER_STANDARD", kind: "inspection", reference: latest.recordKey,
            summary: Message("OVER_STANDARD", zh: "\(latest.checkedAt)检测超标，此后未见合格",
                             en: "over the standard at \(latest.checkedAt), no pass since"),
            source: latest.source)])
    }

    /// BULK_RESTRICTED: a diesel truck of 国IV or older filed in use at any key enterprise —
    /// whatever the alert on the date (§7.11). Which filings restrict it, and how (always, or during
    /// alerts), is `BulkFleet`'s answer from the gate rules themselves, at the end of the day.
    func bulkRestricted(_ facts: VehicleFacts, reg: VehicleRegistration, emission: EmissionAssessment, asOf: CivilDate, detail: Bool = true) -> ScreeningFlag? {
        guard !facts.filings.isEmpty, reg.fuel.isDiesel, emission.isAtMost(policy.bulk.maxStage) == true else { return nil }
        let vehicle = BulkVehicle(facts, emission: emission)
        let endOfDay = CivilDateTime(date: asOf, hour: 23, minute: 59, second: 59)
        let fleet = BulkFleet(rules: bulk)
        let restricted = BulkFleet.filingsInForce(vehicle, on: asOf).compactMap { f, e -> (EnterpriseFiling, BulkFleet.Ban)? in
            let ban = fleet.assess(vehicle, enterprise: e, at: endOfDay, detail: detail).ban
            return ban == .always || ban == .duringAlerts ? (f, ban) : nil
        }
        guard !restricted.isEmpty else { return nil }
        return ScreeningFlag(code: "BULK_RESTRICTED", evidence: !detail ? [] : restricted.map { f, ban in
            Evidence(supports: "BULK_RESTRICTED", kind: "enterprise_filing", reference: f.enterpriseID,
                     summary: ban == .always
                        ? Message("BULK_BUILT_UP", zh: "\(f.enterpriseName)位于建成区：\(emission.chineseName)柴油货车禁止运输",
                                  en: "\(f.enterpriseName) is in the built-up area: banned there always (\(emission.code) diesel)")
                        : Message("BULK_ALERT", zh: "\(f.enterpriseName)：橙色及以上预警期间禁止运输",
                                  en: "\(f.enterpriseName): banned there during orange and red alerts (\(emission.code) diesel)"),
                     source: f.source)
        })
    }

    /// SANITATION_NOT_NEV: a sanitation vehicle bought from 2020-10-01 that is not new energy.
    func sanitationNotNEV(_ facts: VehicleFacts, reg: VehicleRegistration, asOf: CivilDate, detail: Bool = true) -> ScreeningFlag? {
        guard !reg.isNewEnergy else { return nil }
        let from = policy.screening.sanitationNewEnergyFrom
        let bought = facts.sanitation.filter { $0.purchasedOn >= from && $0.purchasedOn <= asOf }
        guard !bought.isEmpty else { return nil }
        return ScreeningFlag(code: "SANITATION_NOT_NEV", evidence: !detail ? [] : bought.map { s in
            Evidence(supports: "SANITATION_NOT_NEV", kind: "sanitation", reference: facts.plate,
                     summary: Message("SANITATION_NOT_NEV", zh: "\(s.purchasedOn)购置，燃料\(reg.fuel.chineseName)，非新能源",
                                      en: "bought \(s.purchasedOn), fuel \(reg.fuel.code): not new energy"),
                     source: s.source)
        })
    }

    static let mismatchConclusions: Set<FindingConclusion> = [.scrapped, .transferredOut, .notFound]

    /// REGISTRY_MISMATCH: a township says scrapped, transferred or not found (last 365 days)
    /// while the registry says active (the caller checks activity).
    func registryMismatch(_ facts: VehicleFacts, asOf: CivilDate, detail: Bool = true) -> ScreeningFlag? {
        let found = facts.findings.filter {
            Screener.mismatchConclusions.contains($0.conclusion) && Screener.within($0.investigatedOn, days: policy.screening.findingDays, upTo: asOf)
        }
        guard !found.isEmpty else { return nil }
        return ScreeningFlag(code: "REGISTRY_MISMATCH", evidence: !detail ? [] : found.map { f in
            Evidence(supports: "REGISTRY_MISMATCH", kind: "finding", reference: f.itemID,
                     summary: Message("REGISTRY_MISMATCH", zh: "\(f.township)于\(f.investigatedOn)反馈：\(f.conclusion.chineseName)，但登记状态为在用",
                                      en: "\(f.township) reported \(f.conclusion.code) on \(f.investigatedOn), the registry says active"),
                     source: f.source)
        })
    }

    /// A finding from the last 365 days with any conclusion but `other` closes the list item.
    func closedByFinding(_ facts: VehicleFacts, asOf: CivilDate) -> Bool {
        facts.findings.contains {
            $0.conclusion != .other && Screener.within($0.investigatedOn, days: policy.screening.findingDays, upTo: asOf)
        }
    }
}
