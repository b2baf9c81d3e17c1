import Foundation
import Testing

/// End-to-end: `screen run/list/export` on SampleData plus small evidence files, and the round
/// trip of a township's list through `import findings`.
@Suite struct ScreenCommandTests {
    static let vehicles = CLIRunner.sampleData.appendingPathComponent("vehicles.csv")
    static let unregistered = "京AF0236"

    /// A store with SampleData's vehicles.
    func store() throws -> (dir: URL, db: URL) {
        let dir = CLIRunner.tempDir()
        let db = dir.appendingPathComponent("s.sqlite")
        let r = try CLIRunner.run(["import", "vehicles", Self.vehicles.path], db: db)
        #expect(r.status == 0, "\(r.stderr)")
        return (dir, db)
    }

    func write(_ lines: [String], to url: URL, bom: Bool = false) throws {
        var data = Data(bom ? [0xEF, 0xBB, 0xBF] : [])
        data.append(Data(lines.joined(separator: "\r\n").appending("\r\n").utf8))
        try data.write(to: url)
    }

    func json(_ args: [String], db: URL, status: Int32 = 0) throws -> [String: Any] {
        let r = try CLIRunner.run(args + ["--format", "json"], db: db)
        #expect(r.status == status, "\(args): \(r.stderr)")
        return try #require(r.json, "\(args): \(r.stdout) \(r.stderr)")
    }

    func listed(_ db: URL, asOf: String, _ extra: [String] = []) throws -> [[String: Any]] {
        let j = try json(["screen", "list", "--as-of", asOf] + extra, db: db)
        return try #require(j["vehicles"] as? [[String: Any]])
    }

    /// Plates of 白寨镇 whose only flag is UNKNOWN_USE as of a date (a run is made for it).
    func plainUnknown(_ db: URL, asOf: String, count: Int) throws -> [String] {
        let v = try listed(db, asOf: asOf, ["--township", "白寨镇", "--flag", "UNKNOWN_USE"])
        let plates = v.filter { ($0["flags"] as? [String]) == ["UNKNOWN_USE"] }.compactMap { $0["plate"] as? String }
        #expect(plates.count >= count)
        return Array(plates.prefix(count))
    }

    /// Evidence: a hauling sighting of `muck`, an over-standard check of `over`, both 2020-11-12,
    /// and a sighting of a plate not registered here.
    func importEvidence(_ dir: URL, db: URL, muck: String, over: String) throws {
        let file = dir.appendingPathComponent("inspections.csv")
        try write([
            "记录编号,检查时间,号牌号码,检查类型,检查结果,地点,执法单位",
            "JC-01,2020-11-12 22:00,\(muck),工地,渣土运输,市一中工地,城管",
            "JC-02,2020-11-12 22:30,\(over),夜查,超标,西大街,交警",
            "JC-03,2020-11-12 23:00,\(Self.unregistered),消纳场,渣土运输,米村消纳场,城管",
        ], to: file)
        let r = try json(["import", "inspections", file.path], db: db)
        #expect(r["committed"] as? Bool == true && r["inserted"] as? Int == 3)
    }


    static func csvLine(_ fields: [String]) -> String {
        fields.map { f in
            f.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" || $0 == "\r\n" })
                ? "\"" + f.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : f
        }.joined(separator: ",")
    }

    static let header = ["清单编号", "号牌号码", "所属乡镇", "车辆类型", "所有人", "住所地址", "联系电话", "初次登记日期", "排放标准",
                         "用途分类", "筛查标记", "标记依据", "核查结论", "核实用途", "核查人", "核查日期", "备注", "核查结论可选值"]

    /// The phones of SampleData by plate.
    static func phones() throws -> [String: String] {
        let rows = CLIRunner.csvRows(try String(contentsOf: vehicles, encoding: .utf8))
        let plate = rows[0].firstIndex(of: "号牌号码")!, phone = rows[0].firstIndex(of: "联系电话")!
        return Dictionary(rows.dropFirst().map { ($0[plate], $0[phone]) }, uniquingKeysWith: { a, _ in a })
    }

    // MARK: screen run

    @Test func runPrintsTheSummaryJSON() throws {
        let (dir, db) = try store()
        let first = try json(["screen", "run", "--as-of", "2020-11-15"], db: db)
        #expect(first["changes"] == nil || first["changes"] is NSNull)
        // The list uses that run; the evidence comes after it.
        let plates = try plainUnknown(db, asOf: "2020-11-15", count: 2)
        try importEvidence(dir, db: db, muck: plates[0], over: plates[1])

        let j = try json(["screen", "run", "--as-of", "2020-11-15"], db: db)
        for key in ["as_of", "run", "vehicles", "usage", "flags", "by_township", "policy_version", "policy_hash", "listed", "changes"] {
            #expect(j[key] != nil, "missing \(key)")
        }
        #expect(j["as_of"] as? String == "2020-11-15")
        #expect(j["run"] as? Int == 2)
        #expect(j["policy_version"] as? String == "xinmi-2020.1")
        let vehicles = try #require(j["vehicles"] as? Int)
        #expect(vehicles > 1000)
        let usage = try #require(j["usage"] as? [String: Int])
        #expect(usage.values.reduce(0, +) == vehicles)
        #expect(usage["UNKNOWN"] ?? 0 > 0)
        let flags = try #require(j["flags"] as? [String: Int])
        #expect(flags["UNAPPROVED_MUCK"] == 1)       // registered plates only
        #expect(flags["OVER_STANDARD"] == 1)
        let byTownship = try #require(j["by_township"] as? [String: [String: Int]])
        #expect(byTownship["未登记"] == ["UNAPPROVED_MUCK": 1])
        #expect(byTownship["白寨镇"]?["UNAPPROVED_MUCK"] == 1)
        #expect(byTownship["白寨镇"]?["OVER_STANDARD"] == 1)
        // by_township adds up to the registered flags plus 未登记.
        for (code, n) in flags {
            let sum = byTownship.filter { $0.key != "未登记" }.values.reduce(0) { $0 + ($1[code] ?? 0) }
            #expect(sum == n, "\(code)")
        }
        let changes = try #require(j["changes"] as? [String: Any])
        #expect(changes["previous_run"] as? Int == 1)
        #expect(changes["previous_as_of"] as? String == "2020-11-15")
        let total = try #require(changes["total"] as? [String: Int])
        // The two plates lose UNKNOWN_USE (the muck flag suppresses it for one) and gain flags.
        #expect(total["newly_flagged"] == 3)   // UNAPPROVED_MUCK ×2 (one unregistered), OVER_STANDARD
        #expect(total["resolved"] == 1)        // UNKNOWN_USE of the hauling plate
        #expect((total["still_open"] ?? 0) > 1000)
        #expect(changes["by_township"] is [String: Any])

        let text = try CLIRunner.run(["screen", "run", "--as-of", "2020-11-15", "--lang", "zh"], db: db)
        #expect(text.status == 0)
        #expect(text.stdout.contains("用途分类") && text.stdout.contains("未登记"))
    }

    // MARK: screen list

    @Test func listFiltersByFlagAndTownship() throws {
        let (dir, db) = try store()
        let plates = try plainUnknown(db, asOf: "2020-11-10", count: 2)
        try importEvidence(dir, db: db, muck: plates[0], over: plates[1])

        let all = try json(["screen", "list", "--as-of", "2020-11-15"], db: db)
        #expect(all["as_of"] as? String == "2020-11-15")
        let run = try #require(all["run"] as? Int)
        let everything = try #require(all["vehicles"] as? [[String: Any]])

        let muck = try listed(db, asOf: "2020-11-15", ["--flag", "UNAPPROVED_MUCK"])
        #expect(Set(muck.compactMap { $0["plate"] as? String }) == [plates[0], Self.unregistered])
        let mine = try #require(muck.first { $0["plate"] as? String == plates[0] })
        #expect(mine["township"] as? String == "白寨镇")
        #expect(mine["usage"] as? String == "UNKNOWN")
        #expect(mine["on_list"] as? Bool == true)
        #expect(mine["registered"] as? Bool == true)
        #expect((mine["item_id"] as? String)?.hasPrefix("QD") == true)

        let unreg = try listed(db, asOf: "2020-11-15", ["--township", "未登记"])
        #expect(unreg.count == 1)
        #expect(unreg.first?["plate"] as? String == Self.unregistered)
        #expect(unreg.first?["registered"] as? Bool == false)
        #expect(unreg.first?["on_list"] as? Bool == false)

        // Township and flags together; the alias 白寨 is the township 白寨镇.
        let baizhai = try listed(db, asOf: "2020-11-15", ["--township", "白寨", "--flag", "UNKNOWN_USE"])
        #expect(!baizhai.isEmpty)
        #expect(baizhai.allSatisfy { $0["township"] as? String == "白寨镇" && (($0["flags"] as? [String])?.contains("UNKNOWN_USE") == true) })
        #expect(!baizhai.contains { $0["plate"] as? String == plates[0] })
        let both = try listed(db, asOf: "2020-11-15", ["--flag", "UNKNOWN_USE", "--flag", "OVER_STANDARD"])
        #expect(both.compactMap { $0["plate"] as? String } == [plates[1]])
        #expect(everything.count > baizhai.count)

        // The list uses the stored run; it does not make another one.
        let again = try json(["screen", "list", "--as-of", "2020-11-15"], db: db)
        #expect(again["run"] as? Int == run)

        let csv = try CLIRunner.run(["screen", "list", "--as-of", "2020-11-15", "--township", "未登记", "--format", "csv"], db: db)
        #expect(csv.status == 0)
        let rows = CLIRunner.csvRows(csv.stdout)
        #expect(rows.first == ["plate", "township", "usage", "flags", "on_list", "item_id"])
        #expect(rows.dropFirst().map { $0[0] } == [Self.unregistered])

        let bad = try CLIRunner.run(["screen", "list", "--flag", "NO_SUCH_FLAG"], db: db)
        #expect(bad.status == 2)
        let badTownship = try CLIRunner.run(["screen", "list", "--township", "不存在镇"], db: db)
        #expect(badTownship.status == 2)
    }

    // MARK: screen export

    @Test func exportWritesOneMaskedCSVPerTownship() throws {
        let (dir, db) = try store()
        let out = dir.appendingPathComponent("out")
        let r = try json(["screen", "export", "--out", out.path, "--as-of", "2020-11-15"], db: db)
        let files = try #require(r["files"] as? [String])
        #expect(files.contains { $0.hasSuffix("2020-11-15-汇总.csv") })
        let run = try #require(r["run"] as? Int)
        let phones = try Self.phones()
        let all = try listed(db, asOf: "2020-11-15")
        #expect(try json(["screen", "list", "--as-of", "2020-11-15"], db: db)["run"] as? Int == run)

        let listFiles = files.filter { !$0.hasSuffix("汇总.csv") }
        #expect(listFiles.count >= 10)
        let mobile = try Regex("^1[0-9]{2}\\*{4}[0-9]{4}$")
        let any = try Regex("^[0-9]{3}\\*{4,}[0-9]{4}$")
        var checkedPhones = 0
        for path in listFiles {
            let township = String(URL(fileURLWithPath: path).deletingPathExtension().lastPathComponent.dropFirst("2020-11-15-".count))
            let bytes = try Data(contentsOf: URL(fileURLWithPath: path))
            #expect(Array(bytes.prefix(3)) == [0xEF, 0xBB, 0xBF], "\(path)")
            let rows = CLIRunner.csvRows(String(decoding: bytes, as: UTF8.self))
            #expect(rows.first == Self.header, "\(path)")
            let data = rows.dropFirst()
            #expect(!data.isEmpty)
            // Only this township's listed vehicles, all of them, in plate order.
            let expected = all.filter { $0["township"] as? String == township && $0["on_list"] as? Bool == true }
            #expect(data.map { $0[1] } == expected.compactMap { $0["plate"] as? String }, "\(township)")
            #expect(data.map { $0[0] } == expected.compactMap { $0["item_id"] as? String }, "\(township)")
            for row in data {
                #expect(row.count == Self.header.count)
                #expect(row[2] == township)
                let findingBlank = row[12...16].allSatisfy { $0.isEmpty }
                #expect(findingBlank, "finding columns must be blank: \(row)")
                #expect(row[17] == "用途已落实/非法渣土运输/已报废/已转出/查无此车/其他")
                let original = phones[row[1]] ?? ""
                if original.isEmpty {
                    #expect(row[6].isEmpty)
                } else {
                    #expect(row[6] != original)
                    #expect(row[6].wholeMatch(of: any) != nil, "\(row[6])")
                    #expect(row[6].hasPrefix(String(original.prefix(3))) && row[6].hasSuffix(String(original.suffix(4))))
                    if original.count == 11 { #expect(row[6].wholeMatch(of: mobile) != nil, "\(row[6])") }
                    checkedPhones += 1
                }
            }
        }
        #expect(checkedPhones > 100)

        // Exported again for the same run, after a run of a later date: the same bytes.
        _ = try json(["screen", "run", "--as-of", "2020-11-25"], db: db)
        let out2 = dir.appendingPathComponent("out2")
        let r2 = try json(["screen", "export", "--out", out2.path, "--as-of", "2020-11-15"], db: db)
        #expect(r2["run"] as? Int == run)
        let files2 = try #require(r2["files"] as? [String])
        #expect(files2.map { URL(fileURLWithPath: $0).lastPathComponent } == files.map { URL(fileURLWithPath: $0).lastPathComponent })
        for (a, b) in zip(files, files2) {
            let (x, y) = (try Data(contentsOf: URL(fileURLWithPath: a)), try Data(contentsOf: URL(fileURLWithPath: b)))
            #expect(x == y, "\(a)")
        }
    }

    @Test func exportXLSX() throws {
        let (dir, db) = try store()
        let out = dir.appendingPathComponent("xlsx")
        let r = try json(["screen", "export", "--out", out.path, "--as-of", "2020-11-15", "--xlsx"], db: db)
        let files = try #require(r["files"] as? [String])
        #expect(files.count >= 10)
        #expect(files.contains { $0.hasSuffix("2020-11-15-白寨镇.xlsx") })
        for f in files {
            #expect(f.hasSuffix(".xlsx"))
            let bytes = try Data(contentsOf: URL(fileURLWithPath: f))
            #expect(Array(bytes.prefix(4)) == [0x50, 0x4B, 0x03, 0x04], "\(f) is not a zip file")
            #expect(bytes.range(of: Data("xl/worksheets/sheet1.xml".utf8)) != nil, "\(f)")
        }
        let csvs = (try FileManager.default.contentsOfDirectory(atPath: out.path)).filter { $0.hasSuffix(".csv") }
        #expect(csvs.isEmpty)
    }

    // MARK: The round trip

    @Test func findingsRoundTrip() throws {
        let (dir, db) = try store()
        let plates = try plainUnknown(db, asOf: "2020-11-15", count: 3)
        let (muck, confirmed, notFound) = (plates[0], plates[1], plates[2])
        try importEvidence(dir, db: db, muck: muck, over: notFound)
        _ = try json(["screen", "run", "--as-of", "2020-11-15"], db: db)
        let out = dir.appendingPathComponent("out")
        _ = try json(["screen", "export", "--out", out.path, "--as-of", "2020-11-15"], db: db)

        let exported = out.appendingPathComponent("2020-11-15-白寨镇.csv")
        var rows = CLIRunner.csvRows(try String(contentsOf: exported, encoding: .utf8))
        let header = rows.removeFirst()
        func index(_ plate: String) throws -> Int { try #require(rows.firstIndex { $0[1] == plate }, "\(plate) not exported") }
        let conclusion = try #require(header.firstIndex(of: "核查结论"))
        let usage = try #require(header.firstIndex(of: "核实用途"))
        let investigator = try #require(header.firstIndex(of: "核查人"))
        let on = try #require(header.firstIndex(of: "核查日期"))
        func fill(_ plate: String, _ c: String, _ u: String = "") throws {
            let i = try index(plate)
            rows[i][conclusion] = c; rows[i][usage] = u; rows[i][investigator] = "刘强"; rows[i][on] = "2020-11-20"
        }
        try fill(confirmed, "用途已落实", "自用运输建材")
        try fill(muck, "非法渣土运输")
        try fill(notFound, "查无此车")
        let filled = dir.appendingPathComponent("findings.csv")
        try write(([header] + rows).map(Self.csvLine), to: filled, bom: true)

        // Another township sending the file: every filled row belongs to 白寨镇.
        let other = try CLIRunner.run(["import", "findings", filled.path, "--township", "超化镇", "--format", "json"], db: db)
        #expect(other.status == 2)
        let otherErrors = try #require(other.json?["errors"] as? [[String: Any]])
        #expect(otherErrors.count == 3)
        #expect(otherErrors.allSatisfy { $0["code"] as? String == "OTHER_TOWNSHIP" })
        #expect(other.json?["committed"] as? Bool == false)

        // A changed plate; an unknown item id.
        var changed = rows
        let i = try index(confirmed)
        changed[i][1] = plates[0] == changed[i][1] ? plates[1] : plates[0]
        let changedFile = dir.appendingPathComponent("changed.csv")
        try write(([header] + changed).map(Self.csvLine), to: changedFile, bom: true)
        let mismatch = try CLIRunner.run(["import", "findings", changedFile.path, "--township", "白寨镇", "--format", "json"], db: db)
        #expect(mismatch.status == 2)
        let mismatchErrors = try #require(mismatch.json?["errors"] as? [[String: Any]])
        #expect(mismatchErrors.map { $0["code"] as? String } == ["ITEM_MISMATCH"])
        #expect(mismatchErrors.first?["column"] as? String == "号牌号码")

        var unknown = rows
        unknown[i][0] = "QD9999999"
        let unknownFile = dir.appendingPathComponent("unknown.csv")
        try write(([header] + unknown).map(Self.csvLine), to: unknownFile, bom: true)
        let unknownItem = try CLIRunner.run(["import", "findings", unknownFile.path, "--township", "白寨镇", "--format", "json"], db: db)
        #expect(unknownItem.status == 2)
        #expect((unknownItem.json?["errors"] as? [[String: Any]])?.map { $0["code"] as? String } == ["UNKNOWN_ITEM"])

        // The township's own import: three findings, the blank rows skipped.
        let ok = try json(["import", "findings", filled.path, "--township", "白寨镇"], db: db)
        #expect(ok["committed"] as? Bool == true)
        #expect(ok["inserted"] as? Int == 3)
        #expect(ok["invalid"] as? Int == 0)
        #expect(ok["blank"] as? Int == rows.count - 3)
        let missingTownship = try CLIRunner.run(["import", "findings", filled.path], db: db)
        #expect(missingTownship.status == 2)

        // A later run sees the findings.
        let later = try json(["screen", "run", "--as-of", "2020-11-25"], db: db)
        #expect((later["usage"] as? [String: Int])?["TOWNSHIP_CONFIRMED"] == 1)
        #expect((later["flags"] as? [String: Int])?["ILLEGAL_MUCK_CONFIRMED"] == 1)
        #expect((later["flags"] as? [String: Int])?["REGISTRY_MISMATCH"] == 1)
        let byTownship = try #require(later["by_township"] as? [String: [String: Int]])
        #expect(byTownship["白寨镇"]?["ILLEGAL_MUCK_CONFIRMED"] == 1 && byTownship["白寨镇"]?["REGISTRY_MISMATCH"] == 1)

        let list = try listed(db, asOf: "2020-11-25", ["--township", "白寨镇"])
        func entry(_ plate: String) -> [String: Any]? { list.first { $0["plate"] as? String == plate } }
        #expect(entry(muck)?["flags"] as? [String] == ["UNAPPROVED_MUCK", "ILLEGAL_MUCK_CONFIRMED"])
        #expect(entry(muck)?["on_list"] as? Bool == false)   // closed by the finding
        #expect(entry(notFound)?["flags"] as? [String] == ["UNKNOWN_USE", "OVER_STANDARD", "REGISTRY_MISMATCH"])
        #expect(entry(notFound)?["on_list"] as? Bool == false)
        #expect(entry(confirmed) == nil)                      // no flags left

        // `vehicle show` agrees with the run.
        for plate in [muck, confirmed, notFound] {
            let show = try json(["vehicle", "show", plate, "--as-of", "2020-11-25"], db: db)
            let shownFlags = (show["flags"] as? [[String: Any]])?.compactMap { $0["code"] as? String }
            #expect(shownFlags == (entry(plate)?["flags"] as? [String] ?? []), "\(plate)")
            let runUsage = entry(plate)?["usage"] as? String
            if let runUsage { #expect(show["usage"] as? String == runUsage, "\(plate)") }
            #expect(show["on_township_list"] as? Bool == (entry(plate)?["on_list"] as? Bool ?? false))
        }
        let shownConfirmed = try json(["vehicle", "show", confirmed, "--as-of", "2020-11-25"], db: db)
        #expect(shownConfirmed["usage"] as? String == "TOWNSHIP_CONFIRMED")
        #expect(try json(["vehicle", "show", muck, "--as-of", "2020-11-25"], db: db)["usage"] as? String == "UNKNOWN")

        // The same file again changes nothing.
        let twice = try json(["import", "findings", filled.path, "--township", "白寨镇"], db: db)
        #expect(twice["inserted"] as? Int == 0 && twice["unchanged"] as? Int == 3)
    }
}
