import Foundation
import Testing
import FleetCore
@testable import FleetReports

// The evidence files of the sample generator (data.md, every kind but `vehicles`).

/// Splits one CSV line into its fields (the helper of SampleGeneratorTests).
private func fields(_ line: String) -> [String] { splitCSVLine(line) }

private let vehicleFields: [VehicleRegistration.Field] = [
    .plate, .plateType, .vin, .vehicleType, .useNature, .fuel, .emissionStandard, .firstRegistered,
    .grossMassKg, .owner, .address, .township, .status, .statusDate, .phone,
]

/// A generated set, parsed: the registry and every evidence file's rows (header apart).
private struct SampleSet {
    var registry: [String: VehicleRegistration] = [:]
    var rows: [String: SampleVehicleRow] = [:]
    var headers: [SampleFile: [String]] = [:]
    var files: [SampleFile: [[String]]] = [:]
    var lineCount = 0
    let inference = EmissionInference(table: try! Policy.default().emission)

    init(vehicles: Int, seed: UInt64) {
        let g = SampleGenerator(vehicles: vehicles, seed: seed)
        g.vehicleRows { row in
            var byField: [VehicleRegistration.Field: String] = [:]
            for (f, v) in zip(vehicleFields, row.fields) { byField[f] = v }
            if let reg = VehicleRegistration.validate({ byField[$0] ?? "" }, townships: .xinmi).value {
                registry[reg.plate.text] = reg
                rows[reg.plate.text] = row
            }
        }
        g.evidenceLines { file, line in
            lineCount += 1
            if headers[file] == nil { headers[file] = fields(line) } else { files[file, default: []].append(fields(line)) }
        }
    }

    subscript(_ f: SampleFile) -> [[String]] { files[f] ?? [] }

    func emission(_ plate: String) -> EmissionAssessment? {
        registry[plate]?.emission(inference)
    }
}

private func date(_ s: String) -> CivilDate? { CivilDate(parsing: s) }
private func day(_ y: Int, _ m: Int, _ d: Int) -> CivilDate { CivilDate(year: y, month: m, day: d)! }

private func tempDir(_ name: String) -> String {
    let dir = NSTemporaryDirectory() + "fleetreg-evidence-\(name)-\(ProcessInfo.processInfo.processIdentifier)"
    try? FileManager.default.removeItem(atPath: dir)
    return dir
}

/// The headers of data.md, written out here rather than taken from the generator.
private let expectedHeaders: [SampleFile: String] = [
    .vehicles: "号牌号码,号牌种类,车辆识别代号,车辆类型,使用性质,燃料种类,排放标准,初次登记日期,总质量,所有人,住所地址,所属乡镇,机动车状态,状态变更日期,联系电话",
    .muckApprovals: "核准编号,号牌号码,运输企业,有效期起,有效期止,出土工地,消纳场,状态",
    .transportLicenses: "道路运输证号,号牌号码,业户名称,经营范围,有效期止",
    .enterprises: "企业编号,企业名称,所属乡镇,位于建成区,物料类型",
    .enterpriseFleet: "企业编号,号牌号码,备案日期,状态",
    .sanitationFleet: "号牌号码,作业单位,购置日期,作业区域",
    .inspections: "记录编号,检查时间,号牌号码,检查类型,检查结果,地点,执法单位",
    .gateLog: "企业编号,号牌号码,通行时间,方向,物料",
    .alerts: "预警等级,开始时间,结束时间,文号",
]

@Suite struct SampleEvidenceTests {
    @Test func everyFileIsDeterministicWithTheHeadersOfDataMD() throws {
        let a = tempDir("a"), b = tempDir("b"), c = tempDir("c")
        defer { for d in [a, b, c] { try? FileManager.default.removeItem(atPath: d) } }
        let fa = try SampleGenerator(vehicles: 1500, seed: 31).write(to: a)
        let fb = try SampleGenerator(vehicles: 1500, seed: 31).write(to: b + "/")
        let fc = try SampleGenerator(vehicles: 1500, seed: 32).write(to: c)
        #expect(fa == SampleFile.allCases.map { a + "/" + $0.fileName })
        #expect(fb == SampleFile.allCases.map { b + "/" + $0.fileName })
        #expect(fa.map { ($0 as NSString).lastPathComponent } == [
            "vehicles.csv", "muck-approvals.csv", "transport-licenses.csv", "enterprises.csv", "enterprise-fleet.csv",
            "sanitation-fleet.csv", "inspections.csv", "gate-log.csv", "alerts.csv",
        ])

        // The streamed evidence lines are the files' bytes.
        var streamed: [SampleFile: [UInt8]] = [:]
        SampleGenerator(vehicles: 1500, seed: 31).evidenceLines { f, line in
            #expect(line.hasSuffix("\r\n"))
            streamed[f, default: CSVFormat.utf8BOM] += Array(line.utf8)
        }
        for f in SampleFile.allCases {
            let da = try Data(contentsOf: URL(fileURLWithPath: fa[f.rawValue]))
            let db = try Data(contentsOf: URL(fileURLWithPath: fb[f.rawValue]))
            let dc = try Data(contentsOf: URL(fileURLWithPath: fc[f.rawValue]))
            #expect(da == db, "\(f.fileName) differs for the same seed")
            if f != .alerts { #expect(da != dc, "\(f.fileName) is the same for another seed") }
            #expect(Array(da.prefix(3)) == CSVFormat.utf8BOM, "\(f.fileName): BOM")
            let text = String(decoding: da.dropFirst(3), as: UTF8.self)
            #expect(text.hasSuffix("\r\n"), "\(f.fileName): CRLF at the end")
            #expect(!text.replacingOccurrences(of: "\r\n", with: "").contains("\n"), "\(f.fileName): bare LF")
            let header = String(decoding: da.dropFirst(3).prefix(while: { $0 != 0x0D }), as: UTF8.self)
            #expect(header == expectedHeaders[f], "\(f.fileName) header")
            #expect(header == f.header.joined(separator: ","))
            if f != .vehicles { #expect(Data(streamed[f] ?? []) == da, "\(f.fileName): streamed lines ≠ file") }
            #expect(text.split(separator: "\r\n").count > 1, "\(f.fileName) has rows")
        }
        // vehicles.csv is what it always was: the same bytes as the streamed registration lines.
        var vehicleBytes = CSVFormat.utf8BOM
        SampleGenerator(vehicles: 1500, seed: 31).vehicleLines { vehicleBytes += Array($0.utf8) }
        #expect(try Data(contentsOf: URL(fileURLWithPath: fa[0])) == Data(vehicleBytes))

        // A known prefix of every file never changes with the set size (up to 500 vehicles: the
        // pool of owner companies grows with larger sets, and the evidence follows the owners).
        var small: [SampleFile: [String]] = [:], big: [SampleFile: [String]] = [:]
        SampleGenerator(vehicles: 240, seed: 31).evidenceLines { small[$0, default: []].append($1) }
        SampleGenerator(vehicles: 480, seed: 31).evidenceLines { big[$0, default: []].append($1) }
        for (f, lines) in small {
            #expect(Array(big[f]!.prefix(lines.count)) == lines, "\(f.fileName): prefix changed")
        }
    }

    @Test func everyValueIsValid() throws {
        let s = SampleSet(vehicles: 4000, seed: 2020)
        #expect(s.registry.count == 4000)
        for f in SampleFile.allCases where f != .vehicles {
            #expect(s.headers[f] == f.header)
            for r in s[f] { #expect(r.count == f.header.count, "\(f.fileName): \(r)") }
        }
        func validPlate(_ p: String) -> Bool { (try? Plate.parse(p))?.text == p }
        func inRegistry(_ f: SampleFile, _ col: Int) {
            for r in s[f] { #expect(s.registry[r[col]] != nil, "\(f.fileName): \(r[col]) not registered") }
        }

        // muck-approvals
        var keys = Set<String>()
        for r in s[.muckApprovals] {
            #expect(!r[0].isEmpty && keys.insert(r[0]).inserted, "approval no \(r[0])")
            #expect(validPlate(r[1]) && !r[2].isEmpty)
            let from = try #require(date(r[3])), to = try #require(date(r[4]))
            #expect(from <= to, "\(r)")
            #expect(["", "有效", "撤销"].contains(r[7]))
            #expect(from > s.registry[r[1]]!.firstRegistered, "approved before registration: \(r)")
        }
        inRegistry(.muckApprovals, 1)

        // transport-licenses
        keys = []
        for r in s[.transportLicenses] {
            #expect(!r[0].isEmpty && keys.insert(r[0]).inserted, "licence no \(r[0])")
            #expect(validPlate(r[1]) && !r[2].isEmpty && !r[3].isEmpty)
            #expect(date(r[4]) != nil, "\(r)")
            #expect(r[2] == s.registry[r[1]]!.owner, "operator is the owner")
        }
        inRegistry(.transportLicenses, 1)

        // enterprises
        var enterprises: [String: (builtUp: Bool, township: String)] = [:]
        for r in s[.enterprises] {
            #expect(r[0].hasPrefix("XMQY") && enterprises[r[0]] == nil)
            #expect(!r[1].isEmpty && !r[4].isEmpty)
            #expect(TownshipTable.xinmi.canonicalName(r[2]) == r[2], "township \(r[2])")
            #expect(["是", "否"].contains(r[3]))
            enterprises[r[0]] = (r[3] == "是", r[2])
        }
        #expect(Set(s[.enterprises].map { $0[1] }).count == s[.enterprises].count, "enterprise names unique")

        // enterprise-fleet
        var pairs = Set<String>()
        for r in s[.enterpriseFleet] {
            #expect(enterprises[r[0]] != nil, "unknown enterprise \(r[0])")
            #expect(validPlate(r[1]) && pairs.insert(r[0] + r[1]).inserted)
            #expect(r[2].isEmpty || date(r[2]) != nil)
            #expect(["", "在用", "停用"].contains(r[3]))
        }
        inRegistry(.enterpriseFleet, 1)

        // sanitation-fleet
        keys = []
        for r in s[.sanitationFleet] {
            #expect(validPlate(r[0]) && keys.insert(r[0]).inserted && !r[1].isEmpty)
            #expect(date(r[2]) != nil, "\(r)")
        }
        inRegistry(.sanitationFleet, 0)

        // inspections
        keys = []
        let kinds: Set = ["夜查", "路检", "遥感", "工地", "消纳场"], results: Set = ["合格", "超标", "渣土运输", "其他"]
        for r in s[.inspections] {
            let at = try #require(CivilDateTime(parsing: r[1]), "\(r)")
            #expect(at.date >= day(2020, 5, 1) && at.date <= day(2020, 11, 30))
            #expect(r[1].count == 19, "yyyy-MM-dd HH:mm:ss: \(r[1])")
            #expect(validPlate(r[2]), "plate \(r[2])")
            #expect(kinds.contains(r[3]) && results.contains(r[4]))
            let key = r[0].isEmpty ? "\(r[1])|\(r[2])|\(r[3])" : r[0]
            #expect(keys.insert(key).inserted, "duplicate inspection key \(key)")
        }

        // gate-log
        keys = []
        for r in s[.gateLog] {
            #expect(enterprises[r[0]] != nil)
            #expect(validPlate(r[1]))
            let at = try #require(CivilDateTime(parsing: r[2]))
            #expect(at.date >= day(2020, 10, 15) && at.date <= day(2020, 12, 1))
            #expect(["进", "出"].contains(r[3]))
            #expect(keys.insert(r[0] + r[1] + r[2] + r[3]).inserted, "duplicate gate key \(r)")
        }

        // alerts
        keys = []
        for r in s[.alerts] {
            #expect(AlertLevel.parse(r[0]) != nil)
            let start = try #require(CivilDateTime(parsing: r[1]))
            if !r[2].isEmpty { #expect(try #require(CivilDateTime(parsing: r[2])) > start) }
            #expect(keys.insert(r[3]).inserted && r[3].hasPrefix("新密重污染〔2020〕") && r[3].hasSuffix("号"))
        }
    }

    @Test func sharesAreRoughlyAsIntended() throws {
        let s = SampleSet(vehicles: 10_000, seed: 99)
        let n = Double(s.registry.count)
        let goods = s.registry.values.filter { $0.vehicleType.isGoods }
        let heavy = s.registry.values.filter { $0.vehicleType.isGoods && $0.vehicleType.sizeClass == .heavy && !$0.status.isGone }
        func plates(_ f: SampleFile, _ col: Int) -> Set<String> { Set(s[f].map { $0[col] }) }

        let approved = plates(.muckApprovals, 1)
        let muckShare = Double(approved.count) / Double(goods.count)
        let muckDump = Double(approved.filter { s.registry[$0]!.vehicleType.isDumpBody }.count) / Double(approved.count)
        let licensed = plates(.transportLicenses, 1)
        let licenceShare = Double(licensed.count) / n
        let licenceFR = Double(licensed.filter { s.registry[$0]!.useNature.isOperatingGoods }.count) / Double(licensed.count)
        let filed = plates(.enterpriseFleet, 1)
        let filedShare = Double(filed.count) / Double(heavy.count)
        let sanitationShare = Double(s[.sanitationFleet].count) / n
        let inspected = plates(.inspections, 2).filter { s.registry[$0] != nil }
        let inspectedShare = Double(inspected.count) / n
        let records = s[.inspections]
        let unregistered = Double(records.filter { s.registry[$0[2]] == nil }.count) / Double(records.count)
        let unnumbered = Double(records.filter { $0[0].isEmpty }.count) / Double(records.count)
        let gatePerVehicle = Double(s[.gateLog].count) / n
        let builtUp = s[.enterprises].filter { $0[3] == "是" }.count
        let perVehicle = Dictionary(grouping: records.filter { s.registry[$0[2]] != nil }, by: { $0[2] }).values.map(\.count)

        print("evidence shares: muck \(muckShare) of goods (dump \(muckDump)), licences \(licenceShare) (F/R \(licenceFR)), "
              + "filed \(filedShare) of active heavy trucks, sanitation \(sanitationShare), inspected \(inspectedShare) "
              + "(unregistered records \(unregistered), without 记录编号 \(unnumbered)), gate rows per vehicle \(gatePerVehicle), "
              + "enterprises \(s[.enterprises].count) (built-up \(builtUp))")
        #expect((0.055...0.085).contains(muckShare))
        #expect(muckDump > 0.75)
        #expect((0.35...0.45).contains(licenceShare))
        #expect(licenceFR > 0.85)
        #expect((0.07...0.13).contains(filedShare))
        #expect((0.006...0.015).contains(sanitationShare))
        #expect((0.21...0.29).contains(inspectedShare))
        #expect(perVehicle.allSatisfy { (1...3).contains($0) } && perVehicle.contains(3))
        #expect((0.035...0.07).contains(unregistered))
        #expect((0.05...0.15).contains(unnumbered))
        #expect((2.0...4.0).contains(gatePerVehicle))
        #expect(s[.enterprises].count == 40)
        #expect((11...16).contains(builtUp))
        #expect(s[.alerts].count >= 4 && s[.alerts].count <= 6)
    }

    @Test func evidenceAgreesWithTheRegistration() throws {
        let s = SampleSet(vehicles: 3000, seed: 5)
        // The generator's idea of the stage is the registry's (declared, or inferred by rules.md §1).
        for (plate, row) in s.rows {
            let e = try #require(s.emission(plate))
            if row.isZeroEmission { #expect(e.low == .ZE) } else { #expect(e.low.rawValue == row.stage, "\(plate): \(e) ≠ \(row.stage)") }
            #expect(row.gone == s.registry[plate]!.status.isGone)
        }
        for r in s[.muckApprovals] { #expect(s.registry[r[1]]!.vehicleType.isGoods && !s.registry[r[1]]!.status.isGone) }
        for r in s[.enterpriseFleet] {
            let reg = s.registry[r[1]]!
            #expect(reg.vehicleType.isGoods && reg.vehicleType.sizeClass == .heavy && !reg.status.isGone)
        }
        for r in s[.sanitationFleet] {
            let reg = s.registry[r[0]]!
            #expect(["H2", "H3"].contains(reg.vehicleType.code.prefix(2)) && !reg.status.isGone)
        }
        // Registered plates in the gate log are active trucks.
        for r in s[.gateLog] {
            if let reg = s.registry[r[1]] { #expect(reg.vehicleType.isGoods && !reg.status.isGone) }
        }
        // Within a truck's gate rows: times increase, 进 and 出 alternate, starting with 进.
        var last: [String: (String, String)] = [:]
        for r in s[.gateLog] {
            if let (t, dir) = last[r[1]] {
                #expect(r[2] > t, "\(r[1]): \(r[2]) after \(t)")
                #expect(r[3] != dir, "\(r[1]) \(r[2]): \(dir) twice")
            } else {
                #expect(r[3] == "进")
            }
            last[r[1]] = (r[2], r[3])
        }
    }

    @Test func theOverlapsTheRulesLookFor() throws {
        let s = SampleSet(vehicles: 5000, seed: 2020)
        struct Approval { let from: CivilDate, to: CivilDate, revoked: Bool }
        var approvals: [String: [Approval]] = [:]
        for r in s[.muckApprovals] {
            approvals[r[1], default: []].append(Approval(from: date(r[3])!, to: date(r[4])!, revoked: r[7] == "撤销"))
        }
        func approved(_ plate: String, on d: CivilDate) -> Bool {
            approvals[plate, default: []].contains { !$0.revoked && $0.from <= d && d <= $0.to }
        }
        let all = approvals.values.flatMap { $0 }
        #expect(all.contains { $0.revoked }, "a revoked approval")
        #expect(all.contains { !$0.revoked && $0.to < day(2020, 11, 1) }, "an expired approval")
        #expect(all.contains { $0.from > day(2020, 11, 1) }, "an approval that starts later")
        #expect(all.contains { !$0.revoked && $0.from <= day(2020, 11, 15) && day(2020, 11, 15) <= $0.to }, "one valid in November")
        #expect(approvals.values.contains { $0.count == 2 }, "a truck with two approvals")

        // Muck sightings, with and without an approval valid that day, of dump trucks, and of trucks from elsewhere.
        let sightings = s[.inspections].filter { $0[4] == "渣土运输" }
        let registered = sightings.filter { s.registry[$0[2]] != nil }
        let covered = registered.filter { approved($0[2], on: CivilDateTime(parsing: $0[1])!.date) }
        let uncovered = registered.filter { !approved($0[2], on: CivilDateTime(parsing: $0[1])!.date) }
        #expect(!covered.isEmpty && !uncovered.isEmpty)
        #expect(uncovered.contains { approvals[$0[2]] != nil }, "a sighting of an approved truck outside its approval")
        #expect(uncovered.contains { approvals[$0[2]] == nil && s.registry[$0[2]]!.vehicleType.isDumpBody })
        let atSites = Double(sightings.filter { ["工地", "消纳场"].contains($0[3]) }.count) / Double(sightings.count)
        let ofDump = Double(registered.filter { s.registry[$0[2]]!.vehicleType.isDumpBody }.count) / Double(registered.count)
        #expect(atSites == 1 && ofDump > 0.8)
        #expect(sightings.contains { s.registry[$0[2]] == nil }, "a sighting of a truck from elsewhere")

        // Inspections of plates not in the registry, from other provinces and cities.
        let unregistered = s[.inspections].filter { s.registry[$0[2]] == nil }
        #expect(unregistered.contains { $0[2].hasPrefix("晋") })
        #expect(unregistered.contains { $0[2].hasPrefix("豫") && !$0[2].hasPrefix("豫A") })
        #expect(s[.inspections].contains { $0[0].isEmpty }, "records without 记录编号")
        let nightAroundMidnight = s[.inspections].filter {
            $0[3] == "夜查" && { (h: Int) in h >= 22 || h < 3 }(Int($0[1].dropFirst(11).prefix(2))!)
        }
        #expect(nightAroundMidnight.count == s[.inspections].filter { $0[3] == "夜查" }.count)
        #expect(s[.inspections].contains { $0[3] == "夜查" && $0[1].dropFirst(11).hasPrefix("00:") })

        // Over standard, and passed since; over standard and not.
        var emissionChecks: [String: [(String, String)]] = [:]
        for r in s[.inspections] where ["夜查", "路检", "遥感"].contains(r[3]) && ["合格", "超标"].contains(r[4]) {
            emissionChecks[r[2], default: []].append((r[1], r[4]))
        }
        #expect(emissionChecks.values.contains { l in
            l.contains { o in o.1 == "超标" && l.contains { $0.1 == "合格" && $0.0 > o.0 } }
        }, "over standard, later passed")
        #expect(emissionChecks.values.contains { $0.max { $0.0 < $1.0 }!.1 == "超标" }, "still over standard")

        // Filed trucks of every kind of engine; a diesel 国IV-or-older truck filed in use at a built-up-area enterprise.
        let builtUp = Set(s[.enterprises].filter { $0[3] == "是" }.map { $0[0] })
        let filed = s[.enterpriseFleet]
        func stage(_ r: [String]) -> EmissionAssessment { s.emission(r[1])! }
        #expect(filed.contains { r in
            builtUp.contains(r[0]) && r[3] != "停用" && s.registry[r[1]]!.fuel.isDiesel && stage(r).isAtMost(.IV) == true
        })
        #expect(filed.contains { s.registry[$0[1]]!.fuel.isDiesel && stage($0).low >= .V && stage($0).low != .ZE })
        #expect(filed.contains { s.registry[$0[1]]!.fuel.code == "E" })
        #expect(filed.contains { $0[3] == "停用" })
        #expect(filed.contains { r in filed.filter { $0[1] == r[1] }.count == 2 }, "a truck filed at two enterprises")

        // Gate traffic by unfiled registered trucks and by unregistered ones, during the orange alert too.
        let filedPlates = Set(filed.map { $0[1] })
        #expect(s[.gateLog].contains { s.registry[$0[1]] != nil && !filedPlates.contains($0[1]) })
        #expect(s[.gateLog].contains { s.registry[$0[1]] == nil })
        #expect(s[.gateLog].contains { $0[3] == "进" && $0[2] >= "2020-11-18" && $0[2] < "2020-11-24" && builtUp.contains($0[0]) })

        // A sanitation vehicle bought from 2020-10-01 that is not new energy (SANITATION_NOT_NEV), and a new-energy one.
        #expect(s[.sanitationFleet].contains { r in
            let reg = s.registry[r[0]]!
            return date(r[2])! >= day(2020, 10, 1) && !reg.fuel.isZeroEmission && reg.plateType?.isNewEnergy != true
        })
        #expect(s[.sanitationFleet].contains { s.registry[$0[0]]!.fuel.isZeroEmission })

        // Licences: expired and valid; approvals of trucks that also hold a licence.
        #expect(s[.transportLicenses].contains { date($0[4])! < day(2020, 11, 1) })
        #expect(s[.transportLicenses].contains { date($0[4])! > day(2021, 1, 1) })

        // Alerts: a yellow; an orange upgraded to red (overlapping); one still open.
        struct Alert { let level: AlertLevel, start: CivilDateTime, end: CivilDateTime? }
        let alerts = s[.alerts].map { Alert(level: AlertLevel.parse($0[0])!, start: CivilDateTime(parsing: $0[1])!,
                                            end: $0[2].isEmpty ? nil : CivilDateTime(parsing: $0[2])) }
        #expect(alerts.contains { $0.level == .yellow })
        #expect(alerts.contains { o in
            o.level == .orange && alerts.contains { r in
                r.level == .red && r.start > o.start && r.start < (o.end ?? r.start) && (r.end ?? r.start) <= (o.end ?? r.start)
            }
        })
        #expect(alerts.contains { $0.end == nil })
        #expect(alerts.allSatisfy { $0.start.date >= day(2020, 11, 1) && $0.start.date <= day(2020, 12, 31) })
    }

    @Test func gateLogOfAnySize() throws {
        let g = SampleGenerator(vehicles: 2000, seed: 11)
        var natural: [String] = []
        g.evidenceLines { f, line in if f == .gateLog { natural.append(line) } }
        // With the natural size, the same lines as gate-log.csv.
        var same: [String] = []
        g.gateLogLines(rows: natural.count - 1) { same.append($0) }
        #expect(same == natural)

        let header = natural[0]
        for rows in [0, 1, 7, 1000, 25_000] {
            var lines: [String] = []
            g.gateLogLines(rows: rows) { lines.append($0) }
            #expect(lines.count == rows + 1 && lines[0] == header, "\(rows) rows")
            var keys = Set<String>()
            for l in lines.dropFirst() {
                let r = fields(l)
                #expect(r.count == 5 && keys.insert(r[0] + r[1] + r[2] + r[3]).inserted, "\(l)")
                #expect(CivilDateTime(parsing: r[2]) != nil)
            }
            if rows == 25_000 {
                // Spread over the trucks and the period, not piled on the first ones.
                let plates = Set(lines.dropFirst().map { fields($0)[1] })
                #expect(plates.count > 50)
                #expect(lines.dropFirst().contains { $0.contains(",2020-11-30 ") })
            }
        }
        // A set too small for gate traffic still gives the rows asked for.
        var tiny: [String] = []
        SampleGenerator(vehicles: 3, seed: 1).gateLogLines(rows: 10) { tiny.append($0) }
        #expect(tiny.count == 11)
        var none: [String] = []
        SampleGenerator(vehicles: 0, seed: 1).gateLogLines(rows: 10) { none.append($0) }
        #expect(none.count == 1)
    }
}
