import FleetCore

/// A key bulk-material enterprise (重点用车企业) of the sample set.
struct SampleEnterprise {
    /// `XMQY001`…
    let id: String
    let idBytes: [UInt8]
    let name: String
    /// Index in `SampleVocabulary.townshipWeights`.
    let township: Int
    let builtUp: Bool
    /// Index in `SampleVocabulary.enterpriseKinds`.
    let kind: Int

    var townshipName: String { SampleVehicleMaker.townshipNames[township] }
    var materials: String { SampleVocabulary.enterpriseKinds[kind].materials }
}

/// The ~40 key enterprises: a third of them in the built-up area (the three town-centre
/// subdistricts, 矿区街道 and part of 城关镇), the rest in the industrial townships; names such as
/// 新密市鑫达耐材有限公司, one trade name each, so names are unique.
struct SampleEnterprises {
    static let count = 40

    let all: [SampleEnterprise]
    /// Enterprise indices by township index.
    let byTownship: [[Int]]

    /// Townships of the built-up area (城关镇 is partly built up, partly not).
    static let builtUpTownships = ["青屏街街道", "新华路街道", "西大街街道", "矿区街道", "城关镇"]
        .map { n in SampleVehicleMaker.townshipNames.firstIndex(of: n)! }
    static let outerTownships: Weighted<Int> = {
        let urban = Set(["青屏街街道", "新华路街道", "西大街街道", "矿区街道"])
        // Refractory and coal country: 米村, 超化, 刘寨, 白寨, 岳村, 来集, 曲梁, 苟堂, 大隗 …
        let extra: [String: Int] = ["米村镇": 3, "超化镇": 3, "刘寨镇": 2, "白寨镇": 2, "岳村镇": 2, "来集镇": 3, "曲梁镇": 3]
        return Weighted(SampleVehicleMaker.townshipNames.enumerated().compactMap { i, n in
            urban.contains(n) ? nil : (i, 2 + (extra[n] ?? 0))
        })
    }()
    static let kinds = Weighted<Int>(SampleVocabulary.enterpriseKinds.enumerated().map { ($0.offset, $0.element.weight) })
    static let places = Weighted<String>(SampleVocabulary.enterprisePlaces)

    init(seed: UInt64) {
        let trades = ScatterPermutation(size: SampleVocabulary.tradeNames.count, key: SplitMix64.mix(seed ^ 0x454E_5450))
        var list: [SampleEnterprise] = []
        for e in 0..<SampleEnterprises.count {
            var rng = SplitMix64(seed: seed, stream: 20, index: UInt64(e))
            let builtUp = e % 3 == 0
            let township = builtUp ? SampleEnterprises.builtUpTownships[rng.below(SampleEnterprises.builtUpTownships.count)]
                                   : SampleEnterprises.outerTownships.pick(&rng)
            let kind = SampleEnterprises.kinds.pick(&rng)
            let k = SampleVocabulary.enterpriseKinds[kind]
            let trade = SampleVocabulary.tradeNames[trades.apply(e)]
            let name = SampleEnterprises.places.pick(&rng) + trade + k.names[rng.below(k.names.count)]
            var idBytes = Array("XMQY".utf8)
            for d in [(e + 1) / 100, (e + 1) / 10 % 10, (e + 1) % 10] { idBytes.append(UInt8(48 + d)) }
            list.append(SampleEnterprise(id: String(decoding: idBytes, as: UTF8.self), idBytes: idBytes, name: name,
                                         township: township, builtUp: builtUp, kind: kind))
        }
        all = list
        var by = [[Int]](repeating: [], count: SampleVehicleMaker.townshipNames.count)
        for (i, e) in list.enumerated() { by[e.township].append(i) }
        byTownship = by
    }

    /// enterprises.csv, header first.
    func write(into csv: inout SampleCSV) {
        csv.line(SampleFile.enterprises.header)
        for e in all {
            csv.raw(e.idBytes)
            csv.field(e.name)
            csv.field(e.townshipName)
            csv.field(e.builtUp ? "是" : "否")
            csv.field(e.materials)
            csv.endLine()
        }
    }
}

/// The heavy-pollution alerts (重污染天气预警) of the sample set: the same few for every seed.
enum SampleAlerts {
    struct Alert {
        let level: String
        let start: Int
        let end: Int?
        let documentNo: String
    }

    static func at(_ y: Int, _ m: Int, _ d: Int, _ h: Int, _ min: Int = 0) -> Int {
        CivilDate(year: y, month: m, day: d)!.dayNumber * 86_400 + h * 3600 + min * 60
    }

    /// A yellow in early November; an orange upgraded to red (the red inside the orange); a yellow
    /// in December; an orange declared at the end of December and not yet lifted.
    static let all: [Alert] = [
        Alert(level: "黄色", start: at(2020, 11, 5, 12), end: at(2020, 11, 8, 12), documentNo: "新密重污染〔2020〕10号"),
        Alert(level: "橙色", start: at(2020, 11, 18, 0), end: at(2020, 11, 24, 12), documentNo: "新密重污染〔2020〕11号"),
        Alert(level: "红色", start: at(2020, 11, 20, 12), end: at(2020, 11, 23, 0), documentNo: "新密重污染〔2020〕12号"),
        Alert(level: "黄色", start: at(2020, 12, 8, 0), end: at(2020, 12, 10, 18), documentNo: "新密重污染〔2020〕13号"),
        Alert(level: "橙色", start: at(2020, 12, 28, 20), end: nil, documentNo: "新密重污染〔2020〕14号"),
    ]

    /// alerts.csv, header first.
    static func write(into csv: inout SampleCSV) {
        csv.line(SampleFile.alerts.header)
        for a in all {
            csv.field(a.level)
            csv.dateTime(a.start)
            if let e = a.end { csv.dateTime(e) } else { csv.empty() }
            csv.field(a.documentNo)
            csv.endLine()
        }
    }
}
