/// The columns of a township's investigation list (`screen export`), which comes back as a
/// `findings` file: the item and the vehicle first, then the blank finding columns.
public enum ScreeningExportColumns {
    public struct Column: Sendable {
        public var zh: String
        public var alias: String
    }

    /// The vehicle's facts, shown to the township and ignored when the file comes back.
    public static let informational: [Column] = [
        Column(zh: "车辆类型", alias: "vehicle_type"), Column(zh: "所有人", alias: "owner"),
        Column(zh: "住所地址", alias: "address"), Column(zh: "联系电话", alias: "phone"),
        Column(zh: "初次登记日期", alias: "first_registered"), Column(zh: "排放标准", alias: "emission_standard"),
        Column(zh: "用途分类", alias: "usage"), Column(zh: "筛查标记", alias: "flags"),
        Column(zh: "标记依据", alias: "evidence"), Column(zh: "核查结论可选值", alias: "conclusion_options"),
    ]

    /// The header of an exported list, in order.
    public static let header: [String] = ["清单编号", "号牌号码", "所属乡镇"]
        + informational.prefix(9).map(\.zh)
        + ["核查结论", "核实用途", "核查人", "核查日期", "备注", informational[9].zh]
}
