import Foundation
import Testing
#if canImport(FoundationXML)
import FoundationXML
#endif

/// `report weekly` end to end on the whole of SampleData: the report's figures equal those of
/// the commands it summarises (`quota status`/`trend`, `screen run`/`list`, `audit log`,
/// `bulk violations`) for the same week, and the HTML page is well-formed, self-contained and
/// printable.
@Suite struct ReportCommandTests {
    static let asOf = "2020-11-20"
    static let weekFrom = "2020-11-14"
    static let unregistered = "晋E12345"

    /// One store for the suite: SampleData imported, a quota, two screening runs (2020-11-06 and
    /// the as-of date), findings back for a few list items, permits decided over the week.
    struct Fixture {
        var dir: URL
        var db: URL
        /// `screen run --as-of 2020-11-20 --format json`.
        var run: [String: Any]
        /// Findings imported: (item id, investigated on).
        var findings: [(item: String, on: String)]
        /// `report weekly --format json --out html`.
        var report: [String: Any]
        var html: URL
    }

    static let fixture: Result<Fixture, any Error> = Result { try makeFixture() }

    static func json(_ args: [String], db: URL, status: Set<Int32> = [0]) throws -> [String: Any] {
        let r = try CLIRunner.run(args + ["--format", "json"], db: db)
        guard status.contains(r.status), let j = r.json else {
            throw FixtureError(message: "\(args): exit \(r.status): \(r.stderr) \(r.stdout.prefix(300))")
        }
        return j
    }

    struct FixtureError: Error, CustomStringConvertible { var message: String; var description: String { message } }

    static func makeFixture() throws -> Fixture {
        let dir = CLIRunner.tempDir()
        let db = dir.appendingPathComponent("s.sqlite")
        for kind in ["vehicles", "muck-approvals", "transport-licenses", "sanitation-fleet", "inspections", "enterprises",
                     "enterprise-fleet", "alerts", "gate-log"] {
            _ = try json(["import", kind, CLIRunner.sampleData.appendingPathComponent(kind + ".csv").path, "--skip-invalid"], db: db)
        }
        _ = try json(["quota", "set", "--target", "107", "--operator", "test"], db: db)
        _ = try json(["screen", "run", "--as-of", "2020-11-06"], db: db)
        let run = try json(["screen", "run", "--as-of", asOf], db: db)

        // Findings for three items of one township: two in the week, one before it.
        guard let listed = try json(["screen", "list", "--as-of", asOf], db: db)["vehicles"] as? [[String: Any]] else {
            throw FixtureError(message: "screen list has no vehicles")
        }
        let items = listed.filter { $0["item_id"] is String && ($0["township"] as? String) == "白寨镇" }.prefix(3)
        guard items.count == 3 else { throw FixtureError(message: "fewer than 3 list items in 白寨镇") }
        let days = ["2020-11-19", "2020-11-20", "2020-11-10"]
        var lines = ["清单编号,号牌号码,所属乡镇,核查结论,核实用途,核查人,核查日期"]
        var findings: [(String, String)] = []
        for (v, day) in zip(items, days) {
            let item = v["item_id"] as! String
            lines.append("\(item),\(v["plate"] as! String),白寨镇,用途已落实,自用运输建材,刘强,\(day)")
            findings.append((item, day))
        }
        let findingsFile = dir.appendingPathComponent("findings.csv")
        try Data(lines.joined(separator: "\r\n").utf8).write(to: findingsFile)
        _ = try json(["import", "findings", findingsFile.path, "--township", "白寨镇"], db: db)

        // The desk's week: licensed trucks (some allowed), flagged ones (denied), a plate not
        // registered here (referred); one decision the day before the week, which must not count.
        let licensed = try String(contentsOf: CLIRunner.sampleData.appendingPathComponent("transport-licenses.csv"), encoding: .utf8)
            .split(whereSeparator: \.isNewline).dropFirst().compactMap { $0.split(separator: ",").dropFirst().first.map(String.init) }
        // On a list (so USAGE_UNVERIFIED or ILLEGAL_MUCK denies), away from the township whose findings came back.
        let flagged = listed.filter { ($0["on_list"] as? Bool) == true && ($0["township"] as? String) != "白寨镇" }
            .compactMap { $0["plate"] as? String }
        let desk: [(plate: String, day: String)] = [
            (licensed[0], "2020-11-13"), (licensed[1], "2020-11-14"), (licensed[2], "2020-11-14"), (licensed[3], "2020-11-16"),
            (licensed[4], "2020-11-18"), (licensed[5], "2020-11-20"), (licensed[6], "2020-11-20"), (licensed[7], "2020-11-20"),
            (flagged[0], "2020-11-14"), (flagged[1], "2020-11-17"), (flagged[2], "2020-11-20"), (unregistered, "2020-11-19"),
        ]
        for d in desk {
            _ = try json(["permit", "issue", d.plate, "--as-of", d.day, "--to", d.day, "--operator", "desk"], db: db, status: [0, 1, 3])
        }
        let html = dir.appendingPathComponent("weekly.html")
        let report = try json(["report", "weekly", "--as-of", asOf, "--out", html.path, "--lang", "zh"], db: db)
        return Fixture(dir: dir, db: db, run: run, findings: findings, report: report, html: html)
    }

    func fixture() throws -> Fixture { try Self.fixture.get() }

    static func int(_ any: Any?) -> Int? { (any as? NSNumber)?.intValue }
    static func double(_ any: Any?) -> Double? { (any as? NSNumber)?.doubleValue }

    // MARK: The figures equal the commands'

    @Test func weekIsTheSevenDaysEndingOnTheDate() throws {
        let r = try fixture().report
        #expect(r["as_of"] as? String == Self.asOf)
        let week = try #require(r["week"] as? [String: Any])
        #expect(week["from"] as? String == Self.weekFrom)
        #expect(week["to"] as? String == Self.asOf)
    }

    @Test func quotaEqualsQuotaStatusAndTrend() throws {
        let f = try fixture()
        let q = try #require(f.report["quota"] as? [String: Any])
        let status = try Self.json(["quota", "status", "--as-of", Self.asOf], db: f.db)
        for key in ["target", "population", "to_verify", "eliminated", "remaining", "candidates", "days_left"] {
            #expect(Self.int(q[key]) == Self.int(status[key]), "\(key)")
        }
        for key in ["percent", "weekly_pace_needed"] { #expect(Self.double(q[key]) == Self.double(status[key]), "\(key)") }
        #expect(q["baseline"] as? String == status["baseline"] as? String)
        #expect(q["deadline"] as? String == status["deadline"] as? String)

        let towns = try #require(q["by_township"] as? [[String: Any]])
        let statusTowns = try #require(status["by_township"] as? [String: [String: Any]])
        #expect(Set(towns.compactMap { $0["township"] as? String }) == Set(statusTowns.keys))
        for t in towns {
            let s = try #require(statusTowns[t["township"] as! String])
            for key in ["population", "eliminated", "candidates"] { #expect(Self.int(t[key]) == Self.int(s[key]), "\(key)") }
        }

        let trend = try Self.json(["quota", "trend", "--as-of", Self.asOf], db: f.db)
        let weeks = try #require(q["weeks"] as? [[String: Any]])
        let trendWeeks = try #require(trend["weeks"] as? [[String: Any]])
        #expect(weeks.count == trendWeeks.count)
        for (a, b) in zip(weeks, trendWeeks) {
            #expect(a["from"] as? String == b["from"] as? String)
            #expect(Self.int(a["eliminated"]) == Self.int(b["eliminated"]))
            #expect(Self.int(a["cumulative"]) == Self.int(b["cumulative"]))
            #expect(Self.double(a["planned"]) == Self.double(b["planned"]))
        }
        // The straight line at the as-of date is the last week's planned figure.
        #expect(Self.double(q["planned"]) == Self.double(trendWeeks.last?["planned"]))
        // Eliminated this week: the status as of the day before the week, subtracted.
        let before = try Self.json(["quota", "status", "--as-of", "2020-11-13"], db: f.db)
        #expect(Self.int(q["eliminated_this_week"]) == Self.int(status["eliminated"])! - Self.int(before["eliminated"])!)
    }

    @Test func screeningEqualsTheStoredRun() throws {
        let f = try fixture()
        let s = try #require(f.report["screening"] as? [String: Any])
        #expect(Self.int(s["run"]) == Self.int(f.run["run"]))
        #expect(Self.int(s["vehicles"]) == Self.int(f.run["vehicles"]))
        #expect(Self.int(s["listed"]) == Self.int(f.run["listed"]))
        #expect((s["flags"] as? NSDictionary) == (f.run["flags"] as? NSDictionary))
        let towns = try #require(s["by_township"] as? [[String: Any]])
        let runTowns = try #require(f.run["by_township"] as? [String: [String: Any]])
        for (name, flags) in runTowns {
            let t = try #require(towns.first { $0["township"] as? String == name }, "\(name)")
            #expect((t["flags"] as? NSDictionary) == (flags as NSDictionary), "\(name)")
        }
        // New / resolved / still open since the 2020-11-06 run, as the run stored them.
        let changes = try #require(s["changes"] as? [String: Any])
        let runChanges = try #require(f.run["changes"] as? [String: Any])
        let total = try #require(runChanges["total"] as? [String: Any])
        for key in ["newly_flagged", "resolved", "still_open"] { #expect(Self.int(changes[key]) == Self.int(total[key]), "\(key)") }
        #expect(Self.int(changes["previous_run"]) == Self.int(runChanges["previous_run"]))
        #expect(changes["previous_as_of"] as? String == "2020-11-06")

        // The lists: `screen list`'s vehicles on a list; findings returned vs outstanding.
        let listed = try #require(try Self.json(["screen", "list", "--as-of", Self.asOf], db: f.db)["vehicles"] as? [[String: Any]])
        let onList = listed.filter { ($0["on_list"] as? Bool) == true }
        #expect(onList.count == Self.int(s["listed"]))
        let findings = try #require(s["findings"] as? [String: Any])
        #expect(Self.int(findings["returned"]) == f.findings.count)
        #expect(Self.int(findings["returned_this_week"]) == f.findings.filter { $0.on >= Self.weekFrom }.count)
        #expect(Self.int(findings["outstanding"]) == onList.count - f.findings.count)
        // Items first listed on 2020-11-06 are 14 days old on 2020-11-20: overdue unless returned.
        #expect(Self.int(findings["overdue"])! > 0)
        #expect(Self.int(findings["overdue"])! <= Self.int(findings["outstanding"])!)
        let baizhai = try #require((findings["by_township"] as? [[String: Any]])?.first { $0["township"] as? String == "白寨镇" })
        #expect(Self.int(baizhai["returned"]) == 3)
    }

    @Test func permitsEqualTheDecisionLog() throws {
        let f = try fixture()
        let p = try #require(f.report["permits"] as? [String: Any])
        let log = try #require(try Self.json(["audit", "log", "--kind", "permit_issue", "--limit", "1000"], db: f.db)["entries"] as? [[String: Any]])
        let week = log.compactMap { $0["entry"] as? [String: Any] }.filter {
            guard let d = $0["as_of"] as? String else { return false }
            return d >= Self.weekFrom && d <= Self.asOf
        }
        #expect(log.count == 12 && week.count == 11)
        func count(_ outcome: String) -> Int { week.filter { $0["outcome"] as? String == outcome }.count }
        #expect(Self.int(p["decisions"]) == week.count)
        #expect(Self.int(p["issued"]) == count("allow"))
        #expect(Self.int(p["denied"]) == count("deny"))
        #expect(Self.int(p["referred"]) == count("refer"))
        #expect(count("refer") >= 1 && count("deny") >= 3)
        let days = try #require(p["days"] as? [[String: Any]])
        #expect(days.map { $0["date"] as? String } == (14...20).map { "2020-11-\($0)" })
        for d in days {
            let entries = week.filter { $0["as_of"] as? String == d["date"] as? String }
            #expect(Self.int(d["issued"]) == entries.filter { $0["outcome"] as? String == "allow" }.count)
            #expect(Self.int(d["denied"]) == entries.filter { $0["outcome"] as? String == "deny" }.count)
        }
        // Denial reasons: each code once per denied decision.
        var reasons: [String: Int] = [:]
        for e in week where e["outcome"] as? String == "deny" {
            for code in Set((e["reasons"] as? [[String: Any]] ?? []).filter { $0["outcome"] as? String == "deny" }.compactMap { $0["code"] as? String }) {
                reasons[code, default: 0] += 1
            }
        }
        let got = try #require(p["denial_reasons"] as? [[String: Any]])
        #expect(Dictionary(uniqueKeysWithValues: got.map { ($0["code"] as! String, Self.int($0["count"])!) }) == reasons)
        #expect(got.map { Self.int($0["count"])! } == got.map { Self.int($0["count"])! }.sorted(by: >))
    }

    @Test func gateEqualsBulkViolations() throws {
        let f = try fixture()
        let g = try #require(f.report["gate"] as? [String: Any])
        let bulk = try Self.json(["bulk", "violations", "--from", Self.weekFrom, "--to", Self.asOf], db: f.db)
        let totals = try #require(bulk["totals"] as? [String: Any])
        #expect(Self.int(g["rows"]) == Self.int(totals["rows"]))
        #expect(Self.int(g["violations"]) == Self.int(totals["violations"]))
        #expect(Self.int(g["unverified"]) == Self.int(totals["unverified"]))
        #expect(Self.int(g["violations"])! > 0)
        let byEnterprise = try #require(bulk["by_enterprise"] as? [String: Any])
        let ours = try #require(g["by_enterprise"] as? [[String: Any]])
        let withViolations = ours.filter { Self.int($0["violations"])! > 0 }
        #expect(Dictionary(uniqueKeysWithValues: withViolations.map { ($0["enterprise_id"] as! String, Self.int($0["violations"])!) })
                == byEnterprise.mapValues { Self.int($0)! })
        let byDay = try #require(bulk["by_day"] as? [String: Any])
        for d in try #require(g["by_day"] as? [[String: Any]]) {
            #expect(Self.int(d["violations"]) == (Self.int(byDay[d["date"] as! String]) ?? 0))
        }
    }

    @Test func alertsOverlappingTheWeek() throws {
        let a = try #require(try fixture().report["alerts"] as? [String: Any])
        let docs = (a["alerts"] as? [[String: Any]] ?? []).compactMap { $0["document_no"] as? String }
        #expect(docs == ["新密重污染〔2020〕11号", "新密重污染〔2020〕12号"])
        // Orange from the 18th 00:00, red from the 20th 12:00 to the end of the week: 72 hours.
        #expect(Self.double(a["hours_orange_or_above"]) == 72)
        let periods = try #require(a["periods"] as? [[String: Any]])
        #expect(periods.map { $0["level"] as? String } == ["orange", "red"])
        #expect(periods.last?["to"] as? String == "2020-11-21T00:00:00+08:00")
    }

    @Test func planItemsOneToEight() throws {
        let r = try fixture().report
        let items = try #require(r["plan_items"] as? [[String: Any]])
        #expect(items.map { Self.int($0["item"]) } == (1...8).map { $0 })
        func item(_ n: Int) -> [String: Any] { items[n - 1] }
        #expect(item(4)["status"] as? String == "not_measured")
        // Item 2: 17 eliminated is below the straight line on 2020-11-20.
        let q = try #require(r["quota"] as? [String: Any])
        let behind = Double(Self.int(q["eliminated"])!) < Self.double(q["planned"])!
        #expect(item(2)["status"] as? String == (behind ? "behind" : "on_track"))
        // Item 5: overdue list items → behind. Item 7: violations in the week → behind.
        #expect(item(5)["status"] as? String == "behind")
        #expect(item(7)["status"] as? String == "behind")
        let figures7 = try #require(item(7)["figures"] as? [String: Any])
        #expect(Self.int(figures7["violations"]) == Self.int((r["gate"] as? [String: Any])?["violations"]))
        for i in items { #expect(["on_track", "behind", "not_measured"].contains(i["status"] as? String ?? "")) }
    }

    // MARK: The page

    /// Parses a whole file as XML; the error, if any.
    static func xmlError(_ data: Data) -> String? {
        let parser = XMLParser(data: data)
        return parser.parse() ? nil : "\(parser.parserError.map { "\($0)" } ?? "?") at line \(parser.lineNumber)"
    }

    @Test func htmlIsWellFormedSelfContainedAndPrintable() throws {
        let f = try fixture()
        let data = try Data(contentsOf: f.html)
        #expect(Self.xmlError(data) == nil)
        let html = String(decoding: data, as: UTF8.self)
        #expect(html.hasPrefix("<!DOCTYPE html>"))
        #expect(html.contains("lang=\"zh-CN\""))
        #expect(!html.lowercased().contains("<script"))
        #expect(!html.contains("<link") && !html.contains("@import") && !html.contains("url(http"))
        // Nothing fetched: the only URLs are the XML namespaces.
        let urls = html.components(separatedBy: "http").dropFirst().map { String($0.prefix(30)) }
        #expect(urls.allSatisfy { $0.hasPrefix("://www.w3.org/") }, "\(urls)")
        #expect(html.contains("@page") && html.contains("size: A4"))
        #expect(html.contains("Noto Sans CJK SC"))
        #expect(html.components(separatedBy: "<svg ").count - 1 >= 7)
        // The figures in the page are the JSON's.
        let q = try #require(f.report["quota"] as? [String: Any])
        #expect(html.contains("已淘汰 \(Self.int(q["eliminated"])!) / 目标 \(Self.int(q["target"])!) 辆"))
        #expect(html.contains("本周门禁违规进场 \(Self.int((f.report["gate"] as? [String: Any])?["violations"])!) 次"))
        for n in 1...8 { #expect(html.contains("<td class=\"num\">\(n)</td>")) }
        // Axis titles with units.
        for unit in ["车辆数（辆）", "决定数（件）", "进场次数（次）", "门禁违规（次）"] { #expect(html.contains(unit), "\(unit)") }
    }

    @Test func englishPageAndJSONWithoutAFile() throws {
        let f = try fixture()
        let en = f.dir.appendingPathComponent("weekly-en.html")
        let r = try CLIRunner.run(["report", "weekly", "--as-of", Self.asOf, "--out", en.path, "--lang", "en"], db: f.db)
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.contains(en.path))
        let data = try Data(contentsOf: en)
        #expect(Self.xmlError(data) == nil)
        let html = String(decoding: data, as: UTF8.self)
        #expect(html.contains("lang=\"en\"") && html.contains("weekly dispatch report") && html.contains("vehicles"))

        // --format json alone writes nothing and prints the same figures.
        let again = try Self.json(["report", "weekly", "--as-of", Self.asOf], db: f.db)
        #expect((again as NSDictionary) == (f.report as NSDictionary))
        // Without --out and without JSON: a usage error.
        let missing = try CLIRunner.run(["report", "weekly", "--as-of", Self.asOf], db: f.db)
        #expect(missing.status == 2)
        #expect(missing.stderr.contains("--out"))
    }

    @Test func demoWritesTheReport() throws {
        let out = CLIRunner.tempDir()
        let r = try CLIRunner.run(["demo", "--out", out.path, "--sample", CLIRunner.sampleData.path])
        #expect(r.status == 0, "\(r.stderr)")
        let path = out.appendingPathComponent("weekly-report.html").path
        #expect(r.stdout.contains(path))
        let data = try #require(FileManager.default.contents(atPath: path))
        #expect(Self.xmlError(data) == nil)
    }
}
