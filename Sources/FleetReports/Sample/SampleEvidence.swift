import FleetCore
import Foundation

/// Makes the evidence rows (every kind of data.md but `vehicles`) for one registered vehicle at a
/// time, from the vehicle's facts and its own SplitMix64 streams (seed, stream, row index), so a
/// vehicle's evidence agrees with its registration and depends on nothing but (seed, row).
///
/// Rough shares (of all vehicles unless said otherwise), chosen to give every rule of rules.md
/// §2–§6 something to find:
///
/// - muck-approvals: ≈ 7% of goods vehicles, mostly heavy and medium dump trucks; ≈ 52% valid in
///   November 2020, ≈ 22% expired, ≈ 11% revoked (撤销), ≈ 15% starting from late 2020-11; ≈ 6%
///   of approved trucks hold two approvals (a renewal, or a second site).
/// - transport-licenses: ≈ 40%, mostly use nature F/R (and trailers); ≈ 13% expired.
/// - enterprise-fleet: ≈ 10% of active heavy trucks (more of the LNG and electric ones), at one or
///   two of the 40 enterprises (`SampleEnterprises`), ≈ 12% of filings 停用.
/// - sanitation-fleet: ≈ 1%, light and medium trucks (electric ones more often); ≈ 22% bought from
///   2020-10-01 (some of them not new energy: SANITATION_NOT_NEV).
/// - inspections: ≈ 25% of vehicles with 1–3 records (2020-05-01…2020-11-30); dump trucks mostly
///   at 工地/消纳场 checks hauling spoil, with or without an approval valid that day; older diesel
///   trucks over standard more often, some passing a later check; ≈ 5% of records are of trucks from
///   elsewhere, not in the registry; ≈ 10% of records have no 记录编号.
/// - gate-log: filed trucks ≈ 0.8 trips a day at their enterprises over 2020-10-15…2020-11-30
///   (进, then 出 40–100 minutes later), a few unfiled and unregistered ones; ≈ 3 rows per vehicle.
struct SampleEvidenceMaker {
    let seed: UInt64
    let enterprises: SampleEnterprises
    private let approvalSerials: ScatterPermutation
    private let recordSerials: ScatterPermutation
    private let licenseSerials: ScatterPermutation
    /// One buffer per `SampleFile` (the vehicles slot unused): the lines made for the last vehicle.
    var out: [SampleCSV]

    typealias V = SampleVocabulary
    typealias E = SampleEvidenceMaker

    init(seed: UInt64, enterprises: SampleEnterprises? = nil) {
        self.seed = seed
        self.enterprises = enterprises ?? SampleEnterprises(seed: seed)
        let maxV = SampleGenerator.maxVehicles
        approvalSerials = ScatterPermutation(size: 2 * maxV, key: SplitMix64.mix(seed ^ 0x4D55_434B))
        recordSerials = ScatterPermutation(size: 5 * maxV, key: SplitMix64.mix(seed ^ 0x494E_5350))
        licenseSerials = ScatterPermutation(size: maxV, key: SplitMix64.mix(seed ^ 0x4C49_4345))
        out = SampleFile.allCases.map { _ in SampleCSV() }
    }

    // MARK: Streams

    enum Stream: UInt64 {
        case muck = 10, license, filing, sanitation, inspection, gate, foreignInspection, gateVisitor, company
    }

    func stream(_ s: Stream, _ index: Int) -> SplitMix64 {
        SplitMix64(seed: seed, stream: s.rawValue, index: UInt64(index))
    }

    /// The buffer of a file, taken out (so appending never copies it) until `put` back.
    @inline(__always)
    private mutating func take(_ f: SampleFile) -> SampleCSV {
        var c = SampleCSV(capacity: 0)
        swap(&c, &out[f.rawValue])
        return c
    }

    @inline(__always)
    private mutating func put(_ c: SampleCSV, _ f: SampleFile) { out[f.rawValue] = c }

    // MARK: Dates

    static func day(_ y: Int, _ m: Int, _ d: Int) -> Int { CivilDate(year: y, month: m, day: d)!.dayNumber }
    static let nov1 = day(2020, 11, 1)
    static let oct1 = day(2020, 10, 1)
    static let extract = SampleVehicleMaker.extractDate.dayNumber
    /// Inspections: 2020-05-01 … 2020-11-30.
    static let inspectionFirst = day(2020, 5, 1)
    static let inspectionLast = day(2020, 11, 30)
    /// Gate log: 2020-10-15 … 2020-11-30.
    static let gateFirst = day(2020, 10, 15)
    static let gateDays = day(2020, 12, 1) - day(2020, 10, 15)

    /// A day uniformly in `lo...hi`.
    @inline(__always)
    static func between(_ lo: Int, _ hi: Int, _ rng: inout SplitMix64) -> Int {
        hi <= lo ? lo : lo + rng.below(hi - lo + 1)
    }

    // MARK: One vehicle

    /// Makes every evidence line about vehicle `index` into `out` (cleared first).
    mutating func make(_ v: SampleVehicleRow, index: Int) {
        for f in out.indices where !out[f].isEmpty { out[f].removeAll() }
        let approvals = muckApprovals(v, index)
        transportLicense(v, index)
        let filing = self.filing(v, index)
        writeFiling(v, filing)
        sanitation(v, index)
        inspections(v, index, approvals)
        foreignInspections(v, index)
        let plan = gatePlan(v, index, filing)
        let visitor = gateVisitor(v, index)
        if plan.naturalRows > 0 || visitor.naturalRows > 0 {
            var csv = take(.gateLog)
            gateRows(plan, rows: plan.naturalRows, into: &csv)
            gateRows(visitor, rows: visitor.naturalRows, into: &csv)
            put(csv, .gateLog)
        }
    }

    // MARK: Muck approvals

    struct Approval {
        var from = 0, to = 0
        var revoked = false
        var site = -1
    }
    /// Up to two approvals of a vehicle.
    struct Approvals {
        var count = 0
        var first = Approval(), second = Approval()
        subscript(i: Int) -> Approval { i == 0 ? first : second }
    }

    enum ApprovalCase { case current, expired, revoked, later }
    static let firstCase = Weighted<ApprovalCase>([(.current, 52), (.expired, 22), (.revoked, 11), (.later, 15)])
    static let muckTrades = Weighted<String>([("土石方工程有限公司", 40), ("渣土运输有限公司", 30), ("建筑工程有限公司", 15),
                                              ("运输有限公司", 15)])
    static let companyPlaces = Weighted<String>(SampleVocabulary.companyPlaces)

    mutating func muckApprovals(_ v: SampleVehicleRow, _ index: Int) -> Approvals {
        var result = Approvals()
        guard v.isGoods, !v.gone else { return result }
        let p: Double
        if v.isDump {
            p = v.isHeavyGoods || v.isMediumGoods ? 0.42 : 0.08
        } else if v.kind == .tractor {
            p = 0.03
        } else {
            p = v.isHeavyGoods ? 0.02 : 0
        }
        var rng = stream(.muck, index)
        guard rng.chance(p) else { return result }

        // The carrier: the owner if a company, else the company the truck is attached to (挂靠).
        let company: String
        if v.ownerIsCompany && rng.chance(0.85) {
            company = v.owner
        } else {
            var crng = stream(.company, rng.skewed(200, power: 1.6))
            company = E.companyPlaces.pick(&crng) + V.tradeNames[crng.below(V.tradeNames.count)] + E.muckTrades.pick(&crng)
        }
        let lo = max(v.firstRegistered + 1, E.day(2019, 6, 1))
        let count = rng.chance(0.06) ? 2 : 1
        var previous: ApprovalCase = .current
        var csv = take(.muckApprovals)
        defer { put(csv, .muckApprovals) }
        for k in 0..<count {
            var c: ApprovalCase
            if k == 0 {
                c = E.firstCase.pick(&rng)
            } else {
                switch previous {
                case .expired: c = rng.chance(0.6) ? .current : .later
                case .revoked: c = rng.chance(0.5) ? .current : .later
                case .current: c = rng.chance(0.7) ? .later : .current
                case .later: c = .current
                }
            }
            var a = Approval()
            if c == .expired {
                a.to = E.between(E.day(2020, 5, 1), E.day(2020, 10, 25), &rng)
                a.from = max(lo, a.to - 60 - rng.below(241))
                if a.from > a.to { c = .current }
            }
            switch c {
            case .current:
                a.from = E.between(max(lo, E.day(2020, 1, 1)), E.extract, &rng)
                a.to = E.between(E.day(2020, 11, 30), E.day(2021, 6, 30), &rng)
            case .revoked:
                a.from = E.between(max(lo, E.day(2020, 3, 1)), E.extract, &rng)
                a.to = a.from + 120 + rng.below(181)
                a.revoked = true
            case .later:
                a.from = E.between(E.day(2020, 11, 5), E.day(2020, 12, 20), &rng)
                a.to = a.from + 90 + rng.below(151)
            case .expired:
                break
            }
            a.site = rng.chance(0.95) ? rng.below(V.sites.count) : -1
            previous = c
            if k == 0 { result.first = a } else { result.second = a }
            result.count = k + 1

            let style = rng.chance(0.12) ? 1 : 0
            csv.number(approvalSerials.apply(2 * index + k), width: 8,
                       prefix: Array("ZT\(SampleCSV.civil(a.from).0)-".utf8))
            csv.field(v.plate)
            csv.field(company)
            csv.date(a.from, style: style)
            csv.date(a.to, style: style)
            if a.site >= 0 { csv.field(V.sites[a.site]) } else { csv.empty() }
            if rng.chance(0.95) { csv.field(V.dumpSites[rng.below(V.dumpSites.count)]) } else { csv.empty() }
            csv.field(a.revoked ? "撤销" : rng.chance(0.85) ? "有效" : "")
            csv.endLine()
        }
        return result
    }

    // MARK: Transport licences

    mutating func transportLicense(_ v: SampleVehicleRow, _ index: Int) {
        var p: Double
        switch v.use {
        case "F", "R": p = 0.68
        case "L": p = 0.15
        case "A": p = 0.03
        default: p = 0.02
        }
        if v.kind == .car { p = 0 }
        if v.gone { p *= 0.4 }
        var rng = stream(.license, index)
        guard rng.chance(p) else { return }
        let plate = v.plate
        let prefix = String(plate.prefix(2))
        var csv = take(.transportLicenses)
        csv.number(licenseSerials.apply(index), width: 8,
                   prefix: Array((V.licenseAreas[prefix] ?? "410100").utf8))
        csv.field(plate)
        csv.field(v.owner)
        let scope: String
        if v.use == "R" {
            scope = "危险货物运输"
        } else if v.isTanker || v.typeCode == "Z51" {
            scope = "货物专用运输"
        } else if (v.kind == .tractor || v.isTrailer) && rng.chance(0.06) {
            scope = "大型物件运输"
        } else {
            scope = rng.chance(0.05) ? "普通货运、货物专用运输" : "普通货运"
        }
        csv.field(scope)
        var validTo: Int
        if rng.chance(0.13) && v.firstRegistered < E.day(2019, 10, 1) {
            validTo = E.between(E.day(2019, 11, 1), E.day(2020, 10, 30), &rng)
        } else {
            validTo = E.between(E.nov1, E.day(2023, 12, 31), &rng)
            if rng.chance(0.1) { validTo = E.between(E.day(2024, 1, 1), E.day(2024, 12, 31), &rng) }
        }
        csv.date(validTo, style: rng.chance(0.1) ? 1 : 0)
        csv.endLine()
        put(csv, .transportLicenses)
    }

    // MARK: Enterprise fleet

    struct Filing {
        var count = 0
        var enterprise = (0, 0)
        /// 停用 (withdrawn) or not, per filing.
        var withdrawn = (false, false)
        var statusText = ("", "")
        var filedOn = (-1, -1)

        /// The enterprises where the truck is filed in use.
        var inUse: [Int] {
            var r: [Int] = []
            if count > 0 && !withdrawn.0 { r.append(enterprise.0) }
            if count > 1 && !withdrawn.1 { r.append(enterprise.1) }
            return r
        }
    }

    /// Whether and where a truck is filed (pure: the gate log asks again).
    func filing(_ v: SampleVehicleRow, _ index: Int) -> Filing {
        var f = Filing()
        guard v.isHeavyGoods, !v.gone else { return f }
        var p = v.kind == .tractor ? 0.13 : v.isDump ? 0.05 : 0.085
        if v.fuel == "E" { p = 0.3 } else if v.fuel == "C" { p = 0.25 }
        var rng = stream(.filing, index)
        guard rng.chance(p) else { return f }
        let n = SampleEnterprises.count
        var first: Int
        if let t = v.townshipIndex, !enterprises.byTownship[t].isEmpty, rng.chance(0.5) {
            first = enterprises.byTownship[t][rng.below(enterprises.byTownship[t].count)]
        } else {
            first = rng.skewed(n, power: 1.3)
        }
        f.count = rng.chance(0.2) ? 2 : 1
        f.enterprise = (first, (first + 1 + rng.below(n - 1)) % n)
        func status(_ rng: inout SplitMix64) -> (Bool, String) {
            let r = rng.below(100)
            return r < 12 ? (true, "停用") : r < 22 ? (false, "") : (false, "在用")
        }
        let s0 = status(&rng), s1 = status(&rng)
        f.withdrawn = (s0.0, s1.0)
        f.statusText = (s0.1, s1.1)
        let lo = max(v.firstRegistered, E.day(2018, 3, 1))
        f.filedOn = (rng.chance(0.05) ? -1 : E.between(lo, E.extract, &rng), rng.chance(0.05) ? -1 : E.between(lo, E.extract, &rng))
        return f
    }

    mutating func writeFiling(_ v: SampleVehicleRow, _ f: Filing) {
        guard f.count > 0 else { return }
        var csv = take(.enterpriseFleet)
        for k in 0..<f.count {
            csv.raw(enterprises.all[k == 0 ? f.enterprise.0 : f.enterprise.1].idBytes)
            csv.field(v.plate)
            let d = k == 0 ? f.filedOn.0 : f.filedOn.1
            if d >= 0 { csv.date(d) } else { csv.empty() }
            csv.field(k == 0 ? f.statusText.0 : f.statusText.1)
            csv.endLine()
        }
        put(csv, .enterpriseFleet)
    }

    // MARK: Sanitation fleet

    static let sanitationOperators = Weighted<String>(SampleVocabulary.sanitationOperators)

    mutating func sanitation(_ v: SampleVehicleRow, _ index: Int) {
        guard !v.gone, v.typeCode.hasPrefix("H2") || v.typeCode.hasPrefix("H3") else { return }
        var p = v.fuel == "C" ? 0.10 : 0.025
        if v.firstRegistered >= E.day(2020, 6, 1) { p *= 2.5 }
        var rng = stream(.sanitation, index)
        guard rng.chance(p) else { return }
        var csv = take(.sanitationFleet)
        csv.field(v.plate)
        var op = E.sanitationOperators.pick(&rng)
        var area = ""
        if op == "township" {
            let t = v.townshipIndex ?? SampleVehicleMaker.townships.pickIndex(&rng)
            op = SampleVehicleMaker.townshipNames[t] + "环卫所"
            area = SampleVehicleMaker.townshipNames[t]
        } else if rng.chance(0.5) {
            area = V.sanitationAreas[rng.below(V.sanitationAreas.count)]
        } else if rng.chance(0.8) {
            area = SampleVehicleMaker.townshipNames[SampleVehicleMaker.townships.pickIndex(&rng)]
        }
        csv.field(op)
        var bought = max(E.day(2000, 1, 1), v.firstRegistered - rng.below(31))
        if v.firstRegistered < E.oct1 && rng.chance(0.22) {
            bought = E.oct1 + rng.below(46)         // taken over for the new contract
        }
        csv.date(bought, style: rng.chance(0.1) ? 2 : 0)
        csv.field(area)
        csv.endLine()
        put(csv, .sanitationFleet)
    }

    // MARK: Inspections

    enum Kind: Int { case night, roadside, sensing, site, dumpSite }
    static let kindNames = ["夜查", "路检", "遥感", "工地", "消纳场"]
    static let emissionKinds = Weighted<Kind>([(.night, 35), (.roadside, 30), (.sensing, 35)])
    enum Result: Int { case pass, over, muck, other }
    static let resultNames = ["合格", "超标", "渣土运输", "其他"]

    /// The share of emission checks a vehicle fails, by the stage the registry knows.
    static func overShare(_ v: SampleVehicleRow) -> Double {
        if v.isZeroEmission { return 0 }
        let byStage = [0.40, 0.40, 0.40, 0.28, 0.14, 0.05, 0.02]
        return byStage[min(6, max(0, v.stage))] * (v.isDiesel ? 1 : 0.5)
    }

    struct Check {
        var day = 0
        var kind = Kind.roadside
    }

    mutating func inspections(_ v: SampleVehicleRow, _ index: Int, _ approvals: Approvals) {
        guard !v.isTrailer else { return }
        var p: Double
        switch v.kind {
        case .heavy, .tractor: p = 0.36
        case .medium: p = 0.28
        case .light: p = 0.16
        case .micro: p = 0.06
        case .lowSpeed: p = 0.05
        case .specialHeavy: p = 0.30
        case .specialLight: p = 0.12
        case .car: p = 0.03
        case .semiTrailer, .fullTrailer: p = 0
        }
        if v.isDump { p = v.isHeavyGoods || v.isMediumGoods ? 0.55 : p + 0.1 }
        if v.gone { p *= 0.2 }
        var rng = stream(.inspection, index)
        guard rng.chance(p) else { return }
        let n = [1, 1, 1, 1, 1, 1, 2, 2, 2, 3][rng.below(10)]

        // What kind of check each record is, and on which day.
        var checks = (Check(), Check(), Check())
        func set(_ i: Int, _ c: Check) { if i == 0 { checks.0 = c } else if i == 1 { checks.1 = c } else { checks.2 = c } }
        func get(_ i: Int) -> Check { i == 0 ? checks.0 : i == 1 ? checks.1 : checks.2 }
        for i in 0..<n {
            var c = Check()
            let muck: Bool
            if v.isDump {
                muck = rng.chance(0.6)
            } else {
                muck = (v.isHeavyGoods || v.kind == .specialHeavy) && rng.chance(0.05)
            }
            if muck {
                c.kind = rng.chance(0.55) ? .site : .dumpSite
            } else {
                c.kind = v.isZeroEmission ? (rng.chance(0.5) ? .night : .roadside) : E.emissionKinds.pick(&rng)
            }
            // A dump truck with an approval is mostly seen while it holds one.
            c.day = E.between(E.inspectionFirst, E.inspectionLast, &rng)
            if muck && approvals.count > 0 && rng.chance(0.6) {
                let a = approvals[rng.below(approvals.count)]
                let lo = max(a.from, E.inspectionFirst), hi = min(a.to, E.inspectionLast)
                if lo <= hi { c.day = E.between(lo, hi, &rng) }
            }
            // Distinct days, so that (time, plate, kind) is a key even without 记录编号.
            var clash = true
            while clash {
                clash = false
                for j in 0..<i where get(j).day == c.day {
                    clash = true
                    c.day = c.day == E.inspectionLast ? E.inspectionFirst : c.day + 1
                }
            }
            set(i, c)
        }
        // In time order.
        if n > 1 {
            for i in 1..<n {
                var j = i
                while j > 0 && get(j - 1).day > get(j).day {
                    let t = get(j - 1); set(j - 1, get(j)); set(j, t)
                    j -= 1
                }
            }
        }
        let over = E.overShare(v)
        let hauling = v.isDump ? 0.85 : 0.7
        var lastWasOver = false
        var csv = take(.inspections)
        for i in 0..<n {
            let c = get(i)
            let result: Result
            switch c.kind {
            case .site, .dumpSite:
                let r = rng.unit()
                result = r < hauling ? .muck : r < 0.95 ? .pass : .other
            default:
                if lastWasOver && rng.chance(0.6) {
                    result = .pass                       // repaired and passed a later check
                } else if rng.chance(over) {
                    result = .over
                } else {
                    result = rng.chance(0.04) ? .other : .pass
                }
                lastWasOver = result == .over
            }
            var site: Int = -1
            if c.kind == .site && approvals.count > 0 && rng.chance(0.5) { site = approvals.first.site }
            writeCheck(&csv, serial: 5 * index + i, plate: v.plate, day: c.day, kind: c.kind, result: result,
                       site: site, &rng)
        }
        put(csv, .inspections)
    }

    /// The time of day (seconds) of a check: night checks around midnight, muck checks at night.
    static func timeOfDay(_ kind: Kind, _ rng: inout SplitMix64) -> Int {
        let s = rng.below(60)
        switch kind {
        case .night:                          // 22:00–02:59
            let m = rng.below(300)
            return (m < 120 ? 22 * 3600 + m * 60 : (m - 120) * 60) + s
        case .roadside: return 8 * 3600 + rng.below(600) * 60 + s
        case .sensing: return 7 * 3600 + rng.below(780) * 60 + s
        case .site:
            if rng.chance(0.7) {              // 20:00–04:59
                let m = rng.below(540)
                return (m < 240 ? 20 * 3600 + m * 60 : (m - 240) * 60) + s
            }
            return 9 * 3600 + rng.below(540) * 60 + s
        case .dumpSite:                       // 21:00–04:59
            let m = rng.below(480)
            return (m < 180 ? 21 * 3600 + m * 60 : (m - 180) * 60) + s
        }
    }

    private func writeCheck(_ csv: inout SampleCSV, serial: Int, plate: String, day: Int, kind: Kind, result: Result,
                            site: Int, _ rng: inout SplitMix64) {
        if rng.chance(0.9) {
            csv.number(recordSerials.apply(serial), width: 8, prefix: E.recordPrefix(day))
        } else {
            csv.empty()
        }
        csv.dateTime(day * 86_400 + E.timeOfDay(kind, &rng))
        csv.field(plate)
        csv.field(E.kindNames[kind.rawValue])
        csv.field(E.resultNames[result.rawValue])
        let place: String, unit: String
        switch kind {
        case .night:
            place = V.checkpoints[rng.below(V.checkpoints.count)]; unit = V.nightUnits[rng.below(V.nightUnits.count)]
        case .roadside:
            place = V.checkpoints[rng.below(V.checkpoints.count)]; unit = V.roadUnits[rng.below(V.roadUnits.count)]
        case .sensing:
            place = V.sensingStations[rng.below(V.sensingStations.count)]; unit = V.sensingUnits[0]
        case .site:
            place = V.sites[site >= 0 ? site : rng.below(V.sites.count)]; unit = V.siteUnits[rng.below(V.siteUnits.count)]
        case .dumpSite:
            place = V.dumpSites[rng.below(V.dumpSites.count)]; unit = V.siteUnits[rng.below(V.siteUnits.count)]
        }
        if rng.chance(0.97) { csv.field(place) } else { csv.empty() }
        if rng.chance(0.97) { csv.field(unit) } else { csv.empty() }
        csv.endLine()
    }

    /// `JC20201103-`: the record number's date part.
    static func recordPrefix(_ day: Int) -> [UInt8] {
        var c = SampleCSV(capacity: 12)
        c.bytes.append(contentsOf: Array("JC".utf8))
        c.appendDate(day, style: 2)
        c.bytes.append(0x2D)
        return c.bytes
    }

    // MARK: Trucks from elsewhere

    static let visitorPrefixes = Weighted<String>(SampleVocabulary.visitorPrefixes)

    /// A plate that is certainly not in the registry: the vehicle's serial under another prefix.
    /// (A serial is used once in the whole extract, whatever its prefix; trailers give none.)
    static func foreignPlate(of v: SampleVehicleRow, _ rng: inout SplitMix64) -> String? {
        guard !v.isTrailer else { return nil }
        let plate = v.plate
        let own = plate.prefix(2)
        var prefix = visitorPrefixes.pick(&rng)
        if prefix == own { prefix = prefix == "晋E" ? "豫D" : "晋E" }
        return prefix + plate.dropFirst(2)
    }

    mutating func foreignInspections(_ v: SampleVehicleRow, _ index: Int) {
        var rng = stream(.foreignInspection, index)
        guard rng.chance(0.021), let plate = E.foreignPlate(of: v, &rng) else { return }
        let n = rng.chance(0.2) ? 2 : 1
        let firstDay = E.between(E.inspectionFirst, E.inspectionLast - 1, &rng)
        var csv = take(.inspections)
        for i in 0..<n {
            let day = i == 0 ? firstDay : E.between(firstDay + 1, E.inspectionLast, &rng)
            let kind: Kind, result: Result
            if rng.chance(0.35) {
                kind = rng.chance(0.5) ? .site : .dumpSite
                result = rng.chance(0.8) ? .muck : .pass
            } else {
                kind = E.emissionKinds.pick(&rng)
                result = rng.chance(0.25) ? .over : rng.chance(0.04) ? .other : .pass
            }
            writeCheck(&csv, serial: 5 * index + 3 + i, plate: plate, day: day, kind: kind, result: result, site: -1, &rng)
        }
        put(csv, .inspections)
    }

    // MARK: Gate log

    /// One truck's traffic at one or two enterprise gates.
    struct GatePlan {
        var plate = ""
        var enterprises = (0, 0)
        var count = 0
        var trips = 0
        var naturalRows = 0
        /// The stream the rows are drawn from (after the plan's own draws).
        var rng = SplitMix64(seed: 0)
    }

    /// The traffic of a registered truck: filed in use (most), filed but withdrawn (a little),
    /// or unfiled (a few visits).
    func gatePlan(_ v: SampleVehicleRow, _ index: Int, _ f: Filing) -> GatePlan {
        var plan = GatePlan()
        var rng = stream(.gate, index)
        let inUse = f.inUse
        if !inUse.isEmpty {
            plan.count = inUse.count
            plan.enterprises = (inUse[0], inUse.count > 1 ? inUse[1] : inUse[0])
            plan.trips = 20 + rng.below(37)
        } else if f.count > 0 {
            plan.count = 1
            plan.enterprises = (f.enterprise.0, f.enterprise.0)
            plan.trips = rng.below(3)
        } else if !v.gone && (v.isHeavyGoods || v.isMediumGoods) && rng.chance(0.06) {
            plan.count = 1
            let e = rng.skewed(SampleEnterprises.count, power: 1.3)
            plan.enterprises = (e, e)
            plan.trips = 1 + rng.below(4)
        }
        plan.naturalRows = 2 * plan.trips - (plan.trips > 0 && rng.chance(0.02) ? 1 : 0)
        plan.plate = v.plate
        plan.rng = rng
        return plan
    }

    /// A truck from elsewhere (not in the registry) calling at an enterprise a few times.
    func gateVisitor(_ v: SampleVehicleRow, _ index: Int) -> GatePlan {
        var plan = GatePlan()
        var rng = stream(.gateVisitor, index)
        guard rng.chance(0.006), let plate = E.foreignPlate(of: v, &rng) else { return plan }
        let e = rng.below(SampleEnterprises.count)
        plan.plate = plate
        plan.count = 1
        plan.enterprises = (e, e)
        plan.trips = 1 + rng.below(4)
        plan.naturalRows = 2 * plan.trips
        plan.rng = rng
        return plan
    }

    /// For sets too small to have gate traffic (`gateLogLines` only): the vehicle calls once.
    func gateFallback(_ v: SampleVehicleRow, _ index: Int) -> GatePlan {
        var plan = GatePlan()
        var rng = stream(.gateVisitor, index)
        let e = rng.below(SampleEnterprises.count)
        plan.plate = v.plate
        plan.count = 1
        plan.enterprises = (e, e)
        plan.trips = 1
        plan.naturalRows = 1
        plan.rng = rng
        return plan
    }

    /// Seconds of each day in which trucks arrive: 05:30–23:30.
    static let gateDayStart = 5 * 3600 + 1800
    static let gateDayLength = 18 * 3600

    /// Writes exactly `rows` gate rows for a plan: trips spread over 2020-10-15…2020-11-30, each
    /// 进 then 出 40–100 minutes later (sooner when trips are crowded), in time order; an odd
    /// count leaves the last truck inside. Arrival times are distinct while `rows` stays below
    /// about six million per truck, so every (enterprise, plate, time, direction) is a key.
    func gateRows(_ plan: GatePlan, rows: Int, into csv: inout SampleCSV) {
        guard rows > 0, plan.count > 0 else { return }
        var rng = plan.rng
        let trips = (rows + 1) / 2
        let span = E.gateDays * E.gateDayLength
        let base = E.gateFirst * 86_400
        func arrival(_ k: Int, _ rng: inout SplitMix64) -> Int {
            let lo = k * span / trips, hi = (k + 1) * span / trips
            let a = hi > lo ? lo + rng.below(hi - lo) : lo
            return base + (a / E.gateDayLength) * 86_400 + E.gateDayStart + a % E.gateDayLength
        }
        let plate = plan.plate
        let second = plan.count > 1 ? plan.enterprises.1 : plan.enterprises.0
        var next = arrival(0, &rng)
        for k in 0..<trips {
            let at = next
            let e = enterprises.all[plan.count > 1 && rng.chance(0.3) ? second : plan.enterprises.0]
            let kind = V.enterpriseKinds[e.kind]
            csv.raw(e.idBytes)
            csv.field(plate)
            csv.dateTime(at)
            csv.field("进")
            if !kind.inbound.isEmpty && rng.chance(0.35) { csv.field(kind.inbound[rng.below(kind.inbound.count)]) } else { csv.empty() }
            csv.endLine()
            if k + 1 < trips { next = arrival(k + 1, &rng) }
            if 2 * k + 1 < rows {
                var leave = at + 2400 + rng.below(3600)
                if k + 1 < trips { leave = max(at, min(leave, next - 1)) }
                csv.raw(e.idBytes)
                csv.field(plate)
                csv.dateTime(leave)
                csv.field("出")
                if rng.chance(0.85) { csv.field(kind.outbound[rng.below(kind.outbound.count)]) } else { csv.empty() }
                csv.endLine()
            }
        }
    }
}
