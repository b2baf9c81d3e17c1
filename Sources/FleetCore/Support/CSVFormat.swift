/// Formats CSV lines (RFC 4180): a field is quoted when it holds a comma, quote or line break.
///
///     CSVFormat.line(["豫A12345", "a,b"])   // "豫A12345,\"a,b\"\r\n"
public enum CSVFormat {
    public static func field(_ s: String) -> String {
        // By scalar: "\r\n" is one Character, equal to neither "\r" nor "\n".
        if s.unicodeScalars.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) {
            return "\"" + s.replacingOccurrences(of: "\"", with: "\"\"") + "\""
        }
        return s
    }

    /// One line with CRLF, as Excel writes it.
    public static func line(_ fields: [String]) -> String {
        fields.map(field).joined(separator: ",") + "\r\n"
    }

    /// The UTF-8 byte-order mark that makes Excel read a CSV file as UTF-8.
    public static let utf8BOM: [UInt8] = [0xEF, 0xBB, 0xBF]
}
