import FleetCore

/// Word lists for realistic owners and addresses in Xinmi (新密市, Zhengzhou, Henan).
/// Every place word is checked against the township table so that an address names exactly the
/// township the generator meant (or none, for the unmatched ones).
enum SampleVocabulary {
    // MARK: People

    /// Common surnames, roughly by frequency in Henan (earlier = more common).
    static let surnames: [String] = [
        "王", "李", "张", "刘", "陈", "杨", "赵", "郭", "孙", "马", "黄", "周", "吴", "徐", "朱", "高", "胡",
        "宋", "郑", "何", "韩", "冯", "许", "曹", "田", "魏", "袁", "任", "谢", "崔", "吕", "秦", "程", "贾",
        "申", "牛", "史", "范", "丁", "薛", "闫", "苏", "杜", "梁", "付", "姚", "司", "娄", "樊", "靳", "翟",
        "裴", "卢", "屈", "苗", "郝", "段", "焦", "常", "白", "耿", "邢", "岳", "皇甫", "司马", "欧阳",
    ]
    static let givenChars: [String] = [
        "建", "国", "军", "伟", "强", "磊", "勇", "涛", "杰", "刚", "明", "超", "华", "平", "亮", "辉", "鹏",
        "飞", "龙", "波", "斌", "峰", "林", "鑫", "浩", "宇", "帅", "新", "红", "丽", "娟", "霞", "敏", "静",
        "芳", "艳", "玉", "春", "海", "东", "志", "永", "保", "长", "卫", "文", "晓", "俊", "松", "振", "庆",
        "德", "根", "喜", "富", "贵", "旺", "金", "银", "书", "占", "留", "栓", "宏", "利", "民",
        "胜", "洋", "阳", "晨", "凯", "旭", "博", "佳", "梦", "雪", "莉", "燕",
    ]

    // MARK: Companies

    static let companyPlaces: [(String, Int)] = [
        ("新密市", 60), ("郑州", 10), ("郑州市", 6), ("河南", 8), ("河南省", 4), ("新密", 6), ("河南中原", 2),
        ("登封市", 2), ("荥阳市", 2),
    ]
    static let tradeNames: [String] = [
        "鑫达", "宏发", "顺通", "恒昌", "金泰", "兴旺", "瑞祥", "豫通", "广源", "华源", "通达", "万里", "长兴",
        "天宇", "润丰", "浩宇", "东方", "金盾", "聚源", "福源", "永安", "昌盛", "宝丰", "安达", "博远", "路通",
        "众诚", "嘉诚", "盛达", "远航", "荣达", "汇通", "鼎盛", "中科", "隆泰", "伟业", "锦程", "诚信", "鸿运",
        "畅达", "祥和", "宏图", "新源", "鑫磊", "金诺", "凯旋", "腾飞", "源丰", "溱洧", "密州", "嵩岳", "青屏",
        "超越", "恒通", "运通", "大成", "天成", "华中", "洪峰", "顺意",
    ]
    /// Kinds of business, by what the vehicle suggests.
    enum Trade: Int, CaseIterable { case freight, dump, concrete, tanker, general, sanitation }
    static func industries(_ t: Trade) -> [(String, Int)] {
        switch t {
        case .freight:
            return [("物流有限公司", 40), ("运输有限公司", 25), ("汽车运输有限公司", 15), ("货运有限公司", 8),
                    ("物流有限责任公司", 6), ("耐火材料有限公司", 6), ("煤业有限公司", 3), ("建材有限公司", 5)]
        case .dump:
            return [("土石方工程有限公司", 30), ("渣土运输有限公司", 15), ("建筑工程有限公司", 20), ("建材有限公司", 15),
                    ("运输有限公司", 15), ("煤业有限公司", 5)]
        case .concrete:
            return [("商砼有限公司", 40), ("混凝土有限公司", 30), ("建材有限公司", 20), ("建筑工程有限公司", 10)]
        case .tanker:
            return [("化工物流有限公司", 40), ("危险货物运输有限公司", 30), ("石化运输有限公司", 20), ("燃气有限公司", 10)]
        case .general:
            return [("耐火材料有限公司", 25), ("实业有限公司", 20), ("商贸有限公司", 20), ("建材有限公司", 15),
                    ("食品有限公司", 10), ("电力有限公司", 5), ("物流有限公司", 5)]
        case .sanitation:
            return [("环卫工程有限公司", 50), ("城市管理局", 20), ("环境卫生服务有限公司", 30)]
        }
    }

    // MARK: Places

    /// Townships and how many vehicles live there (weights), with whether they are urban.
    static let townshipWeights: [(String, Int, Bool)] = [
        ("青屏街街道", 8, true), ("新华路街道", 6, true), ("西大街街道", 6, true), ("城关镇", 9, false),
        ("米村镇", 6, false), ("牛店镇", 4, false), ("平陌镇", 4, false), ("超化镇", 7, false), ("苟堂镇", 4, false),
        ("大隗镇", 6, false), ("刘寨镇", 7, false), ("白寨镇", 7, false), ("岳村镇", 6, false), ("来集镇", 6, false),
        ("曲梁镇", 7, false), ("袁庄乡", 4, false), ("矿区街道", 3, true),
    ]

    /// Village names (…村) that contain no township name, short form or alias.
    static let villages: [String] = {
        let first = ["杨", "马", "石", "柳", "桃", "杏", "槐", "楼", "黄", "高", "张", "程", "范", "史", "孙", "韩",
                     "周", "梁", "郭", "陈", "吴", "宋", "苏", "卢", "裴", "翟", "东", "西", "南", "北", "前", "后",
                     "上", "下", "大", "小", "老", "新", "古", "双", "三", "五"]
        let second = ["台", "庄", "沟", "岭", "坡", "湾", "岗", "营", "河", "坪", "园", "楼", "家", "堂", "峪", "洼",
                      "窑", "门", "桥", "井", "湖"]
        var out: [String] = []
        for a in first { for b in second where a != b { out.append(a + b + "村") } }
        return out.filter(isNeutral)
    }()

    /// Streets in the town centre (no township word in them).
    static let streets: [String] = [
        "青屏大街", "长乐路", "开阳路", "金凤路", "嵩山大道", "溱水路", "东大街", "平安路", "密州大道", "文化路",
        "人民路", "建设路", "矿务局路", "北密新路", "老城路", "广场路", "惠安路", "振兴路", "天佑路", "桃园路",
    ].filter(isNeutral)

    /// Addresses outside Xinmi, or in Xinmi without a township (both found as 未匹配).
    static let elsewhere: [String] = [
        "郑州市二七区大学路", "郑州市金水区农业路", "郑州市中原区建设西路", "郑州市管城回族区航海东路",
        "荥阳市索河路", "巩义市杜甫路", "登封市少林大道", "新郑市中华路", "禹州市药城路", "汝州市广成路",
        "山西省晋城市泽州县", "河北省邯郸市武安市", "安徽省阜阳市临泉县", "新密市郑密路", "新密市S316省道旁",
    ].filter(isNeutral)

    /// Whether a text names no township of the default table.
    static func isNeutral(_ s: String) -> Bool {
        TownshipTable.xinmi.resolve(declared: nil, address: s).source == .unassigned
    }

    // MARK: Vehicles

    /// World manufacturer identifiers (VIN positions 1–3) by the kind of vehicle.
    static let wmiHeavy = ["LZZ", "LFW", "LZG", "LGA", "LFN", "LRD", "LBZ", "LJ1", "LVB", "LGD"]
    static let wmiLight = ["LVB", "LJ1", "LEF", "LGD", "LS4", "LZ0", "LNX", "LWL", "LKC"]
    static let wmiMicro = ["LZW", "LS4", "LKC", "LVV", "LGX", "LNB"]
    static let wmiTrailer = ["LA9", "LA6", "LA7", "L9A", "LJR", "LZ5"]
    static let wmiCar = ["LSV", "LFV", "LGB", "LBV", "LHG", "LGX", "LVS", "LS5", "LNB"]

    static let phonePrefixes = ["130", "131", "132", "133", "135", "136", "137", "138", "139", "150", "151", "152",
                                "155", "156", "157", "158", "159", "180", "181", "182", "183", "185", "186", "187",
                                "188", "189"]

    // MARK: Evidence

    /// Construction sites that produce spoil (出土工地), checked at 工地 inspections.
    static let sites: [String] = [
        "溱水路道路改造工程", "青屏大街雨污分流改造工程", "密州大道东延工程", "金凤小区三期项目", "溱水花园二期项目",
        "新密市第一高级中学新校区项目", "新密市中医院门诊楼项目", "长乐路棚户区改造项目", "开阳路综合管廊工程",
        "城关镇安置房项目", "曲梁镇产业园标准化厂房项目", "白寨镇棚户区改造项目", "郑栾高速新密连接线工程",
        "嵩山大道拓宽工程", "新华路街道老旧小区改造项目", "矿区街道安置小区项目", "来集镇污水处理厂项目",
        "米村镇中心学校项目", "超化镇滨河公园项目", "阳光新城四期项目", "东区商业综合体项目", "平安路延伸工程",
    ]
    /// Licensed dump sites (消纳场).
    static let dumpSites: [String] = [
        "城关镇建筑垃圾消纳场", "曲梁镇大樊庄消纳场", "来集镇废弃矿坑消纳点", "米村镇建筑垃圾消纳场",
        "岳村镇建筑垃圾处置场", "超化镇消纳场", "刘寨镇废弃砖厂消纳点",
    ]
    /// Roadside check points (夜查, 路检).
    static let checkpoints: [String] = [
        "S316与密州大道交叉口", "郑密路新密收费站", "G107新密段", "溱水路与青屏大街交叉口", "开阳路西出口",
        "S232来集段", "新密西治超站", "S323曲梁段", "长乐路与嵩山大道交叉口", "郑尧高速新密出口",
    ]
    /// Remote-sensing stations (遥感).
    static let sensingStations: [String] = [
        "长乐路遥感监测点", "密州大道遥感监测点", "S316米村遥感监测站", "郑密路遥感监测站", "G107超化遥感监测点",
    ]
    static let nightUnits = ["新密市公安局交通警察大队", "新密市机动车排气污染联合执法组"]
    static let roadUnits = ["新密市公安局交通警察大队", "新密市交通运输局", "新密市公安局交通警察大队"]
    static let sensingUnits = ["郑州市生态环境局新密分局"]
    static let siteUnits = ["新密市城市管理局", "新密市城市管理综合执法大队"]

    /// Places of other plates' registration authorities (道路运输证 area codes) by plate prefix.
    static let licenseAreas: [String: String] = [
        "豫A": "410183", "豫B": "410200", "豫C": "410300", "豫D": "410400", "豫E": "410500", "豫F": "410600",
        "豫G": "410700", "豫H": "410800", "豫J": "410900", "豫K": "411000", "豫L": "411100", "豫M": "411200",
        "豫N": "411400", "豫P": "411600", "豫Q": "411700", "豫R": "411300", "豫S": "411500", "豫U": "419001",
        "晋E": "140500", "晋A": "140100", "冀D": "130400", "鲁R": "371700", "皖K": "341200", "陕A": "610100",
        "鄂F": "420600", "苏C": "320300",
    ]

    /// Prefixes of trucks from elsewhere seen in Xinmi (coal from Shanxi, neighbouring Henan cities).
    static let visitorPrefixes: [(String, Int)] = [
        ("晋E", 20), ("晋A", 4), ("晋C", 3), ("豫D", 10), ("豫K", 8), ("豫C", 6), ("豫H", 4), ("豫G", 4), ("豫N", 3),
        ("冀D", 5), ("鲁R", 3), ("皖K", 4), ("陕A", 2), ("鄂F", 2), ("苏C", 2),
    ]

    /// Sanitation operators (作业单位); 乡镇环卫所 are made from the township names.
    static let sanitationOperators: [(String, Int)] = [
        ("新密市城市管理局环卫处", 30), ("新密市环境卫生管理所", 15), ("新密市城乡环卫一体化服务有限公司", 20),
        ("新密市洁城环卫工程有限公司", 12), ("郑州玉龙环境卫生服务有限公司", 8), ("township", 15),
    ]
    static let sanitationAreas = ["城区主干道", "青屏大街沿线", "老城区", "新区", "开发区", "高速连接线"]

    /// Key bulk-material enterprises by kind: name endings, materials (物料类型), what trucks bring
    /// in and what they carry out, and how many of the ~40 are of the kind.
    struct EnterpriseKind {
        let names: [String]
        let materials: String
        let inbound: [String]
        let outbound: [String]
        let weight: Int
    }
    static let enterpriseKinds: [EnterpriseKind] = [
        EnterpriseKind(names: ["耐材有限公司", "耐火材料有限公司", "耐火材料股份有限公司", "炉料有限公司"],
                       materials: "耐火材料、铝矾土", inbound: ["铝矾土", "煤炭", "镁砂"], outbound: ["耐火砖", "耐火材料"], weight: 16),
        EnterpriseKind(names: ["水泥有限公司", "水泥集团有限公司"], materials: "水泥、熟料、石灰石",
                       inbound: ["石灰石", "煤炭", "粉煤灰"], outbound: ["水泥", "熟料"], weight: 4),
        EnterpriseKind(names: ["煤业有限公司", "煤矿", "煤炭储运有限公司"], materials: "煤炭",
                       inbound: [], outbound: ["原煤", "精煤"], weight: 6),
        EnterpriseKind(names: ["砂石料有限公司", "建材骨料有限公司", "石料厂"], materials: "砂石骨料",
                       inbound: ["石料"], outbound: ["砂石骨料", "机制砂"], weight: 5),
        EnterpriseKind(names: ["钙业有限公司", "石灰厂"], materials: "石灰", inbound: ["石灰石", "煤炭"],
                       outbound: ["石灰"], weight: 2),
        EnterpriseKind(names: ["陶瓷有限公司", "建材有限公司"], materials: "陶瓷原料、煤炭", inbound: ["陶瓷原料", "煤炭"],
                       outbound: ["瓷砖", "建材"], weight: 3),
        EnterpriseKind(names: ["热电有限公司", "电力有限公司"], materials: "煤炭、粉煤灰", inbound: ["煤炭"],
                       outbound: ["粉煤灰", "炉渣"], weight: 1),
        EnterpriseKind(names: ["商砼有限公司", "混凝土有限公司"], materials: "砂石、水泥、商品混凝土",
                       inbound: ["砂石骨料", "水泥"], outbound: ["商品混凝土"], weight: 3),
    ]
    static let enterprisePlaces: [(String, Int)] = [("新密市", 70), ("河南", 10), ("郑州", 10), ("河南省", 5), ("新密", 5)]
}
