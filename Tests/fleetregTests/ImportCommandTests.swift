import Foundation
import Testing

/// End-to-end: the built binary imports SampleData and rejects the broken files.
@Suite struct ImportCommandTests {
    let vehicles = CLIRunner.sampleData.appendingPathComponent("vehicles.csv")

    func dataRows(_ url: URL) throws -> Int {
        let text = try String(contentsOf: url, encoding: .utf8)
        return text.split(separator: "\r\n", omittingEmptySubsequences: true).count - 1
    }

    @Test func importsSampleDataThenReimportChangesNothing() throws {
        let dir = CLIRunner.tempDir()
        let db = dir.appendingPathComponent("s.sqlite")
        let n = try dataRows(vehicles)
        #expect(n >= 2000)
        let first = try CLIRunner.run(["import", "vehicles", vehicles.path, "--format", "json"], db: db)
        #expect(first.status == 0, "\(first.stderr)")
        let j = try #require(first.json)
        #expect(j["inserted"] as? Int == n)
        #expect(j["invalid"] as? Int == 0)
        #expect(j["committed"] as? Bool == true)
        #expect((j["sha256"] as? String)?.count == 64)
        let second = try CLIRunner.run(["import", "vehicles", vehicles.path, "--format", "json"], db: db)
        let k = try #require(second.json)
        #expect(k["inserted"] as? Int == 0)
        #expect(k["updated"] as? Int == 0)
        #expect(k["unchanged"] as? Int == n)
        #expect(k["sha256"] as? String == j["sha256"] as? String)
    }

    @Test(arguments: ["missing-column.csv", "bad-plate.csv", "bad-vin.csv", "bad-date.csv", "duplicate-key.csv",
                      "unterminated-quote.csv", "not-text.csv", "empty.csv"])
    func badFileIsRejectedAndStoreUnchanged(file: String) throws {
        let expected = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf:
            CLIRunner.sampleData.appendingPathComponent("bad/expected.json"))) as? [String: [String: Any]])
        let exp = try #require(expected[file])
        let dir = CLIRunner.tempDir()
        let db = dir.appendingPathComponent("s.sqlite")
        let good = CLIRunner.sampleData.appendingPathComponent("bad/gb18030.csv")
        #expect(try CLIRunner.run(["import", "vehicles", good.path], db: db).status == 0)
        let beforeShow = try CLIRunner.run(["vehicle", "show", "豫AB1234", "--format", "json"], db: db).stdout

        let r = try CLIRunner.run(["import", "vehicles", CLIRunner.sampleData.appendingPathComponent("bad/" + file).path,
                                   "--format", "json"], db: db)
        #expect(r.status == Int32(exp["exit"] as! Int), "\(r.stdout)\n\(r.stderr)")
        let wantErrors = exp["errors"] as! [[String: Any]]
        if exp["rejected_whole"] as? Bool == true {
            // Whole-file rejections go to stderr with file, line and reason.
            #expect(r.stderr.contains(file), "\(r.stderr)")
            for e in wantErrors where (e["line"] as! Int) > 0 {
                #expect(r.stderr.contains("line \(e["line"] as! Int)"), "\(r.stderr)")
            }
        } else {
            let j = try #require(r.json, "\(r.stdout)")
            #expect(j["committed"] as? Bool == false)
            #expect(j["invalid"] as? Int == exp["invalid"] as? Int)
            let errors = try #require(j["errors"] as? [[String: Any]])
            for e in wantErrors {
                #expect(errors.contains { ($0["line"] as? Int) == (e["line"] as? Int) && ($0["column"] as? String) == (e["column"] as? String)
                    && ($0["code"] as? String) == (e["code"] as? String) }, "\(errors)")
            }
        }
        // Nothing written: the vehicle from the good file is as it was, and the bad file's
        // valid rows did not land.
        let afterShow = try CLIRunner.run(["vehicle", "show", "豫AB1234", "--format", "json"], db: db).stdout
        #expect(afterShow == beforeShow)
        let initJSON = try CLIRunner.run(["init", "--format", "json"], db: db).json
        #expect(initJSON?["vehicles"] as? Int == 3)
    }

    @Test func gb18030FileIsReadRight() throws {
        let dir = CLIRunner.tempDir()
        let db = dir.appendingPathComponent("s.sqlite")
        let r = try CLIRunner.run(["import", "vehicles", CLIRunner.sampleData.appendingPathComponent("bad/gb18030.csv").path,
                                   "--format", "json"], db: db)
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.json?["encoding"] as? String == "gb18030")
        #expect(r.json?["inserted"] as? Int == 3)
        let show = try CLIRunner.run(["vehicle", "show", "豫AC5678", "--format", "json"], db: db)
        #expect(show.json?["owner"] as? String == "王建国")
        #expect(show.json?["vehicle_type"] as? String == "Q11")
        #expect(show.json?["township"] as? String == "超化镇")
        #expect(show.json?["emission_stage"] as? String == "V")
        #expect(show.json?["emission_tier"] as? String == "declared")
    }

    @Test func dryRunSkipInvalidAndErrorsFile() throws {
        let dir = CLIRunner.tempDir()
        let db = dir.appendingPathComponent("s.sqlite")
        let bad = CLIRunner.sampleData.appendingPathComponent("bad/bad-vin.csv")
        let errors = dir.appendingPathComponent("errors.csv")
        let dry = try CLIRunner.run(["import", "vehicles", bad.path, "--dry-run", "--format", "json"], db: db)
        #expect(dry.status == 2)
        #expect(dry.json?["batch"] == nil || dry.json?["batch"] is NSNull)
        #expect(try CLIRunner.run(["init", "--format", "json"], db: db).json?["vehicles"] as? Int == 0)

        let skip = try CLIRunner.run(["import", "vehicles", bad.path, "--skip-invalid", "--errors", errors.path, "--format", "json"], db: db)
        #expect(skip.status == 0, "\(skip.stderr)")
        #expect(skip.json?["inserted"] as? Int == 2)
        #expect(skip.json?["invalid"] as? Int == 1)
        let text = try String(contentsOf: errors, encoding: .utf8)
        let lines = text.split(separator: "\r\n")
        #expect(lines.count == 2)
        #expect(lines[0].hasSuffix("line,column,reason"))
        #expect(lines[1].contains(",4,车辆识别代号,"))
        // The errors file can be corrected and imported again: its extra columns are ignored.
        let fixed = dir.appendingPathComponent("fixed.csv")
        try text.replacingOccurrences(of: "LDC613P2O8D10000", with: "LDC613P2X8D100003").write(to: fixed, atomically: true, encoding: .utf8)
        let again = try CLIRunner.run(["import", "vehicles", fixed.path, "--format", "json"], db: db)
        #expect(again.status == 0, "\(again.stdout)\(again.stderr)")
        #expect(again.json?["inserted"] as? Int == 1)
        #expect((again.json?["warnings"] as? [Any])?.count == 3)
    }

    @Test func newerExtractReplacesOlderAndKeepsStatusHistory() throws {
        let dir = CLIRunner.tempDir()
        let db = dir.appendingPathComponent("s.sqlite")
        let good = CLIRunner.sampleData.appendingPathComponent("bad/gb18030.csv")
        #expect(try CLIRunner.run(["import", "vehicles", good.path], db: db).status == 0)
        let text = try String(contentsOf: CLIRunner.sampleData.appendingPathComponent("bad/bad-date.csv"), encoding: .utf8)
        let newer = text.replacingOccurrences(of: "2012-13-01", with: "2012-05-01")
            .replacingOccurrences(of: "王建国,河南省新密市超化镇,超化,A,,", with: "王建国,河南省新密市超化镇,超化,E,2020-11-20,")
        let url = dir.appendingPathComponent("newer.csv")
        try newer.write(to: url, atomically: true, encoding: .utf8)
        let r = try CLIRunner.run(["import", "vehicles", url.path, "--format", "json"], db: db)
        #expect(r.status == 0, "\(r.stdout)\(r.stderr)")
        #expect(r.json?["updated"] as? Int == 1)
        #expect(r.json?["unchanged"] as? Int == 2)
        let show = try CLIRunner.run(["vehicle", "show", "豫AC5678", "--format", "json", "--as-of", "2020-12-01"], db: db)
        let j = try #require(show.json)
        #expect(j["status"] as? String == "E")
        #expect(j["active"] as? Bool == false)
        let history = try #require(j["status_history"] as? [[String: Any]])
        #expect(history.count == 1)
        #expect(history.first?["old_status"] as? String == "A")
        #expect(history.first?["new_status"] as? String == "E")
        #expect(history.first?["new_status_date"] as? String == "2020-11-20")
        let source = try #require(j["source"] as? [String: Any])
        #expect(source["batch"] as? Int == 2)
        #expect(source["file"] as? String == "newer.csv")
        // Before the status date the vehicle still counts as active (rules.md §7.5).
        let earlier = try CLIRunner.run(["vehicle", "show", "豫AC5678", "--format", "json", "--as-of", "2020-11-19"], db: db)
        #expect(earlier.json?["active"] as? Bool == true)
    }
}
