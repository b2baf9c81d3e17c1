import FleetCore
import GRDB

/// A permit as recorded (进入城区通行证).
public struct PermitRecord: Codable, FetchableRecord, TableRecord, Sendable {
    public static let databaseTableName = "permits"

    public var number: String
    public var plate: String
    public var purpose: String
    public var enterpriseId: String?
    public var validFrom: String
    public var validTo: String
    public var zone: String?
    public var route: String?
    public var hours: String?
    public var applicant: String?
    public var `operator`: String
    public var issuedAt: String
    public var asOf: String
    /// `active` or `revoked`.
    public var status: String
    public var revokedAt: String?
    public var revokeReason: String?
    public var decisionId: Int64

    /// The table's column names, which are also the JSON keys of `permit show` and `permit list`
    /// (snake_case, like every other JSON document of the tool).
    enum CodingKeys: String, CodingKey {
        case number, plate, purpose, enterpriseId = "enterprise_id", validFrom = "valid_from", validTo = "valid_to", zone, route
        case hours, applicant, `operator`, issuedAt = "issued_at", asOf = "as_of", status, revokedAt = "revoked_at"
        case revokeReason = "revoke_reason", decisionId = "decision_id"
    }

    /// The application it was issued for (to decide it again).
    public var application: PermitApplication? {
        guard let from = CivilDate(parsing: validFrom), let to = CivilDate(parsing: validTo),
              let purpose = PermitPurpose(rawValue: purpose) else { return nil }
        return PermitApplication(plate: plate, purpose: purpose, enterpriseID: enterpriseId, from: from, to: to)
    }
}

/// What the desk writes on a permit besides the decision.
public struct PermitDetails: Sendable {
    public var zone: String?
    public var route: String?
    public var hours: String?
    public var applicant: String?
    public var operatorName: String
    public init(zone: String? = nil, route: String? = nil, hours: String? = nil, applicant: String? = nil, operatorName: String) {
        self.zone = zone; self.route = route; self.hours = hours; self.applicant = applicant; self.operatorName = operatorName
    }
}
