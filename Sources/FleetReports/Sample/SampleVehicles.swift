import FleetCore
import Foundation

/// One generated row, with what the generator meant by it.
struct SampleVehicleRow {
    /// The 15 values in `SampleGenerator.vehicleHeader` order.
    var fields: [String] = []
    /// The township the row should resolve to (所属乡镇 if written, else from the address, else 未匹配).
    var township: String = ""
    /// Whether the VIN was copied from an earlier row (DUPLICATE_VIN).
    var duplicateVIN = false
    /// Whether the VIN was given a wrong check digit on purpose (VIN_CHECK_DIGIT).
    var wrongCheckDigit = false
}

/// Makes the rows of the sample registration extract, in order.
///
/// Each row draws from its own SplitMix64 stream (seed, row index); only the plate counters and a
/// ring of recent VINs carry over from row to row, so the output depends on nothing but
/// (vehicles, seed). Rough shares:
///
/// - plates: 85% 豫A, the rest other Henan prefixes and neighbouring provinces; unique (see
///   `PlateSerials`); 01 yellow for heavy/medium trucks and tractors, 01 or 02 for light trucks,
///   15 + 挂 for trailers, 51/52 new-energy plates for most electric vehicles from 2018.
/// - types: heavy trucks H1x 33%, light H3x 26%, tractors Q11 11%, medium H2x 9%, trailers B/G 8%,
///   micro H4x 5%, Z51 3%, a few K33/K31/K39 cars, H5x low-speed and Z21/Z71; dump bodies ≈ 17%.
/// - fuel: diesel for most heavy vehicles, LNG (E) and electric (C) from the 2010s, petrol (A) for
///   micro trucks and cars, 无 (Y) for trailers. Use nature F ≈ 60%, A ≈ 35%, R for tankers.
/// - first registration 2000 – October 2020, skewed to recent years; 排放标准 written in varied
///   forms for ≈ 70%, consistent with the date (rules.md §1), blank for ≈ 30%.
/// - status A mostly; ≈ 8% gone (E, P, B, M; older vehicles more often) with a status date, some
///   G, Q, GQ.
/// - owners: persons (Chinese names, mobile phones) or companies (新密市鑫达物流有限公司…, shared
///   by several vehicles); addresses in the 17 townships written in full, short or alias form,
///   ≈ 5% matching no township; 所属乡镇 filled for ≈ 40%.
/// - VINs: valid alphabet and check digit, unique (positions 11–17 come from a permutation of the
///   row index), except ≈ 2% wrong check digits and one row in a thousand copying a recent VIN.
/// - ≈ 3% of rows write codes by their Chinese names (柴油, 重型自卸货车, 正常); dates are mostly
///   2020-01-02, sometimes 2020/1/2 or 20200102; ≈ 0.5% of addresses hold a comma (quoted).
struct SampleVehicleMaker {
    let seed: UInt64
    private var plates: PlateSerials
    private let vinSerials: ScatterPermutation
    private let companyPool: Int
    private var vinRing: [String] = []
    private var vinRingNext = 0

    /// The extract's date: nothing happens after it.
    static let extractDate = CivilDate(year: 2020, month: 10, day: 31)!

    init(vehicles: Int, seed: UInt64) {
        self.seed = seed
        plates = PlateSerials(seed: seed)
        vinSerials = ScatterPermutation(size: 33 * 1_000_000, key: SplitMix64.mix(seed ^ 0x0056_494E))
        companyPool = max(20, vehicles / 25)
        vinRing.reserveCapacity(64)
    }

    // MARK: Kinds and types

    enum Kind: Int {
        case heavy, tractor, medium, light, micro, lowSpeed, semiTrailer, fullTrailer, specialHeavy, specialLight, car

        var isTrailer: Bool { self == .semiTrailer || self == .fullTrailer }
        var isLarge: Bool { self == .heavy || self == .tractor || self == .medium || self == .specialHeavy }
    }

    static let kinds = Weighted<Kind>([
        (.heavy, 330), (.tractor, 105), (.medium, 85), (.light, 245), (.micro, 50), (.lowSpeed, 8),
        (.semiTrailer, 65), (.fullTrailer, 10), (.specialHeavy, 30), (.specialLight, 5), (.car, 15),
    ])

    /// Body codes by kind (weights); dump bodies are H17, H1B–H1G, H27, H2B, H37, H3B, H4B, H54, B16, G16.
    static let types: [Weighted<String>] = [
        Weighted([("H11", 18), ("H12", 7), ("H13", 3), ("H14", 6), ("H15", 4), ("H16", 1), ("H17", 22), ("H18", 2),
                  ("H19", 18), ("H1A", 1), ("H1B", 2), ("H1C", 1), ("H1D", 2), ("H1E", 1), ("H1F", 1), ("H1G", 2)]),
        Weighted([("Q11", 92), ("Q21", 4), ("Q12", 2), ("Q31", 2)]),
        Weighted([("H21", 30), ("H22", 20), ("H23", 5), ("H24", 8), ("H25", 3), ("H27", 18), ("H29", 15), ("H2B", 1)]),
        Weighted([("H31", 30), ("H32", 30), ("H33", 5), ("H34", 3), ("H35", 2), ("H37", 7), ("H38", 2), ("H39", 20),
                  ("H3B", 1)]),
        Weighted([("H41", 45), ("H42", 35), ("H43", 5), ("H47", 12), ("H4B", 3)]),
        Weighted([("H51", 50), ("H52", 15), ("H54", 30), ("H55", 5)]),
        Weighted([("B11", 25), ("B12", 10), ("B13", 10), ("B14", 10), ("B15", 5), ("B16", 15), ("B17", 3), ("B18", 15),
                  ("B1B", 5), ("B21", 2)]),
        Weighted([("G11", 40), ("G16", 20), ("G18", 20), ("G14", 10), ("G21", 10)]),
        Weighted([("Z51", 100)]),
        Weighted([("Z71", 60), ("Z21", 40)]),
        Weighted([("K33", 80), ("K31", 10), ("K39", 10)]),
    ]

    static let typeNames: [String: String] = {
        var m: [String: String] = [:]
        for t in VehicleType.all { m[t.code] = t.chineseName }
        return m
    }()
    static let fuelNames: [String: String] = {
        var m: [String: String] = [:]
        for f in Fuel.all { m[f.code] = f.chineseName }
        return m
    }()
    static let useNames: [String: String] = {
        var m: [String: String] = [:]
        for u in UseNature.all { m[u.code] = u.chineseName }
        return m
    }()
    static let plateTypeNames: [String: String] = ["01": "大型汽车", "02": "小型汽车", "15": "挂车", "51": "大型新能源汽车",
                                                   "52": "小型新能源汽车"]
    static let tankers: Set<String> = ["H14", "H24", "H34", "H1C", "B13"]
    static let dumpBodies: Set<String> = ["H17", "H1B", "H1C", "H1D", "H1E", "H1F", "H1G", "H27", "H2B", "H37", "H3B",
                                          "H4B", "H54", "B16", "G16"]

    // MARK: Plates

    static let otherPrefixes = Weighted<String>([
        ("豫B", 4), ("豫C", 5), ("豫D", 6), ("豫E", 4), ("豫F", 3), ("豫G", 6), ("豫H", 6), ("豫J", 3), ("豫K", 8),
        ("豫L", 3), ("豫M", 2), ("豫N", 4), ("豫P", 5), ("豫Q", 4), ("豫R", 5), ("豫S", 3), ("豫U", 2),
        ("晋E", 8), ("晋A", 2), ("冀D", 3), ("鲁R", 2), ("皖K", 3), ("陕A", 2), ("鄂F", 1), ("苏C", 1),
    ])

    // MARK: Emission (rules.md §1, the default tables)

    private static func d(_ y: Int, _ m: Int, _ day: Int) -> Int { CivilDate(year: y, month: m, day: day)!.dayNumber }
    /// Start days of 国I…国VI: diesel > 3.5 t, other > 3.5 t, diesel ≤ 3.5 t, other ≤ 3.5 t.
    static let stageStarts: [[Int]] = [
        [d(2001, 9, 1), d(2004, 9, 1), d(2008, 7, 1), d(2013, 7, 1), d(2017, 7, 1), d(2021, 7, 1)],
        [d(2001, 9, 1), d(2004, 9, 1), d(2008, 7, 1), d(2013, 7, 1), d(2017, 7, 1), d(2019, 7, 1)],
        [d(2000, 1, 1), d(2004, 7, 1), d(2008, 7, 1), d(2015, 1, 1), d(2018, 1, 1), d(2020, 7, 1)],
        [d(2000, 1, 1), d(2004, 7, 1), d(2007, 7, 1), d(2011, 7, 1), d(2017, 1, 1), d(2020, 7, 1)],
    ]
    static let romanASCII = ["0", "I", "II", "III", "IV", "V", "VI"]
    static let romanUnicode = ["0", "Ⅰ", "Ⅱ", "Ⅲ", "Ⅳ", "Ⅴ", "Ⅵ"]
    static let chineseNumerals = ["零", "一", "二", "三", "四", "五", "六"]
    static let stageForms = Weighted<Int>([(0, 28), (1, 26), (2, 14), (3, 14), (4, 4), (5, 4), (6, 3), (7, 3), (8, 2)])

    static func writtenStage(_ s: Int, _ rng: inout SplitMix64) -> String {
        if s == 0 { return rng.chance(0.85) ? "国0" : "国零" }
        var text: String
        switch stageForms.pick(&rng) {
        case 0: text = "国" + romanASCII[s]
        case 1: text = "国" + chineseNumerals[s]
        case 2: text = "国\(s)"
        case 3: text = "国" + romanUnicode[s]
        case 4: text = "China " + romanASCII[s]
        case 5: text = "国" + chineseNumerals[s] + "标准"
        case 6: text = "国家第" + chineseNumerals[s] + "阶段"
        case 7: text = "国" + romanUnicode[s] + "标准"
        default: text = romanASCII[s]
        }
        if s == 6, text.hasPrefix("国"), !text.hasSuffix("准"), !text.hasSuffix("段"), rng.chance(0.4) {
            switch rng.below(3) {
            case 0: text += "b"
            case 1: text += "(b)"
            default: text += "a"
            }
        }
        return text
    }

    // MARK: VINs

    static let vinAlphabet: [UInt8] = Array("0123456789ABCDEFGHJKLMNPRSTUVWXYZ".utf8)
    static let vinValue: [Int] = {
        var t = [Int](repeating: -1, count: 128)
        for d in 0...9 { t[48 + d] = d }
        for (l, v) in zip("ABCDEFGHJKLMNPRSTUVWXYZ".utf8, [1, 2, 3, 4, 5, 6, 7, 8, 1, 2, 3, 4, 5, 7, 9, 2, 3, 4, 5, 6, 7, 8, 9]) {
            t[Int(l)] = v
        }
        return t
    }()
    static let vinWeights = [8, 7, 6, 5, 4, 3, 2, 10, 0, 9, 8, 7, 6, 5, 4, 3, 2]
    /// Model-year codes (position 10) for 2000…2021.
    static let yearCodes: [UInt8] = Array("Y123456789ABCDEFGHJKLM".utf8)

    /// The check digit (ISO 3779) of a 17-byte VIN; position 9 itself has weight 0.
    static func checkDigit(_ vin: [UInt8]) -> UInt8 {
        var sum = 0
        for i in 0..<17 { sum += vinValue[Int(vin[i])] * vinWeights[i] }
        let r = sum % 11
        return r == 10 ? UInt8(ascii: "X") : UInt8(48 + r)
    }

    // MARK: Making a row

    mutating func make(index: Int, into row: inout SampleVehicleRow) {
        var rng = SplitMix64(seed: seed, stream: 1, index: UInt64(index))
        typealias V = SampleVocabulary
        let ref = SampleVehicleMaker.extractDate

        let kind = SampleVehicleMaker.kinds.pick(&rng)
        let type = SampleVehicleMaker.types[kind.rawValue].pick(&rng)
        let isDump = SampleVehicleMaker.dumpBodies.contains(type)
        let isTanker = SampleVehicleMaker.tankers.contains(type)
        let named = rng.chance(0.03)
        let dateStyle = rng.below(20)        // 0–16 ISO, 17–18 slashes, 19 compact

        // First registration: 2000 – October 2020, skewed to recent years.
        var year = 2000 + min(20, Int(21 * pow(rng.unit(), 0.4)))
        let olderFloor: Int
        switch kind {
        case .car, .micro: olderFloor = 2003
        default: olderFloor = 2000
        }
        year = max(year, olderFloor)
        let yearStart = CivilDate(year: year, month: 1, day: 1)!.dayNumber
        let daysInYear = year == 2020 ? 300 : (CivilDate(year: year + 1, month: 1, day: 1)!.dayNumber - yearStart)
        var firstReg = yearStart + rng.below(daysInYear)

        // Fuel.
        var fuel: String
        switch kind {
        case .heavy, .tractor, .medium, .specialHeavy:
            fuel = Weighted<String>.pick([("B", 900), ("E", 60), ("C", 30), ("A", 10)], &rng)
        case .light, .specialLight:
            fuel = Weighted<String>.pick([("B", 55), ("A", 35), ("C", 6), ("E", 2), ("F", 1), ("O", 1)], &rng)
        case .micro:
            fuel = Weighted<String>.pick([("A", 80), ("C", 12), ("B", 5), ("O", 3)], &rng)
        case .lowSpeed:
            fuel = rng.chance(0.95) ? "B" : "A"
        case .semiTrailer, .fullTrailer:
            fuel = "Y"
        case .car:
            fuel = Weighted<String>.pick([("A", 80), ("C", 12), ("O", 5), ("E", 3)], &rng)
        }
        if fuel == "C" || fuel == "O" {
            // Electric and hybrid goods vehicles are recent.
            if year < 2015 { year = 2015 + rng.below(6) }
            let ys = CivilDate(year: year, month: 1, day: 1)!.dayNumber
            firstReg = ys + rng.below(year == 2020 ? 300 : 365)
        }
        if fuel == "E" && year < 2010 { fuel = "B" }
        if kind == .lowSpeed && fuel == "A" && year > 2012 { fuel = "B" }

        // Gross mass (kg), consistent with the size class.
        var mass: Int?
        switch type.prefix(2) {
        case "H1", "Z5":
            if isDump || type == "Z51" {
                mass = Weighted<Int>.pick([(25000, 45), (31000, 40), (18000, 10), (24990, 3), (30990, 2)], &rng)
            } else {
                mass = Weighted<Int>.pick([(18000, 35), (25000, 25), (31000, 20), (16000, 5), (14995, 3), (24990, 4),
                                           (30990, 3), (0, 5)], &rng)
                if mass == 0 { mass = rng.int(12_010...32_000) }
            }
        case "Q1": mass = Weighted<Int>.pick([(25000, 55), (18000, 35), (24990, 5), (0, 5)], &rng)
            if mass == 0 { mass = rng.int(15_000...26_000) }
        case "H2", "Q2", "Z2":
            mass = Weighted<Int>.pick([(9995, 12), (7360, 8), (11995, 10), (8275, 6), (5995, 6), (0, 58)], &rng)
            if mass == 0 { mass = rng.int(4_500...12_000) }
        case "H3", "Q3", "Z7":
            mass = Weighted<Int>.pick([(4495, 40), (3495, 12), (4490, 5), (2990, 5), (0, 38)], &rng)
            if mass == 0 { mass = rng.int(1_800...4_495) }
        case "H4": mass = rng.int(1_200...1_795)
        case "H5": mass = rng.int(1_500...4_500)
        case "B1", "G1":
            mass = Weighted<Int>.pick([(40000, 40), (38000, 10), (35000, 10), (30000, 10), (0, 30)], &rng)
            if mass == 0 { mass = rng.int(20_000...40_000) }
        case "B2", "G2": mass = rng.int(6_000...12_000)
        default: // cars: often left blank
            mass = rng.chance(0.6) ? rng.int(1_400...2_150) : nil
        }
        if fuel == "E" || fuel == "C", let m = mass, m > 12_000, m < 24_000 { mass = m + 1000 }   // heavier tanks / batteries

        // Plate.
        let local = rng.chance(0.85)
        let prefix = local ? "豫A" : SampleVehicleMaker.otherPrefixes.pick(&rng)
        var serial: [UInt8] = []
        serial.reserveCapacity(8)
        var plateType: String
        var suffix = ""
        let newEnergyPlate = fuel == "C" && !kind.isTrailer && year >= 2018 && rng.chance(0.95)
        if kind.isTrailer {
            plates.next(.trailer, rng: &rng, into: &serial)
            suffix = "挂"
            plateType = "15"
        } else if newEnergyPlate {
            if kind.isLarge {
                plates.next(.newEnergyLarge, rng: &rng, into: &serial)
                plateType = "51"
            } else {
                plates.next(.newEnergySmall, rng: &rng, into: &serial)
                plateType = "52"
            }
        } else {
            plates.next(.ordinary, rng: &rng, into: &serial)
            switch kind {
            case .light, .specialLight: plateType = rng.chance(0.5) ? "01" : "02"
            case .micro: plateType = rng.chance(0.9) ? "02" : "01"
            case .car: plateType = "02"
            default: plateType = "01"
            }
        }
        let plate = prefix + String(decoding: serial, as: UTF8.self) + suffix
        if rng.chance(0.02) { plateType = "" }

        // Use nature.
        var use: String
        switch kind {
        case .heavy, .tractor, .medium, .semiTrailer, .fullTrailer:
            use = isTanker ? Weighted<String>.pick([("R", 60), ("F", 35), ("A", 5)], &rng)
                : Weighted<String>.pick([("F", 68), ("A", 27), ("R", 1), ("L", 2), ("G", 1), ("Z", 1)], &rng)
        case .light: use = Weighted<String>.pick([("A", 50), ("F", 47), ("Z", 2), ("L", 1)], &rng)
        case .micro: use = Weighted<String>.pick([("A", 70), ("F", 28), ("Z", 2)], &rng)
        case .lowSpeed: use = rng.chance(0.8) ? "A" : "F"
        case .specialHeavy, .specialLight: use = Weighted<String>.pick([("A", 60), ("F", 25), ("K", 10), ("Z", 5)], &rng)
        case .car: use = Weighted<String>.pick([("A", 92), ("G", 4), ("Z", 4)], &rng)
        }

        // Emission standard: consistent with the date, ≈ 30% blank (all trailers and electric ones).
        var emission = ""
        if fuel != "Y" && fuel != "C" && !rng.chance(0.20) {
            let heavy = (mass ?? 0) > 3500
            let group = (heavy ? 0 : 2) + (fuel == "B" ? 0 : 1)
            var stage = 0
            for (k, start) in SampleVehicleMaker.stageStarts[group].enumerated() where start <= firstReg { stage = k + 1 }
            let r = rng.unit()
            if r < 0.07 && stage < 6 { stage += 1 } else if r > 0.97 && stage > 0 { stage -= 1 }
            emission = SampleVehicleMaker.writtenStage(stage, &rng)
        }

        // VIN.
        row.duplicateVIN = false
        row.wrongCheckDigit = false
        var vinText: String
        if index % 1000 == 617, !vinRing.isEmpty {
            vinText = vinRing[rng.below(vinRing.count)]
            row.duplicateVIN = true
        } else {
            var vin = [UInt8](repeating: 0, count: 17)
            let wmis: [String]
            switch kind {
            case .heavy, .tractor, .medium, .specialHeavy: wmis = V.wmiHeavy
            case .light, .specialLight, .lowSpeed: wmis = V.wmiLight
            case .micro: wmis = V.wmiMicro
            case .semiTrailer, .fullTrailer: wmis = V.wmiTrailer
            case .car: wmis = V.wmiCar
            }
            let wmi = wmis[rng.below(wmis.count)].utf8
            var p = 0
            for b in wmi { vin[p] = b; p += 1 }
            for k in 3..<8 { vin[k] = SampleVehicleMaker.vinAlphabet[rng.below(33)] }
            let modelYear = max(2000, min(2021, CivilDate(dayNumber: firstReg).year - (rng.chance(0.2) ? 1 : 0)))
            vin[9] = SampleVehicleMaker.yearCodes[modelYear - 2000]
            let u = vinSerials.apply(index)
            vin[10] = SampleVehicleMaker.vinAlphabet[u / 1_000_000]
            var s = u % 1_000_000
            for k in stride(from: 16, through: 11, by: -1) { vin[k] = UInt8(48 + s % 10); s /= 10 }
            vin[8] = UInt8(ascii: "0")
            let check = SampleVehicleMaker.checkDigit(vin)
            vin[8] = check
            if rng.chance(year < 2008 ? 0.05 : 0.015) {
                let options = Array("0123456789X".utf8).filter { $0 != check }
                vin[8] = options[rng.below(options.count)]
                row.wrongCheckDigit = true
            }
            vinText = String(decoding: vin, as: UTF8.self)
            if vinRing.count < 64 { vinRing.append(vinText) } else { vinRing[vinRingNext] = vinText }
            vinRingNext = (vinRingNext + 1) % 64
        }

        // Owner, address, phone.
        let companyShare: Double
        switch kind {
        case .heavy: companyShare = 0.6
        case .tractor, .semiTrailer, .fullTrailer: companyShare = 0.75
        case .medium: companyShare = 0.45
        case .light: companyShare = 0.3
        case .micro: companyShare = 0.12
        case .lowSpeed: companyShare = 0.05
        case .specialHeavy, .specialLight: companyShare = 0.85
        case .car: companyShare = 0.15
        }
        var owner: String
        var address: String
        var township: String          // the township the address names, or 未匹配
        var phone: String
        let unmatchedShare = local ? 0.04 : 0.18
        if rng.chance(companyShare) {
            let trade: V.Trade = isDump ? .dump : type == "Z51" ? .concrete : use == "R" ? .tanker
                : use == "F" ? .freight : .general
            let k = rng.skewed(companyPool, power: 2.2)
            var crng = SplitMix64(seed: seed, stream: 2, index: UInt64(k))
            owner = Weighted<String>.pick(V.companyPlaces, &crng) + V.tradeNames[crng.below(V.tradeNames.count)]
                + Weighted<String>.pick(V.industries(trade), &crng)
            (address, township) = SampleVehicleMaker.address(company: true, unmatched: crng.chance(unmatchedShare), &crng)
            let landline = "0371-69" + SampleVehicleMaker.digits(6, &crng)
            switch rng.below(20) {
            case 0..<9: phone = SampleVehicleMaker.mobile(&rng)
            case 9..<16: phone = landline
            default: phone = ""
            }
        } else {
            let surname = V.surnames[rng.skewed(V.surnames.count, power: 1.8)]
            var given = V.givenChars[rng.below(V.givenChars.count)]
            if rng.chance(0.7) { given += V.givenChars[rng.below(V.givenChars.count)] }
            owner = surname + given
            (address, township) = SampleVehicleMaker.address(company: false, unmatched: rng.chance(unmatchedShare), &rng)
            phone = rng.chance(0.88) ? SampleVehicleMaker.mobile(&rng) : ""
        }
        if rng.chance(0.005) {
            address += "," + ["金凤小区", "溱水花园", "嵩山小区", "阳光新城", "东区院内", "后院"][rng.below(6)]
        }

        // 所属乡镇: ≈ 40% written, in full, short or alias form.
        var declared = ""
        if rng.chance(0.4) {
            if township == TownshipTable.unassigned { township = SampleVehicleMaker.pickTownship(&rng).name }
            declared = SampleVehicleMaker.townshipForm(township, &rng)
        }

        // Status.
        let gone = rng.chance(year < 2005 ? 0.35 : year < 2010 ? 0.18 : 0.06)
        var status: String
        var statusDay: Int?
        if gone {
            status = Weighted<String>.pick([("E", 40), ("P", 30), ("B", 22), ("M", 8)], &rng)
            let firstOf2020 = CivilDate(year: 2020, month: 1, day: 1)!.dayNumber
            var lo = max(firstReg + 180, CivilDate(year: 2012, month: 1, day: 1)!.dayNumber)
            if lo > ref.dayNumber { lo = firstReg }
            if firstReg < firstOf2020 && rng.chance(0.55) { lo = max(lo, firstOf2020) }
            statusDay = lo + rng.below(ref.dayNumber - lo + 1)
        } else {
            status = Weighted<String>.pick([("A", 925), ("G", 32), ("Q", 32), ("GQ", 11)], &rng)
            if status == "A" {
                if rng.chance(0.25) { statusDay = firstReg + rng.below(ref.dayNumber - firstReg + 1) }
            } else {
                let lo = max(firstReg, CivilDate(year: 2018, month: 1, day: 1)!.dayNumber)
                statusDay = lo + rng.below(ref.dayNumber - lo + 1)
            }
        }

        // Assemble, in data.md's column order.
        let typeText = named ? SampleVehicleMaker.typeNames[type]! : type
        let useText = named ? SampleVehicleMaker.useNames[use]! : use
        let fuelText = named ? SampleVehicleMaker.fuelNames[fuel]! : fuel
        let plateTypeText = named && !plateType.isEmpty ? SampleVehicleMaker.plateTypeNames[plateType]! : plateType
        let statusText = named ? VehicleStatus(letters: status).chineseNames : status
        row.fields.removeAll(keepingCapacity: true)
        row.fields.append(plate)
        row.fields.append(plateTypeText)
        row.fields.append(vinText)
        row.fields.append(typeText)
        row.fields.append(useText)
        row.fields.append(fuelText)
        row.fields.append(emission)
        row.fields.append(SampleVehicleMaker.dateText(firstReg, style: dateStyle))
        row.fields.append(mass.map(String.init) ?? "")
        row.fields.append(owner)
        row.fields.append(address)
        row.fields.append(declared)
        row.fields.append(statusText)
        row.fields.append(statusDay.map { SampleVehicleMaker.dateText($0, style: dateStyle) } ?? "")
        row.fields.append(phone)
        row.township = township
    }

    // MARK: Helpers

    static let townships = Weighted<(name: String, urban: Bool)>(
        SampleVocabulary.townshipWeights.map { (($0.0, $0.2), $0.1) })
    static let urbanByName: [String: Bool] = {
        var m: [String: Bool] = [:]
        for (n, _, u) in SampleVocabulary.townshipWeights { m[n] = u }
        return m
    }()

    static func pickTownship(_ rng: inout SplitMix64) -> (name: String, urban: Bool) { townships.pick(&rng) }

    /// The township as people write it: in full (75%), short form (20%) or alias (青屏街道).
    static func townshipForm(_ name: String, _ rng: inout SplitMix64) -> String {
        let r = rng.below(20)
        if r < 15 { return name }
        if name == "青屏街街道" && r >= 18 { return "青屏街道" }
        return TownshipTable.Township(name: name).shortForm ?? name
    }

    /// An address and the township it names (or 未匹配).
    static func address(company: Bool, unmatched: Bool, _ rng: inout SplitMix64) -> (String, String) {
        typealias V = SampleVocabulary
        if unmatched {
            let place = V.elsewhere[rng.below(V.elsewhere.count)]
            if place.hasSuffix("路") || place.hasSuffix("道") {
                return (place + "\(rng.int(1...399))号", TownshipTable.unassigned)
            }
            if place.hasSuffix("旁") { return (place, TownshipTable.unassigned) }
            return (place + V.villages[rng.below(V.villages.count)] + (company ? "" : "\(rng.int(1...12))组"),
                    TownshipTable.unassigned)
        }
        let t = pickTownship(&rng)
        let written = townshipForm(t.name, &rng)
        let head = ["河南省新密市", "新密市", "河南省郑州市新密市", "郑州市新密市", ""][
            Weighted<Int>.pick([(0, 45), (1, 35), (2, 8), (3, 5), (4, 7)], &rng)]
        if t.urban || (company && rng.chance(0.3)) {
            let street = V.streets[rng.below(V.streets.count)]
            if company {
                return (head + written + street + "\(rng.int(1...499))号", t.name)
            }
            if rng.chance(0.5) {
                return (head + written + street + "\(rng.int(1...299))号院\(rng.int(1...24))号楼\(rng.int(1...4))单元\(rng.int(1...18))0\(rng.int(1...4))",
                        t.name)
            }
            return (head + written + street + "\(rng.int(1...499))号", t.name)
        }
        // Villages belong to a township: 40 per township, drawn from the pool by the township's name.
        var h: UInt64 = 1469598103934665603
        for b in t.name.utf8 { h = (h ^ UInt64(b)) &* 1099511628211 }
        let village = V.villages[Int(SplitMix64.mix(h &+ UInt64(rng.below(40))) % UInt64(V.villages.count))]
        if company {
            return (head + written + (rng.chance(0.3) ? "工业园区" : village), t.name)
        }
        switch rng.below(4) {
        case 0: return (head + written + village, t.name)
        case 1: return (head + written + village + "\(rng.int(1...12))组\(rng.int(1...120))号", t.name)
        default: return (head + written + village + "\(rng.int(1...12))组", t.name)
        }
    }

    static func digits(_ n: Int, _ rng: inout SplitMix64) -> String {
        var b: [UInt8] = []
        b.reserveCapacity(n)
        for _ in 0..<n { b.append(UInt8(48 + rng.below(10))) }
        return String(decoding: b, as: UTF8.self)
    }

    static func mobile(_ rng: inout SplitMix64) -> String {
        SampleVocabulary.phonePrefixes[rng.below(SampleVocabulary.phonePrefixes.count)] + digits(8, &rng)
    }

    /// A date as the extract writes it: 2020-01-02 (85%), 2020/1/2 (10%) or 20200102 (5%).
    static func dateText(_ day: Int, style: Int) -> String {
        let d = CivilDate(dayNumber: day)
        if style < 17 { return d.description }
        let y = d.year, m = d.month, dd = d.day
        if style < 19 { return "\(y)/\(m)/\(dd)" }
        return "\(y)\(m < 10 ? "0" : "")\(m)\(dd < 10 ? "0" : "")\(dd)"
    }
}

extension Weighted {
    /// A one-off weighted pick from a literal list.
    static func pick(_ pairs: [(T, Int)], _ rng: inout SplitMix64) -> T {
        var total = 0
        for p in pairs { total += p.1 }
        var r = rng.below(total)
        for p in pairs {
            if r < p.1 { return p.0 }
            r -= p.1
        }
        return pairs[pairs.count - 1].0
    }
}
