import FleetCore

/// `alerts` — heavy-pollution alerts (重污染天气预警). Key: 文号 when given, else (level, start),
/// stored as `alert_key` (`orange|2020-11-05T00:00:00+08:00`). A blank end means the alert
/// holds until ended; an end must be after the start. Rows are stored with source `import`
/// (`fleetreg alert declare` writes the same table).
public struct AlertsImport: ImportKind {
    public init() {}

    public var name: String { "alerts" }
    public var table: String { "alerts" }

    // 文号 first, so a duplicate key is reported on that column.
    enum Col: Int { case documentNo, level, startsAt, endsAt }
    public let columns: [ColumnSpec] = [
        ColumnSpec("文号", "document_no"),
        ColumnSpec("预警等级", "level", required: true),
        ColumnSpec("开始时间", "starts_at", required: true),
        ColumnSpec("结束时间", "ends_at"),
    ]
    public let dbColumns = ["alert_key", "document_no", "level", "starts_at", "ends_at", "source"]
    public var keyCount: Int { 1 }

    public func parse(_ row: RowInput) -> RowOutcome {
        var r = FieldReader<Col>(row)
        let documentNo = r.optional(.documentNo)
        let level = r.value(.level, required: true,
                            Reason.notOneOf("alert level", "预警等级", accepted: "蓝色/blue, 黄色/yellow, 橙色/orange, 红色/red")) {
            AlertLevel.parse($0)
        }
        let starts = r.dateTime(.startsAt, required: true)
        let ends = r.dateTime(.endsAt, required: false)
        if let starts, let ends, ends <= starts { r.fail(.endsAt, row.text(Col.endsAt.rawValue), Reason.endNotAfterStart) }
        guard r.errors.isEmpty, let level, let starts else { return .invalid(r.errors) }
        let key = documentNo ?? level.description + "|" + starts.description
        return .row([.text(key), .text(documentNo), .text(level.description), .dateTime(starts), .dateTime(ends), .text("import")])
    }
}
