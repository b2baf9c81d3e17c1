import Foundation
import Testing

/// `quota set / status / trend / candidates` end to end, on a small file whose figures are known,
/// and on SampleData/vehicles.csv, whose figures must agree with each other.
@Suite struct QuotaCommandTests {
    static let header = "号牌号码,号牌种类,车辆识别代号,车辆类型,使用性质,燃料种类,排放标准,初次登记日期,总质量,所有人,住所地址,所属乡镇,机动车状态,状态变更日期,联系电话"
    static func row(_ plate: String, _ type: String = "H11", use: String = "F", fuel: String = "B", stage: String = "国III",
                    first: String = "2010-05-01", mass: String = "25000", owner: String = "B运输公司", township: String = "白寨镇",
                    status: String = "A", statusDate: String = "", phone: String = "13812341234") -> String {
        [plate, "01", "LZFF25M4X8D004248", type, use, fuel, stage, first, mass, owner, "新密市某村", township, status, statusDate, phone]
            .joined(separator: ",")
    }

    /// As of 2020-11-15 (baseline 2020-01-01): population 8 = eliminated 3 + candidates 4 + transferred out 1.
    static let vehicles = [
        header,
        row("豫A10001"),                                                                  // candidate
        row("豫A10002", "H21", use: "R", stage: "", first: "2012-01-01", mass: "9000", owner: "A运输公司"),   // inferred III, candidate
        row("豫A10003", township: "超化镇", status: "E", statusDate: "2020-03-10"),          // eliminated
        row("豫A10004", "Q11", stage: "国II", township: "超化镇", status: "P", statusDate: "2020-11-15"),   // eliminated on the as-of date
        row("豫A10005", township: "超化镇", status: "M", statusDate: "2020-11-16"),          // not begun: candidate
        row("豫A10006", township: "米村镇", status: "B", statusDate: "2020-05-01"),          // transferred out, not counted
        row("豫A10007", status: "E", statusDate: "2019-12-31"),                            // gone before the baseline
        row("豫A10008", "H31", mass: "4490"),                                              // light
        row("豫A10009", use: "A"),                                                         // not operating
        row("豫A10010", stage: "国IV"),                                                    // 国IV
        row("豫A10011", fuel: "A"),                                                        // petrol
        row("豫A10012", "H21", stage: "", first: "2014-01-01", mass: "3500", township: "米村镇"),   // ≤ 3,500 kg table: III
        row("豫A10013", "H21", stage: "", first: "2014-01-01", mass: "3501", township: "米村镇"),   // > 3,500 kg table: IV
        row("豫A10014", status: "E"),                                                      // gone, no status date
        row("豫A10015", status: "E", statusDate: "2020-01-01"),                            // eliminated on the baseline
    ].joined(separator: "\r\n")

    static func store() throws -> (db: URL, dir: URL) {
        let dir = CLIRunner.tempDir()
        let file = dir.appendingPathComponent("vehicles.csv")
        try Data(vehicles.utf8).write(to: file)
        let db = dir.appendingPathComponent("s.sqlite")
        let r = try CLIRunner.run(["import", "vehicles", file.path], db: db)
        #expect(r.status == 0, "\(r.stderr)")
        return (db, dir)
    }

    static func status(_ db: URL, _ asOf: String, _ extra: [String] = []) throws -> [String: Any] {
        let r = try CLIRunner.run(["quota", "status", "--as-of", asOf, "--format", "json"] + extra, db: db)
        #expect(r.status == 0, "\(r.stderr)")
        return try #require(r.json)
    }

    @Test func statusWithoutAQuotaAndBadSettingsExitTwo() throws {
        let (db, _) = try Self.store()
        let none = try CLIRunner.run(["quota", "status", "--as-of", "2020-11-15"], db: db)
        #expect(none.status == 2)
        #expect(none.stderr.contains("quota set"))
        #expect(try CLIRunner.run(["quota", "set", "--target", "0"], db: db).status == 2)
        #expect(try CLIRunner.run(["quota", "set", "--target", "5", "--baseline", "2020-06-01", "--deadline", "2020-05-31"], db: db).status == 2)
        #expect(try CLIRunner.run(["quota", "set", "--target", "5", "--deadline", "2020-13-01"], db: db).status == 2)
        #expect(try CLIRunner.run(["quota", "set"], db: db).status == 2)
    }

    @Test func statusFiguresAsOfADate() throws {
        let (db, _) = try Self.store()
        let set = try CLIRunner.run(["quota", "set", "--target", "10", "--format", "json", "--operator", "交通局"], db: db)
        #expect(set.status == 0)
        #expect(set.json?["target"] as? Int == 10)
        #expect(set.json?["baseline"] as? String == "2020-01-01")
        #expect(set.json?["deadline"] as? String == "2020-12-31")
        #expect(set.json?["operator"] as? String == "交通局")

        let j = try Self.status(db, "2020-11-15")
        #expect(j["as_of"] as? String == "2020-11-15")
        #expect(j["target"] as? Int == 10)
        #expect(j["baseline"] as? String == "2020-01-01")
        #expect(j["deadline"] as? String == "2020-12-31")
        #expect(j["population"] as? Int == 8)
        #expect(j["to_verify"] as? Int == 0)
        #expect(j["eliminated"] as? Int == 3)
        #expect(j["candidates"] as? Int == 4)
        #expect(j["transferred_out"] as? Int == 1)
        #expect(j["gone_undated"] as? Int == 1)
        #expect(j["remaining"] as? Int == 7)
        #expect(j["percent"] as? Double == 30)
        #expect(j["days_left"] as? Int == 46)
        #expect(j["weekly_pace_needed"] as? Double == 1.1)     // 7 ÷ (46 ÷ 7)
        let towns = try #require(j["by_township"] as? [String: [String: Any]])
        #expect(Set(towns.keys) == ["白寨镇", "超化镇", "米村镇"])
        #expect(towns["白寨镇"]?["population"] as? Int == 3)
        #expect(towns["白寨镇"]?["eliminated"] as? Int == 1)
        #expect(towns["白寨镇"]?["candidates"] as? Int == 2)
        #expect(towns["超化镇"]?["population"] as? Int == 3)
        #expect(towns["超化镇"]?["eliminated"] as? Int == 2)
        #expect(towns["米村镇"]?["transferred_out"] as? Int == 1)
        #expect(towns["米村镇"]?["target"] is NSNull)            // no township targets yet
        #expect(towns["米村镇"]?["remaining"] is NSNull)

        // One day later the M of 2020-11-16 has begun.
        let next = try Self.status(db, "2020-11-16")
        #expect(next["eliminated"] as? Int == 4)
        #expect(next["candidates"] as? Int == 3)
        // Earlier in the year: P of 2020-11-15 and B of 2020-05-01 had not begun.
        let march = try Self.status(db, "2020-03-31")
        #expect(march["population"] as? Int == 8)
        #expect(march["eliminated"] as? Int == 2)
        #expect(march["candidates"] as? Int == 6)
        #expect(march["transferred_out"] as? Int == 0)
    }

    @Test func transfersOutCountWhereThePolicySays() throws {
        let (db, dir) = try Self.store()
        #expect(try CLIRunner.run(["quota", "set", "--target", "10"], db: db).status == 0)
        let url = CLIRunner.packageRoot.appendingPathComponent("Sources/FleetCore/Policy/Resources/default-policy.json")
        var policy = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: url)) as? [String: Any])
        var quota = try #require(policy["quota"] as? [String: Any])
        quota["count_transfers_out"] = true
        policy["quota"] = quota
        let file = dir.appendingPathComponent("policy.json")
        try JSONSerialization.data(withJSONObject: policy).write(to: file)
        let j = try Self.status(db, "2020-11-15", ["--policy", file.path])
        #expect(j["population"] as? Int == 8)
        #expect(j["eliminated"] as? Int == 4)
        #expect(j["transferred_out"] as? Int == 0)
    }

    @Test func townshipTargetsFromAnImport() throws {
        let (db, dir) = try Self.store()
        #expect(try CLIRunner.run(["quota", "set", "--target", "10"], db: db).status == 0)
        let targets = dir.appendingPathComponent("targets.csv")
        try Data("\u{FEFF}所属乡镇,目标数\r\n白寨,4\r\n超化镇,3\r\n米村镇,3\r\n".utf8).write(to: targets)
        let r = try CLIRunner.run(["import", "quota-targets", targets.path, "--format", "json"], db: db)
        #expect(r.status == 0, "\(r.stdout)")
        #expect(r.json?["inserted"] as? Int == 3)
        let bad = dir.appendingPathComponent("bad.csv")
        try Data("所属乡镇,目标数\n火星镇,4\n".utf8).write(to: bad)
        let b = try CLIRunner.run(["import", "quota-targets", bad.path, "--format", "json"], db: db)
        #expect(b.status == 2)
        #expect((b.json?["errors"] as? [[String: Any]])?.first?["column"] as? String == "所属乡镇")

        let towns = try #require(try Self.status(db, "2020-11-15")["by_township"] as? [String: [String: Any]])
        #expect(towns["白寨镇"]?["target"] as? Int == 4)
        #expect(towns["白寨镇"]?["remaining"] as? Int == 3)
        #expect(towns["白寨镇"]?["percent"] as? Double == 25)
        #expect(towns["超化镇"]?["remaining"] as? Int == 1)
        #expect(towns["米村镇"]?["remaining"] as? Int == 3)
        let text = try CLIRunner.run(["quota", "status", "--as-of", "2020-11-15", "--lang", "zh"], db: db)
        #expect(text.stdout.contains("淘汰范围 8 辆"))
        #expect(text.stdout.contains("白寨镇"))
        let en = try CLIRunner.run(["quota", "status", "--as-of", "2020-11-15", "--lang", "en"], db: db)
        #expect(en.stdout.contains("population 8"))
        #expect(en.stdout.contains("1.1 a week needed"))
    }

    @Test func pastDateIsReproducibleAfterANewerExtract() throws {
        let (db, dir) = try Self.store()
        #expect(try CLIRunner.run(["quota", "set", "--target", "10"], db: db).status == 0)
        let before = try CLIRunner.run(["quota", "status", "--as-of", "2020-11-15", "--format", "json"], db: db)
        // A newer extract: two more trucks gone, after 2020-11-15.
        let newer = Self.vehicles
            .replacingOccurrences(of: Self.row("豫A10001"), with: Self.row("豫A10001", status: "E", statusDate: "2020-12-01"))
            .replacingOccurrences(of: Self.row("豫A10002", "H21", use: "R", stage: "", first: "2012-01-01", mass: "9000", owner: "A运输公司"),
                                  with: Self.row("豫A10002", "H21", use: "R", stage: "", first: "2012-01-01", mass: "9000", owner: "A运输公司",
                                                 status: "P", statusDate: "2020-11-20"))
        let file = dir.appendingPathComponent("newer.csv")
        try Data(newer.utf8).write(to: file)
        let imported = try CLIRunner.run(["import", "vehicles", file.path, "--format", "json"], db: db)
        #expect(imported.json?["updated"] as? Int == 2)
        let after = try CLIRunner.run(["quota", "status", "--as-of", "2020-11-15", "--format", "json"], db: db)
        #expect(before.stdout == after.stdout)                     // every figure, every township
        #expect(after.json?["eliminated"] as? Int == 3)
        #expect(try Self.status(db, "2020-12-01")["eliminated"] as? Int == 6)
    }

    @Test func trendWeekByWeek() throws {
        let (db, dir) = try Self.store()
        #expect(try CLIRunner.run(["quota", "set", "--target", "10"], db: db).status == 0)
        let r = try CLIRunner.run(["quota", "trend", "--as-of", "2020-11-15", "--format", "json"], db: db)
        #expect(r.status == 0)
        let weeks = try #require(r.json?["weeks"] as? [[String: Any]])
        #expect(weeks.count == 46)                                  // 320 days: 45 weeks and 5 days
        #expect(weeks.first?["from"] as? String == "2020-01-01")
        #expect(weeks.first?["to"] as? String == "2020-01-07")
        #expect(weeks.first?["eliminated"] as? Int == 1)
        #expect(weeks[9]["to"] as? String == "2020-03-10")
        #expect(weeks[9]["eliminated"] as? Int == 1)
        #expect(weeks.last?["from"] as? String == "2020-11-11")
        #expect(weeks.last?["to"] as? String == "2020-11-15")
        #expect(weeks.last?["eliminated"] as? Int == 1)
        #expect(weeks.last?["cumulative"] as? Int == 3)
        #expect(weeks.map { $0["eliminated"] as! Int }.reduce(0, +) == 3)
        #expect(weeks.last?["planned"] as? Double == 8.7)           // 10 × 320 ÷ 366 = 8.74
        let csv = dir.appendingPathComponent("trend.csv")
        let c = try CLIRunner.run(["quota", "trend", "--as-of", "2020-11-15", "--out", csv.path], db: db)
        #expect(c.status == 0)
        let bytes = try Data(contentsOf: csv)
        #expect(Array(bytes.prefix(3)) == [0xEF, 0xBB, 0xBF])
        let lines = String(decoding: bytes.dropFirst(3), as: UTF8.self).components(separatedBy: "\r\n")
        #expect(lines.first == "周次,起,止,本周淘汰,累计淘汰,计划累计")
        #expect(lines[1] == "1,2020-01-01,2020-01-07,1,1,0.2")
        #expect(lines.count == 48)                                  // header, 46 weeks, and the empty after the last CRLF
    }

    @Test func candidatesForTheFieldVisit() throws {
        let (db, dir) = try Self.store()
        let r = try CLIRunner.run(["quota", "candidates", "--as-of", "2020-11-15", "--format", "json"], db: db)
        #expect(r.status == 0, "\(r.stderr)")
        let list = try #require(r.json?["candidates"] as? [[String: Any]])
        // 米村镇, 超化镇, 白寨镇 in the township table's order; then owner (A运输公司 before B运输公司).
        #expect(list.map { $0["plate"] as! String } == ["豫A10012", "豫A10005", "豫A10002", "豫A10001"])
        #expect(list.first?["phone"] as? String == "13812341234")   // in full: the follow-up list needs it
        #expect(list[2]["emission_tier"] as? String == "inferred")
        #expect(r.json?["count"] as? Int == 4)

        let one = try CLIRunner.run(["quota", "candidates", "--as-of", "2020-11-15", "--township", "超化", "--format", "json"], db: db)
        #expect((one.json?["candidates"] as? [[String: Any]])?.map { $0["plate"] as! String } == ["豫A10005"])
        #expect(one.json?["township"] as? String == "超化镇")
        #expect(try CLIRunner.run(["quota", "candidates", "--township", "火星镇"], db: db).status == 2)

        let csv = dir.appendingPathComponent("c.csv"), xlsx = dir.appendingPathComponent("c.xlsx")
        let w = try CLIRunner.run(["quota", "candidates", "--as-of", "2020-11-15", "--out", csv.path, "--xlsx", xlsx.path], db: db)
        #expect(w.status == 0)
        let bytes = try Data(contentsOf: csv)
        #expect(Array(bytes.prefix(3)) == [0xEF, 0xBB, 0xBF])
        let lines = String(decoding: bytes.dropFirst(3), as: UTF8.self).components(separatedBy: "\r\n")
        #expect(lines[0].hasPrefix("所属乡镇,所有人,号牌号码,车辆类型"))
        #expect(lines[0].contains("联系电话"))
        #expect(lines[1].hasPrefix("米村镇,B运输公司,豫A10012,H21 中型普通货车"))
        #expect(lines[1].contains("13812341234"))
        #expect(lines.count == 6)
        let zip = try Data(contentsOf: xlsx)
        #expect(Array(zip.prefix(2)) == [0x50, 0x4B])               // PK: a zip package
        let unwritable = try CLIRunner.run(["quota", "candidates", "--out", "/nonexistent-dir/c.csv"], db: db)
        #expect(unwritable.status == 2)
    }

    @Test func sampleDataFiguresAgree() throws {
        let db = CLIRunner.tempDir().appendingPathComponent("s.sqlite")
        #expect(try CLIRunner.run(["import", "vehicles", CLIRunner.sampleData.appendingPathComponent("vehicles.csv").path], db: db).status == 0)
        #expect(try CLIRunner.run(["quota", "set", "--target", "100"], db: db).status == 0)
        let asOf = "2020-11-02"
        let j = try Self.status(db, asOf)
        let population = try #require(j["population"] as? Int)
        let eliminated = try #require(j["eliminated"] as? Int)
        let candidates = try #require(j["candidates"] as? Int)
        let transferred = try #require(j["transferred_out"] as? Int)
        #expect(population > 0 && eliminated > 0)
        #expect(population == eliminated + candidates + transferred)
        let towns = try #require(j["by_township"] as? [String: [String: Any]])
        for key in ["population", "eliminated", "candidates", "to_verify", "transferred_out"] {
            #expect(towns.values.map { $0[key] as! Int }.reduce(0, +) == j[key] as? Int, "\(key)")
        }
        for t in towns.values { #expect(t["population"] as! Int == (t["eliminated"] as! Int) + (t["candidates"] as! Int) + (t["transferred_out"] as! Int)) }
        #expect(j["remaining"] as? Int == max(0, 100 - eliminated))
        #expect(j["percent"] as? Double == Double(eliminated * 10).rounded() / 10)

        let list = try CLIRunner.run(["quota", "candidates", "--as-of", asOf, "--format", "json"], db: db)
        #expect(list.json?["count"] as? Int == candidates)
        let trend = try CLIRunner.run(["quota", "trend", "--as-of", asOf, "--format", "json"], db: db)
        let weeks = try #require(trend.json?["weeks"] as? [[String: Any]])
        #expect(weeks.last?["cumulative"] as? Int == eliminated)
        // The trend's cumulative figure at a week's end is what status says as of that day.
        for i in [12, 25, 38] {
            let day = weeks[i]["to"] as! String
            #expect(try Self.status(db, day)["eliminated"] as? Int == weeks[i]["cumulative"] as? Int, "\(day)")
        }
        // The same question twice gives the same answer, to the byte.
        let once = try CLIRunner.run(["quota", "status", "--as-of", asOf, "--format", "json"], db: db)
        let twice = try CLIRunner.run(["quota", "status", "--as-of", asOf, "--format", "json"], db: db)
        #expect(once.stdout == twice.stdout)
    }

    @Test func demoShowsTheQuota() throws {
        let out = CLIRunner.tempDir()
        let r = try CLIRunner.run(["demo", "--out", out.path, "--sample", CLIRunner.sampleData.path])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.contains("Scrapping quota: target set to 30% of the population"))
        #expect(FileManager.default.fileExists(atPath: out.appendingPathComponent("quota-candidates.xlsx").path))
    }
}
