import FleetCore
import GRDB

/// The queries that gather each kind of evidence, with the plate in column 0, and how a row
/// becomes a FleetCore value. The same SQL serves one plate (`WHERE plate = ?`) and the
/// streamed run (`ORDER BY plate`), so both see the same facts.
enum EvidenceQueries {
    static func select(_ sql: String, plate: Bool) -> String {
        plate ? sql + " WHERE plate = ?" : sql + " ORDER BY plate"
    }

    static let vehicles = "SELECT plate, plate_type, vin, vin_check_ok, vehicle_type, use_nature, fuel, emission_declared, first_registered, gross_mass_kg, owner, address, township, township_source, status, status_date, phone, batch_id, source_line FROM vehicles"

    static func registration(_ row: Row) throws -> (VehicleRegistration, FactSource) {
        let plateText: String = row[0]
        guard let type = VehicleType.table.lookup(row[4] as String), let use = UseNature.table.lookup(row[5] as String),
              let fuel = Fuel.table.lookup(row[6] as String), let first = CivilDate(parsing: row[8] as String) else {
            throw StoreCorruption(message: "vehicle \(plateText) has codes that no longer validate")
        }
        let reg = VehicleRegistration(
            plate: try Plate.parse(plateText), plateType: (row[1] as String?).flatMap { PlateType.lookup($0) },
            vin: try VIN.parse(row[2] as String), vehicleType: type, useNature: use, fuel: fuel,
            declaredStage: (row[7] as String?).flatMap { EmissionStage.parse($0) }, firstRegistered: first,
            grossMassKg: row[9], owner: row[10], address: row[11], township: row[12],
            townshipSource: TownshipTable.Source(rawValue: row[13]) ?? .declared,
            status: VehicleStatus(letters: row[14]), statusDate: (row[15] as String?).flatMap { CivilDate(parsing: $0) },
            phone: row[16])
        return (reg, FactSource(batch: row[17], line: row[18]))
    }

    static let muckApprovals = "SELECT plate, approval_no, company, valid_from, valid_to, revoked, batch_id, source_line FROM muck_approvals"
    static func muckApproval(_ row: Row) -> MuckApproval? {
        guard let from = CivilDate(parsing: row[3] as String), let to = CivilDate(parsing: row[4] as String) else { return nil }
        return MuckApproval(approvalNo: row[1], company: row[2], validFrom: from, validTo: to, revoked: row[5],
                            source: FactSource(batch: row[6], line: row[7]))
    }

    static let transportLicenses = "SELECT plate, license_no, operator, scope, valid_to, batch_id, source_line FROM transport_licenses"
    static func transportLicense(_ row: Row) -> TransportLicense? {
        guard let to = CivilDate(parsing: row[4] as String) else { return nil }
        return TransportLicense(licenseNo: row[1], operatorName: row[2], scope: row[3], validTo: to,
                                source: FactSource(batch: row[5], line: row[6]))
    }

    static let sanitation = "SELECT plate, operator, purchased_on, area, batch_id, source_line FROM sanitation_fleet"
    static func sanitationEntry(_ row: Row) -> SanitationEntry? {
        guard let bought = CivilDate(parsing: row[2] as String) else { return nil }
        return SanitationEntry(operatorName: row[1], purchasedOn: bought, area: row[3], source: FactSource(batch: row[4], line: row[5]))
    }

    static let filings = """
        SELECT * FROM (SELECT f.plate AS plate, f.enterprise_id, e.name, e.township, e.in_built_up_area, f.filed_on, f.in_use,
        f.batch_id, f.source_line FROM enterprise_fleet f JOIN enterprises e ON e.enterprise_id = f.enterprise_id)
        """
    static func filing(_ row: Row) -> EnterpriseFiling {
        EnterpriseFiling(enterpriseID: row[1], enterpriseName: row[2], enterpriseTownship: row[3], inBuiltUpArea: row[4],
                         filedOn: (row[5] as String?).flatMap { CivilDate(parsing: $0) }, inUse: row[6],
                         source: FactSource(batch: row[7], line: row[8]))
    }

    static let inspections = "SELECT plate, record_key, checked_at, kind, result, location, batch_id, source_line FROM inspections"
    static func inspection(_ row: Row) -> InspectionRecord? {
        guard let at = CivilDateTime(parsing: row[2] as String), let kind = InspectionKind(rawValue: row[3]),
              let result = InspectionResult(rawValue: row[4]) else { return nil }
        return InspectionRecord(recordKey: row[1], checkedAt: at, kind: kind, result: result, location: row[5],
                                source: FactSource(batch: row[6], line: row[7]))
    }

    static let findings = "SELECT plate, item_id, township, conclusion, confirmed_usage, investigated_on, batch_id, source_line FROM findings"
    static func finding(_ row: Row) -> TownshipFinding? {
        guard let conclusion = FindingConclusion(rawValue: row[3]), let on = CivilDate(parsing: row[5] as String) else { return nil }
        return TownshipFinding(itemID: row[1], township: row[2], conclusion: conclusion, confirmedUsage: row[4],
                               investigatedOn: on, source: FactSource(batch: row[6], line: row[7]))
    }

    /// Plates sharing a VIN with another plate, grouped by VIN (small: duplicates only).
    static func sharedVINs(_ db: Database) throws -> [String: [SameVINPlate]] {
        var out: [String: [SameVINPlate]] = [:]
        let rows = try Row.fetchAll(db, sql: """
            SELECT vin, plate, status, status_date FROM vehicles
            WHERE vin IN (SELECT vin FROM vehicles GROUP BY vin HAVING COUNT(*) > 1) ORDER BY vin, plate
            """)
        for r in rows {
            out[r[0], default: []].append(SameVINPlate(plate: r[1], status: VehicleStatus(letters: r[2]),
                                                       statusDate: (r[3] as String?).flatMap { CivilDate(parsing: $0) }))
        }
        return out
    }
}
