import FleetCore

/// `enterprises` — key bulk-material enterprises (重点用车企业) from the ecology bureau.
/// Key: 企业编号. The township is stored under its full name from the township table; an
/// unknown one is an invalid row.
public struct EnterprisesImport: ImportKind {
    public let townships: TownshipTable
    public init(townships: TownshipTable) { self.townships = townships }

    public var name: String { "enterprises" }
    public var table: String { "enterprises" }

    enum Col: Int { case enterpriseID, name, township, inBuiltUpArea, materials }
    public let columns: [ColumnSpec] = [
        ColumnSpec("企业编号", "enterprise_id", required: true),
        ColumnSpec("企业名称", "name", required: true),
        ColumnSpec("所属乡镇", "township", required: true),
        ColumnSpec("位于建成区", "in_built_up_area", required: true),
        ColumnSpec("物料类型", "materials"),
    ]
    public let dbColumns = ["enterprise_id", "name", "township", "in_built_up_area", "materials"]
    public var keyCount: Int { 1 }

    public func parse(_ row: RowInput) -> RowOutcome {
        var r = FieldReader<Col>(row)
        let id = r.required(.enterpriseID)
        let name = r.required(.name)
        let township = r.value(.township, required: true, Reason.unknownTownship) { townships.canonicalName($0) }
        let builtUp = r.value(.inBuiltUpArea, required: true, Reason.badBoolean) { YesNo.parse($0) }
        guard r.errors.isEmpty, let id, let name, let township, let builtUp else { return .invalid(r.errors) }
        return .row([.text(id), .text(name), .text(township), .bool(builtUp), .text(r.optional(.materials))])
    }
}
