import Foundation
import Testing
import FleetCore
import GRDB
@testable import FleetStore

/// The gate-log scan of `bulk violations` gives, row for row, what `BulkRules.judge` gives with
/// `facts(plate:)` and the alert timeline — whatever the chunk size — and its byte-level helpers
/// agree with the ordinary ones.
@Suite struct GateLogScanTests {
    static let vehicles = """
        号牌号码,号牌种类,车辆识别代号,车辆类型,使用性质,燃料种类,排放标准,初次登记日期,总质量,所有人,住所地址,所属乡镇,机动车状态,状态变更日期,联系电话
        豫A10001,01,LZFF25M4X8D004248,H11,F,B,国IV,2014-05-01,25000,甲运输公司,新密市某村,米村镇,A,,
        豫A10002,01,LZFF25M4X8D004248,H11,F,B,国V,2018-05-01,25000,甲运输公司,新密市某村,米村镇,A,,
        豫A10003,01,LZFF25M4X8D004248,H11,F,E,国IV,2014-05-01,25000,乙运输公司,新密市某村,米村镇,A,,
        豫A10004,01,LZFF25M4X8D004248,H11,F,B,,2015-05-01,25000,乙运输公司,新密市某村,白寨镇,A,,
        豫AD12345,51,LZFF25M4X8D004248,H11,F,C,,2019-05-01,25000,乙运输公司,新密市某村,白寨镇,A,,
        """
    static let enterprises = """
        企业编号,企业名称,所属乡镇,位于建成区,物料类型
        QY001,新密市城区耐材有限公司,青屏街街道,是,耐材
        QY002,新密市米村煤业有限公司,米村镇,否,煤炭
        QY-VERY-LONG-ENTERPRISE-ID-0003,新密市某某建材有限公司,城关镇,是,
        """
    static let fleet = """
        企业编号,号牌号码,备案日期,状态
        QY001,豫A10001,2020-01-01,在用
        QY002,豫A10001,2020-11-19,在用
        QY002,豫A10002,2020-01-01,在用
        QY002,豫A10004,2020-01-01,停用
        QY-VERY-LONG-ENTERPRISE-ID-0003,晋E12345,,在用
        """
    static let alerts = """
        预警等级,开始时间,结束时间,文号
        橙色,2020-11-18 00:00,2020-11-24 12:00,D11
        红色,2020-11-20 12:00,2020-11-23 00:00,D12
        黄色,2020-11-26 00:00,,D13
        """

    /// Every plate at every gate (and one unknown gate) every 5 h 7 min, in and out.
    static func gateLog() -> String {
        var lines = ["企业编号,号牌号码,通行时间,方向,物料"]
        let plates = ["豫A10001", "豫A10002", "豫A10003", "豫A10004", "豫AD12345", "晋E12345", "豫A99999"]
        let gates = ["QY001", "QY002", "QY-VERY-LONG-ENTERPRISE-ID-0003", "QY404"]
        var t = CivilDateTime(parsing: "2020-10-30 00:00")!.secondsSinceEpochCST
        let end = CivilDateTime(parsing: "2020-11-28 00:00")!.secondsSinceEpochCST
        var i = 0
        while t < end {
            let at = CivilDateTime(secondsSinceEpochCST: t).description
            lines.append("\(gates[i % gates.count]),\(plates[i % plates.count]),\(at),\(i % 5 == 4 ? "出" : "进"),")
            t += 5 * 3600 + 7 * 60 + (i % 3 == 0 ? 0 : 1)
            i += 1
        }
        return lines.joined(separator: "\n")
    }

    static func store() throws -> FleetStore {
        let store = try Fixtures.store()
        let townships = TownshipTable.xinmi
        for (kind, text) in [("vehicles", vehicles), ("enterprises", enterprises), ("enterprise-fleet", fleet), ("alerts", alerts),
                             ("gate-log", gateLog())] {
            let summary = try Importer(store: store).run(ImportKinds.named(kind, townships: townships)!, path: Fixtures.file(text),
                                                         options: ImportOptions())
            #expect(summary.committed, "\(kind): \(summary.errors.map { $0.text(.en) })")
        }
        return store
    }

    @Test(arguments: [1, 2, 7, 1 << 16])
    func scanAgreesWithJudgingEachRow(chunkSize: Int) throws {
        let store = try Self.store()
        let policy = try Policy.default()
        let rules = BulkRules(policy: policy)
        let timeline = try store.alertTimeline()
        let from = CivilDateTime(parsing: "2020-11-01 00:00")!, to = CivilDateTime(parsing: "2020-11-27 23:59:59")!
        var seen: [String] = []
        let totals = try store.scanGateLog(from: from, to: to, rules: rules, timeline: timeline, chunkSize: chunkSize) { p in
            seen.append("\(p.enterprise.id) \(p.plate) \(p.passedAt) \(p.verdict.outcome) \(p.verdict.reasons.map(\.code))")
        }
        // The reference: every 进 row judged one at a time, with the facts of `facts(plate:)`.
        let enterprises = Dictionary(uniqueKeysWithValues: try store.fetchEnterprises().map { ($0.id, $0) })
        let rows = try store.read { db in
            try Row.fetchAll(db, sql: """
                SELECT enterprise_id, plate, passed_at FROM gate_log WHERE direction = 'in' AND passed_at >= ? AND passed_at <= ?
                ORDER BY passed_at, enterprise_id, plate
                """, arguments: [from.description, to.description])
        }
        var expected: [String] = []
        var unknown = 0, allowed = 0
        for r in rows {
            guard let e = enterprises[r[0] as String] else { unknown += 1; continue }
            let at = CivilDateTime(parsing: r[2] as String)!
            let d = rules.judge(try store.facts(plate: r[1]), enterprise: e, at: at, alertLevel: timeline.level(at: at))
            if d.outcome == .allow { allowed += 1; continue }
            expected.append("\(e.id) \(d.plate) \(at) \(d.outcome) \(d.reasons.map(\.code))")
        }
        #expect(seen == expected)
        #expect(totals.rows == rows.count)
        #expect(totals.unknownEnterprise == unknown)
        #expect(totals.allowed == allowed)
        #expect(totals.denied + totals.referred == expected.count)
        #expect(totals.plates == 7)
        #expect(totals.denied > 0 && totals.referred > 0 && unknown > 0)
    }

    @Test func byteKeyTableFindsWhatItHolds() {
        var t = ByteKeyTable(capacity: 4)
        func key(_ s: String) -> ByteKey? { s.utf8CString.withUnsafeBufferPointer { b in
            b.withMemoryRebound(to: UInt8.self) { ByteKey($0.baseAddress, s.utf8.count) } } }
        for i in 0..<5_000 { t[key("豫A\(i)")!] = i }
        #expect(t.count == 5_000)
        for i in 0..<5_000 { #expect(t[key("豫A\(i)")!] == i) }
        #expect(t[key("豫A5000")!] == nil)
        #expect(t[key("")!] == nil)
        t[key("")!] = -1
        #expect(t[key("")!] == -1)
        #expect(key("0123456789abcdef") != nil)        // 16 bytes: a key
        #expect(key("0123456789abcdefg") == nil)       // 17: the caller falls back to the text
        #expect(key("12345678") != key("12345678\u{0}"))
    }
}
