/// The gate rules for key bulk-material enterprises (rules.md §5, plan item 7): may this truck
/// pass this enterprise's gate at this moment? Every rule is evaluated; each reason has its code,
/// outcome, plan item, the facts it used and what would make it pass, as at the permit desk.
///
///     let gate = BulkRules(policy: policy)
///     let d = gate.judge(facts, enterprise: qy001, at: CivilDateTime(parsing: "2020-11-03 07:12")!,
///                        alertLevel: timeline.level(at: …))
///     d.outcome                  // .deny
///     d.reasons.map(\.code)      // ["BULK_BUILTUP_STANDARD"]
///
/// | code | outcome | when |
/// |---|---|---|
/// | BULK_BUILTUP_STANDARD | deny | built-up-area enterprise, T ≥ bulk.built_up_from, diesel, stage ≤ bulk.max_stage |
/// | BULK_ALERT_STANDARD | deny | alert level at T in bulk.alert_levels, diesel, stage ≤ bulk.max_stage |
/// | NOT_IN_REGISTRY | refer | not registered here, and one of the two above is in force at that gate at T |
/// | NOT_FILED | warn | not filed in use in that enterprise's gate system on T's day (停用 = not filed, §7.11) |
///
/// A stage range that straddles `max_stage` (an uncertain window) makes either deny rule refer.
public struct BulkRules: Sendable {
    public let policy: Policy
    public let inference: EmissionInference
    /// `bulk.built_up_from` (validated when the policy was loaded).
    public let builtUpFrom: CivilDateTime
    /// `bulk.alert_levels`.
    public let alertLevels: Set<AlertLevel>

    public init(policy: Policy) {
        self.policy = policy
        inference = EmissionInference(table: policy.emission)
        builtUpFrom = CivilDateTime(parsing: policy.bulk.builtUpFrom)!
        alertLevels = Set(policy.bulk.alertLevels.compactMap { AlertLevel.parse($0) })
    }

    var maxStage: EmissionStage { policy.bulk.maxStage }

    /// The highest level during which the ban holds at every key enterprise (nil: the policy has none).
    public var strictestAlertLevel: AlertLevel? { alertLevels.max() }

    /// Judges one passage: `alertLevel` is the level in force at `at` (`AlertTimeline.level(at:)`).
    public func judge(_ facts: VehicleFacts, enterprise: EnterpriseInfo, at: CivilDateTime, alertLevel: AlertLevel?) -> Decision {
        judge(BulkVehicle(facts, inference: inference), enterprise: enterprise, at: at, alertLevel: alertLevel)
    }

    /// The same, for a vehicle already prepared. With `detail: false` the reasons have their
    /// codes and outcomes (so the same decision) but no messages or facts: the screening run
    /// asks only whether a filed truck is banned.
    public func judge(_ vehicle: BulkVehicle, enterprise: EnterpriseInfo, at: CivilDateTime, alertLevel: AlertLevel?,
                      detail: Bool = true) -> Decision {
        let s = situation(vehicle, enterprise: enterprise, at: at, alertLevel: alertLevel)
        return Decision(plate: vehicle.plate, asOf: at.date, reasons: reasons(vehicle, enterprise: enterprise, situation: s, detail: detail),
                        emission: vehicle.emission, usage: nil, policy: policy)
    }

    /// What the moment and the gate mean for the rules.
    public func situation(_ vehicle: BulkVehicle, enterprise: EnterpriseInfo, at: CivilDateTime, alertLevel: AlertLevel?) -> BulkSituation {
        BulkSituation(builtUpRuleInForce: enterprise.inBuiltUpArea && at >= builtUpFrom,
                      alertLevel: alertLevel,
                      alertRuleInForce: alertLevel.map { alertLevels.contains($0) } ?? false,
                      filed: vehicle.isFiled(at: enterprise.id, on: at.date))
    }

    /// The reasons for a vehicle at an enterprise in a situation. It never sees the time: two
    /// passages in the same situation get the same reasons. With `detail: false`, codes,
    /// outcomes and plan items only (no message is built).
    public func reasons(_ vehicle: BulkVehicle, enterprise: EnterpriseInfo, situation s: BulkSituation,
                        detail: Bool = true) -> [DecisionReason] {
        var reasons: [DecisionReason] = []
        func add(_ code: String, _ outcome: Outcome, _ message: @autoclosure () -> Message, needs: @autoclosure () -> Message?,
                 facts: @autoclosure () -> [UsedFact]) {
            reasons.append(DecisionReason(code: code, outcome: outcome, item: policy.rule(code).item,
                                          message: detail ? message() : Message(code, zh: "", en: ""),
                                          needs: detail ? needs() : nil, facts: detail ? facts() : []))
        }
        // Built only when a message is (`detail`): functions, not values.
        func enterpriseFact() -> UsedFact {
            UsedFact(name: "enterprise", value: "\(enterprise.id) \(enterprise.name)",
                     basis: enterprise.inBuiltUpArea ? "in the built-up area" : "outside the built-up area")
        }
        func alertFact() -> [UsedFact] {
            s.alertLevel.map { [UsedFact(name: "alert_level", value: $0.description, basis: "in force at the time")] } ?? []
        }

        if vehicle.registration == nil && s.anyRuleInForce {
            let inForce = [s.builtUpRuleInForce ? "BULK_BUILTUP_STANDARD" : nil, s.alertRuleInForce ? "BULK_ALERT_STANDARD" : nil]
                .compactMap { $0 }
            add("NOT_IN_REGISTRY", .refer,
                Message("NOT_IN_REGISTRY", zh: "本市登记库中无此车，而此时此地\(inForce.map { policy.rule($0).zh }.joined(separator: "、"))生效，须核验燃料和排放标准",
                        en: "the plate is not in the registry, and \(inForce.joined(separator: " and ")) \(inForce.count > 1 ? "are" : "is") in force at this gate now: check its fuel and emission stage"),
                needs: Message("NEEDS_PAPERS_BULK", zh: "核验行驶证等证件：非柴油车，或\(maxStage.chineseName)以上排放标准",
                               en: "papers showing it is not diesel, or newer than China \(maxStage)"),
                facts: [UsedFact(name: "plate", value: vehicle.plate), enterpriseFact()] + alertFact())
        }

        if let reg = vehicle.registration, reg.fuel.isDiesel, let emission = vehicle.emission {
            func stageFact() -> UsedFact { emission.usedFact(firstRegistered: reg.firstRegistered) }
            func fuelFact() -> UsedFact { UsedFact(name: "fuel", value: reg.fuel.code, basis: reg.fuel.chineseName) }
            func needs() -> Message {
                Message("NEEDS_STAGE_BULK", zh: "\(maxStage.chineseName)以上排放标准或非柴油车", en: "newer than China \(maxStage), or not diesel")
            }
            let how = emission.tier == .inferred ? ("按登记日期推定", "inferred") : emission.tier == .declared ? ("登记记载", "declared") : ("不确定", "uncertain")
            func uncertain() -> Message {
                Message("EMISSION_UNCERTAIN", zh: "排放标准不确定（\(emission.chineseName)），需核验",
                        en: "emission stage uncertain (\(emission.code)): check the papers")
            }
            let atMost = emission.isAtMost(maxStage)
            if s.builtUpRuleInForce, atMost != false {
                func from() -> (zh: String, en: String) { Self.moment(builtUpFrom) }
                add("BULK_BUILTUP_STANDARD", atMost == true ? .deny : .refer,
                    atMost == true
                        ? Message("BULK_BUILTUP_STANDARD", zh: "\(enterprise.name)位于建成区，\(from().zh)起禁用\(maxStage.chineseName)及以下柴油货车；该车为\(emission.chineseName)（\(how.0)）",
                                  en: "\(enterprise.name) is in the built-up area: diesel trucks of China \(maxStage) or older banned from \(from().en) (this one: \(emission.code), \(how.1))")
                        : uncertain(),
                    needs: needs(), facts: [stageFact(), fuelFact(), enterpriseFact()])
            }
            if s.alertRuleInForce, let level = s.alertLevel, atMost != false {
                add("BULK_ALERT_STANDARD", atMost == true ? .deny : .refer,
                    atMost == true
                        ? Message("BULK_ALERT_STANDARD", zh: "\(level.chineseName)预警期间，各重点用车企业禁用\(maxStage.chineseName)及以下柴油货车；该车为\(emission.chineseName)（\(how.0)）",
                                  en: "\(level) alert in force: diesel trucks of China \(maxStage) or older banned at every key enterprise (this one: \(emission.code), \(how.1))")
                        : uncertain(),
                    needs: needs(), facts: [stageFact(), fuelFact()] + alertFact())
            }
        }

        if !s.filed {
            func explain() -> (Message, [UsedFact]) {
                let filing = vehicle.filing(at: enterprise.id)
                var used = [UsedFact(name: "plate", value: vehicle.plate), enterpriseFact()]
                if let f = filing, !f.inUse {
                    used.append(UsedFact(name: "filing", value: "withdrawn", basis: f.source.map { "batch \($0.batch) line \($0.line)" }))
                    return (Message("NOT_FILED", zh: "在\(enterprise.name)门禁系统的备案已停用，视为未备案",
                                    en: "its filing in \(enterprise.name)'s gate system is withdrawn (停用): not filed"), used)
                } else if let f = filing, let on = f.filedOn {
                    used.append(UsedFact(name: "filing", value: "filed on \(on)", basis: f.source.map { "batch \($0.batch) line \($0.line)" }))
                    return (Message("NOT_FILED", zh: "在\(enterprise.name)门禁系统\(on)才备案，此时尚未备案",
                                    en: "filed in \(enterprise.name)'s gate system only from \(on)"), used)
                }
                return (Message("NOT_FILED", zh: "未在\(enterprise.name)门禁系统备案", en: "not filed in \(enterprise.name)'s gate system"), used)
            }
            let explained = detail ? explain() : nil      // `add` reads it only when `detail`
            add("NOT_FILED", .warn, explained!.0,
                needs: Message("NEEDS_FILING", zh: "在该企业门禁系统备案（在用）", en: "a filing in use in the enterprise's gate system"),
                facts: explained!.1)
        }
        return reasons
    }

    /// `2020-11-01` for a midnight, else the whole time.
    static func moment(_ t: CivilDateTime) -> (zh: String, en: String) {
        if t.secondsSinceEpochCST == t.date.dayNumber * 86_400 { return (t.date.description, t.date.description) }
        return (t.description, t.description)
    }
}
