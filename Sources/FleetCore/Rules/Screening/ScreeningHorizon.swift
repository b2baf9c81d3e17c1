/// How long a screening result holds by the passing of time alone, so that a later run can
/// screen again only the plates whose result may have changed (rules.md §2–3 are written as
/// comparisons of the as-of day with dates in the facts).
///
/// Every time rule compares the as-of day with a date of the facts, shifted by a window:
/// `d ≤ asOf` (from `d`), `d ≥ asOf − w` (until `d + w`), `validTo ≥ asOf` (until `validTo`).
/// So the result can only change on a day `d`, `d + 1`, `d + w` or `d + w + 1` for a date `d`
/// of the facts and a window `w` of the policy — or on a date of the policy itself. The
/// horizon is the first such day after the as-of day: conservative (the result may well not
/// change there), never late. A test checks the claim on every sample vehicle.
///
///     let until = screener.stableUntil(facts, from: asOf)   // nil: no later day can change it
///     // screen(facts, asOf: d) == screen(facts, asOf: asOf) for every asOf ≤ d < until
extension Screener {
    public func stableUntil(_ facts: VehicleFacts, from asOf: CivilDate) -> CivilDate? {
        let today = asOf.dayNumber
        var first = Int.max
        func consider(_ date: CivilDate?) {
            guard let d = date?.dayNumber, d + horizonOffsets[horizonOffsets.count - 1] > today else { return }
            // The offsets ascend: the first that passes the day is this date's earliest.
            for o in horizonOffsets where d + o > today {
                if d + o < first { first = d + o }
                return
            }
        }
        // The policy's own dates (the built-up-area ban's start, the sanitation rule's start).
        consider(bulk.builtUpFrom.date)
        consider(policy.screening.sanitationNewEnergyFrom)
        consider(facts.registration?.firstRegistered)       // (no copy of the registration)
        consider(facts.registration?.statusDate)
        for v in facts.sameVIN { consider(v.statusDate) }
        for a in facts.muckApprovals { consider(a.validFrom); consider(a.validTo) }
        for l in facts.transportLicenses { consider(l.validTo) }
        for s in facts.sanitation { consider(s.purchasedOn) }
        for f in facts.filings { consider(f.filedOn) }
        for i in facts.inspections { consider(i.checkedOn) }
        for f in facts.findings { consider(f.investigatedOn) }
        return first == Int.max ? nil : CivilDate(dayNumber: first)
    }

    /// What a stored run must match to be built on by a later run: the policy (its hash) and
    /// the quota settings the screener was made with.
    public var fingerprint: String {
        "\(policy.hash)|\(quota.baseline)|\(quota.maxStage)|\(quota.countTransfersOut)"
    }
}
