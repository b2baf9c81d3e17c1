import FleetCore

/// Reads a small CSV file of known columns (no table behind it, e.g. a permit batch) with the
/// importer's reader: same encodings, header matching and whole-file errors.
public struct CSVTable {
    public var fileName: String
    public var header: [String]
    /// Per row: its line, the raw fields, and the text of each of the given columns.
    public var rows: [(line: Int, fields: [String], values: [String])]
    public var warnings: [Finding]

    public static func read(path: String, columns: [ColumnSpec], encoding: TextEncoding? = nil) throws -> CSVTable {
        let source = try TextSource(path: path, encoding: encoding)
        let reader = CSVReader(source: source)
        var header: [String] = []
        guard let headerLine = try reader.next(into: &header), !header.allSatisfy(\.isEmpty) else {
            throw ImportFailure(Finding(file: source.fileName, line: 0, column: "", value: "", reason: Reason.emptyFile))
        }
        let (map, warnings) = Importer.matchHeader(header, columns: columns, file: source.fileName, line: headerLine)
        let missing = columns.indices.filter { columns[$0].required && map[$0] == nil }
        if !missing.isEmpty {
            throw ImportFailure(findings: missing.map {
                Finding(file: source.fileName, line: headerLine, column: columns[$0].name, value: "",
                        reason: Reason.missingColumn(columns[$0].name, alias: columns[$0].alias))
            })
        }
        var rows: [(Int, [String], [String])] = []
        var fields: [String] = []
        while let line = try reader.next(into: &fields) {
            if fields.allSatisfy(\.isEmpty) { continue }
            let input = RowInput(fields: fields, map: map)
            rows.append((line, fields, columns.indices.map { input.text($0) }))
        }
        return CSVTable(fileName: source.fileName, header: header, rows: rows, warnings: warnings)
    }
}
