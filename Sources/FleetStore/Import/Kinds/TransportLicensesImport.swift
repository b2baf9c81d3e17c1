import FleetCore

/// `transport-licenses` — road transport certificates (道路运输证) from the traffic bureau.
/// Key: 道路运输证号.
public struct TransportLicensesImport: ImportKind {
    public init() {}

    public var name: String { "transport-licenses" }
    public var table: String { "transport_licenses" }

    enum Col: Int { case licenseNo, plate, operatorName, scope, validTo }
    public let columns: [ColumnSpec] = [
        ColumnSpec("道路运输证号", "license_no", required: true),
        ColumnSpec("号牌号码", "plate", required: true),
        ColumnSpec("业户名称", "operator", required: true),
        ColumnSpec("经营范围", "scope"),
        ColumnSpec("有效期止", "valid_to", required: true),
    ]
    public let dbColumns = ["license_no", "plate", "operator", "scope", "valid_to"]
    public var keyCount: Int { 1 }

    public func parse(_ row: RowInput) -> RowOutcome {
        var r = FieldReader<Col>(row)
        let no = r.required(.licenseNo)
        let plate = r.plate(.plate)
        let op = r.required(.operatorName)
        let to = r.date(.validTo, required: true)
        guard r.errors.isEmpty, let no, let plate, let op, let to else { return .invalid(r.errors) }
        return .row([.text(no), .text(plate.text), .text(op), .text(r.optional(.scope)), .date(to)])
    }
}
