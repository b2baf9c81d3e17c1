import FleetCore
import GRDB

/// `vehicles` — the registration extract (机动车登记信息). Key: the plate.
public struct VehiclesImport: ImportKind {
    public let townships: TownshipTable
    public init(townships: TownshipTable) { self.townships = townships }

    public var name: String { "vehicles" }
    public var table: String { "vehicles" }

    /// The file's columns, in the order of `VehicleRegistration.Field`.
    public let columns: [ColumnSpec] = [
        ColumnSpec("号牌号码", "plate", required: true),
        ColumnSpec("号牌种类", "plate_type"),
        ColumnSpec("车辆识别代号", "vin", required: true),
        ColumnSpec("车辆类型", "vehicle_type", required: true),
        ColumnSpec("使用性质", "use_nature", required: true),
        ColumnSpec("燃料种类", "fuel", required: true),
        ColumnSpec("排放标准", "emission_standard"),
        ColumnSpec("初次登记日期", "first_registered", required: true),
        ColumnSpec("总质量", "gross_mass_kg"),
        ColumnSpec("所有人", "owner", required: true),
        ColumnSpec("住所地址", "address"),
        ColumnSpec("所属乡镇", "township"),
        ColumnSpec("机动车状态", "status", required: true),
        ColumnSpec("状态变更日期", "status_date"),
        ColumnSpec("联系电话", "phone"),
    ]

    public let dbColumns = [
        "plate", "plate_type", "vin", "vin_check_ok", "vehicle_type", "use_nature", "fuel", "emission_declared",
        "first_registered", "gross_mass_kg", "owner", "address", "township", "township_source", "status",
        "status_date", "phone",
    ]
    public var keyCount: Int { 1 }
    public var trackedColumns: [String] { ["status", "status_date"] }
    public var analyzedIndexes: [String] { ["vehicles_township_type"] }
    public var changeLog: String? { "vehicle_changes" }

    public func parse(_ row: RowInput) -> RowOutcome {
        let result = VehicleRegistration.validate({ row.text($0.position) }, townships: townships)
        switch result {
        case .invalid(let problems):
            return .invalid(problems.map { FieldError(column: $0.field.position, value: $0.value, reason: $0.reason) })
        case .valid(let v):
            return .row(Self.values(v))
        }
    }

    /// The `dbColumns` values of a registration.
    static func values(_ v: VehicleRegistration) -> [SQLValue] {
        [
            .text(v.plate.text), .text(v.plateType?.code), .text(v.vin.text), .integer(v.vin.checkDigitIsValid ? 1 : 0),
            .text(v.vehicleType.code), .text(v.useNature.code), .text(v.fuel.code), .text(v.declaredStage?.description),
            .date(v.firstRegistered), .int(v.grossMassKg), .text(v.owner), .text(v.address), .text(v.township),
            .text(v.townshipSource.rawValue), .text(v.status.letters), .date(v.statusDate), .text(v.phone),
        ]
    }

    /// Keeps the history of status changes (old status, new status, dates, batch).
    public func didReplace(old: [String?], new: [SQLValue], context: ImportHookContext) throws {
        let newStatus = new[14].textValue, newDate = new[15].textValue
        guard let oldStatus = old[0], oldStatus != newStatus || old[1] != newDate else { return }
        try context.db.execute(sql: """
            INSERT INTO vehicle_status_history (plate, old_status, new_status, old_status_date, new_status_date, batch_id, recorded_at)
            VALUES (?, ?, ?, ?, ?, ?, ?)
            """, arguments: [new[0].textValue, oldStatus, newStatus, old[1], newDate, context.batchID, context.importedAt.description])
    }
}
