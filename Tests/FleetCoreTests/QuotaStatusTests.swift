import Testing
@testable import FleetCore

/// The quota's arithmetic: remaining, percent, days left, weekly pace, the trend, settings in force.
@Suite struct QuotaStatusTests {
    static let settings = QuotaSettings(target: 400, baseline: date("2020-01-01"), deadline: date("2020-12-31"))

    @Test(arguments: [(400, 50, 350), (400, 400, 0), (400, 450, 0), (1, 0, 1)])
    func remainingIsNeverNegative(target: Int, eliminated: Int, remaining: Int) {
        #expect(QuotaStatus.remaining(target: target, eliminated: eliminated) == remaining)
    }

    @Test(arguments: [(50, 400, 12.5), (0, 400, 0.0), (1, 3, 33.3), (2, 3, 66.7), (440, 400, 110.0), (400, 400, 100.0)])
    func percentIsOfTheTarget(eliminated: Int, target: Int, percent: Double) {
        #expect(QuotaStatus.percent(eliminated: eliminated, target: target) == percent)
    }

    @Test func percentOfNoTargetIsNil() { #expect(QuotaStatus.percent(eliminated: 3, target: 0) == nil) }

    @Test(arguments: [("2020-11-15", 46), ("2020-12-30", 1), ("2020-12-31", 0), ("2021-01-05", 0), ("2020-01-01", 365)])
    func daysLeftAfterTheAsOfDate(asOf: String, days: Int) {
        #expect(QuotaStatus.daysLeft(asOf: date(asOf), deadline: date("2020-12-31")) == days)
    }

    @Test(arguments: [(350, 46, 53.3), (350, 0, 350.0), (350, 3, 350.0), (350, 7, 350.0), (350, 14, 175.0), (0, 46, 0.0)])
    func weeklyPaceIsRemainingOverWeeksLeftAtLeastOne(remaining: Int, daysLeft: Int, pace: Double) {
        #expect(QuotaStatus.weeklyPace(remaining: remaining, daysLeft: daysLeft) == pace)
    }

    @Test func statusPerTownship() {
        var tally = QuotaTally()
        let e = QuotaAssessment.population(.eliminated(on: date("2020-05-01")))
        tally.add(township: "白寨镇", e)
        tally.add(township: "白寨镇", .population(.active))
        tally.add(township: "白寨镇", .population(.goneNotCounted(on: date("2020-03-01"))))
        tally.add(township: "白寨镇", .toVerify(.active))
        tally.add(township: "超化镇", .population(.active))
        tally.add(township: "超化镇", .outside(.goneUndated))
        tally.add(township: "米村镇", .outside(.notDiesel))
        let s = QuotaStatus(tally: tally, settings: Self.settings, townshipTargets: ["白寨镇": 3, "平陌镇": 2], asOf: date("2020-11-15"))
        #expect(s.city.counts.population == 4)
        #expect(s.city.counts.eliminated == 1)
        #expect(s.city.counts.candidates == 2)
        #expect(s.city.counts.goneNotCounted == 1)
        #expect(s.city.counts.toVerify == 1)
        #expect(s.city.counts.goneUndated == 1)
        #expect(s.city.remaining == 399)
        #expect(s.city.percent == 0.3)
        #expect(s.daysLeft == 46)
        #expect(s.weeklyPaceNeeded == 60.7)
        let b = s.byTownship["白寨镇"]!
        #expect(b.counts.population == 3)
        #expect(b.target == 3)
        #expect(b.remaining == 2)
        #expect(b.percent == 33.3)
        #expect(s.weeklyPaceNeeded(township: "白寨镇") == 0.3)
        #expect(s.byTownship["超化镇"]!.target == nil)
        #expect(s.byTownship["超化镇"]!.remaining == nil)
        #expect(s.weeklyPaceNeeded(township: "超化镇") == nil)
        #expect(s.byTownship["平陌镇"]!.counts.isEmpty)      // a target, no vehicle
        #expect(s.byTownship["平陌镇"]!.remaining == 2)
        #expect(s.byTownship["米村镇"] == nil)               // nothing counted there
        #expect(tally.eliminatedByDay == [date("2020-05-01"): 1])
        #expect(!s.isPastDeadline)
    }

    @Test func trendWeeksFromTheBaseline() {
        let settings = QuotaSettings(target: 70, baseline: date("2020-01-01"), deadline: date("2020-03-10"))   // 70 days
        let byDay = [date("2020-01-01"): 1, date("2020-01-07"): 2, date("2020-01-08"): 3, date("2020-01-17"): 4,
                     date("2020-01-18"): 5, date("2019-12-31"): 9]
        let weeks = QuotaTrend.weeks(eliminatedByDay: byDay, settings: settings, asOf: date("2020-01-17"))
        #expect(weeks.count == 3)
        #expect(weeks.map(\.number) == [1, 2, 3])
        #expect(weeks.map(\.from) == [date("2020-01-01"), date("2020-01-08"), date("2020-01-15")])
        #expect(weeks.map(\.to) == [date("2020-01-07"), date("2020-01-14"), date("2020-01-17")])   // the last one is short
        #expect(weeks.map(\.eliminated) == [3, 3, 4])
        #expect(weeks.map(\.cumulative) == [3, 6, 10])
        #expect(weeks.map(\.planned) == [7, 14, 17])           // 70 × days ÷ 70
        #expect(QuotaTrend.weeks(eliminatedByDay: byDay, settings: settings, asOf: date("2019-12-31")).isEmpty)
        #expect(QuotaTrend.planned(on: date("2020-03-10"), settings: settings) == 70)
        #expect(QuotaTrend.planned(on: date("2020-06-01"), settings: settings) == 70)   // capped after the deadline
        #expect(QuotaTrend.planned(on: date("2019-12-01"), settings: settings) == 0)
    }

    @Test func settingsValidation() throws {
        let policy = try Policy.default()
        let s = try QuotaSettings.validated(target: 400, baseline: nil, deadline: nil, policy: policy)
        #expect(s == QuotaSettings(target: 400, baseline: date("2020-01-01"), deadline: date("2020-12-31")))
        #expect(throws: QuotaSettings.Problem.targetNotPositive(0)) {
            try QuotaSettings.validated(target: 0, baseline: nil, deadline: nil, policy: policy)
        }
        #expect(throws: QuotaSettings.Problem.deadlineBeforeBaseline(date("2020-06-01"), date("2020-05-31"))) {
            try QuotaSettings.validated(target: 1, baseline: date("2020-06-01"), deadline: date("2020-05-31"), policy: policy)
        }
        #expect(try QuotaSettings.validated(target: 1, baseline: date("2020-06-01"), deadline: date("2020-06-01"), policy: policy).target == 1)
    }

    @Test func settingsInForceOnADate() {
        let history = [(recordedOn: date("2020-03-01"), value: 300), (recordedOn: date("2020-03-01"), value: 400),
                       (recordedOn: date("2020-06-01"), value: 450)]
        #expect(QuotaSettings.inForce(history, asOf: date("2020-01-15")) == 400)   // before any: the first day's last
        #expect(QuotaSettings.inForce(history, asOf: date("2020-03-01")) == 400)
        #expect(QuotaSettings.inForce(history, asOf: date("2020-05-31")) == 400)
        #expect(QuotaSettings.inForce(history, asOf: date("2020-06-01")) == 450)
        #expect(QuotaSettings.inForce([(recordedOn: CivilDate, value: Int)](), asOf: date("2020-06-01")) == nil)
    }

    @Test func candidatesInFieldVisitOrder() {
        func c(_ township: String, _ owner: String, _ plate: String) -> QuotaCandidate {
            var v = QuotaRulesTests.truck(township: township)
            v.owner = owner
            v.plate = try! Plate.parse(plate)
            return QuotaCandidate(registration: v, emission: .init(stage: .III, tier: .declared))
        }
        let list = [c("未匹配", "A运输", "豫A00001"), c("白寨镇", "B运输", "豫A00003"), c("青屏街街道", "C运输", "豫A00004"),
                    c("白寨镇", "B运输", "豫A00002"), c("白寨镇", "A运输", "豫A00005")]
        // 青屏街街道 comes first in the township table, 白寨镇 later, 未匹配 last; then owner, then plate.
        let sorted = QuotaCandidate.sortedForFieldVisit(list, townships: .xinmi).map(\.registration.plate.text)
        #expect(sorted == ["豫A00004", "豫A00005", "豫A00002", "豫A00003", "豫A00001"])
    }
}
