/// The city-entry permit rules of rules.md §4 (plan item 8): every rule evaluated, three
/// outcomes, each reason with its code, plan item, the facts it used and what would make it
/// pass. The flags come from the same `Screener` as a screening run (§7.6).
///
///     let desk = PermitRules(screener: Screener(policy: policy))
///     let d = desk.decide(facts, application: app, enterprise: nil, asOf: today)
///     d.outcome   // .deny
public struct PermitRules: Sendable {
    public let screener: Screener
    public init(screener: Screener) { self.screener = screener }

    var policy: Policy { screener.policy }

    public func decide(_ facts: VehicleFacts, application app: PermitApplication, enterprise: EnterpriseInfo?,
                       asOf: CivilDate) -> Decision {
        let screening = screener.screen(facts, asOf: asOf)
        var reasons: [DecisionReason] = []
        func add(_ code: String, _ outcome: Outcome, _ message: Message, needs: Message?, facts: [UsedFact] = []) {
            reasons.append(DecisionReason(code: code, outcome: outcome, item: policy.rule(code).item, message: message,
                                          needs: needs, facts: facts))
        }
        let reg = facts.registration
        let emission = screening.emission

        if reg == nil {
            add("NOT_IN_REGISTRY", .refer, Message("NOT_IN_REGISTRY", zh: "本市登记库中无此车", en: "the plate is not in the registry"),
                needs: Message("NEEDS_PAPERS", zh: "核验行驶证等证件后录入（vehicle add）", en: "check the papers, then add the vehicle by hand (vehicle add)"),
                facts: [UsedFact(name: "plate", value: facts.plate)])
        }
        if let reg {
            let status = reg.status(asOf: asOf)
            let statusFact = UsedFact(name: "status", value: status.letters,
                                      basis: reg.statusDate.map { "since \($0)" })
            if status.isGone {
                add("VEHICLE_GONE", .deny, Message("VEHICLE_GONE", zh: "机动车状态为\(status.chineseNames)", en: "status \(status.letters): transferred out, cancelled or scrapped"),
                    needs: Message("NEEDS_ACTIVE", zh: "在用的登记状态", en: "an active registration"), facts: [statusFact])
            }
            if status.contains("G") {
                add("UNPROCESSED_VIOLATION", .deny, Message("UNPROCESSED_VIOLATION", zh: "有违法未处理（状态G）", en: "unprocessed violation (status G)"),
                    needs: Message("NEEDS_G_CLEARED", zh: "处理完违法记录", en: "the violations processed (status without G)"), facts: [statusFact])
            }
            if status.contains("Q") {
                add("INSPECTION_OVERDUE", .deny, Message("INSPECTION_OVERDUE", zh: "逾期未检验（状态Q）", en: "periodic inspection overdue (status Q)"),
                    needs: Message("NEEDS_INSPECTION", zh: "按期检验合格", en: "a passed periodic inspection (status without Q)"), facts: [statusFact])
            }
            // EMISSION_BELOW_MIN: diesel over the mass threshold needs the minimum stage (§7.8).
            if let emission, reg.fuel.isDiesel, let mass = reg.grossMassKg, mass > policy.permit.heavyMassKg,
               let below = policy.permit.minimumStage.previous {
                let used = [emission.usedFact(firstRegistered: reg.firstRegistered), UsedFact(name: "fuel", value: reg.fuel.code),
                            UsedFact(name: "gross_mass_kg", value: String(mass))]
                let needs = Message("NEEDS_STAGE", zh: "\(policy.permit.minimumStage.chineseName)或更新的排放标准",
                                    en: "\(policy.permit.minimumStage.chineseName) (China \(policy.permit.minimumStage)) or newer")
                switch emission.isAtMost(below) {
                case true?:
                    add("EMISSION_BELOW_MIN", .deny, Message("EMISSION_BELOW_MIN", zh: "柴油重型车排放标准为\(emission.chineseName)（\(emission.tier == .inferred ? "按登记日期推定" : "登记记载")），低于\(policy.permit.minimumStage.chineseName)",
                                                                    en: "diesel over \(policy.permit.heavyMassKg) kg at stage \(emission.code) (\(emission.tier.rawValue)), below \(policy.permit.minimumStage)"),
                        needs: needs, facts: used)
                case nil:
                    add("EMISSION_BELOW_MIN", .refer, Message("EMISSION_UNCERTAIN", zh: "排放标准不确定（\(emission.chineseName)），需核验",
                                                                     en: "emission stage uncertain (\(emission.code)): check the papers"),
                        needs: needs, facts: used)
                case false?:
                    break
                }
            }
        }
        if screening.has("OVER_STANDARD") {
            let ev = screening.flags.first { $0.code == "OVER_STANDARD" }!.evidence
            add("OVER_STANDARD", .deny, Message("OVER_STANDARD", zh: "超标排放：" + ev.map(\.summary.zh).joined(separator: "；"), en: "over the standard: " + ev.map(\.summary.en).joined(separator: "; ")),
                needs: Message("NEEDS_PASS", zh: "复检合格", en: "a passed emission check after the failed one"),
                facts: ev.map { UsedFact(name: "inspection", value: $0.reference, basis: $0.source.map { "batch \($0.batch) line \($0.line)" }) })
        }
        if app.purpose == .muck, !facts.muckApprovals.contains(where: { $0.covers(from: app.from, to: app.to) }) {
            add("MUCK_NOT_APPROVED", .deny, Message("MUCK_NOT_APPROVED", zh: "没有一件有效核准覆盖\(app.from)至\(app.to)", en: "no single valid muck approval covers \(app.from) to \(app.to)"),
                needs: Message("NEEDS_APPROVAL", zh: "有效期覆盖\(app.from)至\(app.to)的渣土运输核准", en: "a muck approval valid from \(app.from) through \(app.to)"),
                facts: facts.muckApprovals.map { UsedFact(name: "muck_approval", value: "\($0.approvalNo) \($0.validFrom)…\($0.validTo)\($0.revoked ? " revoked" : "")") })
        }
        let muckFlags = screening.flags.filter { $0.code == "UNAPPROVED_MUCK" || $0.code == "ILLEGAL_MUCK_CONFIRMED" }
        if !muckFlags.isEmpty {
            let ev = muckFlags.flatMap(\.evidence)
            add("ILLEGAL_MUCK", .deny, Message("ILLEGAL_MUCK", zh: "非法渣土运输：" + ev.map(\.summary.zh).joined(separator: "；"), en: "illegal muck hauling: " + ev.map(\.summary.en).joined(separator: "; ")),
                needs: Message("NEEDS_CLEARANCE", zh: "城管部门处理完毕并取得核准", en: "the case closed by urban management, and an approval"),
                facts: muckFlags.map { UsedFact(name: "flag", value: $0.code) })
        }
        let usageFlags = screening.flags.filter { $0.code == "UNKNOWN_USE" || $0.code == "SUSPECT_MUCK" }
        if !usageFlags.isEmpty {
            add("USAGE_UNVERIFIED", .deny, Message("USAGE_UNVERIFIED", zh: "车辆用途未落实（\(usageFlags.map { policy.rule($0.code).zh }.joined(separator: "、"))）",
                                                           en: "use not verified (\(usageFlags.map(\.code).joined(separator: ", ")))"),
                needs: Message("NEEDS_USAGE", zh: "渣土核准、道路运输证、重点企业备案、环卫登记或乡镇核实之一", en: "a verified use: muck approval, transport certificate, enterprise filing, sanitation fleet or township confirmation"),
                facts: usageFlags.map { UsedFact(name: "flag", value: $0.code) })
        }
        // BULK_BUILTUP_STANDARD is the gate rule of §5 (BulkRules), in force here when the period
        // reaches the ban's start; the desk does not ask whether the truck is filed (§7.11).
        if app.purpose == .bulk, let enterprise {
            let gate = BulkRules(policy: policy)
            let situation = BulkSituation(builtUpRuleInForce: enterprise.inBuiltUpArea && app.to >= gate.builtUpFrom.date,
                                          alertLevel: nil, alertRuleInForce: false, filed: true)
            reasons += gate.reasons(BulkVehicle(facts, inference: screener.inference), enterprise: enterprise, situation: situation)
                .filter { $0.code == "BULK_BUILTUP_STANDARD" }
        }
        if app.days > policy.permit.maxPeriodDays {
            add("PERIOD_TOO_LONG", .deny, Message("PERIOD_TOO_LONG", zh: "通行期\(app.days)天，超过\(policy.permit.maxPeriodDays)天", en: "period of \(app.days) days, over \(policy.permit.maxPeriodDays)"),
                needs: Message("NEEDS_SHORTER", zh: "不超过\(policy.permit.maxPeriodDays)天的通行期", en: "a period of at most \(policy.permit.maxPeriodDays) days"),
                facts: [UsedFact(name: "period", value: "\(app.from)…\(app.to)")])
        }
        return Decision(plate: facts.plate, asOf: asOf, reasons: reasons, emission: emission, usage: screening.usage, policy: policy)
    }
}
