import Foundation
import ZIPFoundation

/// Writes a workbook (.xlsx, Office Open XML SpreadsheetML) of text cells: one or more sheets,
/// the first row of each bold and frozen as the header, columns as wide as their text. Excel,
/// WPS and LibreOffice open it.
///
///     try XLSXWriter.write(sheets: [(name: "白寨镇", rows: [["号牌号码", "所有人"], ["豫A12345", "王建国"]])],
///                          to: "out/白寨镇.xlsx")
///
/// Every cell is text (a shared string), so plates, phone numbers and dates stay as written —
/// Excel does not turn `13812341234` into `1.38E+10`. Sheet names are made valid as Excel wants
/// them: `[ ] : * ? / \` become `_`, at most 31 characters, unique (a repeated name gets ` (2)`),
/// never blank. Characters XML cannot carry (control characters other than tab and line
/// breaks) are dropped, and a cell longer than Excel's 32,767 characters is cut there. The file
/// is written beside the target first and moved into place, so a failure leaves no half file.
public enum XLSXWriter {
    /// A workbook that could not be written: where and why.
    public struct Failure: Error, CustomStringConvertible, Sendable {
        public var path: String
        public var message: String
        public var description: String { "\(path): \(message)" }
    }

    public static func write(sheets: [(name: String, rows: [[String]])], to path: String) throws {
        guard !sheets.isEmpty else { throw Failure(path: path, message: "a workbook needs at least one sheet") }
        let names = sheetNames(sheets.map(\.name))
        var strings = SharedStrings()
        var sheetXML: [Data] = []
        for (i, sheet) in sheets.enumerated() {
            sheetXML.append(worksheet(sheet.rows, strings: &strings, selected: i == 0))
        }
        var parts: [(String, Data)] = [
            ("[Content_Types].xml", contentTypes(sheetCount: sheets.count)),
            ("_rels/.rels", Data(rootRels.utf8)),
            ("xl/workbook.xml", workbook(names)),
            ("xl/_rels/workbook.xml.rels", workbookRels(sheetCount: sheets.count)),
            ("xl/styles.xml", Data(styles.utf8)),
            ("xl/sharedStrings.xml", strings.xml()),
        ]
        for (i, xml) in sheetXML.enumerated() { parts.append(("xl/worksheets/sheet\(i + 1).xml", xml)) }

        let fm = FileManager.default
        let target = URL(fileURLWithPath: path)
        let temp = target.deletingLastPathComponent()
            .appendingPathComponent(".\(target.lastPathComponent).\(ProcessInfo.processInfo.processIdentifier).tmp")
        try? fm.removeItem(at: temp)
        do {
            let archive = try Archive(url: temp, accessMode: .create)
            for (name, data) in parts {
                try archive.addEntry(with: name, type: .file, uncompressedSize: Int64(data.count),
                                     compressionMethod: .deflate, provider: { position, size in
                                         data.subdata(in: Int(position)..<Int(position) + size)
                                     })
            }
        } catch {
            try? fm.removeItem(at: temp)
            throw Failure(path: path, message: "\(error)")
        }
        do {
            if fm.fileExists(atPath: path) { try fm.removeItem(atPath: path) }
            try fm.moveItem(at: temp, to: target)
        } catch {
            try? fm.removeItem(at: temp)
            throw Failure(path: path, message: "\(error)")
        }
    }

    // MARK: Parts

    static let mainNS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
    static let relNS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
    static let header = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"

    static func contentTypes(sheetCount: Int) -> Data {
        var s = header + "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">"
        s += "<Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>"
        s += "<Default Extension=\"xml\" ContentType=\"application/xml\"/>"
        s += "<Override PartName=\"/xl/workbook.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml\"/>"
        for i in 1...sheetCount {
            s += "<Override PartName=\"/xl/worksheets/sheet\(i).xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml\"/>"
        }
        s += "<Override PartName=\"/xl/styles.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml\"/>"
        s += "<Override PartName=\"/xl/sharedStrings.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml\"/>"
        return Data((s + "</Types>").utf8)
    }

    static let rootRels = header + """
        <Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">\
        <Relationship Id="rId1" Type="\(relNS)/officeDocument" Target="xl/workbook.xml"/></Relationships>
        """

    static func workbook(_ names: [String]) -> Data {
        var s = header + "<workbook xmlns=\"\(mainNS)\" xmlns:r=\"\(relNS)\"><bookViews><workbookView activeTab=\"0\"/></bookViews><sheets>"
        for (i, n) in names.enumerated() { s += "<sheet name=\"\(escape(n))\" sheetId=\"\(i + 1)\" r:id=\"rId\(i + 1)\"/>" }
        return Data((s + "</sheets></workbook>").utf8)
    }

    static func workbookRels(sheetCount: Int) -> Data {
        var s = header + "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
        for i in 1...sheetCount {
            s += "<Relationship Id=\"rId\(i)\" Type=\"\(relNS)/worksheet\" Target=\"worksheets/sheet\(i).xml\"/>"
        }
        s += "<Relationship Id=\"rId\(sheetCount + 1)\" Type=\"\(relNS)/styles\" Target=\"styles.xml\"/>"
        s += "<Relationship Id=\"rId\(sheetCount + 2)\" Type=\"\(relNS)/sharedStrings\" Target=\"sharedStrings.xml\"/>"
        return Data((s + "</Relationships>").utf8)
    }

    /// Two cell formats: 0 normal, 1 bold (the header row).
    static let styles = header + """
        <styleSheet xmlns="\(mainNS)">\
        <fonts count="2"><font><sz val="11"/><name val="宋体"/><family val="3"/><charset val="134"/></font>\
        <font><b/><sz val="11"/><name val="宋体"/><family val="3"/><charset val="134"/></font></fonts>\
        <fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills>\
        <borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>\
        <cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>\
        <cellXfs count="2"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>\
        <xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1"/></cellXfs>\
        <cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>\
        </styleSheet>
        """

    static func worksheet(_ rows: [[String]], strings: inout SharedStrings, selected: Bool) -> Data {
        let width = rows.map(\.count).max() ?? 0
        var s = header + "<worksheet xmlns=\"\(mainNS)\" xmlns:r=\"\(relNS)\">"
        s += "<dimension ref=\"" + (rows.isEmpty || width == 0 ? "A1" : "A1:\(columnName(width - 1))\(rows.count)") + "\"/>"
        s += "<sheetViews><sheetView workbookViewId=\"0\"" + (selected ? " tabSelected=\"1\"" : "") + ">"
        if rows.count > 1 { s += "<pane ySplit=\"1\" topLeftCell=\"A2\" activePane=\"bottomLeft\" state=\"frozen\"/>" }
        s += "</sheetView></sheetViews><sheetFormatPr defaultRowHeight=\"15\"/>"
        if width > 0 {
            s += "<cols>"
            for c in 0..<width {
                let w = rows.reduce(0) { c < $1.count ? max($0, displayWidth($1[c])) : $0 }
                let chars = min(60, max(6, w + 2))
                s += "<col min=\"\(c + 1)\" max=\"\(c + 1)\" width=\"\(chars)\" customWidth=\"1\"/>"
            }
            s += "</cols>"
        }
        s += "<sheetData>"
        for (r, row) in rows.enumerated() {
            s += "<row r=\"\(r + 1)\">"
            for (c, value) in row.enumerated() where !value.isEmpty {
                let style = r == 0 ? " s=\"1\"" : ""
                s += "<c r=\"\(columnName(c))\(r + 1)\"\(style) t=\"s\"><v>\(strings.index(of: value))</v></c>"
            }
            s += "</row>"
        }
        return Data((s + "</sheetData></worksheet>").utf8)
    }

    /// The shared-string table: each distinct text once, cells refer to it by index.
    struct SharedStrings {
        private var indexOf: [String: Int] = [:]
        private var ordered: [String] = []
        private var references = 0

        mutating func index(of text: String) -> Int {
            references += 1
            if let i = indexOf[text] { return i }
            indexOf[text] = ordered.count
            ordered.append(text)
            return ordered.count - 1
        }

        func xml() -> Data {
            var s = XLSXWriter.header + "<sst xmlns=\"\(XLSXWriter.mainNS)\" count=\"\(references)\" uniqueCount=\"\(ordered.count)\">"
            for t in ordered { s += "<si><t xml:space=\"preserve\">\(XLSXWriter.escape(XLSXWriter.cellText(t)))</t></si>" }
            return Data((s + "</sst>").utf8)
        }
    }

    // MARK: Helpers

    /// `A` … `Z`, `AA` … for a 0-based column index.
    static func columnName(_ index: Int) -> String {
        var n = index + 1
        var out = ""
        while n > 0 {
            let r = (n - 1) % 26
            out = String(UnicodeScalar(UInt8(65 + r))) + out
            n = (n - 1) / 26
        }
        return out
    }

    /// Text escaped for XML, without the characters XML 1.0 cannot hold (one escaper for the
    /// charts, the report and the workbooks: `SVG.escape`; a cell keeps its carriage returns).
    static func escape(_ s: String) -> String {
        s.contains("\r") ? s.split(separator: "\r", omittingEmptySubsequences: false).map { SVG.escape(String($0)) }.joined(separator: "\r")
                          : SVG.escape(s)
    }

    /// A cell's text cut at Excel's limit of 32,767 characters.
    static func cellText(_ s: String) -> String {
        s.utf16.count <= 32_767 ? s : String(s.prefix(32_767))
    }

    /// Width in Latin columns: wide (CJK, full-width) characters count two.
    static func displayWidth(_ s: String) -> Int {
        s.unicodeScalars.reduce(0) { $0 + ($1.value >= 0x1100 && $1.properties.isIdeographic || (0xFF01...0xFF60).contains($1.value) || (0x3000...0x303F).contains($1.value) ? 2 : 1) }
    }

    /// Sheet names Excel accepts: no `[ ] : * ? / \`, at most 31 characters, not blank, unique
    /// (case-insensitively).
    static func sheetNames(_ wanted: [String]) -> [String] {
        var used = Set<String>()
        var out: [String] = []
        for (i, raw) in wanted.enumerated() {
            var base = String(raw.map { "[]:*?/\\".contains($0) ? "_" : $0 }).trimmingCharacters(in: .whitespaces)
            base = String(escape(base).isEmpty ? "Sheet\(i + 1)" : base)
            if base.hasPrefix("'") { base = "_" + base.dropFirst() }
            var name = String(base.prefix(31))
            var n = 2
            while used.contains(name.lowercased()) {
                let suffix = " (\(n))"
                name = String(base.prefix(31 - suffix.count)) + suffix
                n += 1
            }
            used.insert(name.lowercased())
            out.append(name)
        }
        return out
    }
}
