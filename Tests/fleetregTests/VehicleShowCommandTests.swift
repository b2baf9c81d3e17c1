import Foundation
import Testing

@Suite struct VehicleShowCommandTests {
    func store() throws -> URL {
        let db = CLIRunner.tempDir().appendingPathComponent("s.sqlite")
        let r = try CLIRunner.run(["import", "vehicles", CLIRunner.sampleData.appendingPathComponent("bad/gb18030.csv").path], db: db)
        #expect(r.status == 0)
        return db
    }

    @Test func showsFactsWithSourceStageAndTier() throws {
        let db = try store()
        let r = try CLIRunner.run(["vehicle", "show", "豫ab1234", "--format", "json"], db: db)
        #expect(r.status == 0)
        let j = try #require(r.json)
        #expect(j["plate"] as? String == "豫AB1234")
        #expect(j["emission_stage"] as? String == "III")          // diesel > 3,500 kg registered 2012-05-01
        #expect(j["emission_tier"] as? String == "inferred")
        #expect(j["township"] as? String == "白寨镇")
        #expect(j["township_source"] as? String == "address")
        #expect(j["phone"] as? String == "138****1234")
        #expect(j["dump_body"] as? Bool == true)
        let full = try CLIRunner.run(["vehicle", "show", "豫AB1234", "--format", "json", "--show-phone"], db: db)
        #expect(full.json?["phone"] as? String == "13812341234")
    }

    @Test func fullWidthAndSpacesAreNormalised() throws {
        let db = try store()
        let r = try CLIRunner.run(["vehicle", "show", "豫ＡＢ １２３４", "--format", "json"], db: db)
        #expect(r.status == 0)
        #expect(r.json?["plate"] as? String == "豫AB1234")
    }

    @Test func unknownPlateGivesSuggestions() throws {
        let db = try store()
        let r = try CLIRunner.run(["vehicle", "show", "豫AD000I", "--format", "json"], db: db)
        #expect(r.status == 2)
        #expect(r.json?["found"] as? Bool == false)
        let s = try #require(r.json?["suggestions"] as? [String])
        #expect(s.first == "豫AD0001")
        let o = try CLIRunner.run(["vehicle", "show", "豫ABI234"], db: db)
        #expect(o.stdout.contains("豫AB1234"))
    }

    @Test func chineseAndEnglishText() throws {
        let db = try store()
        let zh = try CLIRunner.run(["vehicle", "show", "豫AB1234", "--lang", "zh"], db: db)
        #expect(zh.stdout.contains("排放标准"))
        #expect(zh.stdout.contains("按初次登记日期推定"))
        let en = try CLIRunner.run(["vehicle", "show", "豫AB1234"], db: db)
        #expect(en.stdout.contains("inferred from the first registration date"))
        let locale = try CLIRunner.run(["vehicle", "show", "豫AB1234"], db: db, env: ["LANG": "zh_CN.UTF-8"])
        #expect(locale.stdout.contains("所有人"))
    }

    @Test func dbFromEnvironmentAndUsageErrorsExitTwo() throws {
        let db = try store()
        let r = try CLIRunner.run(["vehicle", "show", "豫AB1234", "--format", "json"], env: ["FLEETREG_DB": db.path])
        #expect(r.status == 0)
        #expect(try CLIRunner.run(["vehicle", "show"], db: db).status == 2)
        #expect(try CLIRunner.run(["import", "nosuchkind", "x.csv"], db: db).status == 2)
        #expect(try CLIRunner.run(["vehicle", "show", "豫AB1234", "--as-of", "2020-13-45"], db: db).status == 2)
    }

    @Test func helpIsPrintedAndGlobalOptionsMayComeFirst() throws {
        let help = try CLIRunner.run(["--help"])
        #expect(help.status == 0)
        #expect(help.stdout.contains("SUBCOMMANDS"))
        let sub = try CLIRunner.run(["help", "import"])
        #expect(sub.status == 0)
        #expect(sub.stdout.contains("--skip-invalid"))
        let db = try store()
        let first = try CLIRunner.run(["--db", db.path, "--format", "json", "vehicle", "show", "豫AB1234"])
        #expect(first.status == 0)
        #expect(first.json?["plate"] as? String == "豫AB1234")
    }
}
