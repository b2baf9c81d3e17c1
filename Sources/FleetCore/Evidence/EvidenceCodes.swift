// The small code lists of the evidence files (data.md), each accepted as its code or its
// Chinese name, like the registry codes (`CodeTable`).
//
//     InspectionKind.parse("夜查")          // .nightCheck
//     InspectionResult.parse("over_standard")  // .overStandard
//     GateDirection.parse("进")?.code        // "in"

/// 检查类型 — the kind of an enforcement or monitoring record.
public enum InspectionKind: String, CaseIterable, RegistryCode {
    case nightCheck = "night_check", roadside, remoteSensing = "remote_sensing", siteCheck = "site_check"
    case dumpSiteCheck = "dump_site_check"

    public var code: String { rawValue }
    public var chineseName: String {
        switch self {
        case .nightCheck: return "夜查"
        case .roadside: return "路检"
        case .remoteSensing: return "遥感"
        case .siteCheck: return "工地"
        case .dumpSiteCheck: return "消纳场"
        }
    }
    public static let table = CodeTable(allCases)
    public static func parse<S: StringProtocol>(_ raw: S) -> InspectionKind? { table.lookup(raw) }
}

/// 检查结果 — what an inspection found.
public enum InspectionResult: String, CaseIterable, RegistryCode {
    case pass, overStandard = "over_standard", haulingMuck = "hauling_muck", other

    public var code: String { rawValue }
    public var chineseName: String {
        switch self {
        case .pass: return "合格"
        case .overStandard: return "超标"
        case .haulingMuck: return "渣土运输"
        case .other: return "其他"
        }
    }
    public static let table = CodeTable(allCases)
    public static func parse<S: StringProtocol>(_ raw: S) -> InspectionResult? { table.lookup(raw) }
}

/// 状态 of a muck-transport approval: valid or revoked (a blank status means valid).
public enum ApprovalStatus: String, CaseIterable, RegistryCode {
    case valid, revoked

    public var code: String { rawValue }
    public var chineseName: String { self == .valid ? "有效" : "撤销" }
    public static let table = CodeTable(allCases)
    public static func parse<S: StringProtocol>(_ raw: S) -> ApprovalStatus? { table.lookup(raw) }
}

/// 状态 of a vehicle filed in an enterprise's gate system: in use or withdrawn (blank = in use).
public enum FilingStatus: String, CaseIterable, RegistryCode {
    case inUse = "in_use", withdrawn

    public var code: String { rawValue }
    public var chineseName: String { self == .inUse ? "在用" : "停用" }
    public static let table = CodeTable(allCases)
    public static func parse<S: StringProtocol>(_ raw: S) -> FilingStatus? { table.lookup(raw) }
}

/// 方向 of a gate record: in or out.
public enum GateDirection: String, CaseIterable, RegistryCode {
    case `in`, out

    public var code: String { rawValue }
    public var chineseName: String { self == .in ? "进" : "出" }
    public static let table = CodeTable(allCases)
    public static func parse<S: StringProtocol>(_ raw: S) -> GateDirection? { table.lookup(raw) }
}

/// 核查结论 — a township's conclusion about a listed vehicle (`findings`).
public enum FindingConclusion: String, CaseIterable, RegistryCode {
    case usageConfirmed = "usage_confirmed", illegalMuck = "illegal_muck", scrapped
    case transferredOut = "transferred_out", notFound = "not_found", other

    public var code: String { rawValue }
    public var chineseName: String {
        switch self {
        case .usageConfirmed: return "用途已落实"
        case .illegalMuck: return "非法渣土运输"
        case .scrapped: return "已报废"
        case .transferredOut: return "已转出"
        case .notFound: return "查无此车"
        case .other: return "其他"
        }
    }
    public static let table = CodeTable(allCases)
    public static func parse<S: StringProtocol>(_ raw: S) -> FindingConclusion? { table.lookup(raw) }
}

extension RegistryCode where Self: CaseIterable {
    /// Every accepted spelling for messages: `夜查/night_check, 路检/roadside, …`.
    public static var acceptedSpellings: String {
        allCases.map { "\($0.chineseName)/\($0.code)" }.joined(separator: ", ")
    }
}

extension TownshipTable.Township {
    /// A township as the `townships` file lists it: aliases separated by `|` (blank ones dropped).
    public init(name: String, code: String?, aliasList: String?) {
        let aliases = (aliasList ?? "").split(separator: "|").map(\.trimmingSpaces).filter { !$0.isEmpty }
        self.init(name: name, code: code, aliases: aliases)
    }
}
