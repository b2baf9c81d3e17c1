import Foundation
import Testing
@testable import FleetCore

/// rules.md §6 and §7.5, §7.9, §7.13: every condition of the quota population at its boundary.
@Suite struct QuotaRulesTests {
    static let baseline = date("2020-01-01")
    static let asOf = date("2020-11-15")
    static let rules = QuotaRules(baseline: baseline, maxStage: .III, countTransfersOut: false)

    /// A heavy diesel operating truck, 国III declared, active — in the population — unless changed.
    static func truck(type: String = "H11", fuel: String = "B", use: String = "F", declared: EmissionStage? = .III,
                      first: String = "2010-05-01", mass: Int? = 25_000, status: String = "A",
                      statusDate: String? = nil, township: String = "白寨镇") -> VehicleRegistration {
        VehicleRegistration(
            plate: try! Plate.parse("豫A12345"), plateType: .large, vin: try! VIN.parse("LZFF25M4X8D004248"),
            vehicleType: VehicleType.table.lookup(type)!, useNature: UseNature.table.lookup(use)!,
            fuel: FleetCoreTests.fuel(fuel), declaredStage: declared, firstRegistered: date(first), grossMassKg: mass,
            owner: "新密市某某运输有限公司", address: nil, township: township, townshipSource: .declared,
            status: try! VehicleStatus.parse(status), statusDate: statusDate.map(date), phone: nil)
    }

    static let inference = EmissionInference(table: try! Policy.default().emission)

    static func assess(_ v: VehicleRegistration, rules: QuotaRules = rules, asOf: CivilDate = asOf) -> QuotaAssessment {
        rules.assess(v, emission: v.emission(inference), asOf: asOf)
    }

    struct Case: Sendable, CustomTestStringConvertible {
        var name: String
        var vehicle: VehicleRegistration
        var expected: QuotaAssessment
        var testDescription: String { name }
        init(_ name: String, _ vehicle: VehicleRegistration, _ expected: QuotaAssessment) {
            self.name = name; self.vehicle = vehicle; self.expected = expected
        }
    }

    static let candidate = QuotaAssessment.population(.active)

    // MARK: Type, size class (from the code only), fuel, use nature

    @Test(arguments: [
        Case("H11 heavy truck", truck(type: "H11"), candidate),
        Case("H17 heavy dump truck", truck(type: "H17"), candidate),
        Case("H21 medium truck", truck(type: "H21", mass: 9_000), candidate),
        Case("H2B medium dump truck", truck(type: "H2B", mass: 9_000), candidate),
        Case("Q11 heavy tractor", truck(type: "Q11"), candidate),
        Case("Q21 medium tractor", truck(type: "Q21", mass: 12_000), candidate),
        Case("H31 light truck", truck(type: "H31", mass: 4_490), .outside(.notHeavyOrMedium)),
        Case("Q31 light tractor", truck(type: "Q31", mass: 4_490), .outside(.notHeavyOrMedium)),
        Case("H41 micro truck", truck(type: "H41", mass: 1_800), .outside(.notHeavyOrMedium)),
        Case("H51 low-speed truck", truck(type: "H51", mass: 4_000), .outside(.notHeavyOrMedium)),
        Case("medium by code though its mass is light", truck(type: "H21", mass: 3_000), candidate),
        Case("light by code though its mass is heavy", truck(type: "H31", mass: 12_000), .outside(.notHeavyOrMedium)),
        Case("Z51 heavy special vehicle is not goods", truck(type: "Z51"), .outside(.notGoods)),
        Case("B11 heavy semi-trailer is not goods", truck(type: "B11"), .outside(.notGoods)),
        Case("K11 bus is not goods", truck(type: "K11"), .outside(.notGoods)),
    ])
    func typeAndSizeClass(c: Case) { #expect(Self.assess(c.vehicle) == c.expected) }

    @Test(arguments: [
        Case("diesel B", truck(fuel: "B"), candidate),
        Case("petrol A", truck(fuel: "A"), .outside(.notDiesel)),
        Case("natural gas E", truck(fuel: "E"), .outside(.notDiesel)),
        Case("hybrid O", truck(fuel: "O"), .outside(.notDiesel)),
        Case("electric C", truck(fuel: "C"), .outside(.notDiesel)),
    ])
    func fuelMustBeDiesel(c: Case) { #expect(Self.assess(c.vehicle) == c.expected) }

    @Test(arguments: [
        Case("F 货运", truck(use: "F"), candidate),
        Case("R 危化品运输", truck(use: "R"), candidate),
        Case("A 非营运", truck(use: "A"), .outside(.notOperatingGoods)),
        Case("L 营转非", truck(use: "L"), .outside(.notOperatingGoods)),
        Case("K 工程救险", truck(use: "K"), .outside(.notOperatingGoods)),
        Case("Z 其他", truck(use: "Z"), .outside(.notOperatingGoods)),
    ])
    func useNatureMustBeOperatingGoods(c: Case) { #expect(Self.assess(c.vehicle) == c.expected) }

    // MARK: Stage: declared as given, else inferred (the 3,500 kg tables)

    @Test(arguments: [
        Case("declared 国III", truck(declared: .III), candidate),
        Case("declared 国IV", truck(declared: .IV), .outside(.stageAboveMax)),
        Case("declared 国0", truck(declared: .zero), candidate),
        Case("declared 国II", truck(declared: .II), candidate),
        Case("declared 国V", truck(declared: .V), .outside(.stageAboveMax)),
        Case("declared 国IV beats an inferred 国III", truck(declared: .IV, first: "2010-05-01"), .outside(.stageAboveMax)),
        Case("declared 国III beats an inferred 国V", truck(declared: .III, first: "2018-03-01"), candidate),
        Case("heavy, inferred: day before 国IV (2013-06-30) is 国III", truck(declared: nil, first: "2013-06-30"), candidate),
        Case("heavy, inferred: 国IV from 2013-07-01", truck(declared: nil, first: "2013-07-01"), .outside(.stageAboveMax)),
        Case("3,500 kg on 2014-01-01: ≤ 3,500 table says 国III", truck(type: "H21", declared: nil, first: "2014-01-01", mass: 3_500), candidate),
        Case("3,501 kg on 2014-01-01: > 3,500 table says 国IV", truck(type: "H21", declared: nil, first: "2014-01-01", mass: 3_501), .outside(.stageAboveMax)),
        Case("3,500 kg: day before 国IV (2014-12-31)", truck(type: "H21", declared: nil, first: "2014-12-31", mass: 3_500), candidate),
        Case("3,500 kg: 国IV from 2015-01-01", truck(type: "H21", declared: nil, first: "2015-01-01", mass: 3_500), .outside(.stageAboveMax)),
        Case("unknown mass uses the ≤ 3,500 table", truck(type: "H21", declared: nil, first: "2014-01-01", mass: nil), candidate),
    ])
    func stageAtMostIII(c: Case) { #expect(Self.assess(c.vehicle) == c.expected) }

    @Test func uncertainRangeStraddlingTheMaximumIsToVerify() {
        let v = Self.truck(declared: nil)
        func with(_ low: EmissionStage, _ high: EmissionStage) -> QuotaAssessment {
            Self.rules.assess(v, emission: EmissionAssessment(low: low, high: high, tier: .uncertain), asOf: Self.asOf)
        }
        #expect(with(.III, .IV) == .toVerify(.active))
        #expect(with(.II, .III) == .population(.active))       // every possible stage ≤ 国III
        #expect(with(.IV, .V) == .outside(.stageAboveMax))
        #expect(!with(.III, .IV).isCandidate)
        #expect(!with(.III, .IV).isInPopulation)
    }

    @Test func uncertainWindowOfThePolicyGivesToVerify() throws {
        var json = try defaultPolicyJSON()
        var emission = json["emission"] as! [String: Any]
        var groups = emission["groups"] as! [[String: Any]]
        let i = groups.firstIndex { $0["id"] as? String == "diesel_over_3500" }!
        groups[i]["uncertain_windows"] = [["stage": "IV", "from": "2013-07-01", "to": "2013-12-31"]]
        emission["groups"] = groups
        json["emission"] = emission
        let policy = try Policy(data: jsonData(json), source: "test")
        let inference = EmissionInference(table: policy.emission)
        let rules = QuotaRules(policy: policy, settings: QuotaSettings(target: 10, baseline: Self.baseline, deadline: date("2020-12-31")))
        for (day, expected) in [("2013-06-30", QuotaAssessment.population(.active)), ("2013-07-01", .toVerify(.active)),
                                ("2013-12-31", .toVerify(.active)), ("2014-01-01", .outside(.stageAboveMax))] {
            let v = Self.truck(declared: nil, first: day)
            #expect(rules.assess(v, emission: v.emission(inference), asOf: Self.asOf) == expected, "\(day)")
        }
        let gone = Self.truck(declared: nil, first: "2013-08-01", status: "E", statusDate: "2020-05-01")
        #expect(rules.assess(gone, emission: gone.emission(inference), asOf: Self.asOf) == .toVerify(.eliminated(on: date("2020-05-01"))))
    }

    // MARK: Life: active, or gone from the baseline on

    @Test(arguments: [
        Case("E one day before the baseline", truck(status: "E", statusDate: "2019-12-31"), .outside(.goneBeforeBaseline)),
        Case("E on the baseline", truck(status: "E", statusDate: "2020-01-01"), .population(.eliminated(on: date("2020-01-01")))),
        Case("M on the baseline", truck(status: "M", statusDate: "2020-01-01"), .population(.eliminated(on: date("2020-01-01")))),
        Case("P one day before the baseline", truck(status: "P", statusDate: "2019-12-31"), .outside(.goneBeforeBaseline)),
        Case("P mid-year", truck(status: "P", statusDate: "2020-06-30"), .population(.eliminated(on: date("2020-06-30")))),
        Case("E on the as-of date", truck(status: "E", statusDate: "2020-11-15"), .population(.eliminated(on: date("2020-11-15")))),
        Case("E the day after the as-of date has not begun (§7.5)", truck(status: "E", statusDate: "2020-11-16"), candidate),
        Case("B one day before the baseline", truck(status: "B", statusDate: "2019-12-31"), .outside(.goneBeforeBaseline)),
        Case("B on the baseline stays, not eliminated (§7.13)", truck(status: "B", statusDate: "2020-01-01"), .population(.goneNotCounted(on: date("2020-01-01")))),
        Case("B after the as-of date has not begun", truck(status: "B", statusDate: "2020-12-01"), candidate),
        Case("BE counts as eliminated (E)", truck(status: "BE", statusDate: "2020-03-01"), .population(.eliminated(on: date("2020-03-01")))),
        Case("GQ is active", truck(status: "GQ", statusDate: "2019-05-01"), candidate),
        Case("D 停驶 is active", truck(status: "D", statusDate: "2020-05-01"), candidate),
        Case("A with no status date is active", truck(status: "A", statusDate: nil), candidate),
        Case("E with no status date is outside", truck(status: "E", statusDate: nil), .outside(.goneUndated)),
        Case("registered on the as-of date", truck(first: "2020-11-15"), candidate),
        Case("registered the day after the as-of date", truck(first: "2020-11-16"), .outside(.notYetRegistered)),
    ])
    func lifeAsOfTheDate(c: Case) { #expect(Self.assess(c.vehicle) == c.expected) }

    @Test func transfersOutCountOnlyWherePolicySays() {
        let moved = Self.truck(status: "B", statusDate: "2020-04-01")
        #expect(Self.assess(moved) == .population(.goneNotCounted(on: date("2020-04-01"))))
        #expect(Self.assess(moved).eliminatedOn == nil)
        #expect(!Self.assess(moved).isCandidate)
        let counting = QuotaRules(baseline: Self.baseline, maxStage: .III, countTransfersOut: true)
        #expect(Self.assess(moved, rules: counting) == .population(.eliminated(on: date("2020-04-01"))))
        #expect(Self.assess(Self.truck(status: "B", statusDate: "2019-12-31"), rules: counting) == .outside(.goneBeforeBaseline))
    }

    @Test func policyGivesStageAndTransfers() throws {
        let policy = try Policy.default()
        let r = QuotaRules(policy: policy, settings: QuotaSettings(target: 5, baseline: date("2020-03-01"), deadline: date("2020-12-31")))
        #expect(r.maxStage == .III)
        #expect(r.countTransfersOut == false)
        #expect(r.baseline == date("2020-03-01"))
        #expect(QuotaRules(policy: policy).baseline == date("2020-01-01"))
    }

    @Test func isCandidateIsPopulationAndActive() {
        let inf = Self.inference
        let r = Self.rules
        for (v, expected) in [(Self.truck(), true), (Self.truck(status: "E", statusDate: "2020-02-01"), false),
                              (Self.truck(status: "B", statusDate: "2020-02-01"), false), (Self.truck(declared: .IV), false),
                              (Self.truck(status: "E", statusDate: "2020-12-01"), true)] {
            #expect(r.isCandidate(v, emission: v.emission(inf), asOf: Self.asOf) == expected)
        }
    }
}
