import Foundation
import Testing

/// `alert declare / end / list / preview` and `bulk check / violations / fleet` end to end, on a
/// small store whose answers are known (rules.md §5, §7.11, §7.12).
@Suite struct BulkCommandTests {
    static let vehicles = """
        号牌号码,号牌种类,车辆识别代号,车辆类型,使用性质,燃料种类,排放标准,初次登记日期,总质量,所有人,住所地址,所属乡镇,机动车状态,状态变更日期,联系电话
        豫A10001,01,LZFF25M4X8D004248,H11,F,B,国IV,2014-05-01,25000,甲运输公司,新密市某村,米村镇,A,,13812341234
        豫A10002,01,LZFF25M4X8D004248,H11,F,B,国V,2018-05-01,25000,甲运输公司,新密市某村,米村镇,A,,13812341234
        豫A10003,01,LZFF25M4X8D004248,H11,F,E,国IV,2014-05-01,25000,乙运输公司,新密市某村,米村镇,A,,13812341234
        豫A10004,01,LZFF25M4X8D004248,H11,F,B,,2015-05-01,25000,乙运输公司,新密市某村,白寨镇,A,,13812341234
        """
    static let enterprises = """
        企业编号,企业名称,所属乡镇,位于建成区,物料类型
        QY001,新密市城区耐材有限公司,青屏街街道,是,耐材
        QY002,新密市米村煤业有限公司,米村镇,否,煤炭
        """
    static let fleet = """
        企业编号,号牌号码,备案日期,状态
        QY001,豫A10001,2020-01-01,在用
        QY002,豫A10001,2020-01-01,在用
        QY002,豫A10002,2020-01-01,在用
        QY002,豫A10003,2020-01-01,在用
        QY002,豫A10004,2020-01-01,停用
        """
    /// An orange, upgraded to red inside it.
    static let alerts = """
        预警等级,开始时间,结束时间,文号
        橙色,2020-11-18 00:00,2020-11-24 12:00,新密重污染〔2020〕11号
        红色,2020-11-20 12:00,2020-11-23 00:00,新密重污染〔2020〕12号
        """
    static let gateLog = """
        企业编号,号牌号码,通行时间,方向,物料
        QY001,豫A10001,2020-10-31 23:59,进,耐材
        QY001,豫A10001,2020-11-01 00:00,进,耐材
        QY001,豫A10001,2020-11-01 00:30,出,耐材
        QY001,豫A10002,2020-11-01 08:00,进,耐材
        QY002,豫A10001,2020-11-17 23:59,进,煤
        QY002,豫A10001,2020-11-18 00:00,进,煤
        QY002,豫A10003,2020-11-18 00:00,进,煤
        QY002,豫A10004,2020-11-20 13:00,进,煤
        QY002,晋E12345,2020-11-20 13:00,进,煤
        QY002,豫A10001,2020-11-24 11:59,进,煤
        QY002,豫A10001,2020-11-24 12:00,进,煤
        QY002,晋E12345,2020-11-25 13:00,进,煤
        QY009,豫A10001,2020-11-20 13:00,进,煤
        """

    static func store(alerts: Bool = true) throws -> URL {
        let dir = CLIRunner.tempDir()
        let db = dir.appendingPathComponent("s.sqlite")
        var files = [("vehicles", vehicles), ("enterprises", enterprises), ("enterprise-fleet", fleet), ("gate-log", gateLog)]
        if alerts { files.append(("alerts", Self.alerts)) }
        for (kind, text) in files {
            let file = dir.appendingPathComponent(kind + ".csv")
            try Data(text.utf8).write(to: file)
            let r = try CLIRunner.run(["import", kind, file.path], db: db)
            #expect(r.status == 0, "\(kind): \(r.stdout) \(r.stderr)")
        }
        return db
    }

    static func json(_ args: [String], db: URL, status: Int32 = 0) throws -> [String: Any] {
        let r = try CLIRunner.run(args + ["--format", "json"], db: db)
        #expect(r.status == status, "\(args): \(r.stderr)")
        return try #require(r.json, "\(r.stdout)")
    }

    // MARK: alert

    @Test func declareEndAndList() throws {
        let db = try Self.store(alerts: false)
        let orange = try Self.json(["alert", "declare", "--level", "橙色", "--from", "2020-11-18 00:00", "--doc", "D11"], db: db)
        #expect(orange["level"] as? String == "orange")
        #expect(orange["source"] as? String == "manual")
        #expect(orange["starts_at"] as? String == "2020-11-18T00:00:00+08:00")
        #expect(orange["ends_at"] is NSNull)
        #expect(orange["batch"] as? Int != nil)
        let red = try Self.json(["alert", "declare", "--level", "red", "--from", "2020-11-20T04:00:00Z", "--to", "2020-11-23 00:00"], db: db)
        #expect(red["starts_at"] as? String == "2020-11-20T12:00:00+08:00")      // converted to CST

        // Refused: the same 文号 again, an end not after the start, a bad level, a date without a time.
        for args in [["--level", "orange", "--from", "2020-12-01 00:00", "--doc", "D11"],
                     ["--level", "orange", "--from", "2020-12-01 00:00", "--to", "2020-12-01 00:00"],
                     ["--level", "purple", "--from", "2020-12-01 00:00"],
                     ["--level", "orange", "--from", "2020-12-01"]] {
            let r = try CLIRunner.run(["alert", "declare"] + args, db: db)
            #expect(r.status == 2, "\(args)")
            #expect(!r.stderr.isEmpty)
        }

        func level(at: String) throws -> Any? { try Self.json(["alert", "list", "--at", at], db: db)["level_at"] }
        #expect(try level(at: "2020-11-17 23:59") is NSNull)
        #expect(try level(at: "2020-11-18 00:00") as? String == "orange")
        #expect(try level(at: "2020-11-20 12:00") as? String == "red")
        #expect(try level(at: "2020-11-23 00:00") as? String == "orange")
        #expect(try level(at: "2030-01-01 00:00") as? String == "orange")     // not ended

        let id = try #require(orange["id"] as? Int)
        let ended = try Self.json(["alert", "end", String(id), "--at", "2020-11-24 12:00"], db: db)
        #expect(ended["ends_at"] as? String == "2020-11-24T12:00:00+08:00")
        #expect(ended["batch"] as? Int != orange["batch"] as? Int)              // the end is its own batch
        #expect(try level(at: "2020-11-24 11:59") as? String == "orange")
        #expect(try level(at: "2020-11-24 12:00") is NSNull)
        #expect(try CLIRunner.run(["alert", "end", String(id), "--at", "2020-11-25 00:00"], db: db).status == 2)   // already ended
        #expect(try CLIRunner.run(["alert", "end", "999", "--at", "2020-11-25 00:00"], db: db).status == 2)
        let list = try Self.json(["alert", "list", "--at", "2020-11-21 00:00"], db: db)
        let all = try #require(list["alerts"] as? [[String: Any]])
        #expect(all.map { $0["level"] as? String } == ["orange", "red"])
        let levels = try #require(list["levels"] as? [[String: Any]])
        #expect(levels.map { $0["level"] as? String } == ["orange", "red", "orange"])

        let text = try CLIRunner.run(["alert", "list", "--at", "2020-11-21 00:00", "--lang", "zh"], db: db)
        #expect(text.status == 0)
        #expect(text.stdout.contains("红色"))
    }

    // MARK: bulk check

    static func check(_ plate: String, _ enterprise: String, _ at: String, db: URL, status: Int32) throws -> [String: Any] {
        try json(["bulk", "check", plate, "--enterprise", enterprise, "--at", at], db: db, status: status)
    }

    static func codes(_ j: [String: Any]) -> [String] { (j["reasons"] as? [[String: Any]] ?? []).compactMap { $0["code"] as? String } }

    @Test func checkReceiptsAndExitCodes() throws {
        let db = try Self.store()
        // The built-up area, the minute before and the minute of 2020-11-01.
        let before = try Self.check("豫A10001", "QY001", "2020-10-31 23:59", db: db, status: 0)
        #expect(before["decision"] as? String == "allow")
        #expect(Self.codes(before).isEmpty)
        let at = try Self.check("豫a 10001", "QY001", "2020-11-01 00:00", db: db, status: 1)
        #expect(at["decision"] as? String == "deny")
        #expect(at["plate"] as? String == "豫A10001")
        let reason = try #require((at["reasons"] as? [[String: Any]])?.first)
        #expect(reason["code"] as? String == "BULK_BUILTUP_STANDARD")
        #expect(reason["outcome"] as? String == "deny")
        #expect(reason["item"] as? String == "7")
        #expect((reason["needs"] as? String)?.isEmpty == false)
        let facts = try #require(reason["facts"] as? [[String: Any]])
        #expect(facts.contains { $0["name"] as? String == "emission_stage" && $0["value"] as? String == "IV" && $0["basis"] as? String == "declared" })
        let vehicle = try #require(at["vehicle"] as? [String: Any])
        #expect(vehicle["emission_stage"] as? String == "IV")
        #expect(vehicle["emission_tier"] as? String == "declared")
        #expect(vehicle["usage"] as? String == "BULK_ENTERPRISE")
        let context = try #require(at["context"] as? [String: Any])
        #expect(context["at"] as? String == "2020-11-01T00:00:00+08:00")
        #expect(context["alert_level"] as? String == "none")

        // An outer enterprise: the alert's first and last minute, an inferred 国IV, gas, 国V.
        #expect(Self.codes(try Self.check("豫A10001", "QY002", "2020-11-17 23:59", db: db, status: 0)).isEmpty)
        #expect(Self.codes(try Self.check("豫A10001", "QY002", "2020-11-18 00:00", db: db, status: 1)) == ["BULK_ALERT_STANDARD"])
        let red = try Self.check("豫A10001", "QY002", "2020-11-20 12:00", db: db, status: 1)
        #expect((red["context"] as? [String: Any])?["alert_level"] as? String == "red")
        #expect(Self.codes(try Self.check("豫A10001", "QY002", "2020-11-24 11:59", db: db, status: 1)) == ["BULK_ALERT_STANDARD"])
        #expect(Self.codes(try Self.check("豫A10001", "QY002", "2020-11-24 12:00", db: db, status: 0)).isEmpty)
        #expect(Self.codes(try Self.check("豫A10002", "QY002", "2020-11-20 12:00", db: db, status: 0)).isEmpty)     // 国V
        #expect(Self.codes(try Self.check("豫A10003", "QY002", "2020-11-20 12:00", db: db, status: 0)).isEmpty)     // gas
        // 豫A10004: inferred 国IV (2015), its filing withdrawn: deny, with the NOT_FILED warning.
        let withdrawn = try Self.check("豫A10004", "QY002", "2020-11-20 12:00", db: db, status: 1)
        #expect(Self.codes(withdrawn) == ["BULK_ALERT_STANDARD", "NOT_FILED"])
        #expect((withdrawn["reasons"] as? [[String: Any]])?.last?["outcome"] as? String == "warn")
        #expect((withdrawn["vehicle"] as? [String: Any])?["emission_tier"] as? String == "inferred")
        // Not registered: refer where a rule is in force, allow (with the warning) where none is.
        let foreign = try Self.check("晋E12345", "QY002", "2020-11-20 12:00", db: db, status: 3)
        #expect(foreign["decision"] as? String == "refer")
        #expect(Self.codes(foreign) == ["NOT_IN_REGISTRY", "NOT_FILED"])
        let calm = try Self.check("晋E12345", "QY002", "2020-11-25 12:00", db: db, status: 0)
        #expect(calm["decision"] as? String == "allow")
        #expect((calm["reasons"] as? [[String: Any]])?.map { $0["outcome"] as? String } == ["warn"])

        // Bad input: exit 2 with a message.
        for args in [["豫A10001", "--enterprise", "QY999", "--at", "2020-11-20 12:00"],
                     ["ABC", "--enterprise", "QY001", "--at", "2020-11-20 12:00"],
                     ["豫A10001", "--enterprise", "QY001", "--at", "2020-11-20"],
                     ["豫A10001", "--at", "2020-11-20 12:00"]] {
            let r = try CLIRunner.run(["bulk", "check"] + args, db: db)
            #expect(r.status == 2, "\(args)")
            #expect(!r.stderr.isEmpty)
        }
        let text = try CLIRunner.run(["bulk", "check", "豫A10001", "--enterprise", "QY001", "--at", "2020-11-01 00:00", "--lang", "zh"], db: db)
        #expect(text.status == 1)
        #expect(text.stdout.contains("BULK_BUILTUP_STANDARD"))
        #expect(text.stdout.contains("方案第7项"))
        #expect(text.stdout.contains("需要："))
    }

    // MARK: bulk violations

    @Test func violationsJSONWithCountsAndUnverified() throws {
        let db = try Self.store()
        let j = try Self.json(["bulk", "violations", "--from", "2020-10-01", "--to", "2020-11-30"], db: db)
        #expect(j["from"] as? String == "2020-10-01T00:00:00+08:00")
        #expect(j["to"] as? String == "2020-11-30T23:59:59+08:00")
        let violations = try #require(j["violations"] as? [[String: Any]])
        #expect(violations.map { "\($0["enterprise_id"]!) \($0["plate"]!) \($0["passed_at"]!)" } == [
            "QY001 豫A10001 2020-11-01T00:00:00+08:00",
            "QY002 豫A10001 2020-11-18T00:00:00+08:00",
            "QY002 豫A10004 2020-11-20T13:00:00+08:00",
            "QY002 豫A10001 2020-11-24T11:59:00+08:00",
        ])
        #expect(Self.codes(violations[2]) == ["BULK_ALERT_STANDARD", "NOT_FILED"])
        #expect((violations[2]["reasons"] as? [[String: Any]])?.map { $0["outcome"] as? String } == ["deny", "warn"])
        let unverified = try #require(j["unverified"] as? [[String: Any]])
        #expect(unverified.map { "\($0["plate"]!) \($0["passed_at"]!)" } == ["晋E12345 2020-11-20T13:00:00+08:00"])
        #expect(Self.codes(unverified[0]) == ["NOT_IN_REGISTRY", "NOT_FILED"])
        #expect(j["by_enterprise"] as? [String: Int] == ["QY001": 1, "QY002": 3])
        #expect(j["by_day"] as? [String: Int] == ["2020-11-01": 1, "2020-11-18": 1, "2020-11-20": 1, "2020-11-24": 1])
        let totals = try #require(j["totals"] as? [String: Int])
        #expect(totals["rows"] == 12)                 // 进 rows in the period
        #expect(totals["unknown_enterprise"] == 1)    // QY009
        #expect(totals["judged"] == 11)
        #expect(totals["violations"] == 4)
        #expect(totals["unverified"] == 1)
        #expect(totals["allowed"] == 6)
    }

    @Test(arguments: [
        // Both bounds included; a date alone is its whole day.
        ("2020-11-01 00:00", "2020-11-01 00:00", 1),
        ("2020-10-31", "2020-10-31", 0),
        ("2020-11-01", "2020-11-01", 1),
        ("2020-11-01 00:00:01", "2020-11-17", 0),
        ("2020-11-24", "2020-11-24 11:59", 1),
        ("2020-11-24 12:00", "2020-12-31", 0),
    ])
    func violationsBoundsAreIncluded(from: String, to: String, count: Int) throws {
        let db = try Self.store()
        let j = try Self.json(["bulk", "violations", "--from", from, "--to", to], db: db)
        #expect((j["violations"] as? [Any])?.count == count)
    }

    @Test func violationsCSVAndTextAndBadInput() throws {
        let db = try Self.store()
        let csv = try CLIRunner.run(["bulk", "violations", "--from", "2020-11-01", "--to", "2020-11-30", "--format", "csv"], db: db)
        #expect(csv.status == 0)
        let lines = csv.stdout.split(separator: "\r\n").map(String.init)
        #expect(lines.first == "outcome,enterprise_id,enterprise_name,plate,passed_at,reasons,warnings")
        #expect(lines.count == 1 + 4 + 1)
        #expect(lines.contains("deny,QY001,新密市城区耐材有限公司,豫A10001,2020-11-01T00:00:00+08:00,BULK_BUILTUP_STANDARD,"))
        #expect(lines.contains("refer,QY002,新密市米村煤业有限公司,晋E12345,2020-11-20T13:00:00+08:00,NOT_IN_REGISTRY,NOT_FILED"))

        let text = try CLIRunner.run(["bulk", "violations", "--from", "2020-11-01", "--to", "2020-11-30", "--lang", "zh"], db: db)
        #expect(text.status == 0)
        #expect(text.stdout.contains("违规（不予）4"))
        #expect(text.stdout.contains("2020-11-18  1"))

        #expect(try CLIRunner.run(["bulk", "violations", "--from", "2020-11-30", "--to", "2020-11-01"], db: db).status == 2)
        #expect(try CLIRunner.run(["bulk", "violations", "--from", "yesterday", "--to", "2020-11-01"], db: db).status == 2)
    }

    // MARK: bulk fleet, alert preview

    @Test func fleetListsTheBans() throws {
        let db = try Self.store()
        let j = try Self.json(["bulk", "fleet", "--enterprise", "QY002", "--at", "2020-11-15"], db: db)
        let trucks = try #require(j["vehicles"] as? [[String: Any]])
        #expect(trucks.map { "\($0["plate"]!) \($0["ban"]!)" } == ["豫A10001 during_alerts", "豫A10002 none", "豫A10003 none"])
        #expect(j["counts"] as? [String: Int] == ["always": 0, "during_alerts": 1, "to_verify": 0, "none": 2])
        #expect(j["not_in_force"] as? Int == 1)     // 豫A10004, withdrawn
        let built = try Self.json(["bulk", "fleet", "--enterprise", "QY001", "--at", "2020-11-15"], db: db)
        #expect((built["vehicles"] as? [[String: Any]])?.map { $0["ban"] as? String } == ["always"])
        #expect(try CLIRunner.run(["bulk", "fleet", "--enterprise", "QY404"], db: db).status == 2)
    }

    @Test func previewPerTownshipAndEnterprise() throws {
        let db = try Self.store()
        let j = try Self.json(["alert", "preview", "--level", "orange", "--at", "2020-11-10 08:00"], db: db)
        #expect(j["vehicles"] as? Int == 1)          // 豫A10001 at QY002
        #expect(j["enterprises"] as? Int == 1)
        #expect(j["level_in_force"] is NSNull)
        let towns = try #require(j["by_township"] as? [String: [String: Any]])
        #expect(towns["米村镇"]?["newly_stopped"] as? Int == 1)
        #expect(towns["米村镇"]?["filed"] as? Int == 3)
        #expect(towns["青屏街街道"]?["already_stopped"] as? Int == 1)
        let ents = try #require(j["by_enterprise"] as? [String: [String: Any]])
        #expect(ents["QY002"]?["name"] as? String == "新密市米村煤业有限公司")
        #expect(ents["QY002"]?["stopped"] as? Int == 1)
        // During the orange, a red adds nothing; a yellow stops nothing new.
        let red = try Self.json(["alert", "preview", "--level", "red", "--at", "2020-11-19 08:00"], db: db)
        #expect(red["level_in_force"] as? String == "orange")
        #expect(red["vehicles"] as? Int == 0)
        #expect(try Self.json(["alert", "preview", "--level", "yellow", "--at", "2020-11-10 08:00"], db: db)["vehicles"] as? Int == 0)
        #expect(try CLIRunner.run(["alert", "preview", "--level", "pink", "--at", "2020-11-10 08:00"], db: db).status == 2)
        let text = try CLIRunner.run(["alert", "preview", "--level", "orange", "--at", "2020-11-10 08:00"], db: db)
        #expect(text.status == 0)
        #expect(text.stdout.contains("It would stop 1 filed trucks at 1 enterprises"))
    }
}
