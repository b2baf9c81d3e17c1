import Foundation
import Testing
@testable import FleetCore

/// The alert level at a moment (rules.md §5): the highest level among the alerts covering it,
/// start included, end excluded, China Standard Time.
@Suite struct AlertTimelineTests {
    static func t(_ text: String) -> CivilDateTime {
        guard let m = CivilDateTime(parsing: text) else { fatalError("bad test time \(text)") }
        return m
    }

    /// The sample's pattern: an orange upgraded to red by a second alert inside it, the red ended
    /// first, then the orange; later an alert not yet ended.
    static let orange = PollutionAlert(id: 1, level: .orange, start: t("2020-11-18 00:00"), end: t("2020-11-24 12:00"), documentNo: "D11")
    static let red = PollutionAlert(id: 2, level: .red, start: t("2020-11-20 12:00"), end: t("2020-11-23 00:00"), documentNo: "D12")
    static let open = PollutionAlert(id: 3, level: .yellow, start: t("2020-12-28 20:00"))
    static let timeline = AlertTimeline([red, open, orange])

    @Test(arguments: [
        ("2020-11-17 23:59:59", nil as AlertLevel?),   // the second before the start
        ("2020-11-17 23:59", nil),
        ("2020-11-18 00:00", .orange),                 // the first minute: start included
        ("2020-11-18 00:00:59", .orange),
        ("2020-11-20 11:59:59", .orange),              // just before the upgrade
        ("2020-11-20 12:00", .red),                    // the upgrade inside the orange
        ("2020-11-22 23:59:59", .red),
        ("2020-11-23 00:00", .orange),                 // the red ended: orange again
        ("2020-11-24 11:59", .orange),                 // the last minute
        ("2020-11-24 11:59:59", .orange),
        ("2020-11-24 12:00", nil),                     // end excluded
        ("2020-12-28 19:59:59", nil),
        ("2020-12-28 20:00", .yellow),                 // not ended: in force for ever after
        ("2030-01-01 00:00", .yellow),
        ("2020-11-17T16:00:00Z", .orange),             // an offset is converted: 2020-11-18 00:00 CST
        ("2020-11-24T04:00:00Z", nil),                 // 2020-11-24 12:00 CST
    ])
    func levelAt(time: String, expected: AlertLevel?) {
        #expect(Self.timeline.level(at: Self.t(time)) == expected)
        // The same as asking every alert.
        let brute = [Self.orange, Self.red, Self.open].filter { $0.covers(Self.t(time)) }.map(\.level).max()
        #expect(brute == expected)
    }

    @Test func noAlertsNoLevel() {
        #expect(AlertTimeline.none.level(at: Self.t("2020-11-20 12:00")) == nil)
        #expect(AlertTimeline.none.segments.isEmpty)
    }

    @Test func segmentsShowTheUpgradeAndTheReturn() {
        let s = Self.timeline.segments
        #expect(s.map(\.level) == [.orange, .red, .orange, .yellow])
        #expect(s.map(\.start) == [Self.t("2020-11-18 00:00"), Self.t("2020-11-20 12:00"), Self.t("2020-11-23 00:00"), Self.t("2020-12-28 20:00")])
        #expect(s.map(\.end) == [Self.t("2020-11-20 12:00"), Self.t("2020-11-23 00:00"), Self.t("2020-11-24 12:00"), nil])
    }

    @Test func alertsCoveringAMomentHighestFirst() {
        #expect(Self.timeline.alerts(at: Self.t("2020-11-21 00:00")).map(\.id) == [2, 1])
        #expect(Self.timeline.alerts(at: Self.t("2020-11-24 12:00")).isEmpty)
    }

    @Test(arguments: [
        // Two alerts back to back: no gap at the joint.
        ([("orange", "2020-11-18 00:00", "2020-11-19 00:00"), ("orange", "2020-11-19 00:00", "2020-11-20 00:00")],
         [("2020-11-18 23:59:59", "orange"), ("2020-11-19 00:00", "orange"), ("2020-11-20 00:00", "")]),
        // A lower level inside a higher one changes nothing.
        ([("red", "2020-11-18 00:00", "2020-11-20 00:00"), ("yellow", "2020-11-19 00:00", "2020-11-21 00:00")],
         [("2020-11-19 12:00", "red"), ("2020-11-20 00:00", "yellow"), ("2020-11-21 00:00", "")]),
        // A downgrade: the red ends while the orange goes on.
        ([("red", "2020-11-18 00:00", "2020-11-19 00:00"), ("orange", "2020-11-18 00:00", "2020-11-22 00:00")],
         [("2020-11-18 00:00", "red"), ("2020-11-19 00:00", "orange"), ("2020-11-21 23:59", "orange"), ("2020-11-22 00:00", "")]),
    ])
    func overlaps(alerts: [(String, String, String)], expected: [(String, String)]) {
        let tl = AlertTimeline(alerts.map { PollutionAlert(level: AlertLevel.parse($0.0)!, start: Self.t($0.1), end: Self.t($0.2)) })
        for (time, level) in expected {
            #expect(tl.level(at: Self.t(time)) == AlertLevel.parse(level), "\(time)")
        }
    }

    @Test func agreesWithAskingEveryAlertOnRandomSets() {
        var rng = SeededRandom(seed: 7)
        let base = Self.t("2020-11-01 00:00").secondsSinceEpochCST
        for _ in 0..<200 {
            let alerts = (0..<Int.random(in: 0...6, using: &rng)).map { _ -> PollutionAlert in
                let start = base + Int.random(in: 0..<2_000, using: &rng) * 60
                let end: Int? = Bool.random(using: &rng) ? start + Int.random(in: 1..<600, using: &rng) * 60 : nil
                return PollutionAlert(level: AlertLevel.allCases.randomElement(using: &rng)!,
                                      start: CivilDateTime(secondsSinceEpochCST: start),
                                      end: end.map { CivilDateTime(secondsSinceEpochCST: $0) })
            }
            let tl = AlertTimeline(alerts)
            for minute in stride(from: -10, to: 2_700, by: 7) {
                let m = CivilDateTime(secondsSinceEpochCST: base + minute * 60)
                #expect(tl.level(at: m) == alerts.filter { $0.covers(m) }.map(\.level).max())
            }
        }
    }
}

/// A small deterministic generator for tests (SplitMix64).
private struct SeededRandom: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
