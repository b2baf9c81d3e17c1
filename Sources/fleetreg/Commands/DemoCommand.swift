import ArgumentParser
import Foundation
import FleetCore
import FleetStore
import FleetReports

/// `fleetreg demo` — load SampleData into a fresh store and run the day's work.
struct DemoCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo",
        abstract: "Load SampleData/ into a fresh store and run the day's work, printing where the outputs are.")

    @OptionGroup var global: GlobalOptions
    @Option(name: .long, help: "The folder for the demo's store and outputs.") var out = "demo-out"
    @Option(name: .long, help: "The sample data folder (default: ./SampleData, generated if missing).") var sample: String?

    func run() throws {
        let zh = global.language == .zh
        func say(_ zhText: String, _ enText: String) { print(zh ? zhText : enText) }
        let fm = FileManager.default
        try fm.createDirectory(atPath: out, withIntermediateDirectories: true)
        var sampleDir = sample ?? "SampleData"
        if !fm.fileExists(atPath: sampleDir + "/vehicles.csv") {
            sampleDir = out + "/sample"
            try fm.createDirectory(atPath: sampleDir, withIntermediateDirectories: true)
            _ = try SampleGenerator(vehicles: 3000, seed: 2020).write(to: sampleDir)
            say("未找到 SampleData/，已生成示例数据：\(sampleDir)", "SampleData/ not found; generated a sample set in \(sampleDir)")
        }
        let policy = try global.loadPolicy()
        let dbPath = out + "/fleetreg.sqlite"
        for suffix in ["", "-wal", "-shm"] { try? fm.removeItem(atPath: dbPath + suffix) }
        let store = try FleetStore(path: dbPath)
        say("1. 新建数据库：\(dbPath)（策略 \(policy.version)）", "1. Fresh store: \(dbPath) (policy \(policy.version))")

        var options = ImportOptions()
        options.operatorName = "demo"
        options.lang = global.language
        let summary = try Importer(store: store).run(VehiclesImport(townships: .xinmi), path: sampleDir + "/vehicles.csv", options: options)
        say("2. 导入机动车登记信息 \(summary.fileName)：\(summary.inserted) 辆，批次 \(summary.batch ?? 0)，编码 \(summary.encoding.rawValue)",
            "2. Imported the registration extract \(summary.fileName): \(summary.inserted) vehicles, batch \(summary.batch ?? 0), \(summary.encoding.rawValue)")
        let again = try Importer(store: store).run(VehiclesImport(townships: .xinmi), path: sampleDir + "/vehicles.csv", options: options)
        say("3. 再次导入同一文件：新增 \(again.inserted)，更新 \(again.updated)，未变 \(again.unchanged)",
            "3. Imported the same file again: \(again.inserted) inserted, \(again.updated) updated, \(again.unchanged) unchanged")

        let bad = sampleDir + "/bad/bad-vin.csv"
        if fm.fileExists(atPath: bad) {
            var dry = options
            dry.dryRun = true
            let r = try Importer(store: store).run(VehiclesImport(townships: .xinmi), path: bad, options: dry)
            say("4. 试导入一个有错误的文件 \(bad)：\(r.invalid) 行无效，未写入。第一条：",
                "4. Dry run of a broken file \(bad): \(r.invalid) invalid rows, nothing written. The first:")
            if let f = r.errors.first { print("   " + f.text(global.language)) }
        }
        try showQuota(store: store, policy: policy, say: say)
        try showBulk(store: store, policy: policy, sampleDir: sampleDir, options: options, say: say)
        let demoDay = CivilDate(year: 2020, month: 11, day: 20)!
        try showScreeningAndPermits(store: store, sampleDir: sampleDir, options: options, asOf: demoDay, say: say)
        try showWeeklyReport(store: store, policy: policy, asOf: demoDay, say: say)
        let example = try store.read { db in
            try String.fetchOne(db, sql: "SELECT plate FROM vehicles WHERE emission_declared IS NULL AND vehicle_type LIKE 'H1%' ORDER BY plate LIMIT 1")
        }
        say("\n下一步可以试试：", "\nTry next:")
        let db = "--db \(dbPath)"
        print("  swift run fleetreg vehicle show \(example ?? "豫A12345") \(db)")
        print("  swift run fleetreg vehicle show \(example ?? "豫A12345") \(db) --format json")
        if fm.fileExists(atPath: sampleDir + "/bad/missing-column.csv") {
            print("  swift run fleetreg import vehicles \(sampleDir)/bad/missing-column.csv \(db)")
        }
        print("  swift run fleetreg quota status --as-of \(policy.document.effectiveFrom) \(db) --lang zh")
        print("  swift run fleetreg screen list --flag UNAPPROVED_MUCK --as-of \(demoDay) \(db)")
        print("  swift run fleetreg permit check \(example ?? "豫A12345") --as-of \(demoDay) \(db)")
        print("  swift run fleetreg vehicle show \(example ?? "豫A12345") --as-of \(demoDay) \(db) --lang zh")
        print("  swift run fleetreg sample generate --vehicles 100000 --seed 7 --out /tmp/sample")
    }
}
