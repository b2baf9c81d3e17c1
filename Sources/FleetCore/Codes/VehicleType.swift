/// 车辆类型 — a GA 802 vehicle-type code such as `H17` 重型自卸货车.
///
///     let t = VehicleType.table.lookup("重型自卸货车")!
///     t.code          // "H17"
///     t.isGoods       // true (H or Q)
///     t.sizeClass     // .heavy
///     t.isDumpBody    // true
public struct VehicleType: RegistryCode {
    /// The type's place in `all`: with the flags below, a plain value (no strings to copy or
    /// release with every vehicle a screening run decodes); `code` and `chineseName` are read
    /// from the table.
    private let slot: UInt16
    /// Goods vehicles are H (trucks) and Q (tractors).
    public let isGoods: Bool
    /// 重型 / 中型 / 轻型 / 微型 / 低速, from the code only (rules.md §7.9).
    public let sizeClass: SizeClass
    /// A dump body (自卸), as data.md lists them.
    public let isDumpBody: Bool

    public var code: String { Self.entries[Int(slot)].code }
    public var chineseName: String { Self.entries[Int(slot)].name }

    /// The three flags are worked out here, once per code (a screening run asks them of
    /// every vehicle).
    private init(slot: Int) {
        self.slot = UInt16(slot)
        let code = Self.entries[slot].code
        isGoods = code.hasPrefix("H") || code.hasPrefix("Q")
        sizeClass = Self.sizeClass(of: code)
        isDumpBody = Self.dumpCodes.contains(code)
    }

    /// 重型 / 中型 / 轻型 / 微型 / 低速, from the code only (rules.md §7.9).
    public enum SizeClass: String, Sendable, Codable {
        case heavy, medium, light, micro, lowSpeed = "low_speed", none

        public var chineseName: String {
            switch self {
            case .heavy: return "重型"
            case .medium: return "中型"
            case .light: return "轻型"
            case .micro: return "微型"
            case .lowSpeed: return "低速"
            case .none: return "无分级"
            }
        }
    }

    /// First letter: H 货车, Q 牵引车, Z 专项作业车, G 全挂车, B 半挂车, K 客车, …
    public var family: Character { code.first! }

    private static func sizeClass(of code: String) -> SizeClass {
        switch code.prefix(2) {
        case "H1", "Q1", "Z5": return .heavy
        case "H2", "Q2", "Z2": return .medium
        case "H3", "Q3", "Z7": return .light
        case "H4": return .micro
        case "H5": return .lowSpeed
        default: return .none
        }
    }


    static let dumpCodes: Set<String> = {
        var s: Set<String> = ["H17", "H27", "H37", "H54", "B16", "G16"]
        for p in ["H1", "H2", "H3", "H4"] { for x in "BCDEFG" { s.insert(p + String(x)) } }
        return s
    }()

    public static let all: [VehicleType] = entries.indices.map { VehicleType(slot: $0) }
    /// Its place in `all` (stable within one build of the tables: for packed, derived data only).
    public var place: Int { Int(slot) }

    /// Every GA 802 code this registry knows, with its name.
    private static let entries: [(code: String, name: String)] = {
        var out: [(code: String, name: String)] = []
        func add(_ code: String, _ name: String) { out.append((code, name)) }
        let truckBodies: [(Character, String)] = [
            ("1", "普通货车"), ("2", "厢式货车"), ("3", "封闭货车"), ("4", "罐式货车"), ("5", "平板货车"),
            ("6", "集装厢车"), ("7", "自卸货车"), ("8", "特殊结构货车"), ("9", "仓栅式货车"), ("A", "车辆运输车"),
            ("B", "厢式自卸货车"), ("C", "罐式自卸货车"), ("D", "平板自卸货车"), ("E", "集装厢自卸货车"),
            ("F", "特殊结构自卸货车"), ("G", "仓栅式自卸货车"),
        ]
        for (digit, size) in [("1", "重型"), ("2", "中型"), ("3", "轻型")] {
            for (s, body) in truckBodies { add("H\(digit)\(s)", size + body) }
        }
        let microBodies: [(Character, String)] = [
            ("1", "普通货车"), ("2", "厢式货车"), ("3", "封闭货车"), ("4", "罐式货车"), ("5", "自卸货车"),
            ("6", "特殊结构货车"), ("7", "仓栅式货车"), ("A", "车辆运输车"), ("B", "厢式自卸货车"),
            ("C", "罐式自卸货车"), ("D", "平板自卸货车"), ("E", "集装厢自卸货车"), ("F", "特殊结构自卸货车"),
            ("G", "仓栅式自卸货车"),
        ]
        for (s, body) in microBodies { add("H4\(s)", "微型" + body) }
        for (c, n) in [("H51", "普通低速货车"), ("H52", "厢式低速货车"), ("H53", "罐式低速货车"),
                       ("H54", "自卸低速货车"), ("H55", "仓栅式低速货车")] { add(c, n) }
        for (digit, size) in [("1", "重型"), ("2", "中型"), ("3", "轻型")] {
            add("Q\(digit)1", size + "半挂牵引车")
            add("Q\(digit)2", size + "全挂牵引车")
        }
        for (c, n) in [("Z11", "大型专项作业车"), ("Z21", "中型专项作业车"), ("Z31", "小型专项作业车"),
                       ("Z41", "微型专项作业车"), ("Z51", "重型专项作业车"), ("Z71", "轻型专项作业车")] { add(c, n) }
        let trailerBodies: [(Character, String)] = [
            ("1", "普通"), ("2", "厢式"), ("3", "罐式"), ("4", "平板"), ("5", "集装箱"), ("6", "自卸"),
            ("7", "特殊结构"), ("8", "仓栅式"), ("9", "旅居"), ("A", "专项作业"), ("B", "低平板"),
        ]
        for (family, kind) in [("G", "全挂车"), ("B", "半挂车")] {
            for (digit, size) in [("1", "重型"), ("2", "中型"), ("3", "轻型")] {
                for (s, body) in trailerBodies { add("\(family)\(digit)\(s)", size + body + kind) }
            }
        }
        for (digit, size) in [("1", "大型"), ("2", "中型")] {
            for (s, body) in [("1", "普通客车"), ("2", "双层客车"), ("3", "卧铺客车"), ("4", "铰接客车"),
                              ("5", "越野客车"), ("6", "轿车"), ("7", "专用客车"), ("8", "专用校车")] {
                add("K\(digit)\(s)", size + body)
            }
        }
        for (c, n) in [("K31", "小型普通客车"), ("K32", "小型越野客车"), ("K33", "小型轿车"), ("K34", "小型专用客车"),
                       ("K38", "小型专用校车"), ("K39", "小型面包车"), ("K41", "微型普通客车"), ("K42", "微型越野客车"),
                       ("K43", "微型轿车"), ("K49", "微型面包车"),
                       ("M11", "普通正三轮摩托车"), ("M12", "轻便正三轮摩托车"), ("M13", "正三轮载客摩托车"),
                       ("M14", "正三轮载货摩托车"), ("M15", "侧三轮摩托车"), ("M21", "普通二轮摩托车"),
                       ("M22", "轻便二轮摩托车"), ("N11", "三轮汽车"), ("T11", "大型轮式拖拉机"),
                       ("T21", "小型轮式拖拉机"), ("T22", "手扶拖拉机"), ("T23", "手扶变形运输机"),
                       ("J11", "轮式装载机械"), ("J12", "轮式挖掘机械"), ("J13", "轮式平地机械"),
                       ("D11", "无轨电车"), ("D12", "有轨电车"), ("X99", "其他")] { add(c, n) }
        return out
    }()
    public static let table = CodeTable(all)

    /// Whether 总质量 is required for this type (H, Q, Z).
    public var requiresGrossMass: Bool { family == "H" || family == "Q" || family == "Z" }
}
