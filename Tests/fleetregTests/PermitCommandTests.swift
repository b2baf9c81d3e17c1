import Foundation
import Testing

/// End-to-end through the built binary: `permit check/issue/batch/show/list/revoke/recheck`,
/// `vehicle add`, and `audit log/verify` on a small store of known vehicles (rules.md §4,
/// cli.md). The rules themselves are checked case by case in FleetCoreTests' scenario corpus.
@Suite struct PermitCommandTests {
    static let asOf = "2020-11-15"
    static let header = "号牌号码,号牌种类,车辆识别代号,车辆类型,使用性质,燃料种类,排放标准,初次登记日期,总质量,所有人,住所地址,所属乡镇,机动车状态,状态变更日期,联系电话"
    /// Allowed: heavy diesel 国V with a transport license.
    static let allowed = "豫A10001"
    /// Allowed too (another plate, for recheck).
    static let allowed2 = "豫A10005"
    /// Denied: heavy diesel registered 2012 (inferred 国III) → EMISSION_BELOW_MIN.
    static let oldDiesel = "豫A10002"
    /// Denied: status GQ → UNPROCESSED_VIOLATION and INSPECTION_OVERDUE.
    static let statusGQ = "豫A10003"
    /// Denied: a dump truck with no known use → USAGE_UNVERIFIED.
    static let dumpTruck = "豫A10004"
    /// Referred: not in the registry.
    static let stranger = "晋E12345"

    // MARK: Helpers

    func write(_ lines: [String], to url: URL) throws {
        try Data(lines.joined(separator: "\r\n").appending("\r\n").utf8).write(to: url)
    }

    /// A store with the five vehicles above (plus `extra` generated trucks 豫A2nnnn, all allowed)
    /// and transport licenses for every truck but the dump truck.
    func store(extra: Int = 0) throws -> (dir: URL, db: URL) {
        let dir = CLIRunner.tempDir()
        let db = dir.appendingPathComponent("s.sqlite")
        var vehicles = [
            Self.header,
            "\(Self.allowed),01,LZFF25M4X8D001001,H11,F,B,国V,2018-05-01,25000,新密市顺通运输有限公司,新密市白寨镇,白寨镇,A,,13812341234",
            "\(Self.oldDiesel),01,LZFF25M4X8D001002,H11,F,B,,2012-05-01,25000,新密市顺通运输有限公司,新密市白寨镇,白寨镇,A,,13812341234",
            "\(Self.statusGQ),01,LZFF25M4X8D001003,H11,F,B,国V,2018-05-01,25000,新密市顺通运输有限公司,新密市白寨镇,白寨镇,GQ,2020-10-01,13812341234",
            "\(Self.dumpTruck),01,LZFF25M4X8D001004,H17,A,B,国V,2018-05-01,25000,新密市某建材有限公司,新密市米村镇,米村镇,A,,13812341234",
            "\(Self.allowed2),01,LZFF25M4X8D001005,H11,F,B,国VI,2020-08-01,25000,新密市顺通运输有限公司,新密市白寨镇,白寨镇,A,,13812341234",
        ]
        var licenses = ["道路运输证号,号牌号码,业户名称,经营范围,有效期止"]
        for (i, p) in [Self.allowed, Self.oldDiesel, Self.statusGQ, Self.allowed2].enumerated() {
            licenses.append("豫交运管4101830\(String(format: "%05d", i)),\(p),新密市顺通运输有限公司,普通货运,2021-12-31")
        }
        for i in 0..<extra {
            let plate = Self.extraPlate(i)
            vehicles.append("\(plate),01,LZFF25M4X8D2\(String(format: "%05d", i)),H11,F,B,国V,2019-03-01,25000,新密市顺通运输有限公司,新密市白寨镇,白寨镇,A,,")
            licenses.append("豫交运管4101839\(String(format: "%05d", i)),\(plate),新密市顺通运输有限公司,普通货运,2021-12-31")
        }
        try write(vehicles, to: dir.appendingPathComponent("vehicles.csv"))
        try write(licenses, to: dir.appendingPathComponent("licenses.csv"))
        var r = try CLIRunner.run(["import", "vehicles", dir.appendingPathComponent("vehicles.csv").path], db: db)
        #expect(r.status == 0, "\(r.stderr)")
        r = try CLIRunner.run(["import", "transport-licenses", dir.appendingPathComponent("licenses.csv").path], db: db)
        #expect(r.status == 0, "\(r.stderr)")
        r = try CLIRunner.run(["import", "enterprises", try enterprises(dir).path], db: db)
        #expect(r.status == 0, "\(r.stderr)")
        return (dir, db)
    }

    static func extraPlate(_ i: Int) -> String { "豫A2" + String(format: "%04d", i) }

    func enterprises(_ dir: URL) throws -> URL {
        let url = dir.appendingPathComponent("enterprises.csv")
        try write(["企业编号,企业名称,所属乡镇,位于建成区,物料类型",
                   "QY001,新密市城区耐材厂,青屏街街道,是,耐材",
                   "QY002,新密市米村石料厂,米村镇,否,石料"], to: url)
        return url
    }

    func json(_ args: [String], db: URL, status: Int32 = 0, sourceLocation: SourceLocation = #_sourceLocation) throws -> [String: Any] {
        let r = try CLIRunner.run(args + ["--format", "json"], db: db)
        #expect(r.status == status, "\(args): \(r.stderr)", sourceLocation: sourceLocation)
        return try #require(r.json, "\(args): \(r.stdout) \(r.stderr)", sourceLocation: sourceLocation)
    }

    func check(_ plate: String, _ extra: [String] = [], db: URL, status: Int32) throws -> [String: Any] {
        try json(["permit", "check", plate, "--as-of", Self.asOf] + extra, db: db, status: status)
    }

    func issue(_ plate: String, _ extra: [String] = [], db: URL, status: Int32 = 0, asOf: String = asOf) throws -> [String: Any] {
        try json(["permit", "issue", plate, "--as-of", asOf] + extra, db: db, status: status)
    }

    func logEntries(_ db: URL) throws -> [[String: Any]] {
        let entries = try #require(try json(["audit", "log", "--limit", "100000"], db: db)["entries"] as? [[String: Any]])
        return entries.compactMap { $0["entry"] as? [String: Any] }
    }

    func permits(_ db: URL, _ extra: [String] = []) throws -> [[String: Any]] {
        try #require(try json(["permit", "list"] + extra, db: db)["permits"] as? [[String: Any]])
    }

    func reasons(_ j: [String: Any]) -> [String: String] {
        Dictionary(((j["reasons"] as? [[String: Any]]) ?? []).map { ($0["code"] as? String ?? "?", $0["outcome"] as? String ?? "?") },
                   uniquingKeysWith: { a, _ in a })
    }

    static func isPermitNumber(_ s: String?, year: String = "2020") -> Bool {
        guard let s, s.hasPrefix("XM" + year) else { return false }
        let digits = s.dropFirst(6)
        return digits.count == 6 && digits.allSatisfy { $0.isASCII && $0.isNumber }
    }

    func sqlite(_ db: URL, _ sql: String) throws {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        p.arguments = ["sqlite3", db.path, sql]
        try p.run()
        p.waitUntilExit()
        #expect(p.terminationStatus == 0, "sqlite3 \(sql)")
    }


    // MARK: permit check

    @Test func checkExitCodesAndJSON() throws {
        let (_, db) = try store()
        // allow → 0
        let a = try check(Self.allowed, db: db, status: 0)
        #expect(a["plate"] as? String == Self.allowed)
        #expect(a["as_of"] as? String == Self.asOf)
        #expect(a["decision"] as? String == "allow")
        #expect((a["reasons"] as? [Any])?.isEmpty == true)
        let av = try #require(a["vehicle"] as? [String: Any])
        #expect(av["emission_stage"] as? String == "V")
        #expect(av["emission_tier"] as? String == "declared")
        #expect(av["usage"] as? String == "OPERATING_FREIGHT")
        #expect(a["permit_number"] is NSNull, "permit_number is present and null for a check")

        // deny → 1, with every field of a reason
        let d = try check(Self.oldDiesel, db: db, status: 1)
        #expect(d["decision"] as? String == "deny")
        let r = try #require((d["reasons"] as? [[String: Any]])?.first)
        #expect(r["code"] as? String == "EMISSION_BELOW_MIN")
        #expect(r["outcome"] as? String == "deny")
        #expect(r["item"] as? String == "2, 8")
        #expect((r["message"] as? String)?.isEmpty == false)
        #expect((r["needs"] as? String)?.contains("IV") == true)
        let dv = try #require(d["vehicle"] as? [String: Any])
        #expect(dv["emission_stage"] as? String == "III")
        #expect(dv["emission_tier"] as? String == "inferred")
        #expect(d["permit_number"] is NSNull)

        // several reasons at once
        #expect(reasons(try check(Self.statusGQ, db: db, status: 1)) == ["UNPROCESSED_VIOLATION": "deny", "INSPECTION_OVERDUE": "deny"])
        let dump = try check(Self.dumpTruck, db: db, status: 1)
        #expect(reasons(dump) == ["USAGE_UNVERIFIED": "deny"])
        #expect((dump["vehicle"] as? [String: Any])?["usage"] as? String == "UNKNOWN")

        // refer → 3, the vehicle's fields null
        let f = try check(Self.stranger, db: db, status: 3)
        #expect(f["decision"] as? String == "refer")
        #expect(reasons(f) == ["NOT_IN_REGISTRY": "refer"])
        let fv = try #require(f["vehicle"] as? [String: Any])
        #expect(fv["emission_stage"] is NSNull && fv["usage"] is NSNull)

        // a deny and a refer → deny (1)
        #expect(reasons(try check(Self.stranger, ["--from", "2020-11-15", "--to", "2020-12-15"], db: db, status: 1))
                == ["NOT_IN_REGISTRY": "refer", "PERIOD_TOO_LONG": "deny"])
        // the period: 30 days allowed, 31 denied
        _ = try check(Self.allowed, ["--from", "2020-11-15", "--to", "2020-12-14"], db: db, status: 0)
        _ = try check(Self.allowed, ["--from", "2020-11-15", "--to", "2020-12-15"], db: db, status: 1)
        // purposes
        #expect(reasons(try check(Self.allowed, ["--purpose", "muck"], db: db, status: 1)) == ["MUCK_NOT_APPROVED": "deny"])
        _ = try check(Self.allowed, ["--purpose", "bulk", "--enterprise", "QY002"], db: db, status: 0)
        _ = try check(Self.allowed, ["--purpose", "bulk", "--enterprise", "QY001"], db: db, status: 0)   // 国V
    }

    @Test func checkNormalisesThePlateAndSpeaksChinese() throws {
        let (_, db) = try store()
        let j = try check("豫ａ１０００１", db: db, status: 0)
        #expect(j["plate"] as? String == Self.allowed)
        let spaced = try check(" 豫a 10001 ", db: db, status: 0)
        #expect(spaced["plate"] as? String == Self.allowed)
        let zh = try CLIRunner.run(["permit", "check", Self.oldDiesel, "--as-of", Self.asOf, "--lang", "zh"], db: db)
        #expect(zh.status == 1)
        #expect(zh.stdout.contains("不予") && zh.stdout.contains("EMISSION_BELOW_MIN"))
        #expect(zh.stderr.isEmpty, "a decision prints nothing on stderr")
        let en = try CLIRunner.run(["permit", "check", Self.allowed, "--as-of", Self.asOf], db: db)
        #expect(en.status == 0 && en.stdout.contains("ALLOW"))
    }

    @Test func checkBadInputExitsTwo() throws {
        let (_, db) = try store()
        let cases: [[String]] = [
            ["permit", "check", "豫A1000I", "--as-of", Self.asOf],                                   // I is not a plate character
            ["permit", "check", "not-a-plate", "--as-of", Self.asOf],
            ["permit", "check", Self.allowed, "--as-of", "2020-13-45"],
            ["permit", "check", Self.allowed, "--as-of", Self.asOf, "--from", "2020-11-20", "--to", "2020-11-19"],
            ["permit", "check", Self.allowed, "--as-of", Self.asOf, "--purpose", "picnic"],
            ["permit", "check", Self.allowed, "--as-of", Self.asOf, "--purpose", "bulk"],            // no --enterprise
            ["permit", "check", Self.allowed, "--as-of", Self.asOf, "--purpose", "bulk", "--enterprise", "QY999"],
            ["permit", "check"],
            ["permit", "issue", Self.allowed, "--as-of", Self.asOf, "--hours", "6-22"],
        ]
        for args in cases {
            let r = try CLIRunner.run(args, db: db)
            #expect(r.status == 2, "\(args): \(r.stdout) \(r.stderr)")
            #expect(!r.stderr.isEmpty, "\(args): says what was wrong")
        }
        #expect(try logEntries(db).isEmpty, "nothing recorded for bad input")
    }

    @Test func checkRecordsNothing() throws {
        let (_, db) = try store()
        _ = try check(Self.allowed, db: db, status: 0)
        _ = try check(Self.oldDiesel, db: db, status: 1)
        _ = try check(Self.stranger, db: db, status: 3)
        #expect(try logEntries(db).isEmpty)
        #expect(try permits(db).isEmpty)
        let v = try json(["audit", "verify"], db: db)
        #expect(v["entries"] as? Int == 0 && v["intact"] as? Bool == true)
    }

    // MARK: permit issue, show, list, revoke

    @Test func issueRecordsEveryDecisionAndNumbersTheAllowedOnes() throws {
        let (_, db) = try store()
        let details = ["--from", "2020-11-15", "--to", "2020-11-30", "--zone", "城区", "--route", "西大街—青屏大街",
                       "--hours", "06:00-22:00", "--applicant", "新密市顺通运输有限公司", "--operator", "张警官"]
        let a = try issue(Self.allowed, details, db: db, status: 0)
        #expect(a["decision"] as? String == "allow")
        #expect(a["permit_number"] as? String == "XM2020000001")
        let d = try issue(Self.oldDiesel, details, db: db, status: 1)
        #expect(d["decision"] as? String == "deny")
        #expect(d["permit_number"] is NSNull, "a denied application gets no number")
        let f = try issue(Self.stranger, ["--operator", "张警官"], db: db, status: 3)
        #expect(f["permit_number"] is NSNull)
        let b = try issue(Self.allowed2, ["--operator", "张警官"], db: db, status: 0)
        #expect(b["permit_number"] as? String == "XM2020000002")
        // The year in the number is the as-of year; each year has its own sequence.
        let next = try issue(Self.allowed, ["--operator", "张警官"], db: db, status: 0, asOf: "2021-01-04")
        #expect(next["permit_number"] as? String == "XM2021000001")
        #expect(Self.isPermitNumber(next["permit_number"] as? String, year: "2021"))

        let log = try logEntries(db)
        #expect(log.count == 5, "every issue is recorded, allowed or not")
        #expect(log.map { $0["kind"] as? String } == Array(repeating: "permit_issue", count: 5))
        #expect(log.map { $0["outcome"] as? String } == ["allow", "deny", "refer", "allow", "allow"])
        #expect(log.map { $0["permit_number"] as? String } == ["XM2020000001", nil, nil, "XM2020000002", "XM2021000001"])
        #expect(log.allSatisfy { $0["operator"] as? String == "张警官" && $0["policy_version"] as? String == "xinmi-2020.1" })
        #expect(log.allSatisfy { ($0["policy_hash"] as? String)?.count == 64 })
        let denied = log[1]
        #expect(denied["plate"] as? String == Self.oldDiesel)
        #expect(denied["as_of"] as? String == Self.asOf)
        #expect((denied["reasons"] as? [[String: Any]])?.map { $0["code"] as? String } == ["EMISSION_BELOW_MIN"])
        let inputs = try #require(log[0]["inputs"] as? [String: String])
        #expect(inputs["from"] == "2020-11-15" && inputs["to"] == "2020-11-30" && inputs["zone"] == "城区"
                && inputs["hours"] == "06:00-22:00" && inputs["applicant"] == "新密市顺通运输有限公司" && inputs["purpose"] == "freight")

        let list = try permits(db)
        #expect(list.compactMap { $0["number"] as? String } == ["XM2020000001", "XM2020000002", "XM2021000001"])
        #expect(list.allSatisfy { $0["status"] as? String == "active" })

        let show = try json(["permit", "show", "XM2020000001"], db: db)
        #expect(show["plate"] as? String == Self.allowed)
        #expect(show["purpose"] as? String == "freight")
        #expect(show["valid_from"] as? String == "2020-11-15" && show["valid_to"] as? String == "2020-11-30")
        #expect(show["zone"] as? String == "城区" && show["route"] as? String == "西大街—青屏大街")
        #expect(show["hours"] as? String == "06:00-22:00" && show["applicant"] as? String == "新密市顺通运输有限公司")
        #expect(show["operator"] as? String == "张警官" && show["as_of"] as? String == Self.asOf)
        #expect(show["status"] as? String == "active" && show["decision_id"] as? Int == 1)
        let form = try CLIRunner.run(["permit", "show", "XM2020000001"], db: db)
        #expect(form.status == 0 && form.stdout.contains("XM2020000001") && form.stdout.contains("通行证"))
        #expect(try CLIRunner.run(["permit", "show", "XM2020999999"], db: db).status == 2)

        let verify = try json(["audit", "verify"], db: db)
        #expect(verify["intact"] as? Bool == true && verify["entries"] as? Int == 5)
    }

    @Test func revokeMarksThePermitAndLogsIt() throws {
        let (_, db) = try store()
        _ = try issue(Self.allowed, ["--operator", "张警官"], db: db)
        _ = try issue(Self.allowed2, ["--operator", "张警官"], db: db)
        let r = try CLIRunner.run(["permit", "revoke", "XM2020000001", "--reason", "车辆已转出", "--operator", "李科长"], db: db)
        #expect(r.status == 0, "\(r.stderr)")
        let show = try json(["permit", "show", "XM2020000001"], db: db)
        #expect(show["status"] as? String == "revoked")
        #expect(show["revoke_reason"] as? String == "车辆已转出")
        #expect((show["revoked_at"] as? String)?.hasSuffix("+08:00") == true)
        #expect(try permits(db, ["--status", "active"]).compactMap { $0["number"] as? String } == ["XM2020000002"])
        #expect(try permits(db, ["--status", "revoked"]).compactMap { $0["number"] as? String } == ["XM2020000001"])
        #expect(try permits(db, ["--plate", "豫a10005"]).compactMap { $0["number"] as? String } == ["XM2020000002"])

        let last = try #require(try logEntries(db).last)
        #expect(last["kind"] as? String == "permit_revoke")
        #expect(last["permit_number"] as? String == "XM2020000001")
        #expect(last["operator"] as? String == "李科长")
        #expect((last["inputs"] as? [String: String])?["reason"] == "车辆已转出")

        // Revoked once is revoked for good: not again, not an unknown number.
        #expect(try CLIRunner.run(["permit", "revoke", "XM2020000001", "--reason", "again"], db: db).status == 2)
        #expect(try CLIRunner.run(["permit", "revoke", "XM2020999999", "--reason", "x"], db: db).status == 2)
        #expect(try logEntries(db).count == 3)
        #expect(try json(["audit", "verify"], db: db)["intact"] as? Bool == true)
    }

    // MARK: permit recheck

    @Test func recheckListsAndRevokesPermitsThatWouldNowBeDenied() throws {
        let (dir, db) = try store()
        let a = try issue(Self.allowed, ["--from", "2020-11-15", "--to", "2020-12-10"], db: db)["permit_number"] as? String
        let b = try issue(Self.allowed2, ["--from", "2020-11-15", "--to", "2020-12-10"], db: db)["permit_number"] as? String
        // A permit whose period ends before the recheck date is not rechecked.
        let ended = try issue(Self.allowed, ["--from", "2020-11-15", "--to", "2020-11-16"], db: db)["permit_number"] as? String
        #expect(a == "XM2020000001" && b == "XM2020000002" && ended == "XM2020000003")

        // Later evidence: the first truck fails a night check on 2020-11-20.
        let inspections = dir.appendingPathComponent("inspections.csv")
        try write(["记录编号,检查时间,号牌号码,检查类型,检查结果,地点,执法单位",
                   "YC-01,2020-11-20 22:15,\(Self.allowed),夜查,超标,西大街,交警大队"], to: inspections)
        #expect(try CLIRunner.run(["import", "inspections", inspections.path], db: db).status == 0)

        // Before the failure nothing would be denied.
        let before = try json(["permit", "recheck", "--as-of", "2020-11-19"], db: db)
        #expect((before["denied"] as? [Any])?.isEmpty == true)

        let listed = try json(["permit", "recheck", "--as-of", "2020-11-25"], db: db)
        #expect(listed["as_of"] as? String == "2020-11-25")
        let items = try #require(listed["denied"] as? [[String: Any]])
        #expect(items.compactMap { $0["number"] as? String } == ["XM2020000001"])
        #expect(items.first?["plate"] as? String == Self.allowed)
        #expect(items.first?["reasons"] as? [String] == ["OVER_STANDARD"])
        #expect(items.first?["revoked"] as? Bool == false)
        #expect(try permits(db, ["--status", "active"]).count == 3, "listing revokes nothing")
        #expect(try logEntries(db).count == 3)

        let revoked = try json(["permit", "recheck", "--as-of", "2020-11-25", "--revoke", "--operator", "王"], db: db)
        #expect((revoked["denied"] as? [[String: Any]])?.compactMap { $0["number"] as? String } == ["XM2020000001"])
        #expect((revoked["denied"] as? [[String: Any]])?.first?["revoked"] as? Bool == true)
        let show = try json(["permit", "show", "XM2020000001"], db: db)
        #expect(show["status"] as? String == "revoked")
        #expect((show["revoke_reason"] as? String)?.contains("OVER_STANDARD") == true)
        #expect(try json(["permit", "show", "XM2020000002"], db: db)["status"] as? String == "active")
        #expect(try json(["permit", "show", "XM2020000003"], db: db)["status"] as? String == "active")

        let last = try #require(try logEntries(db).last)
        #expect(last["kind"] as? String == "permit_revoke")
        #expect(last["outcome"] as? String == "deny")
        #expect(last["as_of"] as? String == "2020-11-25")
        #expect((last["reasons"] as? [[String: Any]])?.map { $0["code"] as? String } == ["OVER_STANDARD"])

        // A revoked permit is not rechecked again (and never re-activated).
        let again = try json(["permit", "recheck", "--as-of", "2020-11-25", "--revoke"], db: db)
        #expect((again["denied"] as? [Any])?.isEmpty == true)
        #expect(try json(["audit", "verify"], db: db)["intact"] as? Bool == true)
    }

    // MARK: permit batch

    @Test func batchDecidesRecordsAndWritesAResultCSV() throws {
        let (dir, db) = try store()
        let file = dir.appendingPathComponent("apps.csv")
        try write(["号牌号码,用途,企业编号,起始日期,截止日期,申请人",
                   "\(Self.allowed),freight,,2020-11-15,2020-11-30,顺通公司",
                   "\(Self.oldDiesel),,,,,顺通公司",
                   "\(Self.stranger),货运,,2020-11-16,,外地公司",
                   "\(Self.allowed),muck,,2020-11-15,2020-11-20,顺通公司",
                   "\(Self.allowed2),bulk,QY001,2020-11-15,2020-11-20,顺通公司"], to: file)
        let j = try json(["permit", "batch", file.path, "--as-of", Self.asOf, "--operator", "张警官"], db: db)
        #expect(j["decided"] as? Int == 5 && j["invalid"] as? Int == 0)
        #expect(j["outcomes"] as? [String: Int] == ["allow": 2, "deny": 2, "refer": 1])
        let resultPath = dir.appendingPathComponent("apps-result.csv").path
        #expect(j["result"] as? String == resultPath)

        let rows = CLIRunner.csvRows(try String(contentsOfFile: resultPath, encoding: .utf8))
        #expect(rows.first == ["号牌号码", "用途", "企业编号", "起始日期", "截止日期", "申请人", "decision", "reasons", "permit_number"])
        let body = Array(rows.dropFirst())
        #expect(body.count == 5)
        #expect(body.map { $0[6] } == ["allow", "deny", "refer", "deny", "allow"])
        #expect(body.map { $0[8] } == ["XM2020000001", "", "", "", "XM2020000002"])
        #expect(body[1][7] == "EMISSION_BELOW_MIN(deny)")
        #expect(body[2][7] == "NOT_IN_REGISTRY(refer)")
        #expect(body[3][7] == "MUCK_NOT_APPROVED(deny)")
        #expect(body[0][5] == "顺通公司")

        let log = try logEntries(db)
        #expect(log.count == 5)
        #expect(log.map { $0["outcome"] as? String } == ["allow", "deny", "refer", "deny", "allow"])
        // Blank dates default to the as-of date; a blank `to` to the `from`.
        #expect((log[1]["inputs"] as? [String: String])?["from"] == Self.asOf)
        #expect((log[2]["inputs"] as? [String: String])?["to"] == "2020-11-16")
        #expect((log[0]["inputs"] as? [String: String])?["applicant"] == "顺通公司")
        let show = try json(["permit", "show", "XM2020000002"], db: db)
        #expect(show["purpose"] as? String == "bulk" && show["enterprise_id"] as? String == "QY001" && show["applicant"] as? String == "顺通公司")
    }

    @Test func batchWithAnInvalidRowDecidesNothingUnlessSkipInvalid() throws {
        let (dir, db) = try store()
        let file = dir.appendingPathComponent("apps.csv")
        try write(["plate,purpose,enterprise,from,to,applicant",
                   "\(Self.allowed),freight,,2020-11-15,2020-11-20,A",
                   "\(Self.allowed2),freight,,2020-11-31,2020-12-02,B",
                   "\(Self.oldDiesel),freight,,2020-11-20,2020-11-19,C",
                   "\(Self.allowed),bulk,,2020-11-15,2020-11-20,D",
                   "\(Self.allowed),bulk,QY999,2020-11-15,2020-11-20,E",
                   "\(Self.allowed),cruise,,2020-11-15,2020-11-20,F",
                   "豫A1000I,freight,,2020-11-32,,G",                      // two problems, one row
                   "\(Self.stranger),freight,,2020-11-15,2020-11-20,H"], to: file)
        let r = try CLIRunner.run(["permit", "batch", file.path, "--as-of", Self.asOf], db: db)
        #expect(r.status == 2)
        for line in 3...8 { #expect(r.stderr.contains("line \(line),"), "line \(line) is reported: \(r.stderr)") }
        #expect(!r.stderr.contains("line 2,") && !r.stderr.contains("line 9,"))
        #expect(r.stderr.contains("6 invalid rows"), "rows are counted, not problems: \(r.stderr)")
        #expect(try logEntries(db).isEmpty, "nothing decided")
        #expect(try permits(db).isEmpty)
        #expect(!FileManager.default.fileExists(atPath: dir.appendingPathComponent("apps-result.csv").path))

        let out = dir.appendingPathComponent("out.csv")
        let j = try json(["permit", "batch", file.path, "--as-of", Self.asOf, "--skip-invalid", "--out", out.path], db: db)
        #expect(j["decided"] as? Int == 2 && j["invalid"] as? Int == 6)
        #expect(j["outcomes"] as? [String: Int] == ["allow": 1, "refer": 1])
        let rows = CLIRunner.csvRows(try String(contentsOfFile: out.path, encoding: .utf8))
        #expect(rows.dropFirst().map { $0[0] } == [Self.allowed, Self.stranger])
        #expect(try logEntries(db).count == 2)
        #expect(try permits(db).compactMap { $0["number"] as? String } == ["XM2020000001"])
    }

    // MARK: vehicle add

    @Test func vehicleAddTurnsAReferIntoADecision() throws {
        let (dir, db) = try store()
        _ = try check(Self.stranger, db: db, status: 3)
        let add = ["vehicle", "add", "--plate", "晋e 12345", "--plate-type", "01", "--vin", "LZFF25M4X8D009999",
                   "--vehicle-type", "H11", "--use-nature", "F", "--fuel", "柴油", "--emission-standard", "国V",
                   "--first-registered", "2019-03-01", "--gross-mass-kg", "25000", "--owner", "晋城市某运输有限公司",
                   "--source", "行驶证 晋E12345 窗口核验", "--operator", "张警官"]
        var r = try CLIRunner.run(add, db: db)
        #expect(r.status == 0, "\(r.stderr)")
        // Now registered: an active goods vehicle with no known use is denied, not referred.
        let d = try check(Self.stranger, db: db, status: 1)
        #expect(reasons(d) == ["USAGE_UNVERIFIED": "deny"])
        #expect((d["vehicle"] as? [String: Any])?["emission_stage"] as? String == "V")
        // With its transport license it is allowed.
        let lic = dir.appendingPathComponent("lic2.csv")
        try write(["道路运输证号,号牌号码,业户名称,经营范围,有效期止", "晋交运管140500000001,\(Self.stranger),晋城市某运输有限公司,普通货运,2021-06-30"], to: lic)
        #expect(try CLIRunner.run(["import", "transport-licenses", lic.path], db: db).status == 0)
        _ = try check(Self.stranger, db: db, status: 0)

        let log = try logEntries(db)
        #expect(log.count == 1 && log[0]["kind"] as? String == "vehicle_add" && log[0]["plate"] as? String == Self.stranger)
        #expect((log[0]["inputs"] as? [String: String])?["source"] == "行驶证 晋E12345 窗口核验")
        // Adding it twice, or an invalid vehicle, is bad input.
        r = try CLIRunner.run(add, db: db)
        #expect(r.status == 2)
        var bad = add
        bad[bad.firstIndex(of: "--vin")! + 1] = "LZFF25M4X8D00999"   // 16 characters
        bad[bad.firstIndex(of: "--plate")! + 1] = "晋E54321"
        r = try CLIRunner.run(bad, db: db)
        #expect(r.status == 2 && r.stderr.contains("--vin"))
        #expect(try logEntries(db).count == 1)
    }

    // MARK: Concurrency

    /// Runs the argument lists at the same time, each in its own process.
    func runConcurrently(_ commands: [[String]], db: URL) -> [CLIRunner.Result?] {
        let lock = NSLock()
        var results = [CLIRunner.Result?](repeating: nil, count: commands.count)
        DispatchQueue.concurrentPerform(iterations: commands.count) { i in
            let r = try? CLIRunner.run(commands[i], db: db)
            lock.lock(); results[i] = r; lock.unlock()
        }
        return results
    }

    @Test(.timeLimit(.minutes(2)))
    func twoBatchesOfFiveHundredAtOnceGiveAThousandUniqueNumbers() throws {
        let (dir, db) = try store(extra: 1000)
        var files: [URL] = []
        for half in 0..<2 {
            let url = dir.appendingPathComponent("batch\(half).csv")
            let rows = (0..<500).map { i in "\(Self.extraPlate(half * 500 + i)),freight,,2020-11-15,2020-11-30,申请人\(half)" }
            try write(["plate,purpose,enterprise,from,to,applicant"] + rows, to: url)
            files.append(url)
        }
        let start = Date()
        let results = runConcurrently(files.map { ["permit", "batch", $0.path, "--as-of", Self.asOf, "--format", "json"] }, db: db)
        let elapsed = Date().timeIntervalSince(start)
        for r in results {
            #expect(r?.status == 0, "\(r?.stderr ?? "did not run")")
            #expect(r?.json?["outcomes"] as? [String: Int] == ["allow": 500])
        }
        let numbers = try permits(db).compactMap { $0["number"] as? String }
        #expect(numbers.count == 1000)
        #expect(Set(numbers).count == 1000, "every number is unique")
        #expect(Set(numbers) == Set((1...1000).map { "XM2020" + String(format: "%06d", $0) }), "no gap, no reuse")
        let v = try json(["audit", "verify"], db: db)
        #expect(v["intact"] as? Bool == true && v["entries"] as? Int == 1000)
        #expect(elapsed < 60, "two batches of 500 took \(elapsed) s")
    }

    @Test(.timeLimit(.minutes(2)))
    func twoLoopsOfSingleIssuesAtOnceNeverShareANumber() throws {
        let (_, db) = try store(extra: 100)
        let lock = NSLock()
        var failures: [String] = []
        var numbers: [String] = []
        DispatchQueue.concurrentPerform(iterations: 2) { loop in
            for i in 0..<50 {
                let plate = Self.extraPlate(loop * 50 + i)
                let r = try? CLIRunner.run(["permit", "issue", plate, "--as-of", Self.asOf, "--format", "json", "--operator", "loop\(loop)"], db: db)
                lock.lock()
                if let n = r?.json?["permit_number"] as? String, r?.status == 0 { numbers.append(n) } else { failures.append("\(plate): \(r?.stderr ?? "")") }
                lock.unlock()
            }
        }
        #expect(failures.isEmpty, "\(failures.prefix(3))")
        #expect(numbers.count == 100 && Set(numbers).count == 100)
        #expect(numbers.allSatisfy { Self.isPermitNumber($0) })
        #expect(Set(try permits(db).compactMap { $0["number"] as? String }) == Set(numbers))
        let v = try json(["audit", "verify"], db: db)
        #expect(v["intact"] as? Bool == true && v["entries"] as? Int == 100)
    }

    // MARK: Tampering with the log

    /// A store with four log entries: allow, deny, refer, allow (ids 1…4).
    func storeWithFourEntries() throws -> URL {
        let (_, db) = try store()
        _ = try issue(Self.allowed, ["--applicant", "甲"], db: db, status: 0)
        _ = try issue(Self.oldDiesel, ["--applicant", "乙"], db: db, status: 1)
        _ = try issue(Self.stranger, ["--applicant", "丙"], db: db, status: 3)
        _ = try issue(Self.allowed2, ["--applicant", "丁"], db: db, status: 0)
        let v = try json(["audit", "verify"], db: db)
        #expect(v["intact"] as? Bool == true && v["entries"] as? Int == 4)
        #expect(v["first_broken"] is NSNull)
        return db
    }

    func expectBroken(_ db: URL, at id: Int, _ comment: Comment, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let v = try json(["audit", "verify"], db: db, status: 4, sourceLocation: sourceLocation)
        #expect(v["intact"] as? Bool == false, comment, sourceLocation: sourceLocation)
        #expect(v["first_broken"] as? Int == id, comment, sourceLocation: sourceLocation)
        #expect((v["problem"] as? String)?.isEmpty == false, sourceLocation: sourceLocation)
        let text = try CLIRunner.run(["audit", "verify"], db: db)
        #expect(text.status == 4, sourceLocation: sourceLocation)
        #expect(text.stdout.contains("entry \(id)"), "\(comment): \(text.stdout)", sourceLocation: sourceLocation)
    }

    @Test func editingAnEntryIsDetected() throws {
        let db = try storeWithFourEntries()
        try sqlite(db, "UPDATE decision_log SET entry_json = replace(entry_json, '\"applicant\":\"乙\"', '\"applicant\":\"戊\"') WHERE id = 2")
        try expectBroken(db, at: 2, "edited entry_json")
    }

    @Test func editingAnEntrysOutcomeIsDetected() throws {
        let db = try storeWithFourEntries()
        try sqlite(db, "UPDATE decision_log SET entry_json = replace(entry_json, '\"outcome\":\"deny\"', '\"outcome\":\"allow\"'), outcome = 'allow' WHERE id = 2")
        try expectBroken(db, at: 2, "edited outcome")
        let db2 = try storeWithFourEntries()
        try sqlite(db2, "UPDATE decision_log SET outcome = 'allow' WHERE id = 3")
        try expectBroken(db2, at: 3, "edited outcome column only")
    }

    @Test func deletingAMiddleEntryIsDetected() throws {
        let db = try storeWithFourEntries()
        try sqlite(db, "DELETE FROM decision_log WHERE id = 2")
        try expectBroken(db, at: 3, "the chain breaks at the entry after the deleted one")
    }

    @Test func deletingTheLastEntriesIsDetected() throws {
        let db = try storeWithFourEntries()
        try sqlite(db, "DELETE FROM decision_log WHERE id = 4")
        try expectBroken(db, at: 4, "the deleted last entry")
        let db2 = try storeWithFourEntries()
        try sqlite(db2, "DELETE FROM decision_log WHERE id >= 3")
        try expectBroken(db2, at: 3, "the first of the deleted last entries")
    }

    @Test func fixingTheHeadAfterDeletingIsStillDetected() throws {
        // Deleting the last entry and pointing the head at the new last one passes the chain
        // but not the count; deleting the head row itself is caught too.
        let db = try storeWithFourEntries()
        try sqlite(db, "DELETE FROM decision_log WHERE id = 4; UPDATE decision_log_head SET last_hash = (SELECT hash FROM decision_log WHERE id = 3)")
        try expectBroken(db, at: 4, "head count")
        let db2 = try storeWithFourEntries()
        try sqlite(db2, "DELETE FROM decision_log_head")
        let v = try json(["audit", "verify"], db: db2, status: 4)
        #expect(v["intact"] as? Bool == false)
    }
}
