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
}
