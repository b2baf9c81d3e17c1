import FleetCore

/// Every kind of input file the registry imports, by its command-line name.
public enum ImportKinds {
    public static let names = [
        "vehicles", "muck-approvals", "transport-licenses", "enterprises", "enterprise-fleet", "sanitation-fleet",
        "inspections", "gate-log", "alerts", "townships",
        "quota-targets", "findings",
    ]

    /// The kind with this name; `township` is the sending township, which `findings` needs.
    public static func named(_ name: String, townships: TownshipTable, township: String? = nil) -> (any ImportKind)? {
        switch name {
        case "vehicles": return VehiclesImport(townships: townships)
        case "muck-approvals": return MuckApprovalsImport()
        case "transport-licenses": return TransportLicensesImport()
        case "enterprises": return EnterprisesImport(townships: townships)
        case "enterprise-fleet": return EnterpriseFleetImport()
        case "sanitation-fleet": return SanitationFleetImport()
        case "inspections": return InspectionsImport()
        case "gate-log": return GateLogImport()
        case "alerts": return AlertsImport()
        case "townships": return TownshipsImport()
        case "quota-targets": return QuotaTargetsImport(townships: townships)
        case "findings": return township.map { FindingsImport(township: $0) }
        default: return nil
        }
    }
}
