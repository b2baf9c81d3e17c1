import FleetCore

/// `gate-log` — enterprise gate records (门禁进出记录).
/// Key: (企业编号, 号牌号码, 通行时间, 方向).
///
/// Enterprise ids are deliberately NOT checked against `enterprises` here, unlike
/// `enterprise-fleet`: gate logs are huge (every pass of every truck at every gate) and come
/// from the enterprises' own systems, so one id missing from the ecology bureau's list would
/// reject a whole large file. A row whose id is unknown is kept and simply matches no key
/// enterprise when the log is read (docs/decisions.md, "Evidence imports").
public struct GateLogImport: ImportKind {
    public init() {}

    public var name: String { "gate-log" }
    public var table: String { "gate_log" }

    enum Col: Int { case enterpriseID, plate, passedAt, direction, material }
    public let columns: [ColumnSpec] = [
        ColumnSpec("企业编号", "enterprise_id", required: true),
        ColumnSpec("号牌号码", "plate", required: true),
        ColumnSpec("通行时间", "passed_at", required: true),
        ColumnSpec("方向", "direction", required: true),
        ColumnSpec("物料", "material"),
    ]
    public let dbColumns = ["enterprise_id", "plate", "passed_at", "direction", "material"]
    public var keyCount: Int { 4 }

    public func parse(_ row: RowInput) -> RowOutcome {
        var r = FieldReader<Col>(row)
        let id = r.required(.enterpriseID)
        let plate = r.plate(.plate)
        let at = r.dateTime(.passedAt, required: true)
        let direction = r.code(.direction, required: true, "direction", "方向") { GateDirection.parse($0) }
        guard r.errors.isEmpty, let id, let plate, let at, let direction else { return .invalid(r.errors) }
        return .row([.text(id), .text(plate.text), .dateTime(at), .text(direction.code), .text(r.optional(.material))])
    }
}
