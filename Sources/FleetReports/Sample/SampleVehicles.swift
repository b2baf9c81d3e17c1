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

    // What the row means, as codes, for the evidence files (`SampleEvidenceMaker`).
    var kind: SampleVehicleMaker.Kind = .heavy
    var typeCode = ""
    var isDump = false
    var isTanker = false
    var fuel = ""
    var use = ""
    /// The stage the registry will see: the declared one when written, else the one the default
    /// tables infer from the date (0 = 国0 … 6 = 国VI); meaningless for electric vehicles (fuel C).
    var stage = 0
    var firstRegistered = 0
    var grossMassKg: Int?
    /// Status holds B, E, M or P (as of the extract; the status date is on or before 2020-10-31).
    var gone = false
    var statusDay: Int?
    var ownerIsCompany = false
    /// The index of `township` in `SampleVocabulary.townshipWeights`, nil for 未匹配.
    var townshipIndex: Int?

    /// The normalised plate (号牌号码).
    var plate: String { fields[0] }
    var owner: String { fields[9] }
    /// H or Q.
    var isGoods: Bool { typeCode.utf8.first == UInt8(ascii: "H") || typeCode.utf8.first == UInt8(ascii: "Q") }
    /// The first two characters of the type code (H1, Q1, …): the size class of rules.md §7.9.
    var sizePrefix: Substring { typeCode.prefix(2) }
    var isHeavyGoods: Bool { sizePrefix == "H1" || sizePrefix == "Q1" }
    var isMediumGoods: Bool { sizePrefix == "H2" || sizePrefix == "Q2" }
    var isLightGoods: Bool { sizePrefix == "H3" || sizePrefix == "Q3" }
    var isTrailer: Bool { kind.isTrailer }
    var isZeroEmission: Bool { fuel == "C" }
    var isDiesel: Bool { fuel == "B" }
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
///   forms for ≈ 65%, consistent with the date (rules.md §1), blank for ≈ 35% (a quarter of the
///   engines, and every trailer and electric vehicle).
/// - status A mostly; ≈ 7% gone (E, P, B, M; older vehicles more often) with a status date, some
///   G, Q, GQ.
/// - owners: persons (Chinese names, mobile phones) or companies (新密市鑫达物流有限公司…, shared
///   by several vehicles); addresses in the 17 townships written in full, short or alias form,
///   ≈ 4% matching no township; 所属乡镇 filled for ≈ 40%.
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
    private var scratch: [UInt8] = []

    /// The extract's date: nothing happens after it.
    static let extractDate = CivilDate(year: 2020, month: 10, day: 31)!

    init(vehicles: Int, seed: UInt64) {
        self.seed = seed
        plates = PlateSerials(seed: seed)
        vinSerials = ScatterPermutation(size: 33 * 1_000_000, key: SplitMix64.mix(seed ^ 0x0056_494E))
        companyPool = max(20, vehicles / 25)
        vinRing.reserveCapacity(64)
        scratch.reserveCapacity(16)
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

    /// How the gross mass is drawn.
    enum MassClass { case heavyDump, heavy, tractor, medium, light, micro, lowSpeed, trailerHeavy, trailerMedium, car }

    /// A vehicle-type code with what the generator needs to know about it.
    struct TypeInfo {
        let code: String
        let name: String
        let isDump: Bool
        let isTanker: Bool
        let massClass: MassClass

        init(_ code: String) {
            self.code = code
            let type = VehicleType.table.lookup(code)!
            name = type.chineseName
            isDump = type.isDumpBody
            isTanker = ["H14", "H24", "H34", "H1C", "B13"].contains(code)
            switch code.prefix(2) {
            case "H1", "Z5": massClass = isDump || code == "Z51" ? .heavyDump : .heavy
            case "Q1": massClass = .tractor
            case "H2", "Q2", "Z2": massClass = .medium
            case "H3", "Q3", "Z7": massClass = .light
            case "H4": massClass = .micro
            case "H5": massClass = .lowSpeed
            case "B1", "G1": massClass = .trailerHeavy
            case "B2", "G2": massClass = .trailerMedium
            default: massClass = .car
            }
        }
    }

    /// Body codes by kind (weights); dump bodies are H17, H1B–H1G, H27, H2B, H37, H3B, H4B, H54, B16, G16.
    static let types: [Weighted<TypeInfo>] = [
        [("H11", 18), ("H12", 7), ("H13", 3), ("H14", 6), ("H15", 4), ("H16", 1), ("H17", 22), ("H18", 2),
         ("H19", 18), ("H1A", 1), ("H1B", 2), ("H1C", 1), ("H1D", 2), ("H1E", 1), ("H1F", 1), ("H1G", 2)],
        [("Q11", 92), ("Q21", 4), ("Q12", 2), ("Q31", 2)],
        [("H21", 30), ("H22", 20), ("H23", 5), ("H24", 8), ("H25", 3), ("H27", 18), ("H29", 15), ("H2B", 1)],
        [("H31", 30), ("H32", 30), ("H33", 5), ("H34", 3), ("H35", 2), ("H37", 7), ("H38", 2), ("H39", 20), ("H3B", 1)],
        [("H41", 45), ("H42", 35), ("H43", 5), ("H47", 12), ("H4B", 3)],
        [("H51", 50), ("H52", 15), ("H54", 30), ("H55", 5)],
        [("B11", 25), ("B12", 10), ("B13", 10), ("B14", 10), ("B15", 5), ("B16", 15), ("B17", 3), ("B18", 15),
         ("B1B", 5), ("B21", 2)],
        [("G11", 40), ("G16", 20), ("G18", 20), ("G14", 10), ("G21", 10)],
        [("Z51", 100)],
        [("Z71", 60), ("Z21", 40)],
        [("K33", 80), ("K31", 10), ("K39", 10)],
    ].map { Weighted($0.map { (TypeInfo($0.0), $0.1) }) }

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
    static let plateTypeNames: [String: String] = {
        var m: [String: String] = [:]
        for t in PlateType.known { m[t.code] = t.chineseName }
        return m
    }()

    static let fuelLarge = Weighted<String>([("B", 900), ("E", 60), ("C", 30), ("A", 10)])
    static let fuelLight = Weighted<String>([("B", 55), ("A", 35), ("C", 6), ("E", 2), ("F", 1), ("O", 1)])
    static let fuelMicro = Weighted<String>([("A", 80), ("C", 12), ("B", 5), ("O", 3)])
    static let fuelCar = Weighted<String>([("A", 80), ("C", 12), ("O", 5), ("E", 3)])

    static let massHeavyDump = Weighted<Int>([(25000, 45), (31000, 40), (18000, 10), (24990, 3), (30990, 2)])
    static let massHeavy = Weighted<Int>([(18000, 35), (25000, 25), (31000, 20), (16000, 5), (14995, 3), (24990, 4),
                                          (30990, 3), (0, 5)])
    static let massTractor = Weighted<Int>([(25000, 55), (18000, 35), (24990, 5), (0, 5)])
    static let massMedium = Weighted<Int>([(9995, 12), (7360, 8), (11995, 10), (8275, 6), (5995, 6), (0, 58)])
    static let massLight = Weighted<Int>([(4495, 40), (3495, 12), (4490, 5), (2990, 5), (0, 38)])
    static let massTrailer = Weighted<Int>([(40000, 40), (38000, 10), (35000, 10), (30000, 10), (0, 30)])

    static let useTanker = Weighted<String>([("R", 60), ("F", 35), ("A", 5)])
    static let useLarge = Weighted<String>([("F", 68), ("A", 27), ("R", 1), ("L", 2), ("G", 1), ("Z", 1)])
    static let useLight = Weighted<String>([("A", 50), ("F", 47), ("Z", 2), ("L", 1)])
    static let useMicro = Weighted<String>([("A", 70), ("F", 28), ("Z", 2)])
    static let useSpecial = Weighted<String>([("A", 60), ("F", 25), ("K", 10), ("Z", 5)])
    static let useCar = Weighted<String>([("A", 92), ("G", 4), ("Z", 4)])

    static let statusGone = Weighted<String>([("E", 40), ("P", 30), ("B", 22), ("M", 8)])
    static let statusActive = Weighted<String>([("A", 925), ("G", 32), ("Q", 32), ("GQ", 11)])
    static let statusNames: [String: String] = {
        var m: [String: String] = [:]
        for s in ["A", "B", "E", "M", "P", "G", "Q", "GQ"] { m[s] = VehicleStatus(letters: s).chineseNames }
        return m
    }()

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
    static let arabic = ["0", "1", "2", "3", "4", "5", "6"]
    static let stageForms = Weighted<Int>([(0, 28), (1, 26), (2, 14), (3, 14), (4, 4), (5, 4), (6, 3), (7, 3), (8, 2)])

    static func writtenStage(_ s: Int, _ rng: inout SplitMix64) -> String {
        if s == 0 { return rng.chance(0.85) ? "国0" : "国零" }
        var text: String
        var plain = true
        switch stageForms.pick(&rng) {
        case 0: text = "国" + romanASCII[s]
        case 1: text = "国" + chineseNumerals[s]
        case 2: text = "国" + arabic[s]
        case 3: text = "国" + romanUnicode[s]
        case 4: text = "China " + romanASCII[s]; plain = false
        case 5: text = "国" + chineseNumerals[s] + "标准"; plain = false
        case 6: text = "国家第" + chineseNumerals[s] + "阶段"; plain = false
        case 7: text = "国" + romanUnicode[s] + "标准"; plain = false
        default: text = romanASCII[s]; plain = false
        }
        if s == 6, plain, rng.chance(0.4) {
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
    static let checkCharacters: [UInt8] = Array("0123456789X".utf8)
    static let wmis: [[[UInt8]]] = [SampleVocabulary.wmiHeavy, SampleVocabulary.wmiLight, SampleVocabulary.wmiMicro,
                                    SampleVocabulary.wmiTrailer, SampleVocabulary.wmiCar].map { $0.map { Array($0.utf8) } }

    /// The check digit (ISO 3779) of a 17-byte VIN; position 9 itself has weight 0.
    static func checkDigit(_ vin: UnsafeMutableBufferPointer<UInt8>) -> UInt8 {
        var sum = 0
        for i in 0..<17 { sum += vinValue[Int(vin[i])] * vinWeights[i] }
        let r = sum % 11
        return r == 10 ? UInt8(ascii: "X") : UInt8(48 + r)
    }

    // MARK: Making a row

    mutating func make(index: Int, into row: inout SampleVehicleRow) {
        var rng = SplitMix64(seed: seed, stream: 1, index: UInt64(index))
        typealias V = SampleVocabulary
        typealias M = SampleVehicleMaker
        let ref = M.extractDate.dayNumber

        let kind = M.kinds.pick(&rng)
        let type = M.types[kind.rawValue].pick(&rng)
        let named = rng.chance(0.03)
        let dateStyle = rng.below(20)        // 0–16 ISO, 17–18 slashes, 19 compact

        // First registration: 2000 – October 2020, skewed to recent years.
        var year = 2000 + min(20, Int(21 * pow(rng.unit(), 0.4)))
        if kind == .car || kind == .micro { year = max(year, 2003) }
        var firstReg = M.dayOfYear(year, &rng)

        // Fuel.
        var fuel: String
        switch kind {
        case .heavy, .tractor, .medium, .specialHeavy: fuel = M.fuelLarge.pick(&rng)
        case .light, .specialLight: fuel = M.fuelLight.pick(&rng)
        case .micro: fuel = M.fuelMicro.pick(&rng)
        case .lowSpeed: fuel = rng.chance(0.95) || year > 2012 ? "B" : "A"
        case .semiTrailer, .fullTrailer: fuel = "Y"
        case .car: fuel = M.fuelCar.pick(&rng)
        }
        if fuel == "C" || fuel == "O" {
            // Electric and hybrid vehicles are recent.
            if year < 2015 { year = 2015 + rng.below(6) }
            firstReg = M.d(year, 1, 1) + rng.below(year == 2020 ? 300 : 365)   // (365 in leap years too)
        }
        if fuel == "E" && year < 2010 { fuel = "B" }

        // Gross mass (kg), consistent with the size class.
        var mass: Int?
        switch type.massClass {
        case .heavyDump: mass = M.massHeavyDump.pick(&rng)
        case .heavy: mass = M.massHeavy.pick(&rng)
            if mass == 0 { mass = rng.int(12_010...32_000) }
        case .tractor: mass = M.massTractor.pick(&rng)
            if mass == 0 { mass = rng.int(15_000...26_000) }
        case .medium: mass = M.massMedium.pick(&rng)
            if mass == 0 { mass = rng.int(4_500...12_000) }
        case .light: mass = M.massLight.pick(&rng)
            if mass == 0 { mass = rng.int(1_800...4_495) }
        case .micro: mass = rng.int(1_200...1_795)
        case .lowSpeed: mass = rng.int(1_500...4_500)
        case .trailerHeavy: mass = M.massTrailer.pick(&rng)
            if mass == 0 { mass = rng.int(20_000...40_000) }
        case .trailerMedium: mass = rng.int(6_000...12_000)
        case .car: mass = rng.chance(0.6) ? rng.int(1_400...2_150) : nil      // often left blank
        }
        if fuel == "E" || fuel == "C", let m = mass, m > 12_000, m < 24_000 { mass = m + 1000 }   // tanks, batteries

        // Plate: unique serial, 85% 豫A.
        let local = rng.chance(0.85)
        let prefix = local ? "豫A" : M.otherPrefixes.pick(&rng)
        scratch.removeAll(keepingCapacity: true)
        var plateType: String
        var suffix = ""
        if kind.isTrailer {
            plates.next(.trailer, rng: &rng, into: &scratch)
            suffix = "挂"
            plateType = "15"
        } else if fuel == "C" && year >= 2018 && rng.chance(0.95) {
            if kind.isLarge {
                plates.next(.newEnergyLarge, rng: &rng, into: &scratch)
                plateType = "51"
            } else {
                plates.next(.newEnergySmall, rng: &rng, into: &scratch)
                plateType = "52"
            }
        } else {
            plates.next(.ordinary, rng: &rng, into: &scratch)
            switch kind {
            case .light, .specialLight: plateType = rng.chance(0.5) ? "01" : "02"
            case .micro: plateType = rng.chance(0.9) ? "02" : "01"
            case .car: plateType = "02"
            default: plateType = "01"
            }
        }
        let plate = prefix + String(decoding: scratch, as: UTF8.self) + suffix
        if rng.chance(0.02) { plateType = "" }

        // Use nature.
        let use: String
        switch kind {
        case .heavy, .tractor, .medium, .semiTrailer, .fullTrailer:
            use = type.isTanker ? M.useTanker.pick(&rng) : M.useLarge.pick(&rng)
        case .light: use = M.useLight.pick(&rng)
        case .micro: use = M.useMicro.pick(&rng)
        case .lowSpeed: use = rng.chance(0.8) ? "A" : "F"
        case .specialHeavy, .specialLight: use = M.useSpecial.pick(&rng)
        case .car: use = M.useCar.pick(&rng)
        }

        // Emission standard: consistent with the date, ≈ 35% blank (all trailers and electric ones).
        // (The shares and the order of the draws below are what SampleData/vehicles.csv was made with.)
        var emission = ""
        let group = ((mass ?? 0) > 3500 ? 0 : 2) + (fuel == "B" ? 0 : 1)
        var inferred = 0
        for start in M.stageStarts[group] where start <= firstReg { inferred += 1 }
        row.stage = inferred
        if fuel != "Y" && fuel != "C" && !rng.chance(0.25) {
            var stage = inferred
            let r = rng.unit()
            if r < 0.07 && stage < 6 { stage += 1 } else if r > 0.97 && stage > 0 { stage -= 1 }
            emission = M.writtenStage(stage, &rng)
            row.stage = stage
        }

        // VIN: unique positions 11–17, ≈ 2% wrong check digits, one row in a thousand a recent VIN again.
        row.duplicateVIN = false
        row.wrongCheckDigit = false
        let vinText: String
        if index % 1000 == 617, !vinRing.isEmpty {
            vinText = vinRing[rng.below(vinRing.count)]
            row.duplicateVIN = true
        } else {
            let wmiList: Int
            switch kind {
            case .heavy, .tractor, .medium, .specialHeavy: wmiList = 0
            case .light, .specialLight, .lowSpeed: wmiList = 1
            case .micro: wmiList = 2
            case .semiTrailer, .fullTrailer: wmiList = 3
            case .car: wmiList = 4
            }
            let wmi = M.wmis[wmiList][rng.below(M.wmis[wmiList].count)]
            var u = vinSerials.apply(index)
            var wrong = false
            // Draw order (kept so that a seed gives the same VINs as ever): WMI, positions 4–8,
            // model year, then whether and how the check digit is wrong.
            vinText = String(unsafeUninitializedCapacity: 17) { vin in
                vin[0] = wmi[0]; vin[1] = wmi[1]; vin[2] = wmi[2]
                for k in 3..<8 { vin[k] = M.vinAlphabet[rng.below(33)] }
                let modelYear = max(2000, min(2021, year - (rng.chance(0.2) ? 1 : 0)))
                vin[9] = M.yearCodes[modelYear - 2000]
                vin[10] = M.vinAlphabet[u / 1_000_000]
                u %= 1_000_000
                for k in stride(from: 16, through: 11, by: -1) { vin[k] = UInt8(48 + u % 10); u /= 10 }
                vin[8] = UInt8(ascii: "0")
                let check = M.checkDigit(vin)
                vin[8] = check
                wrong = rng.chance(year < 2008 ? 0.05 : 0.015)
                if wrong {                      // any of the ten other characters
                    let right = check == UInt8(ascii: "X") ? 10 : Int(check) - 48
                    let k = rng.below(10)
                    vin[8] = M.checkCharacters[k >= right ? k + 1 : k]
                }
                return 17
            }
            row.wrongCheckDigit = wrong
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
        var township: Int?                 // the township the address names
        var phone: String
        let unmatchedShare = local ? 0.032 : 0.15
        row.ownerIsCompany = rng.chance(companyShare)
        if row.ownerIsCompany {
            let trade: V.Trade = type.isDump ? .dump : type.code == "Z51" ? .concrete : use == "R" ? .tanker
                : use == "F" ? .freight : .general
            let k = rng.skewed(companyPool, power: 2.2)
            var crng = SplitMix64(seed: seed, stream: 2, index: UInt64(k))
            owner = M.companyPlaces.pick(&crng) + V.tradeNames[crng.below(V.tradeNames.count)]
                + M.industries[trade.rawValue].pick(&crng)
            (address, township) = M.address(company: true, unmatched: crng.chance(unmatchedShare), &crng)
            switch rng.below(20) {
            case 0..<9: phone = M.mobile(&rng)
            case 9..<16: phone = "0371-69" + M.digits(6, &crng)
            default: phone = ""
            }
        } else {
            let surname = V.surnames[rng.skewed(V.surnames.count, power: 1.8)]
            owner = surname + V.givenChars[rng.below(V.givenChars.count)]
            if rng.chance(0.7) { owner += V.givenChars[rng.below(V.givenChars.count)] }
            (address, township) = M.address(company: false, unmatched: rng.chance(unmatchedShare), &rng)
            phone = rng.chance(0.88) ? M.mobile(&rng) : ""
        }
        if rng.chance(0.005) {
            address += "," + ["金凤小区", "溱水花园", "嵩山小区", "阳光新城", "东区院内", "后院"][rng.below(6)]
        }

        // 所属乡镇: ≈ 40% written, in full, short or alias form.
        var declared = ""
        if rng.chance(0.4) {
            let t = township ?? M.townships.pickIndex(&rng)
            township = t
            declared = M.townshipForm(t, &rng)
        }

        // Status, and the date it began.
        var status: String
        var statusDay: Int?
        row.gone = rng.chance(year < 2005 ? 0.30 : year < 2010 ? 0.15 : 0.05)
        if row.gone {
            status = M.statusGone.pick(&rng)
            var lo = max(firstReg + 180, M.firstOf2012)
            if lo > ref { lo = firstReg }
            if firstReg < M.firstOf2020 && rng.chance(0.55) { lo = max(lo, M.firstOf2020) }
            statusDay = lo + rng.below(ref - lo + 1)
        } else {
            status = M.statusActive.pick(&rng)
            if status == "A" {
                if rng.chance(0.25) { statusDay = firstReg + rng.below(ref - firstReg + 1) }
            } else {
                let lo = max(firstReg, M.firstOf2018)
                statusDay = lo + rng.below(ref - lo + 1)
            }
        }

        // Assemble, in data.md's column order.
        row.fields.removeAll(keepingCapacity: true)
        row.fields.append(plate)
        row.fields.append(named && !plateType.isEmpty ? M.plateTypeNames[plateType]! : plateType)
        row.fields.append(vinText)
        row.fields.append(named ? type.name : type.code)
        row.fields.append(named ? M.useNames[use]! : use)
        row.fields.append(named ? M.fuelNames[fuel]! : fuel)
        row.fields.append(emission)
        row.fields.append(M.dateText(firstReg, style: dateStyle))
        row.fields.append(mass.map(String.init) ?? "")
        row.fields.append(owner)
        row.fields.append(address)
        row.fields.append(declared)
        row.fields.append(named ? M.statusNames[status]! : status)
        row.fields.append(statusDay.map { M.dateText($0, style: dateStyle) } ?? "")
        row.fields.append(phone)
        row.township = township.map { M.townshipNames[$0] } ?? TownshipTable.unassigned
        row.townshipIndex = township
        row.kind = kind
        row.typeCode = type.code
        row.isDump = type.isDump
        row.isTanker = type.isTanker
        row.fuel = fuel
        row.use = use
        row.firstRegistered = firstReg
        row.grossMassKg = mass
        row.statusDay = statusDay
    }

    // MARK: Helpers

    static let firstOf2012 = d(2012, 1, 1)
    static let firstOf2018 = d(2018, 1, 1)
    static let firstOf2020 = d(2020, 1, 1)

    /// A day of `year`, up to the end of October in 2020 (the extract's month).
    static func dayOfYear(_ year: Int, _ rng: inout SplitMix64) -> Int {
        let start = d(year, 1, 1)
        let days = year == 2020 ? 300 : d(year + 1, 1, 1) - start
        return start + rng.below(days)
    }

    static let companyPlaces = Weighted<String>(SampleVocabulary.companyPlaces)
    static let industries: [Weighted<String>] = SampleVocabulary.Trade.allCases.map {
        Weighted(SampleVocabulary.industries($0))
    }

    // Townships by index: name, forms, urban or not, and 40 villages each.
    static let townships = Weighted<Int>(SampleVocabulary.townshipWeights.enumerated().map { ($0.offset, $0.element.1) })
    static let townshipNames: [String] = SampleVocabulary.townshipWeights.map { $0.0 }
    static let townshipUrban: [Bool] = SampleVocabulary.townshipWeights.map { $0.2 }
    static let townshipShort: [String] = townshipNames.map { TownshipTable.Township(name: $0).shortForm ?? $0 }
    static let townshipAlias: [String] = townshipNames.map { n in
        TownshipTable.xinmi.townships.first { $0.name == n }?.aliases.first ?? n
    }
    static let townshipVillages: [[String]] = townshipNames.map { name in
        var h: UInt64 = 1469598103934665603                     // FNV-1a of the name
        for b in name.utf8 { h = (h ^ UInt64(b)) &* 1099511628211 }
        return (0..<40).map { SampleVocabulary.villages[Int(SplitMix64.mix(h &+ UInt64($0)) % UInt64(SampleVocabulary.villages.count))] }
    }
    static let addressHeads = Weighted<String>([("河南省新密市", 45), ("新密市", 35), ("河南省郑州市新密市", 8),
                                                ("郑州市新密市", 5), ("", 7)])

    /// The township as people write it: in full (75%), short form (15–25%) or alias (青屏街道, 10%).
    static func townshipForm(_ t: Int, _ rng: inout SplitMix64) -> String {
        let r = rng.below(20)
        if r < 15 { return townshipNames[t] }
        if r >= 18 && townshipAlias[t] != townshipNames[t] { return townshipAlias[t] }
        return townshipShort[t]
    }

    /// An address and the township it names (nil: none).
    static func address(company: Bool, unmatched: Bool, _ rng: inout SplitMix64) -> (String, Int?) {
        typealias V = SampleVocabulary
        if unmatched {
            let place = V.elsewhere[rng.below(V.elsewhere.count)]
            if place.hasSuffix("路") || place.hasSuffix("道") { return (place + "\(rng.int(1...399))号", nil) }
            if place.hasSuffix("旁") { return (place, nil) }
            return (place + V.villages[rng.below(V.villages.count)] + (company ? "" : "\(rng.int(1...12))组"), nil)
        }
        let t = townships.pickIndex(&rng)
        let written = townshipForm(t, &rng)
        let head = addressHeads.pick(&rng) + written
        if townshipUrban[t] || (company && rng.chance(0.3)) {
            let street = V.streets[rng.below(V.streets.count)]
            if !company && rng.chance(0.5) {
                return (head + street + "\(rng.int(1...299))号院\(rng.int(1...24))号楼\(rng.int(1...4))单元\(rng.int(1...18))0\(rng.int(1...4))", t)
            }
            return (head + street + "\(rng.int(1...499))号", t)
        }
        let village = townshipVillages[t][rng.below(40)]
        if company { return (head + (rng.chance(0.3) ? "工业园区" : village), t) }
        switch rng.below(4) {
        case 0: return (head + village, t)
        case 1: return (head + village + "\(rng.int(1...12))组\(rng.int(1...120))号", t)
        default: return (head + village + "\(rng.int(1...12))组", t)
        }
    }

    static func digits(_ n: Int, _ rng: inout SplitMix64) -> String {
        String(unsafeUninitializedCapacity: n) { b in
            for i in 0..<n { b[i] = UInt8(48 + rng.below(10)) }
            return n
        }
    }

    static let phonePrefixes: [[UInt8]] = SampleVocabulary.phonePrefixes.map { Array($0.utf8) }

    /// An 11-digit mobile number (13x, 15x, 18x).
    static func mobile(_ rng: inout SplitMix64) -> String {
        let p = phonePrefixes[rng.below(phonePrefixes.count)]
        return String(unsafeUninitializedCapacity: 11) { b in
            b[0] = p[0]; b[1] = p[1]; b[2] = p[2]
            for i in 3..<11 { b[i] = UInt8(48 + rng.below(10)) }
            return 11
        }
    }

    /// A date as the extract writes it: 2020-01-02 (85%), 2020/1/2 (10%) or 20200102 (5%).
    static func dateText(_ day: Int, style: Int) -> String {
        let date = CivilDate(dayNumber: day)
        let y = date.year, m = date.month, dd = date.day
        let slashes = style >= 17 && style < 19
        let compact = style >= 19
        return String(unsafeUninitializedCapacity: 10) { b in
            var i = 0
            func put(_ v: Int) { b[i] = UInt8(48 + v); i += 1 }
            put(y / 1000); put(y / 100 % 10); put(y / 10 % 10); put(y % 10)
            if !compact { b[i] = slashes ? 0x2F : 0x2D; i += 1 }
            if !slashes || m >= 10 { put(m / 10) }
            put(m % 10)
            if !compact { b[i] = slashes ? 0x2F : 0x2D; i += 1 }
            if !slashes || dd >= 10 { put(dd / 10) }
            put(dd % 10)
            return i
        }
    }
}
