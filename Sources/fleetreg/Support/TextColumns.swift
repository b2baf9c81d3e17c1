import Foundation

/// Lines of a table aligned by display width (a CJK character takes two columns); the first
/// `left` columns left-aligned, the others (numbers) right-aligned.
enum TextColumns {
    static func width(_ s: String) -> Int { s.unicodeScalars.reduce(0) { $0 + ($1.value >= 0x2E80 ? 2 : 1) } }

    static func format(_ rows: [[String]], left: Int = 1) -> [String] {
        let count = rows.map(\.count).max() ?? 0
        var widths = [Int](repeating: 0, count: count)
        for r in rows { for (i, c) in r.enumerated() { widths[i] = max(widths[i], width(c)) } }
        return rows.map { r in
            r.enumerated().map { i, c in
                let pad = String(repeating: " ", count: widths[i] - width(c))
                return i < left ? c + pad : pad + c
            }.joined(separator: "  ").replacingOccurrences(of: " +$", with: "", options: .regularExpression)
        }
    }
}
