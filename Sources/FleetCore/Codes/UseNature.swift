/// 使用性质 — the use a vehicle is registered for.
///
///     UseNature.table.lookup("F")?.isOperatingGoods   // true (货运)
///
/// A plain value, as `Fuel` is: the code's place in `all` and its flag.
public struct UseNature: RegistryCode {
    private let slot: UInt8
    /// Operating (营运) goods use: F 货运 and R 危化品运输.
    public let isOperatingGoods: Bool

    public var code: String { Self.entries[Int(slot)].code }
    public var chineseName: String { Self.entries[Int(slot)].name }

    private static let entries: [(code: String, name: String)] = [
        ("A", "非营运"), ("B", "公路客运"), ("C", "公交客运"), ("D", "出租客运"), ("E", "旅游客运"),
        ("F", "货运"), ("G", "租赁"), ("H", "警用"), ("I", "消防"), ("J", "救护"), ("K", "工程救险"),
        ("L", "营转非"), ("M", "出租转非"), ("N", "教练"), ("O", "幼儿校车"), ("P", "小学生校车"),
        ("Q", "初中生校车"), ("R", "危化品运输"), ("S", "中小学生校车"), ("T", "预约出租客运"),
        ("U", "预约出租转非"), ("Z", "其他"),
    ]

    private init(slot: Int) {
        self.slot = UInt8(slot)
        let code = Self.entries[slot].code
        isOperatingGoods = code == "F" || code == "R"
    }

    public static let all: [UseNature] = entries.indices.map { UseNature(slot: $0) }
    /// Its place in `all` (stable within one build of the tables: for packed, derived data only).
    public var place: Int { Int(slot) }
    public static let table = CodeTable(all)
}
