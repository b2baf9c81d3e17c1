/// 通行证用途 — what a city-entry permit is asked for.
public enum PermitPurpose: String, CaseIterable, Sendable, Codable {
    case freight, muck, bulk, sanitation, other

    public var chineseName: String {
        switch self {
        case .freight: return "货运"
        case .muck: return "渣土运输"
        case .bulk: return "大宗物料运输"
        case .sanitation: return "环卫"
        case .other: return "其他"
        }
    }

    /// The code or the Chinese name.
    public static func parse<S: StringProtocol>(_ raw: S) -> PermitPurpose? {
        let s = raw.trimmingSpaces
        return allCases.first { $0.rawValue == s.lowercased() || $0.chineseName == s }
    }
}

/// An application at the permit desk (rules.md §4): a plate, a period (both days included), a
/// purpose, and for `bulk` the enterprise.
public struct PermitApplication: Hashable, Sendable {
    public var plate: String
    public var purpose: PermitPurpose
    public var enterpriseID: String?
    public var from: CivilDate
    public var to: CivilDate

    public init(plate: String, purpose: PermitPurpose = .freight, enterpriseID: String? = nil, from: CivilDate, to: CivilDate) {
        self.plate = plate; self.purpose = purpose; self.enterpriseID = enterpriseID; self.from = from; self.to = to
    }

    /// `to − from + 1` days (rules.md §7.3).
    public var days: Int { to.days(since: from) + 1 }
}

/// A key enterprise as the rules see it.
public struct EnterpriseInfo: Hashable, Sendable {
    public var id: String
    public var name: String
    public var township: String
    public var inBuiltUpArea: Bool
    public init(id: String, name: String, township: String, inBuiltUpArea: Bool) {
        self.id = id; self.name = name; self.township = township; self.inBuiltUpArea = inBuiltUpArea
    }
}
