/// One problem found in an input file: where (file, line, column), the value, and why.
/// Every importer reports its errors as findings.
///
///     Finding(file: "v.csv", line: 12, column: "车辆识别代号", value: "LZFF", reason: .vinLength(4))
public struct Finding: Hashable, Sendable, CustomStringConvertible {
    public var file: String
    /// 1-based physical line where the record starts; 0 when the whole file is concerned.
    public var line: Int
    /// The column's header as written in the file; empty when the row or file is concerned.
    public var column: String
    public var value: String
    public var reason: Message

    public init(file: String, line: Int, column: String, value: String, reason: Message) {
        self.file = file; self.line = line; self.column = column; self.value = value; self.reason = reason
    }

    public func text(_ lang: Lang) -> String {
        var parts = [file]
        if line > 0 { parts.append(lang == .zh ? "第\(line)行" : "line \(line)") }
        if !column.isEmpty { parts.append(lang == .zh ? "列「\(column)」" : "column \(column)") }
        var s = parts.joined(separator: ", ") + ": " + reason.text(lang)
        if !value.isEmpty { s += lang == .zh ? "（值：\(value)）" : " (value: \(value))" }
        return s
    }

    public var description: String { text(.en) }
}
