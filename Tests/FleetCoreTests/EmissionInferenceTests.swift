import Foundation
import Testing
@testable import FleetCore

/// rules.md §1: the four groups' start dates, each checked the day before and the day of.
@Suite struct EmissionInferenceTests {
    struct Start: Sendable, CustomTestStringConvertible {
        var group: String
        var fuel: String
        var massKg: Int?
        var stage: EmissionStage
        var start: String
        var testDescription: String { "\(group) 国\(stage) from \(start)" }
    }

    /// The table of rules.md §1, row by row.
    static let table: [(group: String, fuel: String, massKg: Int?, starts: [String])] = [
        ("diesel > 3500", "B", 3501, ["2001-09-01", "2004-09-01", "2008-07-01", "2013-07-01", "2017-07-01", "2021-07-01"]),
        ("other > 3500", "A", 3501, ["2001-09-01", "2004-09-01", "2008-07-01", "2013-07-01", "2017-07-01", "2019-07-01"]),
        ("diesel ≤ 3500", "B", 3500, ["2000-01-01", "2004-07-01", "2008-07-01", "2015-01-01", "2018-01-01", "2020-07-01"]),
        ("other ≤ 3500", "A", 3500, ["2000-01-01", "2004-07-01", "2007-07-01", "2011-07-01", "2017-01-01", "2020-07-01"]),
    ]
    static let stages: [EmissionStage] = [.I, .II, .III, .IV, .V, .VI]
    static let starts: [Start] = table.flatMap { row in
        zip(stages, row.starts).map { Start(group: row.group, fuel: row.fuel, massKg: row.massKg, stage: $0, start: $1) }
    }

    static func inference() throws -> EmissionInference {
        EmissionInference(table: try Policy.default().emission)
    }

    static func assess(_ inference: EmissionInference, fuel code: String, mass: Int?, on day: CivilDate,
                       declared: EmissionStage? = nil) -> EmissionAssessment {
        inference.assess(.init(fuel: fuel(code), grossMassKg: mass, firstRegistered: day, declared: declared))
    }

    @Test(arguments: starts)
    func dayOfStartIsTheStage(s: Start) throws {
        let a = Self.assess(try Self.inference(), fuel: s.fuel, mass: s.massKg, on: date(s.start))
        #expect(a == EmissionAssessment(stage: s.stage, tier: .inferred))
    }

    @Test(arguments: starts)
    func dayBeforeStartIsThePreviousStage(s: Start) throws {
        let a = Self.assess(try Self.inference(), fuel: s.fuel, mass: s.massKg, on: date(s.start).adding(days: -1))
        #expect(a == EmissionAssessment(stage: s.stage.previous!, tier: .inferred))
    }

    @Test(arguments: starts)
    func dayAfterStartIsStillTheStage(s: Start) throws {
        let a = Self.assess(try Self.inference(), fuel: s.fuel, mass: s.massKg, on: date(s.start).adding(days: 1))
        #expect(a.low == s.stage)
        #expect(a.high == s.stage)
    }

    @Test func beforeTheFirstStartIsStageZero() throws {
        let inf = try Self.inference()
        #expect(Self.assess(inf, fuel: "B", mass: 25_000, on: date("1995-03-15")) == .init(stage: .zero, tier: .inferred))
        #expect(Self.assess(inf, fuel: "A", mass: 1_500, on: date("1999-12-31")) == .init(stage: .zero, tier: .inferred))
    }

    @Test func longAfterTheLastStartIsVI() throws {
        let inf = try Self.inference()
        #expect(Self.assess(inf, fuel: "B", mass: 49_000, on: date("2024-05-01")).low == .VI)
        #expect(Self.assess(inf, fuel: "A", mass: 2_000, on: date("2030-01-01")).low == .VI)
    }

    @Test func docExampleHeavyDiesel2012IsIII() throws {
        #expect(Self.assess(try Self.inference(), fuel: "B", mass: 25_000, on: date("2012-05-01"))
                == .init(stage: .III, tier: .inferred))
    }

    // MARK: mass threshold: "> 3,500 kg" is strict

    @Test func massOf3500IsTheLightGroupAnd3501TheHeavy() throws {
        let inf = try Self.inference()
        // Diesel registered 2014-01-01: heavy group says IV (from 2013-07-01), light group III (IV from 2015-01-01).
        let day = date("2014-01-01")
        #expect(Self.assess(inf, fuel: "B", mass: 3500, on: day).low == .III)
        #expect(Self.assess(inf, fuel: "B", mass: 3501, on: day).low == .IV)
        // Petrol registered 2019-07-01: heavy group VI, light group V.
        let day2 = date("2019-07-01")
        #expect(Self.assess(inf, fuel: "A", mass: 3500, on: day2).low == .V)
        #expect(Self.assess(inf, fuel: "A", mass: 3501, on: day2).low == .VI)
    }

    @Test func groupSelection() throws {
        let e = try Policy.default().emission
        #expect(e.massThresholdKg == 3500)
        #expect(e.group(diesel: true, grossMassKg: 3501).id == "diesel_over_3500")
        #expect(e.group(diesel: true, grossMassKg: 3500).id == "diesel_at_most_3500")
        #expect(e.group(diesel: false, grossMassKg: 3501).id == "other_over_3500")
        #expect(e.group(diesel: false, grossMassKg: 3500).id == "other_at_most_3500")
        #expect(e.group(diesel: false, grossMassKg: 1).id == "other_at_most_3500")
    }

    @Test func unknownMassCountsAsAtMostTheThreshold() throws {
        let inf = try Self.inference()
        // 2014-01-01 diesel: light group III, heavy group IV.
        #expect(Self.assess(inf, fuel: "B", mass: nil, on: date("2014-01-01")).low == .III)
        #expect(try Policy.default().emission.group(diesel: true, grossMassKg: nil).id == "diesel_at_most_3500")
    }

    @Test(arguments: ["A", "D", "E", "F", "L", "M", "O", "Q", "Z"])
    func everyNonDieselNonZeroFuelUsesTheOtherTables(code: String) throws {
        // other > 3500 reaches VI on 2019-07-01; diesel > 3500 only on 2021-07-01.
        let a = Self.assess(try Self.inference(), fuel: code, mass: 18_000, on: date("2019-07-01"))
        #expect(a == .init(stage: .VI, tier: .inferred))
    }

    // MARK: declared and zero-emission

    @Test func declaredStageIsUsedAsGiven() throws {
        let inf = try Self.inference()
        // Tables would say III; the record says IV.
        let a = Self.assess(inf, fuel: "B", mass: 25_000, on: date("2012-05-01"), declared: .IV)
        #expect(a == .init(stage: .IV, tier: .declared))
        // Even a stage older than the tables would give.
        let b = Self.assess(inf, fuel: "B", mass: 25_000, on: date("2022-01-01"), declared: .II)
        #expect(b == .init(stage: .II, tier: .declared))
    }

    @Test(arguments: ["C", "P"])
    func zeroEmissionFuelIsZEDeclared(code: String) throws {
        let inf = try Self.inference()
        #expect(Self.assess(inf, fuel: code, mass: 18_000, on: date("2010-01-01")) == .init(stage: .ZE, tier: .declared))
        // rules.md §7.10: even when a stage is written in the record.
        for written in [EmissionStage.zero, .III, .VI] {
            let a = Self.assess(inf, fuel: code, mass: 18_000, on: date("2010-01-01"), declared: written)
            #expect(a == .init(stage: .ZE, tier: .declared))
        }
    }

    @Test func zeroEmissionIsAboveEveryStage() throws {
        let a = Self.assess(try Self.inference(), fuel: "C", mass: 3_000, on: date("2021-01-01"))
        #expect(a.isAtMost(.VI) == false)
        #expect(a.isAtMost(.III) == false)
        #expect(a.isAtMost(.ZE) == true)
    }

    @Test func registrationUsesTheInference() throws {
        let inf = try Self.inference()
        let fields: [VehicleRegistration.Field: String] = [
            .plate: "豫A12345", .vin: "LZFF25M4X8D004248", .vehicleType: "H17", .useNature: "F", .fuel: "B",
            .firstRegistered: "2008-06-30", .grossMassKg: "25000", .owner: "x", .status: "A",
        ]
        let r = try #require(VehicleRegistration.validate({ fields[$0] ?? "" }, townships: .xinmi).value)
        #expect(r.emission(inf) == .init(stage: .II, tier: .inferred))
        var declared = fields
        declared[.emissionStandard] = "国五"
        let d = try #require(VehicleRegistration.validate({ declared[$0] ?? "" }, townships: .xinmi).value)
        #expect(d.emission(inf) == .init(stage: .V, tier: .declared))
    }

    // MARK: uncertain windows (none in the default policy; tested with one)

    /// The default policy with an uncertain window for 国IV in the heavy-diesel group:
    /// registrations 2013-07-01…2014-06-30 may still be 国III.
    static func windowPolicy() throws -> Policy {
        var json = try defaultPolicyJSON()
        var emission = try #require(json["emission"] as? [String: Any])
        var groups = try #require(emission["groups"] as? [[String: Any]])
        let i = try #require(groups.firstIndex { $0["id"] as? String == "diesel_over_3500" })
        groups[i]["uncertain_windows"] = [["stage": "IV", "from": "2013-07-01", "to": "2014-06-30"]]
        emission["groups"] = groups
        json["emission"] = emission
        json["version"] = "test-window"
        return try Policy(data: jsonData(json), source: "window.json")
    }

    @Test func defaultPolicyHasNoWindows() throws {
        for g in try Policy.default().emission.groups { #expect(g.uncertainWindows.isEmpty, "\(g.id)") }
    }

    @Test func windowIsDecodedFromThePolicyFile() throws {
        let p = try Self.windowPolicy()
        let g = p.emission.group(diesel: true, grossMassKg: 25_000)
        #expect(g.uncertainWindows == [.init(stage: .IV, from: date("2013-07-01"), to: date("2014-06-30"))])
    }

    @Test(arguments: ["2013-07-01", "2013-12-31", "2014-06-30"])
    func insideTheWindowIsARange(day: String) throws {
        let inf = EmissionInference(table: try Self.windowPolicy().emission)
        let a = Self.assess(inf, fuel: "B", mass: 25_000, on: date(day))
        #expect(a == EmissionAssessment(low: .III, high: .IV, tier: .uncertain))
        #expect(a.tier == .uncertain)
        #expect(a.code == "III-IV")
        #expect(a.chineseName == "国III–国IV")
        #expect(!a.isCertain)
        #expect(a.isAtMost(.III) == nil)      // straddles: a rule must refer
        #expect(a.isAtMost(.IV) == true)
        #expect(a.isAtMost(.V) == true)
        #expect(a.isAtMost(.II) == false)
    }

    @Test func outsideTheWindowIsCertain() throws {
        let inf = EmissionInference(table: try Self.windowPolicy().emission)
        #expect(Self.assess(inf, fuel: "B", mass: 25_000, on: date("2013-06-30")) == .init(stage: .III, tier: .inferred))
        #expect(Self.assess(inf, fuel: "B", mass: 25_000, on: date("2014-07-01")) == .init(stage: .IV, tier: .inferred))
    }

    @Test func windowAppliesOnlyToItsGroup() throws {
        let inf = EmissionInference(table: try Self.windowPolicy().emission)
        // Same date, light diesel and heavy petrol: no window, certain.
        #expect(Self.assess(inf, fuel: "B", mass: 3_500, on: date("2014-01-01")) == .init(stage: .III, tier: .inferred))
        #expect(Self.assess(inf, fuel: "A", mass: 25_000, on: date("2014-01-01")) == .init(stage: .IV, tier: .inferred))
    }

    @Test func declaredAndZeroEmissionWinOverAWindow() throws {
        let inf = EmissionInference(table: try Self.windowPolicy().emission)
        #expect(Self.assess(inf, fuel: "B", mass: 25_000, on: date("2014-01-01"), declared: .IV) == .init(stage: .IV, tier: .declared))
        #expect(Self.assess(inf, fuel: "C", mass: 25_000, on: date("2014-01-01")) == .init(stage: .ZE, tier: .declared))
    }

    @Test func windowBuiltInCode() {
        var groups: [EmissionPolicy.Group] = []
        for fuel in ["diesel", "other"] {
            for mass in ["over", "at_most"] {
                groups.append(.init(id: "\(fuel)_\(mass)", fuel: fuel, mass: mass,
                                    starts: [.I: date("2000-01-01"), .II: date("2005-01-01")],
                                    uncertainWindows: [.init(stage: .I, from: date("2000-01-01"), to: date("2000-03-31"))]))
            }
        }
        let inf = EmissionInference(table: EmissionPolicy(massThresholdKg: 3500, groups: groups))
        let a = Self.assess(inf, fuel: "B", mass: 10_000, on: date("2000-02-01"))
        #expect(a == EmissionAssessment(low: .zero, high: .I, tier: .uncertain))
        #expect(a.code == "0-I")
        #expect(Self.assess(inf, fuel: "B", mass: 10_000, on: date("2000-04-01")) == .init(stage: .I, tier: .inferred))
        #expect(Self.assess(inf, fuel: "B", mass: 10_000, on: date("2005-01-01")) == .init(stage: .II, tier: .inferred))
    }
}

@Suite struct EmissionAssessmentTests {
    @Test func rangeIsOrdered() {
        let a = EmissionAssessment(low: .IV, high: .III, tier: .uncertain)
        #expect(a.low == .III)
        #expect(a.high == .IV)
        #expect(a.code == "III-IV")
    }

    @Test func singleStage() {
        let a = EmissionAssessment(stage: .V, tier: .inferred)
        #expect(a.code == "V")
        #expect(a.chineseName == "国V")
        #expect(a.isCertain)
        #expect(a.isAtMost(.V) == true)
        #expect(a.isAtMost(.IV) == false)
        #expect(a.isAtMost(.VI) == true)
        #expect(EmissionAssessment(stage: .ZE, tier: .declared).code == "ZE")
        #expect(EmissionAssessment(stage: .ZE, tier: .declared).chineseName == "零排放")
        #expect(EmissionAssessment(stage: .zero, tier: .inferred).code == "0")
    }

    @Test func codableShape() throws {
        let a = EmissionAssessment(low: .III, high: .IV, tier: .uncertain)
        let enc = JSONEncoder()
        enc.outputFormatting = .sortedKeys
        let text = String(decoding: try enc.encode(a), as: UTF8.self)
        #expect(text == #"{"high":"IV","low":"III","tier":"uncertain"}"#)
        #expect(try JSONDecoder().decode(EmissionAssessment.self, from: Data(text.utf8)) == a)
    }

    @Test func tierRawValues() {
        #expect(EmissionAssessment.Tier.declared.rawValue == "declared")
        #expect(EmissionAssessment.Tier.inferred.rawValue == "inferred")
        #expect(EmissionAssessment.Tier.uncertain.rawValue == "uncertain")
    }
}
