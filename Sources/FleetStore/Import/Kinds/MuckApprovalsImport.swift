import FleetCore

/// `muck-approvals` — muck-transport approvals (渣土车核准) from the urban management bureau.
/// Key: 核准编号.
public struct MuckApprovalsImport: ImportKind {
    public init() {}

    public var name: String { "muck-approvals" }
    public var table: String { "muck_approvals" }

    enum Col: Int { case approvalNo, plate, company, validFrom, validTo, site, dumpSite, status }
    public let columns: [ColumnSpec] = [
        ColumnSpec("核准编号", "approval_no", required: true),
        ColumnSpec("号牌号码", "plate", required: true),
        ColumnSpec("运输企业", "company", required: true),
        ColumnSpec("有效期起", "valid_from", required: true),
        ColumnSpec("有效期止", "valid_to", required: true),
        ColumnSpec("出土工地", "site"),
        ColumnSpec("消纳场", "dump_site"),
        ColumnSpec("状态", "status"),
    ]
    public let dbColumns = ["approval_no", "plate", "company", "valid_from", "valid_to", "site", "dump_site", "revoked"]
    public var keyCount: Int { 1 }

    public func parse(_ row: RowInput) -> RowOutcome {
        var r = FieldReader<Col>(row)
        let no = r.required(.approvalNo)
        let plate = r.plate(.plate)
        let company = r.required(.company)
        let from = r.date(.validFrom, required: true)
        let to = r.date(.validTo, required: true)
        if let from, let to, to < from { r.fail(.validTo, row.text(Col.validTo.rawValue), Reason.endBeforeStart) }
        // Blank status = valid.
        let status = r.code(.status, required: false, "status", "状态") { ApprovalStatus.parse($0) } ?? .valid
        guard r.errors.isEmpty, let no, let plate, let company, let from, let to else { return .invalid(r.errors) }
        return .row([
            .text(no), .text(plate.text), .text(company), .date(from), .date(to),
            .text(r.optional(.site)), .text(r.optional(.dumpSite)), .bool(status == .revoked),
        ])
    }
}
