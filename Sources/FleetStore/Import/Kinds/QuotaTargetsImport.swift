import FleetCore
import GRDB

/// `quota-targets` — the scrapping target of each township (乡镇淘汰目标). Key: the township.
///
///     所属乡镇,目标数
///     白寨镇,30
///
/// The township is written as a name, alias or short form of the township table and stored
/// under its name; an unknown one (or 未匹配) is an invalid row. A newer file replaces the
/// target of the townships it names, and each change is kept in `quota_target_history`, so that
/// `quota status --as-of D` uses the targets in force on D.
public struct QuotaTargetsImport: ImportKind {
    public let townships: TownshipTable
    public init(townships: TownshipTable) { self.townships = townships }

    public var name: String { "quota-targets" }
    public var table: String { "quota_targets" }
    public let columns: [ColumnSpec] = [
        ColumnSpec("所属乡镇", "township", required: true),
        ColumnSpec("目标数", "target", required: true),
    ]
    public let dbColumns = ["township", "target"]
    public var keyCount: Int { 1 }
    public var trackedColumns: [String] { ["target", "batch_id"] }

    public func parse(_ row: RowInput) -> RowOutcome {
        var errors: [FieldError] = []
        var township: String?
        let tw = row.text(0)
        if tw.isEmpty {
            errors.append(FieldError(column: 0, value: tw, reason: Reason.required))
        } else if let n = townships.canonicalName(tw) {
            if n == TownshipTable.unassigned {
                errors.append(FieldError(column: 0, value: tw, reason: Reason.targetForUnassigned))
            } else {
                township = n
            }
        } else {
            errors.append(FieldError(column: 0, value: tw, reason: Reason.unknownTownship))
        }
        var target: Int?
        let t = row.text(1)
        if t.isEmpty {
            errors.append(FieldError(column: 1, value: t, reason: Reason.required))
        } else if t.utf8.count <= 7, t.allSatisfy({ $0.isASCII && $0.isNumber }), let n = Int(t) {
            target = n
        } else {
            errors.append(FieldError(column: 1, value: t, reason: Reason.badQuotaTarget))
        }
        guard errors.isEmpty, let township, let target else { return .invalid(errors) }
        return .row([.text(township), .int(target)])
    }

    /// Keeps each change of a township's target (old value and its batch, new value, batch, time).
    public func didReplace(old: [String?], new: [SQLValue], context: ImportHookContext) throws {
        guard let oldTarget = old[0].flatMap({ Int($0) }), let oldBatch = old[1].flatMap({ Int64($0) }),
              case .integer(let newTarget) = new[1], Int64(oldTarget) != newTarget else { return }
        try context.db.execute(sql: """
            INSERT INTO quota_target_history (township, old_target, old_batch_id, new_target, batch_id, recorded_at)
            VALUES (?, ?, ?, ?, ?, ?)
            """, arguments: [new[0].textValue, oldTarget, oldBatch, newTarget, context.batchID, context.importedAt.description])
    }
}
