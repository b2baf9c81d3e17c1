import Foundation
import Testing
@testable import FleetCore

/// The gate rules of key bulk-material enterprises (rules.md §5, §7.11) at their boundaries: the
/// built-up-area date, the first and last minute of an alert, an upgrade inside an alert, 国IV and
/// 国V, diesel and gas, inferred and uncertain stages, filings; and `BulkFleet`, `BulkPreview`,
/// `BulkGateJudge` and BULK_RESTRICTED agreeing with them.
@Suite struct BulkRulesTests {
    static let policy = try! Policy.default()
    static let rules = BulkRules(policy: policy)

    static func t(_ text: String) -> CivilDateTime {
        guard let m = CivilDateTime(parsing: text) else { fatalError("bad test time \(text)") }
        return m
    }

    static let builtUp = EnterpriseInfo(id: "QY001", name: "新密市城区耐材有限公司", township: "青屏街街道", inBuiltUpArea: true)
    static let outer = EnterpriseInfo(id: "QY002", name: "新密市米村煤业有限公司", township: "米村镇", inBuiltUpArea: false)

    /// A heavy truck (H11, 25 t), diesel 国IV declared unless changed.
    static func truck(plate: String = "豫A12345", fuel: String = "B", declared: EmissionStage? = .IV, first: String = "2014-05-01",
                      mass: Int = 25_000) -> VehicleRegistration {
        VehicleRegistration(
            plate: try! Plate.parse(plate), plateType: .large, vin: try! VIN.parse("LZFF25M4X8D004248"),
            vehicleType: VehicleType.table.lookup("H11")!, useNature: UseNature.table.lookup("F")!, fuel: FleetCoreTests.fuel(fuel),
            declaredStage: declared, firstRegistered: date(first), grossMassKg: mass, owner: "新密市某运输有限公司",
            address: "新密市米村镇", township: "米村镇", townshipSource: .declared, status: VehicleStatus(letters: "A"),
            statusDate: nil, phone: nil)
    }

    static func filing(_ e: EnterpriseInfo, inUse: Bool = true, filedOn: String? = "2020-01-01") -> EnterpriseFiling {
        EnterpriseFiling(enterpriseID: e.id, enterpriseName: e.name, enterpriseTownship: e.township, inBuiltUpArea: e.inBuiltUpArea,
                         filedOn: filedOn.map(date), inUse: inUse, source: FactSource(batch: 3, line: 7))
    }

    /// Facts of a registered truck filed in use at both enterprises (no NOT_FILED) unless changed.
    static func facts(_ reg: VehicleRegistration? = truck(), plate: String = "豫A12345",
                      filings: [EnterpriseFiling] = [filing(builtUp), filing(outer)]) -> VehicleFacts {
        var f = VehicleFacts(plate: reg?.plate.text ?? plate, registration: reg, registrationSource: reg == nil ? nil : FactSource(batch: 1, line: 2))
        f.filings = filings
        return f
    }

    static func judge(_ f: VehicleFacts = facts(), at: String, _ e: EnterpriseInfo = builtUp, alert: AlertLevel? = nil,
                      rules: BulkRules = rules) -> Decision {
        rules.judge(f, enterprise: e, at: t(at), alertLevel: alert)
    }

    static func codes(_ d: Decision) -> [String] { d.reasons.map(\.code) }

    // MARK: BULK_BUILTUP_STANDARD

    @Test(arguments: [
        ("2020-10-31 23:59", Outcome.allow),       // the last minute before
        ("2020-10-31 23:59:59", .allow),
        ("2020-11-01 00:00", .deny),               // T ≥ 2020-11-01 00:00
        ("2020-11-01 00:00:01", .deny),
        ("2020-10-31T16:00:00Z", .deny),           // = 2020-11-01 00:00 CST
        ("2020-10-31T15:59:59Z", .allow),
        ("2021-06-01 12:00", .deny),
    ])
    func builtUpFromTheFirstOfNovember(at: String, expected: Outcome) {
        let d = Self.judge(at: at)
        #expect(d.outcome == expected)
        #expect(Self.codes(d) == (expected == .deny ? ["BULK_BUILTUP_STANDARD"] : []))
        // Outside the built-up area, no alert: never.
        #expect(Self.judge(at: at, Self.outer).outcome == .allow)
    }

    @Test(arguments: [
        // fuel, declared stage, first registration, expected at a built-up gate on 2020-11-02
        ("B", EmissionStage.IV as EmissionStage?, "2014-05-01", Outcome.deny),   // 国IV declared
        ("B", .V, "2018-05-01", .allow),                                         // 国V declared
        ("B", .III, "2010-05-01", .deny),                                        // older
        ("B", .zero, "1999-05-01", .deny),
        ("B", nil, "2017-06-30", .deny),                                         // inferred 国IV (heavy diesel: V from 2017-07-01)
        ("B", nil, "2017-07-01", .allow),                                        // inferred 国V
        ("B", nil, "2013-06-30", .deny),                                         // inferred 国III
        ("E", .IV, "2014-05-01", .allow),                                        // gas 国IV: not diesel
        ("E", .III, "2010-05-01", .allow),
        ("A", .IV, "2014-05-01", .allow),                                        // petrol
        ("C", .IV, "2014-05-01", .allow),                                        // electric: ZE whatever is written
        ("D", .IV, "2014-05-01", .allow),                                        // 混合油 is not diesel (B)
    ])
    func stagesAndFuels(fuel: String, declared: EmissionStage?, first: String, expected: Outcome) {
        let d = Self.judge(Self.facts(Self.truck(fuel: fuel, declared: declared, first: first)), at: "2020-11-02 08:00")
        #expect(d.outcome == expected, "\(fuel) \(String(describing: declared)) \(first)")
        // The same truck under an orange alert at an outer gate: the same answer.
        let a = Self.judge(Self.facts(Self.truck(fuel: fuel, declared: declared, first: first)), at: "2020-11-02 08:00", Self.outer, alert: .orange)
        #expect(a.outcome == expected)
    }

    @Test func lightDieselUsesItsOwnTable() {
        // ≤ 3,500 kg diesel: 国V from 2018-01-01.
        #expect(Self.judge(Self.facts(Self.truck(declared: nil, first: "2017-12-31", mass: 3_500)), at: "2020-11-02 08:00").outcome == .deny)
        #expect(Self.judge(Self.facts(Self.truck(declared: nil, first: "2018-01-01", mass: 3_500)), at: "2020-11-02 08:00").outcome == .allow)
    }

    @Test func theReceiptHasPlanItemFactsTierAndNeeds() throws {
        let d = Self.judge(Self.facts(Self.truck(declared: nil, first: "2015-06-01")), at: "2020-11-03 07:12")
        let r = try #require(d.reasons.first)
        #expect(r.code == "BULK_BUILTUP_STANDARD")
        #expect(r.outcome == .deny)
        #expect(r.item == "7")
        #expect(r.facts.contains(UsedFact(name: "emission_stage", value: "IV", basis: "inferred from first registration 2015-06-01")))
        #expect(r.facts.contains(UsedFact(name: "fuel", value: "B", basis: "柴油")))
        #expect(r.facts.contains { $0.name == "enterprise" && $0.value == "QY001 新密市城区耐材有限公司" })
        #expect(r.needs?.en == "newer than China IV, or not diesel")
        #expect(r.message.zh.contains("2020-11-01起禁用国IV及以下柴油货车"))
        #expect(r.message.en.contains("inferred"))
        #expect(d.emission == EmissionAssessment(stage: .IV, tier: .inferred))
        #expect(d.asOf == date("2020-11-03"))
        #expect(d.policyVersion == Self.policy.version)
    }

    // MARK: BULK_ALERT_STANDARD

    static let timeline = AlertTimeline([
        PollutionAlert(id: 1, level: .orange, start: t("2020-11-18 00:00"), end: t("2020-11-24 12:00")),
        PollutionAlert(id: 2, level: .red, start: t("2020-11-20 12:00"), end: t("2020-11-23 00:00")),
        PollutionAlert(id: 3, level: .yellow, start: t("2020-11-05 12:00"), end: t("2020-11-08 12:00")),
    ])

    @Test(arguments: [
        ("2020-11-17 23:59", Outcome.allow, nil as AlertLevel?),
        ("2020-11-18 00:00", .deny, .orange),      // the first minute of the orange
        ("2020-11-20 11:59", .deny, .orange),
        ("2020-11-20 12:00", .deny, .red),         // upgraded inside the orange
        ("2020-11-23 00:00", .deny, .orange),      // the red ended, the orange holds
        ("2020-11-24 11:59", .deny, .orange),      // the last minute
        ("2020-11-24 12:00", .allow, nil),         // ended
        ("2020-11-06 08:00", .allow, .yellow),     // yellow bans nothing
    ])
    func alertAtAnOuterGate(at: String, expected: Outcome, level: AlertLevel?) {
        let l = Self.timeline.level(at: Self.t(at))
        #expect(l == level)
        let d = Self.judge(at: at, Self.outer, alert: l)
        #expect(d.outcome == expected)
        #expect(Self.codes(d) == (expected == .deny ? ["BULK_ALERT_STANDARD"] : []))
        if expected == .deny {
            #expect(d.reasons[0].facts.contains(UsedFact(name: "alert_level", value: l!.description, basis: "in force at the time")))
            #expect(d.reasons[0].message.zh.hasPrefix(l!.chineseName + "预警期间"))
        }
        // 国V passes whatever the alert.
        #expect(Self.judge(Self.facts(Self.truck(declared: .V)), at: at, Self.outer, alert: l).outcome == .allow)
    }

    @Test func builtUpGateDuringAnAlertGivesBothRules() {
        let d = Self.judge(at: "2020-11-20 12:00", Self.builtUp, alert: .red)
        #expect(d.outcome == .deny)
        #expect(Self.codes(d) == ["BULK_BUILTUP_STANDARD", "BULK_ALERT_STANDARD"])
        // Before the built-up date, only the alert.
        #expect(Self.codes(Self.judge(at: "2020-10-20 12:00", Self.builtUp, alert: .orange)) == ["BULK_ALERT_STANDARD"])
    }

    @Test func alertLevelsComeFromThePolicy() throws {
        var json = try defaultPolicyJSON()
        var bulk = try #require(json["bulk"] as? [String: Any])
        bulk["alert_levels"] = ["yellow", "orange", "red"]
        json["bulk"] = bulk
        let strict = BulkRules(policy: try Policy(data: jsonData(json), source: "strict.json"))
        #expect(Self.judge(at: "2020-11-06 08:00", Self.outer, alert: .yellow, rules: strict).outcome == .deny)
        #expect(Self.judge(at: "2020-11-06 08:00", Self.outer, alert: .blue, rules: strict).outcome == .allow)
    }

    // MARK: Uncertain stages refer

    /// The default policy with an uncertain window for 国V in the heavy-diesel group:
    /// registrations 2017-07-01…2017-12-31 may still be 国IV (a range IV–V, straddling the limit);
    /// and one for 国IV (2013-07-01…2014-06-30: III–IV, below the limit either way).
    static func windowPolicy() throws -> Policy {
        var json = try defaultPolicyJSON()
        var emission = try #require(json["emission"] as? [String: Any])
        var groups = try #require(emission["groups"] as? [[String: Any]])
        let i = try #require(groups.firstIndex { $0["id"] as? String == "diesel_over_3500" })
        groups[i]["uncertain_windows"] = [["stage": "V", "from": "2017-07-01", "to": "2017-12-31"],
                                          ["stage": "IV", "from": "2013-07-01", "to": "2014-06-30"]]
        emission["groups"] = groups
        json["emission"] = emission
        json["version"] = "test-window"
        return try Policy(data: jsonData(json), source: "window.json")
    }

    @Test(arguments: [
        ("2017-07-01", Outcome.refer, "IV-V"),      // straddles 国IV: refer, never allow or deny
        ("2017-12-31", .refer, "IV-V"),
        ("2018-01-01", .allow, "V"),
        ("2017-06-30", .deny, "IV"),
        ("2013-07-01", .deny, "III-IV"),           // a range entirely ≤ 国IV: deny
    ])
    func uncertainStages(first: String, expected: Outcome, stage: String) throws {
        let r = BulkRules(policy: try Self.windowPolicy())
        let f = Self.facts(Self.truck(declared: nil, first: first))
        let built = Self.judge(f, at: "2020-11-02 08:00", Self.builtUp, rules: r)
        #expect(built.outcome == expected)
        #expect(built.emission?.code == stage)
        let alert = Self.judge(f, at: "2020-11-20 13:00", Self.outer, alert: .red, rules: r)
        #expect(alert.outcome == expected)
        if expected == .refer {
            #expect(built.reasons.map(\.code) == ["BULK_BUILTUP_STANDARD"])
            #expect(built.reasons[0].message.code == "EMISSION_UNCERTAIN")
            #expect(built.reasons[0].facts[0].basis?.hasPrefix("uncertain") == true)
            #expect(alert.reasons.map(\.code) == ["BULK_ALERT_STANDARD"])
        }
    }

    // MARK: NOT_IN_REGISTRY

    @Test(arguments: [
        ("2020-10-31 23:59", EnterpriseKind.builtUp, nil as AlertLevel?, Outcome.allow),   // no rule in force yet
        ("2020-11-01 00:00", .builtUp, nil, .refer),
        ("2020-11-20 13:00", .outer, nil, .allow),
        ("2020-11-20 13:00", .outer, .yellow, .allow),
        ("2020-11-20 13:00", .outer, .orange, .refer),
        ("2020-11-20 13:00", .outer, .red, .refer),
    ])
    func unregisteredReferOnlyWhereARuleIsInForce(at: String, kind: EnterpriseKind, alert: AlertLevel?, expected: Outcome) {
        let e = kind == .builtUp ? Self.builtUp : Self.outer
        let d = Self.judge(Self.facts(nil, plate: "晋E12345", filings: []), at: at, e, alert: alert)
        #expect(d.outcome == expected)
        #expect(Self.codes(d) == (expected == .refer ? ["NOT_IN_REGISTRY", "NOT_FILED"] : ["NOT_FILED"]))
        #expect(d.emission == nil)
        if expected == .refer {
            #expect(d.reasons[0].item == "8")
            #expect(d.reasons[0].outcome == .refer)
            #expect(d.reasons[0].needs != nil)
        }
    }

    enum EnterpriseKind { case builtUp, outer }

    // MARK: NOT_FILED (a warning; §7.11)

    @Test func notFiledWarnsWithoutChangingTheOutcome() {
        let unfiled = Self.facts(filings: [])
        let allowed = Self.judge(unfiled, at: "2020-10-20 08:00")
        #expect(allowed.outcome == .allow)
        #expect(allowed.reasons.map(\.outcome) == [.warn])
        let denied = Self.judge(unfiled, at: "2020-11-02 08:00")
        #expect(denied.outcome == .deny)
        #expect(Self.codes(denied) == ["BULK_BUILTUP_STANDARD", "NOT_FILED"])
        #expect(Decision.outcome(of: [denied.reasons[1]]) == .allow)
    }

    @Test(arguments: [
        ([BulkRulesTests.filing(BulkRulesTests.builtUp)], "2020-11-02", false),                                   // filed in use
        ([BulkRulesTests.filing(BulkRulesTests.builtUp, inUse: false)], "2020-11-02", true),                      // 停用 = not filed
        ([BulkRulesTests.filing(BulkRulesTests.outer)], "2020-11-02", true),                                      // filed elsewhere
        ([BulkRulesTests.filing(BulkRulesTests.builtUp, filedOn: "2020-11-03")], "2020-11-02", true),             // filed later
        ([BulkRulesTests.filing(BulkRulesTests.builtUp, filedOn: "2020-11-02")], "2020-11-02", false),            // filed that day
        ([BulkRulesTests.filing(BulkRulesTests.builtUp, filedOn: nil)], "2020-11-02", false),                     // no filing date: in force
    ])
    func filings(_ filings: [EnterpriseFiling], day: String, warned: Bool) {
        let d = Self.judge(Self.facts(Self.truck(declared: .V), filings: filings), at: day + " 08:00")
        #expect(d.outcome == .allow)
        #expect(Self.codes(d) == (warned ? ["NOT_FILED"] : []))
    }

    @Test func withdrawnFilingSaysSo() throws {
        let d = Self.judge(Self.facts(filings: [Self.filing(Self.builtUp, inUse: false)]), at: "2020-10-02 08:00")
        let r = try #require(d.reasons.first)
        #expect(r.outcome == .warn)
        #expect(r.message.en.contains("withdrawn"))
        #expect(r.facts.contains(UsedFact(name: "filing", value: "withdrawn", basis: "batch 3 line 7")))
    }

    // MARK: BulkGateJudge remembers exactly what the rules say

    @Test func gateJudgeAgreesWithTheRules() {
        var judge = BulkGateJudge(rules: Self.rules)
        let vehicles = [
            Self.facts(), Self.facts(Self.truck(plate: "豫A22222", declared: .V)), Self.facts(Self.truck(plate: "豫A33333", fuel: "E")),
            Self.facts(nil, plate: "晋E12345", filings: []), Self.facts(Self.truck(plate: "豫A44444", declared: nil, first: "2015-01-01"), filings: [Self.filing(Self.outer, filedOn: "2020-11-19")]),
        ].map { BulkVehicle($0, inference: Self.rules.inference) }
        let enterprises = [Self.builtUp, Self.outer]
        let start = Self.t("2020-10-30 00:00").secondsSinceEpochCST
        for step in 0..<400 {
            let at = CivilDateTime(secondsSinceEpochCST: start + step * 5_400 + 59)
            for (vi, v) in vehicles.enumerated() {
                for (ei, e) in enterprises.enumerated() {
                    let level = Self.timeline.level(at: at)
                    let direct = Self.rules.judge(v, enterprise: e, at: at, alertLevel: level)
                    let remembered = judge.verdict(v, vehicleKey: vi, enterprise: e, enterpriseKey: ei, at: at, alertLevel: level)
                    #expect(remembered.outcome == direct.outcome)
                    #expect(remembered.reasons == direct.reasons, "\(v.plate) \(e.id) \(at)")
                }
            }
        }
    }

    // MARK: BulkFleet and BULK_RESTRICTED

    @Test(arguments: [
        (EmissionStage.IV as EmissionStage?, "B", EnterpriseKind.builtUp, "2020-11-15 08:00", BulkFleet.Ban.always),
        (.IV, "B", .outer, "2020-11-15 08:00", .duringAlerts),
        (.IV, "B", .builtUp, "2020-10-15 08:00", .duringAlerts),    // before the built-up date: during alerts only
        (.V, "B", .builtUp, "2020-11-15 08:00", .none),
        (.IV, "E", .builtUp, "2020-11-15 08:00", .none),
    ])
    func fleetBans(stage: EmissionStage?, fuel: String, kind: EnterpriseKind, at: String, expected: BulkFleet.Ban) {
        let e = kind == .builtUp ? Self.builtUp : Self.outer
        let v = BulkVehicle(Self.facts(Self.truck(fuel: fuel, declared: stage)), inference: Self.rules.inference)
        #expect(BulkFleet(rules: Self.rules).assess(v, enterprise: e, at: Self.t(at)).ban == expected)
    }

    @Test func fleetUncertainAndUnregisteredAreToVerify() throws {
        let r = BulkRules(policy: try Self.windowPolicy())
        let uncertain = BulkVehicle(Self.facts(Self.truck(declared: nil, first: "2017-08-01")), inference: r.inference)
        #expect(BulkFleet(rules: r).assess(uncertain, enterprise: Self.outer, at: Self.t("2020-11-15 08:00")).ban == .toVerify)
        let foreign = BulkVehicle(Self.facts(nil, plate: "晋E12345", filings: [Self.filing(Self.outer)]), inference: r.inference)
        #expect(BulkFleet(rules: r).assess(foreign, enterprise: Self.outer, at: Self.t("2020-11-15 08:00")).ban == .toVerify)
    }

    /// BULK_RESTRICTED (screening) marks exactly the trucks `BulkFleet` bans somewhere, always or
    /// during alerts, among the filings in use (§5, §7.11).
    @Test func bulkRestrictedAgreesWithTheFleet() {
        let screener = Screener(policy: Self.policy)
        let fleet = BulkFleet(rules: Self.rules)
        let regs: [VehicleRegistration] = [
            Self.truck(), Self.truck(declared: .V), Self.truck(fuel: "E"), Self.truck(declared: nil, first: "2016-01-01"),
            Self.truck(declared: .III), Self.truck(fuel: "C"),
        ]
        let filingSets: [[EnterpriseFiling]] = [
            [], [Self.filing(Self.builtUp)], [Self.filing(Self.outer)], [Self.filing(Self.builtUp, inUse: false)],
            [Self.filing(Self.outer, filedOn: "2020-12-01")], [Self.filing(Self.builtUp), Self.filing(Self.outer, inUse: false)],
        ]
        for day in ["2020-10-15", "2020-11-15"] {
            for reg in regs {
                for filings in filingSets {
                    let f = Self.facts(reg, filings: filings)
                    let end = CivilDateTime(date: date(day), hour: 23, minute: 59, second: 59)
                    let v = BulkVehicle(f, inference: Self.rules.inference)
                    let banned = BulkFleet.filingsInForce(v, on: date(day)).filter {
                        let b = fleet.assess(v, enterprise: $0.1, at: end).ban
                        return b == .always || b == .duringAlerts
                    }
                    let flag = screener.screen(f, asOf: date(day)).flags.first { $0.code == "BULK_RESTRICTED" }
                    #expect((flag != nil) == !banned.isEmpty, "\(day) \(reg.fuel.code) \(reg.emission(screener.inference).code) \(filings.map(\.enterpriseID))")
                    #expect(flag?.evidence.map(\.reference) ?? [] == banned.map(\.0.enterpriseID))
                }
            }
        }
    }

    // MARK: BulkPreview

    @Test func previewCountsWhatTheAlertWouldStop() {
        let fleet = [
            Self.facts(Self.truck(plate: "豫A00001"), filings: [Self.filing(Self.builtUp), Self.filing(Self.outer)]),   // IV at both
            Self.facts(Self.truck(plate: "豫A00002"), filings: [Self.filing(Self.outer)]),                              // IV outer
            Self.facts(Self.truck(plate: "豫A00003", declared: .V), filings: [Self.filing(Self.outer)]),                // V
            Self.facts(Self.truck(plate: "豫A00004"), filings: [Self.filing(Self.outer, inUse: false)]),               // withdrawn
            Self.facts(nil, plate: "晋E12345", filings: [Self.filing(Self.outer)]),                                     // not registered
        ].map { BulkVehicle($0, inference: Self.rules.inference) }
        let p = BulkPreview(fleet: fleet, rules: Self.rules, at: Self.t("2020-11-10 08:00"), level: .orange, levelInForce: nil)
        #expect(p.levelWithAlert == .orange)
        #expect(p.total == BulkPreview.Counts(filed: 4, stopped: 2, alreadyStopped: 0, newlyStopped: 2, toVerify: 1,
                                              enterprisesStopped: 1, enterprises: 2))
        #expect(p.byEnterprise["QY001"] == BulkPreview.Counts(filed: 1, stopped: 1, alreadyStopped: 1, newlyStopped: 0, toVerify: 0,
                                                               enterprisesStopped: 0, enterprises: 1))
        #expect(p.byEnterprise["QY002"] == BulkPreview.Counts(filed: 4, stopped: 2, alreadyStopped: 0, newlyStopped: 2, toVerify: 1,
                                                               enterprisesStopped: 1, enterprises: 1))
        #expect(p.byTownship["米村镇"]?.newlyStopped == 2)
        #expect(p.byTownship["青屏街街道"]?.alreadyStopped == 1)

        // A yellow alert stops nothing; an orange already in force leaves nothing new for a red.
        #expect(BulkPreview(fleet: fleet, rules: Self.rules, at: Self.t("2020-11-10 08:00"), level: .yellow, levelInForce: nil).total.stopped == 1)
        let red = BulkPreview(fleet: fleet, rules: Self.rules, at: Self.t("2020-11-19 08:00"), level: .red, levelInForce: .orange)
        #expect(red.total.newlyStopped == 0)
        #expect(red.total.stopped == 2)
    }

    /// The screening asks the gate rules without messages (`detail: false`): the same codes,
    /// outcomes and plan items, in every situation of these trucks.
    @Test func withoutDetailTheSameReasonsWithoutMessages() {
        let trucks: [VehicleRegistration?] = [Self.truck(), Self.truck(declared: .V), Self.truck(fuel: "A"), Self.truck(declared: nil, first: "2013-03-01"),
                                              Self.truck(declared: nil, first: "2017-06-15"), nil]
        var compared = 0, outcomes = Set<Outcome>()
        for reg in trucks {
            for filings in [[Self.filing(Self.builtUp), Self.filing(Self.outer)], [Self.filing(Self.outer, inUse: false)], [],
                            [Self.filing(Self.builtUp, filedOn: "2020-12-01")]] {
                let vehicle = BulkVehicle(Self.facts(reg, filings: filings), inference: Self.rules.inference)
                for e in [Self.builtUp, Self.outer] {
                    for at in ["2020-10-31 12:00", "2020-11-18 08:00"] {
                        for alert in [nil, AlertLevel.yellow, .orange, .red] {
                            let full = Self.rules.judge(vehicle, enterprise: e, at: Self.t(at), alertLevel: alert)
                            let bare = Self.rules.judge(vehicle, enterprise: e, at: Self.t(at), alertLevel: alert, detail: false)
                            #expect(full.reasons.map { [$0.code, $0.outcome.rawValue, $0.item] } == bare.reasons.map { [$0.code, $0.outcome.rawValue, $0.item] })
                            #expect(full.outcome == bare.outcome)
                            #expect(bare.reasons.allSatisfy { $0.message.zh.isEmpty && $0.facts.isEmpty && $0.needs == nil })
                            #expect(full.reasons.allSatisfy { !$0.message.zh.isEmpty })
                            let fleet = BulkFleet(rules: Self.rules)
                            #expect(fleet.assess(vehicle, enterprise: e, at: Self.t(at)).ban == fleet.assess(vehicle, enterprise: e, at: Self.t(at), detail: false).ban)
                            outcomes.insert(full.outcome)
                            compared += 1
                        }
                    }
                }
            }
        }
        #expect(compared == 6 * 4 * 2 * 2 * 4)
        #expect(outcomes == [.allow, .deny, .refer])
    }
}
