import FleetCore
import GRDB

/// `findings` — a township's list (`screen export`) sent back with its finding columns filled
/// in. Key: 清单编号. `--township T` names the township that sent it.
///
/// A row whose item id is unknown, whose plate or township differs from the exported item, or
/// whose item belongs to another township than T, is invalid. Rows whose finding columns are
/// all blank are skipped: a township may send back part of its list.
public struct FindingsImport: ImportKind {
    /// The township that sent the file.
    public let township: String
    private var items: [String: (plate: String, township: String)] = [:]

    public init(township: String) { self.township = township }

    public var name: String { "findings" }
    public var table: String { "findings" }

    enum Col: Int {
        case itemID, plate, township, conclusion, confirmedUsage, investigator, investigatedOn, notes
    }
    public let columns: [ColumnSpec] = [
        ColumnSpec("清单编号", "item_id", required: true),
        ColumnSpec("号牌号码", "plate", required: true),
        ColumnSpec("所属乡镇", "township", required: true),
        ColumnSpec("核查结论", "conclusion", required: true),
        ColumnSpec("核实用途", "confirmed_usage"),
        ColumnSpec("核查人", "investigator", required: true),
        ColumnSpec("核查日期", "investigated_on", required: true),
        ColumnSpec("备注", "notes"),
    ] + ScreeningExportColumns.informational.map { ColumnSpec($0.zh, $0.alias) }
    public let dbColumns = ["item_id", "plate", "township", "conclusion", "confirmed_usage", "investigator", "investigated_on", "notes"]
    public var keyCount: Int { 1 }

    public mutating func prepare(_ db: Database) throws {
        for row in try Row.fetchAll(db, sql: "SELECT item_id, plate, township FROM screening_items") {
            items[row[0]] = (row[1], row[2])
        }
    }

    public func parse(_ row: RowInput) -> RowOutcome {
        let findingColumns: [Col] = [.conclusion, .confirmedUsage, .investigator, .investigatedOn, .notes]
        if findingColumns.allSatisfy({ row.text($0.rawValue).isEmpty }) { return .skip }
        var r = FieldReader<Col>(row)
        let itemID = r.required(.itemID)
        let plate = r.plate(.plate)
        let township = r.required(.township)
        let conclusion = r.code(.conclusion, required: true, "conclusion", "核查结论") { FindingConclusion.parse($0) }
        let usage = r.optional(.confirmedUsage)
        if conclusion == .usageConfirmed && usage == nil {
            r.fail(.confirmedUsage, "", Reason.required)
        }
        let investigator = r.required(.investigator)
        let on = r.date(.investigatedOn, required: true)
        if let itemID {
            if let item = items[itemID] {
                if let plate, plate.text != item.plate {
                    r.fail(.plate, plate.text, Reason.itemMismatch(field: "号牌号码", exported: item.plate))
                }
                if let township, township != item.township {
                    r.fail(.township, township, Reason.itemMismatch(field: "所属乡镇", exported: item.township))
                }
                if item.township != self.township {
                    r.fail(.itemID, itemID, Reason.otherTownshipItem(item.township, sender: self.township))
                }
            } else {
                r.fail(.itemID, itemID, Reason.unknownItem)
            }
        }
        guard r.errors.isEmpty, let itemID, let plate, let township, let conclusion, let investigator, let on else {
            return .invalid(r.errors)
        }
        return .row([.text(itemID), .text(plate.text), .text(township), .text(conclusion.code), .text(usage),
                     .text(investigator), .date(on), .text(r.optional(.notes))])
    }
}
