import FleetCore

/// `sanitation-fleet` — sanitation vehicles (环卫车辆). Key: the plate.
public struct SanitationFleetImport: ImportKind {
    public init() {}

    public var name: String { "sanitation-fleet" }
    public var table: String { "sanitation_fleet" }

    enum Col: Int { case plate, operatorName, purchasedOn, area }
    public let columns: [ColumnSpec] = [
        ColumnSpec("号牌号码", "plate", required: true),
        ColumnSpec("作业单位", "operator", required: true),
        ColumnSpec("购置日期", "purchased_on", required: true),
        ColumnSpec("作业区域", "area"),
    ]
    public let dbColumns = ["plate", "operator", "purchased_on", "area"]
    public var keyCount: Int { 1 }

    public func parse(_ row: RowInput) -> RowOutcome {
        var r = FieldReader<Col>(row)
        let plate = r.plate(.plate)
        let op = r.required(.operatorName)
        let purchased = r.date(.purchasedOn, required: true)
        guard r.errors.isEmpty, let plate, let op, let purchased else { return .invalid(r.errors) }
        return .row([.text(plate.text), .text(op), .date(purchased), .text(r.optional(.area))])
    }
}
