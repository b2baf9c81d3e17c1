import Foundation
import Testing
import FleetCore
@testable import FleetReports

/// Splits one CSV line (RFC 4180 quoting, CRLF ending) into its fields.
func splitCSVLine(_ line: String) -> [String] {
    var s = Substring(line)
    if s.hasSuffix("\r\n") { s = s.dropLast() }   // CRLF is one Character
    var fields: [String] = []
    var field = ""
    var quoted = false
    var chars = s.makeIterator()
    var pending: Character? = nil
    while let c = pending ?? chars.next() {
        pending = nil
        if quoted {
            if c == "\"" {
                if let n = chars.next() {
                    if n == "\"" { field.append("\"") } else { quoted = false; pending = n }
                } else { quoted = false }
            } else { field.append(c) }
        } else if c == "\"" && field.isEmpty {
            quoted = true
        } else if c == "," {
            fields.append(field); field = ""
        } else {
            field.append(c)
        }
    }
    fields.append(field)
    return fields
}

private func tempDir(_ name: String) -> String {
    let dir = NSTemporaryDirectory() + "fleetreg-sample-\(name)-\(ProcessInfo.processInfo.processIdentifier)"
    try? FileManager.default.removeItem(atPath: dir)
    return dir
}

private let fieldOrder: [VehicleRegistration.Field] = [
    .plate, .plateType, .vin, .vehicleType, .useNature, .fuel, .emissionStandard, .firstRegistered,
    .grossMassKg, .owner, .address, .township, .status, .statusDate, .phone,
]

/// The lines of a set, parsed, with the generator's own rows.
private func generate(_ vehicles: Int, seed: UInt64) -> (lines: [String], rows: [SampleVehicleRow]) {
    let g = SampleGenerator(vehicles: vehicles, seed: seed)
    var lines: [String] = []
    g.vehicleLines { lines.append($0) }
    var rows: [SampleVehicleRow] = []
    g.vehicleRows { rows.append($0) }
    return (lines, rows)
}

@Suite struct SampleGeneratorTests {
    @Test func sameSeedSameBytesDifferentSeedDifferent() throws {
        let a = tempDir("a"), b = tempDir("b"), c = tempDir("c")
        defer { for d in [a, b, c] { try? FileManager.default.removeItem(atPath: d) } }
        let fa = try SampleGenerator(vehicles: 2000, seed: 20201101).write(to: a)
        let fb = try SampleGenerator(vehicles: 2000, seed: 20201101).write(to: b + "/")
        let fc = try SampleGenerator(vehicles: 2000, seed: 20201102).write(to: c)
        #expect(fa.first == a + "/vehicles.csv" && fa.count == SampleFile.allCases.count)
        #expect(fb.first == b + "/vehicles.csv" && fb.count == SampleFile.allCases.count)
        let da = try Data(contentsOf: URL(fileURLWithPath: fa[0]))
        let db = try Data(contentsOf: URL(fileURLWithPath: fb[0]))
        let dc = try Data(contentsOf: URL(fileURLWithPath: fc[0]))
        #expect(da == db)
        #expect(da != dc)

        // BOM, CRLF, the header of data.md, and the same bytes as the streamed lines.
        #expect(Array(da.prefix(3)) == CSVFormat.utf8BOM)
        var streamed: [UInt8] = CSVFormat.utf8BOM
        var count = 0
        SampleGenerator(vehicles: 2000, seed: 20201101).vehicleLines { line in
            #expect(line.hasSuffix("\r\n"))
            #expect(!line.utf8.dropLast(2).contains(0x0A) && !line.utf8.dropLast(2).contains(0x0D))
            streamed += Array(line.utf8)
            count += 1
        }
        #expect(count == 2001)
        #expect(Data(streamed) == da)
        let header = String(decoding: da.dropFirst(3).prefix(while: { $0 != 0x0D }), as: UTF8.self)
        #expect(header == "号牌号码,号牌种类,车辆识别代号,车辆类型,使用性质,燃料种类,排放标准,初次登记日期,总质量,所有人,住所地址,所属乡镇,机动车状态,状态变更日期,联系电话")

        // A known prefix of the stream never changes with the set size.
        var small: [String] = []
        SampleGenerator(vehicles: 50, seed: 20201101).vehicleLines { small.append($0) }
        var big: [String] = []
        SampleGenerator(vehicles: 100, seed: 20201101).vehicleLines { big.append($0) }
        #expect(Array(big.prefix(51)) == small)
    }

    @Test func everyRowValidates() throws {
        let (lines, rows) = generate(2000, seed: 7)
        #expect(lines.count == 2001 && rows.count == 2000)
        #expect(splitCSVLine(lines[0]) == SampleGenerator.vehicleHeader)
        var plates = Set<String>()
        var vinPlates: [String: Int] = [:]
        for (n, line) in lines.dropFirst().enumerated() {
            let fields = splitCSVLine(line)
            let row = rows[n]
            #expect(fields == row.fields, "line \(n + 2)")
            #expect(line == CSVFormat.line(row.fields), "line \(n + 2) is quoted as FleetCore quotes")
            #expect(fields.count == 15)
            var byField: [VehicleRegistration.Field: String] = [:]
            for (f, v) in zip(fieldOrder, fields) { byField[f] = v }
            let result = VehicleRegistration.validate({ byField[$0] ?? "" }, townships: .xinmi)
            guard let reg = result.value else {
                Issue.record("line \(n + 2) invalid: \(result.problems.map { "\($0.field.rawValue)=\($0.value): \($0.reason.en)" }) — \(line)")
                continue
            }
            #expect(plates.insert(reg.plate.text).inserted, "duplicate plate \(reg.plate.text)")
            vinPlates[reg.vin.text, default: 0] += 1
            #expect(reg.vin.checkDigitIsValid == !row.wrongCheckDigit, "VIN \(reg.vin.text)")
            #expect(reg.township == row.township, "line \(n + 2): \(reg.township) ≠ \(row.township) — \(line)")
            // Gross mass consistent with the size class.
            if let m = reg.grossMassKg {
                switch reg.vehicleType.sizeClass {
                case .heavy: #expect(m > 12_000)
                case .medium: #expect((4_500...12_000).contains(m))
                case .light: #expect((1_800...4_500).contains(m))
                case .micro: #expect(m < 1_800)
                default: break
                }
            } else {
                #expect(!reg.vehicleType.requiresGrossMass)
            }
            // Plate type consistent with the plate and the fuel.
            if reg.plate.format == .trailer { #expect(reg.vehicleType.family == "B" || reg.vehicleType.family == "G") }
            if reg.plate.isNewEnergy { #expect(reg.fuel.code == "C") }
            // Dates in range; a status date not before the first registration.
            #expect(reg.firstRegistered >= CivilDate(year: 2000, month: 1, day: 1)!)
            #expect(reg.firstRegistered <= SampleVehicleMaker.extractDate)
            if let sd = reg.statusDate {
                #expect(sd >= reg.firstRegistered && sd <= SampleVehicleMaker.extractDate)
            }
            if reg.status.isGone { #expect(reg.statusDate != nil) }
            if let phone = reg.phone, !phone.hasPrefix("0371-") {
                #expect(phone.count == 11 && phone.allSatisfy(\.isNumber) && ["13", "15", "18"].contains(String(phone.prefix(2))))
            }
        }
        #expect(lines.contains { $0.contains("\",") || $0.contains(",\"") }, "some quoted values")
        let duplicated = vinPlates.values.filter { $0 > 1 }.count
        #expect(duplicated >= 1 && duplicated <= 10, "duplicate VINs: \(duplicated)")
        #expect(rows.filter(\.duplicateVIN).count == 2)
    }

    @Test func sharesAreRoughlyAsIntended() throws {
        let (_, rows) = generate(5000, seed: 99)
        var regs: [VehicleRegistration] = []
        for row in rows {
            var byField: [VehicleRegistration.Field: String] = [:]
            for (f, v) in zip(fieldOrder, row.fields) { byField[f] = v }
            regs.append(try #require(VehicleRegistration.validate({ byField[$0] ?? "" }, townships: .xinmi).value))
        }
        let n = Double(regs.count)
        func share(_ p: (VehicleRegistration) -> Bool) -> Double { Double(regs.filter(p).count) / n }

        let blankEmission = share { $0.declaredStage == nil }
        let dump = share { $0.vehicleType.isDumpBody }
        let local = share { $0.plate.prefix == "豫A" }
        let goods = share { $0.vehicleType.isGoods }
        let gone = share { $0.status.isGone }
        let declaredTownship = share { $0.townshipSource == .declared }
        let unassigned = share { $0.townshipSource == .unassigned }
        let addressUnmatched = share { TownshipTable.xinmi.resolve(declared: nil, address: $0.address).source == .unassigned }
        let wrongCheck = share { !$0.vin.checkDigitIsValid }
        let operating = share { $0.useNature.isOperatingGoods }
        let trailers = share { $0.plateType?.code == "15" }
        let newEnergy = share { $0.plateType?.isNewEnergy == true }
        let heavyDiesel = regs.filter { $0.vehicleType.sizeClass == .heavy && $0.vehicleType.isGoods }
        let diesel = Double(heavyDiesel.filter { $0.fuel.isDiesel }.count) / Double(heavyDiesel.count)
        let goodsRegs = regs.filter { $0.vehicleType.isGoods && $0.plate.format == .ordinary }
        let yellow = Double(goodsRegs.filter { $0.plateType?.code == "01" }.count) / Double(goodsRegs.count)
        let company = share { $0.owner.hasSuffix("公司") || $0.owner.hasSuffix("局") }

        print("shares: blank emission \(blankEmission), dump \(dump), 豫A \(local), goods \(goods), gone \(gone), "
              + "所属乡镇 \(declaredTownship), 未匹配 \(unassigned), address without township \(addressUnmatched), bad check digit \(wrongCheck), F/R \(operating), "
              + "trailers \(trailers), NEV plates \(newEnergy), heavy diesel \(diesel), yellow goods \(yellow), company \(company)")
        #expect((0.20...0.40).contains(blankEmission))
        #expect((0.08...0.25).contains(dump))
        #expect((0.80...0.90).contains(local))
        #expect((0.80...0.95).contains(goods))
        #expect((0.04...0.14).contains(gone))
        #expect((0.33...0.47).contains(declaredTownship))
        #expect((0.01...0.08).contains(unassigned))
        #expect((0.03...0.08).contains(addressUnmatched))
        #expect((0.005...0.04).contains(wrongCheck))
        #expect((0.45...0.75).contains(operating))
        #expect((0.03...0.15).contains(trailers))
        #expect((0.005...0.06).contains(newEnergy))
        #expect(diesel > 0.8)
        #expect(yellow > 0.6)
        #expect((0.25...0.65).contains(company))
        #expect(regs.contains { $0.vehicleType.code == "K33" })
        #expect(regs.contains { $0.vehicleType.code == "Z51" })
        #expect(regs.contains { $0.vehicleType.code == "Q11" })
        #expect(regs.contains { $0.plateType?.code == "51" && $0.fuel.code == "C" })
        #expect(regs.contains { ["E", "P", "M", "B"].contains($0.status.letters) })
        #expect(regs.contains { $0.status.letters == "GQ" })
        // Varied written forms of the emission standard.
        let forms = Set(rows.map { $0.fields[6] }.filter { !$0.isEmpty })
        #expect(forms.count >= 15)
        #expect(forms.contains { $0.hasPrefix("China ") })
        #expect(forms.contains { $0.contains("Ⅳ") || $0.contains("Ⅴ") })
        // The quota population (rules.md §6) is not empty: heavy/medium diesel F/R trucks ≤ 国III.
        let quota = regs.filter {
            $0.vehicleType.isGoods && $0.fuel.isDiesel && [.heavy, .medium].contains($0.vehicleType.sizeClass)
                && $0.useNature.isOperatingGoods && ($0.declaredStage.map { $0 <= .III } ?? false)
        }
        #expect(quota.count > 100)
    }

    @Test func streamsQuickly() throws {
        let clock = ContinuousClock()
        var bytes = 0
        var lines = 0
        let elapsed = clock.measure {
            SampleGenerator(vehicles: 100_000, seed: 1).vehicleLines { line in
                bytes += line.utf8.count
                lines += 1
            }
        }
        print("100,000 vehicles: \(lines) lines, \(bytes) bytes in \(elapsed)")
        #expect(lines == 100_001)
        #expect((120_000_00...180_000_00).contains(bytes))
    }
}
