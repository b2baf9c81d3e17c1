import FleetCore

/// `townships` — an override of the built-in township table. Key: 名称. Aliases are stored as
/// given (`|`-separated); once the table has rows, `FleetStore.townshipTable()` uses it instead
/// of `TownshipTable.xinmi` for every later import.
public struct TownshipsImport: ImportKind {
    public init() {}

    public var name: String { "townships" }
    public var table: String { "townships" }

    enum Col: Int { case name, code, aliases }
    public let columns: [ColumnSpec] = [
        ColumnSpec("名称", "name", required: true),
        ColumnSpec("代码", "code"),
        ColumnSpec("别名", "aliases"),
    ]
    public let dbColumns = ["name", "code", "aliases"]
    public var keyCount: Int { 1 }

    public func parse(_ row: RowInput) -> RowOutcome {
        var r = FieldReader<Col>(row)
        let name = r.required(.name)
        guard r.errors.isEmpty, let name else { return .invalid(r.errors) }
        return .row([.text(name), .text(r.optional(.code)), .text(r.optional(.aliases))])
    }
}
