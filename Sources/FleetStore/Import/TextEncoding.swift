/// The text encodings an input file may use.
public enum TextEncoding: String, Sendable, CaseIterable {
    case utf8, gb18030

    /// `utf8`, `utf-8`, `gb18030`, `gbk` (read as GB18030, its superset).
    public init?(argument: String) {
        switch argument.lowercased().replacingOccurrences(of: "-", with: "") {
        case "utf8": self = .utf8
        case "gb18030", "gbk", "gb2312": self = .gb18030
        default: return nil
        }
    }

    /// Guesses from the first bytes: UTF-8 when they are valid UTF-8 (a sequence cut at the
    /// end is allowed), else GB18030.
    static func detect(_ bytes: UnsafeBufferPointer<UInt8>) -> TextEncoding {
        var i = 0
        let n = bytes.count
        while i < n {
            let b = bytes[i]
            if b < 0x80 { i += 1; continue }
            let len: Int
            if b & 0xE0 == 0xC0, b >= 0xC2 { len = 2 }
            else if b & 0xF0 == 0xE0 { len = 3 }
            else if b & 0xF8 == 0xF0, b <= 0xF4 { len = 4 }
            else { return .gb18030 }
            if i + len > n { return .utf8 }          // cut at the chunk's end
            for j in 1..<len where bytes[i + j] & 0xC0 != 0x80 { return .gb18030 }
            i += len
        }
        return .utf8
    }
}
