/// Where a stored fact came from: the import batch and the line of its file (nil for facts
/// entered by hand).
public struct FactSource: Hashable, Sendable, Codable {
    public var batch: Int64
    public var line: Int
    public init(batch: Int64, line: Int) { self.batch = batch; self.line = line }
}

/// 渣土车核准 — a muck-transport approval.
public struct MuckApproval: Hashable, Sendable {
    public var approvalNo: String
    public var company: String
    public var validFrom: CivilDate
    public var validTo: CivilDate
    /// 撤销: a revoked approval is never valid (rules.md §7.4).
    public var revoked: Bool
    public var source: FactSource?
    public init(approvalNo: String, company: String, validFrom: CivilDate, validTo: CivilDate, revoked: Bool, source: FactSource? = nil) {
        self.approvalNo = approvalNo; self.company = company; self.validFrom = validFrom; self.validTo = validTo
        self.revoked = revoked; self.source = source
    }

    /// Valid on a day: not revoked and valid_from ≤ day ≤ valid_to (both ends included).
    public func isValid(on day: CivilDate) -> Bool { !revoked && validFrom <= day && day <= validTo }

    /// Covers a whole period (from…to, both included).
    public func covers(from: CivilDate, to: CivilDate) -> Bool { !revoked && validFrom <= from && to <= validTo }
}

/// 道路运输证 — a road transport certificate.
public struct TransportLicense: Hashable, Sendable {
    public var licenseNo: String
    public var operatorName: String
    public var scope: String?
    public var validTo: CivilDate
    public var source: FactSource?
    public init(licenseNo: String, operatorName: String, scope: String?, validTo: CivilDate, source: FactSource? = nil) {
        self.licenseNo = licenseNo; self.operatorName = operatorName; self.scope = scope; self.validTo = validTo; self.source = source
    }
}

/// 环卫车辆 — the vehicle is in the sanitation fleet.
public struct SanitationEntry: Hashable, Sendable {
    public var operatorName: String
    public var purchasedOn: CivilDate
    public var area: String?
    public var source: FactSource?
    public init(operatorName: String, purchasedOn: CivilDate, area: String?, source: FactSource? = nil) {
        self.operatorName = operatorName; self.purchasedOn = purchasedOn; self.area = area; self.source = source
    }
}

/// 门禁车辆备案 — the vehicle filed in a key enterprise's gate system, with the enterprise.
public struct EnterpriseFiling: Hashable, Sendable {
    public var enterpriseID: String
    public var enterpriseName: String
    public var enterpriseTownship: String
    /// 位于建成区.
    public var inBuiltUpArea: Bool
    public var filedOn: CivilDate?
    /// 在用 (false: 停用, which counts as no filing).
    public var inUse: Bool
    public var source: FactSource?
    public init(enterpriseID: String, enterpriseName: String, enterpriseTownship: String, inBuiltUpArea: Bool,
                filedOn: CivilDate?, inUse: Bool, source: FactSource? = nil) {
        self.enterpriseID = enterpriseID; self.enterpriseName = enterpriseName; self.enterpriseTownship = enterpriseTownship
        self.inBuiltUpArea = inBuiltUpArea; self.filedOn = filedOn; self.inUse = inUse; self.source = source
    }

    /// In use and filed by the day (a filing dated later had not happened yet).
    public func isInForce(on day: CivilDate) -> Bool { inUse && (filedOn.map { $0 <= day } ?? true) }
}

/// 执法检查/遥感监测 — an enforcement or monitoring record.
public struct InspectionRecord: Hashable, Sendable {
    public var recordKey: String
    public var checkedAt: CivilDateTime
    public var kind: InspectionKind
    public var result: InspectionResult
    public var location: String?
    public var source: FactSource?
    public init(recordKey: String, checkedAt: CivilDateTime, kind: InspectionKind, result: InspectionResult, location: String? = nil, source: FactSource? = nil) {
        self.recordKey = recordKey; self.checkedAt = checkedAt; self.kind = kind; self.result = result
        self.location = location; self.source = source
    }
    public var checkedOn: CivilDate { checkedAt.date }
}

/// 乡镇核查反馈 — a township's finding about a listed vehicle.
public struct TownshipFinding: Hashable, Sendable {
    public var itemID: String
    public var township: String
    public var conclusion: FindingConclusion
    public var confirmedUsage: String?
    public var investigatedOn: CivilDate
    public var source: FactSource?
    public init(itemID: String, township: String, conclusion: FindingConclusion, confirmedUsage: String?, investigatedOn: CivilDate,
                source: FactSource? = nil) {
        self.itemID = itemID; self.township = township; self.conclusion = conclusion; self.confirmedUsage = confirmedUsage
        self.investigatedOn = investigatedOn; self.source = source
    }
}

/// Another plate registered on the same VIN, with its status (for DUPLICATE_VIN).
public struct SameVINPlate: Hashable, Sendable {
    public var plate: String
    public var status: VehicleStatus
    public var statusDate: CivilDate?
    public init(plate: String, status: VehicleStatus, statusDate: CivilDate?) {
        self.plate = plate; self.status = status; self.statusDate = statusDate
    }
}

/// Everything the registry knows about one plate that a rule may ask: the registration (nil
/// when the plate is not registered here) and every piece of evidence. Plain values, no
/// database types: the store gathers them, FleetCore decides.
public struct VehicleFacts: Sendable {
    public var plate: String
    public var registration: VehicleRegistration?
    public var registrationSource: FactSource?
    public var muckApprovals: [MuckApproval] = []
    public var transportLicenses: [TransportLicense] = []
    public var sanitation: [SanitationEntry] = []
    public var filings: [EnterpriseFiling] = []
    public var inspections: [InspectionRecord] = []
    public var findings: [TownshipFinding] = []
    public var sameVIN: [SameVINPlate] = []

    public init(plate: String, registration: VehicleRegistration? = nil, registrationSource: FactSource? = nil) {
        self.plate = plate; self.registration = registration; self.registrationSource = registrationSource
    }
}
