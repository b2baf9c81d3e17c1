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

    static func registration(_ r: RawStatement, _ d: FactDecoder = FactDecoder()) throws -> (VehicleRegistration, FactSource) {
        let facts = try vehicleFacts(r, d)
        return (facts.registration!, facts.registrationSource!)
    }

    /// A registered vehicle's facts, without evidence yet.
    static func vehicleFacts(_ r: RawStatement, _ d: FactDecoder = FactDecoder()) throws -> VehicleFacts {
        var facts = VehicleFacts(plate: "")
        try setVehicleFacts(&facts, r, d)
        return facts
    }

    /// Makes `facts` those of the row's vehicle, without evidence: a screening pass reuses one
    /// value for every vehicle. Building a new one per row, from `registration`'s tuple or in
    /// one expression, copied and destroyed the whole value each time (~1,700 instructions a
    /// vehicle, callgrind).
    static func setVehicleFacts(_ facts: inout VehicleFacts, _ r: RawStatement, _ d: FactDecoder) throws {
        guard let type = d.vehicleType.value(r, 4), let use = d.useNature.value(r, 5), let fuel = d.fuel.value(r, 6),
              let first = r.date(8), let plateBytes = r.textBytes(0), let vinBytes = r.textBytes(2) else {
            throw StoreCorruption(message: "vehicle \(r.string(0)) has codes that no longer validate")
        }
        let plate = try Plate.parse(utf8: plateBytes)
        let vin = try VIN.parse(utf8: vinBytes)
        // NULL in a pass over every vehicle: the source only goes into evidence messages.
        setVehicleFacts(&facts, VehicleRegistration(
            plate: plate, plateType: d.plateType.value(r, 1),
            vin: vin, vehicleType: type, useNature: use, fuel: fuel,
            declaredStage: d.stage.value(r, 7), firstRegistered: first,
            grossMassKg: r.intOrNil(9), owner: r.string(10), address: r.text(11), township: d.township.value(r, 12),
            townshipSource: d.townshipSource.value(r, 13),
            status: d.status.value(r, 14), statusDate: r.date(15),
            phone: r.text(16)), source: r.isNull(17) ? nil : FactSource(batch: r.int64(17), line: r.int(18)))
    }

    /// Facts of a registered vehicle, without evidence yet.
    static func setVehicleFacts(_ facts: inout VehicleFacts, _ registration: VehicleRegistration, source: FactSource?) {
        facts.plate = registration.plate.text
        facts.registration = registration
        clearEvidence(&facts, source: source)
    }

    /// No evidence yet, and the registration's source.
    static func clearEvidence(_ facts: inout VehicleFacts, source: FactSource?) {
        facts.registrationSource = source
        facts.muckApprovals = []; facts.transportLicenses = []; facts.sanitation = []; facts.filings = []
        facts.inspections = []; facts.findings = []; facts.sameVIN = []
    }

    static let muckApprovals = "SELECT plate, approval_no, company, valid_from, valid_to, revoked, batch_id, source_line FROM muck_approvals"
    static func muckApproval(_ r: RawStatement) -> MuckApproval? {
        guard let from = r.date(3), let to = r.date(4) else { return nil }
        return MuckApproval(approvalNo: r.string(1), company: r.string(2), validFrom: from, validTo: to, revoked: r.bool(5),
                            source: FactSource(batch: r.int64(6), line: r.int(7)))
    }

    static let transportLicenses = "SELECT plate, license_no, operator, scope, valid_to, batch_id, source_line FROM transport_licenses"
    static func transportLicense(_ r: RawStatement) -> TransportLicense? {
        guard let to = r.date(4) else { return nil }
        return TransportLicense(licenseNo: r.string(1), operatorName: r.string(2), scope: r.text(3), validTo: to,
                                source: FactSource(batch: r.int64(5), line: r.int(6)))
    }

    static let sanitation = "SELECT plate, operator, purchased_on, area, batch_id, source_line FROM sanitation_fleet"
    static func sanitationEntry(_ r: RawStatement) -> SanitationEntry? {
        guard let bought = r.date(2) else { return nil }
        return SanitationEntry(operatorName: r.string(1), purchasedOn: bought, area: r.text(3), source: FactSource(batch: r.int64(4), line: r.int(5)))
    }

    static let filings = """
        SELECT * FROM (SELECT f.plate AS plate, f.enterprise_id, e.name, e.township, e.in_built_up_area, f.filed_on, f.in_use,
        f.batch_id, f.source_line FROM enterprise_fleet f JOIN enterprises e ON e.enterprise_id = f.enterprise_id)
        """
    static func filing(_ r: RawStatement) -> EnterpriseFiling? {
        EnterpriseFiling(enterpriseID: r.string(1), enterpriseName: r.string(2), enterpriseTownship: r.string(3), inBuiltUpArea: r.bool(4),
                         filedOn: r.date(5), inUse: r.bool(6),
                         source: FactSource(batch: r.int64(7), line: r.int(8)))
    }

    static let inspections = "SELECT plate, record_key, checked_at, kind, result, location, batch_id, source_line FROM inspections"
    static func inspection(_ r: RawStatement, _ d: FactDecoder = FactDecoder()) -> InspectionRecord? {
        guard let at = r.dateTime(2), let kind = d.inspectionKind.value(r, 3),
              let result = d.inspectionResult.value(r, 4) else { return nil }
        return InspectionRecord(recordKey: r.string(1), checkedAt: at, kind: kind, result: result, location: d.location.value(r, 5),
                                source: FactSource(batch: r.int64(6), line: r.int(7)))
    }

    static let findings = "SELECT plate, item_id, township, conclusion, confirmed_usage, investigated_on, batch_id, source_line FROM findings"
    static func finding(_ r: RawStatement, _ d: FactDecoder = FactDecoder()) -> TownshipFinding? {
        guard let conclusion = d.conclusion.value(r, 3), let on = r.date(5) else { return nil }
        return TownshipFinding(itemID: r.string(1), township: d.township.value(r, 2), conclusion: conclusion, confirmedUsage: r.text(4),
                               investigatedOn: on, source: FactSource(batch: r.int64(6), line: r.int(7)))
    }

    /// Plates sharing a VIN with another plate, grouped by VIN (small: duplicates only).
    ///
    /// The VINs are found by walking the VIN index in order and comparing each with the one
    /// before, from the bytes; then each such VIN's plates are read through the index. The
    /// same in SQL (`GROUP BY vin HAVING COUNT(*) > 1`) took 0.41 s at 1M vehicles, about
    /// 2,300 instructions a vehicle (callgrind), a sixth of one thread's share of a full pass.
    static func sharedVINs(_ db: Database) throws -> [String: [SameVINPlate]] {
        var repeated: [String] = []
        let scan = try RawStatement(db, "SELECT vin FROM vehicles ORDER BY vin")
        // The previous VIN as a `PlateKey` (three words for 17 bytes): no copy of the bytes.
        var previous = PlateKey(bytes: [UInt8]())
        var counted = false
        while try scan.next(db) {
            let vin = scan.plateKey(0)
            if vin == previous {
                if !counted { repeated.append(scan.string(0)); counted = true }
            } else {
                previous = vin
                counted = false
            }
        }
        var out: [String: [SameVINPlate]] = [:]
        for vin in repeated { out[vin] = try sharedVINs(db, vin: vin) }
        return out
    }
}

/// Memos for the columns with few distinct texts, one set per stream (see `ColumnMemo`).
/// Each decodes exactly as the text would be decoded without it.
final class FactDecoder {
    let vehicleType = ColumnMemo<VehicleType?> { $0.flatMap { VehicleType.table.lookup($0) } }
    let useNature = ColumnMemo<UseNature?> { $0.flatMap { UseNature.table.lookup($0) } }
    let fuel = ColumnMemo<Fuel?> { $0.flatMap { Fuel.table.lookup($0) } }
    let plateType = ColumnMemo<PlateType?> { $0.flatMap { PlateType.lookup($0) } }
    let stage = ColumnMemo<EmissionStage?> { $0.flatMap { EmissionStage.parse($0) } }
    let township = ColumnMemo<String> { $0 ?? "" }
    let townshipSource = ColumnMemo<TownshipTable.Source> { TownshipTable.Source(rawValue: $0 ?? "") ?? .declared }
    let status = ColumnMemo<VehicleStatus> { VehicleStatus(letters: $0 ?? "") }
    let inspectionKind = ColumnMemo<InspectionKind?> { InspectionKind(rawValue: $0 ?? "") }
    let inspectionResult = ColumnMemo<InspectionResult?> { InspectionResult(rawValue: $0 ?? "") }
    let location = ColumnMemo<String?> { $0 }
    let conclusion = ColumnMemo<FindingConclusion?> { FindingConclusion(rawValue: $0 ?? "") }
}

/// The evidence queries of a pass over every vehicle (`EvidenceIndex`): in storage order,
/// and without the texts no rule reads (approval and certificate numbers, companies and
/// operators, scope, area, record keys, locations) — only evidence messages show those, and
/// a run over every vehicle makes none. The plate is column 0, as above.
extension EvidenceQueries {
    static let muckApprovalsForRules = "SELECT plate, valid_from, valid_to, revoked FROM muck_approvals"
    static func muckApprovalForRules(_ r: RawStatement) -> MuckApproval? {
        guard let from = r.date(1), let to = r.date(2) else { return nil }
        return MuckApproval(approvalNo: "", company: "", validFrom: from, validTo: to, revoked: r.bool(3))
    }

    static let transportLicensesForRules = "SELECT plate, valid_to FROM transport_licenses"
    static func transportLicenseForRules(_ r: RawStatement) -> TransportLicense? {
        guard let to = r.date(1) else { return nil }
        return TransportLicense(licenseNo: "", operatorName: "", scope: nil, validTo: to)
    }

    static let sanitationForRules = "SELECT plate, purchased_on FROM sanitation_fleet"
    static func sanitationEntryForRules(_ r: RawStatement) -> SanitationEntry? {
        guard let bought = r.date(1) else { return nil }
        return SanitationEntry(operatorName: "", purchasedOn: bought, area: nil)
    }

    static let inspectionsForRules = "SELECT plate, checked_at, kind, result FROM inspections"
    static func inspectionForRules(_ r: RawStatement, _ d: FactDecoder) -> InspectionRecord? {
        guard let at = r.dateTime(1), let kind = d.inspectionKind.value(r, 2), let result = d.inspectionResult.value(r, 3) else { return nil }
        return InspectionRecord(recordKey: "", checkedAt: at, kind: kind, result: result)
    }

    /// The vehicles in a range of row ids (`?1` ≤ id < `?2`), in storage order, without owner,
    /// address, phone, how the township was found (no rule reads it), the stored check-digit
    /// verdict (`VIN.parse` finds it) and the source (batch and line: only evidence messages
    /// show it). Each column not read is ~150
    /// instructions less per vehicle (callgrind).
    static let vehiclesByIDForRules = "SELECT \(vehicleColumnsForRules) FROM vehicles WHERE id >= ?1 AND id < ?2"
    /// The same columns, and the row id as column 19 (to pack the facts, `VehicleFactsCache`).
    static let vehiclesWithIDForRules = "SELECT \(vehicleColumnsForRules), id FROM vehicles"
    static let vehicleColumnsForRules = """
        plate, plate_type, vin, NULL, vehicle_type, use_nature, fuel, emission_declared, first_registered, \
        gross_mass_kg, '', NULL, township, NULL, status, status_date, NULL, NULL, NULL
        """
}
