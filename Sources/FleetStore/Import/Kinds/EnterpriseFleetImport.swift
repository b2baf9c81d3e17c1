import FleetCore
import GRDB

/// `enterprise-fleet` — vehicles filed in an enterprise's gate system (门禁车辆备案).
/// Key: (企业编号, 号牌号码). An enterprise id that is not in `enterprises` is an invalid row, so
/// enterprises are imported first.
public struct EnterpriseFleetImport: ImportKind {
    /// The enterprise ids in the store, loaded by `prepare` inside the import's transaction.
    var knownEnterprises: Set<String> = []

    public init() {}

    public var name: String { "enterprise-fleet" }
    public var table: String { "enterprise_fleet" }

    enum Col: Int { case enterpriseID, plate, filedOn, status }
    public let columns: [ColumnSpec] = [
        ColumnSpec("企业编号", "enterprise_id", required: true),
        ColumnSpec("号牌号码", "plate", required: true),
        ColumnSpec("备案日期", "filed_on"),
        ColumnSpec("状态", "status"),
    ]
    public let dbColumns = ["enterprise_id", "plate", "filed_on", "in_use"]
    public var keyCount: Int { 2 }

    public mutating func prepare(_ db: Database) throws {
        knownEnterprises = Set(try String.fetchAll(db, sql: "SELECT enterprise_id FROM enterprises"))
    }

    public func parse(_ row: RowInput) -> RowOutcome {
        var r = FieldReader<Col>(row)
        let id = r.value(.enterpriseID, required: true, Reason.unknownEnterprise) { knownEnterprises.contains($0) ? $0 : nil }
        let plate = r.plate(.plate)
        let filedOn = r.date(.filedOn, required: false)
        // Blank status = in use.
        let status = r.code(.status, required: false, "status", "状态") { FilingStatus.parse($0) } ?? .inUse
        guard r.errors.isEmpty, let id, let plate else { return .invalid(r.errors) }
        return .row([.text(id), .text(plate.text), .date(filedOn), .bool(status == .inUse)])
    }
}
