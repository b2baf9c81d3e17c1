import FleetCore

/// `inspections` — enforcement and monitoring records (执法检查/遥感监测).
/// Key: 记录编号 when given, else (检查时间, 号牌号码, 检查类型), stored as `record_key`
/// (`2020-11-02T22:30:00+08:00|豫AB1234|night_check`). Plates not in the registry are kept.
public struct InspectionsImport: ImportKind {
    public init() {}

    public var name: String { "inspections" }
    public var table: String { "inspections" }

    enum Col: Int { case recordNo, checkedAt, plate, kind, result, location, unit }
    public let columns: [ColumnSpec] = [
        ColumnSpec("记录编号", "record_no"),
        ColumnSpec("检查时间", "checked_at", required: true),
        ColumnSpec("号牌号码", "plate", required: true),
        ColumnSpec("检查类型", "kind", required: true),
        ColumnSpec("检查结果", "result", required: true),
        ColumnSpec("地点", "location"),
        ColumnSpec("执法单位", "unit"),
    ]
    public let dbColumns = ["record_key", "record_no", "checked_at", "checked_on", "plate", "kind", "result", "location", "unit"]
    public var keyCount: Int { 1 }

    public func parse(_ row: RowInput) -> RowOutcome {
        var r = FieldReader<Col>(row)
        let recordNo = r.optional(.recordNo)
        let at = r.dateTime(.checkedAt, required: true)
        let plate = r.plate(.plate)
        let kind = r.code(.kind, required: true, "inspection kind", "检查类型") { InspectionKind.parse($0) }
        let result = r.code(.result, required: true, "inspection result", "检查结果") { InspectionResult.parse($0) }
        guard r.errors.isEmpty, let at, let plate, let kind, let result else { return .invalid(r.errors) }
        let checkedAt = at.description
        let key = recordNo ?? checkedAt + "|" + plate.text + "|" + kind.code
        return .row([
            .text(key), .text(recordNo), .text(checkedAt), .date(at.date), .text(plate.text), .text(kind.code),
            .text(result.code), .text(r.optional(.location)), .text(r.optional(.unit)),
        ])
    }
}
