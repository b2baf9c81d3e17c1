import FleetCore
import GRDB

/// One plate's evidence as a full pass reads it (`EvidenceIndex`: the `…ForRules` queries,
/// the filings and findings whole), each kind in storage order as there, through prepared
/// statements kept for many plates (`VehicleFactsCache` packs the plates changed since).
final class PlateEvidence {
    private let db: Database
    private let decoder = FactDecoder()
    private let approvals, licenses, sanitation, filings, inspections, findings: RawStatement

    init(_ db: Database) throws {
        self.db = db
        func one(_ sql: String) throws -> RawStatement { try RawStatement(db, sql + " WHERE plate = ?1 ORDER BY rowid") }
        approvals = try one(EvidenceQueries.muckApprovalsForRules)
        licenses = try one(EvidenceQueries.transportLicensesForRules)
        sanitation = try one(EvidenceQueries.sanitationForRules)
        inspections = try one(EvidenceQueries.inspectionsForRules)
        findings = try one(EvidenceQueries.findings)
        // `EvidenceQueries.filings` for one plate, in the filings table's order.
        filings = try RawStatement(db, """
            SELECT f.plate, f.enterprise_id, e.name, e.township, e.in_built_up_area, f.filed_on, f.in_use, f.batch_id, f.source_line
            FROM enterprise_fleet f JOIN enterprises e ON e.enterprise_id = f.enterprise_id WHERE f.plate = ?1 ORDER BY f.rowid
            """)
    }

    /// Sets the evidence of `facts` (whose lists are empty) to that of its plate.
    func fill(_ facts: inout VehicleFacts) throws {
        let d = decoder
        facts.muckApprovals = try all(approvals, facts.plate, EvidenceQueries.muckApprovalForRules)
        facts.transportLicenses = try all(licenses, facts.plate, EvidenceQueries.transportLicenseForRules)
        facts.sanitation = try all(sanitation, facts.plate, EvidenceQueries.sanitationEntryForRules)
        facts.filings = try all(filings, facts.plate, EvidenceQueries.filing)
        facts.inspections = try all(inspections, facts.plate) { EvidenceQueries.inspectionForRules($0, d) }
        facts.findings = try all(findings, facts.plate) { EvidenceQueries.finding($0, d) }
    }

    private func all<T>(_ r: RawStatement, _ plate: String, _ decode: (RawStatement) -> T?) throws -> [T] {
        r.reset()
        r.bind(.text(plate), at: 1)
        var out: [T] = []
        while try r.next(db) { if let v = decode(r) { out.append(v) } }
        return out
    }
}
