/// 用途分类 — the usage class a screening run gives an active goods vehicle (rules.md §2),
/// in order of precedence.
public enum UsageClass: String, CaseIterable, Sendable, Codable {
    /// 核准渣土运输 — a valid muck approval.
    case muckApproved = "MUCK_APPROVED"
    /// 环卫 — in the sanitation fleet.
    case sanitation = "SANITATION"
    /// 重点企业运输 — filed, in use, in a key enterprise's gate system.
    case bulkEnterprise = "BULK_ENTERPRISE"
    /// 营运货运 — a road transport certificate valid on the day.
    case operatingFreight = "OPERATING_FREIGHT"
    /// 乡镇核实 — a township confirmed its use within the last 365 days.
    case townshipConfirmed = "TOWNSHIP_CONFIRMED"
    /// 用途不明 — none of the above.
    case unknown = "UNKNOWN"

    public var chineseName: String {
        switch self {
        case .muckApproved: return "核准渣土运输"
        case .sanitation: return "环卫"
        case .bulkEnterprise: return "重点企业运输"
        case .operatingFreight: return "营运货运"
        case .townshipConfirmed: return "乡镇核实"
        case .unknown: return "用途不明"
        }
    }

    public var englishName: String {
        switch self {
        case .muckApproved: return "approved muck transport"
        case .sanitation: return "sanitation"
        case .bulkEnterprise: return "key enterprise transport"
        case .operatingFreight: return "operating freight"
        case .townshipConfirmed: return "confirmed by township"
        case .unknown: return "unknown use"
        }
    }
}

/// One fact that supports a usage class or a flag: what it is, which record, and where the
/// record came from.
///
///     Evidence(supports: "MUCK_APPROVED", kind: "muck_approval", reference: "ZT2020-001",
///              summary: Message(…), date: validTo)
public struct Evidence: Hashable, Sendable {
    /// The usage class or flag code it supports.
    public var supports: String
    /// muck_approval, transport_license, sanitation, enterprise_filing, inspection, finding,
    /// registration.
    public var kind: String
    /// The record's own number (approval no, licence no, record key, item id, plate).
    public var reference: String
    public var summary: Message
    public var source: FactSource?

    public init(supports: String, kind: String, reference: String, summary: Message, source: FactSource?) {
        self.supports = supports; self.kind = kind; self.reference = reference; self.summary = summary; self.source = source
    }
}

/// A screening flag on a vehicle, with the evidence for it.
public struct ScreeningFlag: Hashable, Sendable {
    public var code: String
    public var evidence: [Evidence]
    public init(code: String, evidence: [Evidence]) { self.code = code; self.evidence = evidence }
}
