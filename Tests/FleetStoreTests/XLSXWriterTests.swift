import Foundation
import Testing
@testable import FleetReports

/// The workbook is read back with Python's zipfile and XML parser: every part a spreadsheet
/// program needs is there, every part is well-formed XML, and the cells read back as written.
@Suite struct XLSXWriterTests {
    /// Reads a workbook the way a spreadsheet program must: content types, relationships,
    /// workbook, shared strings, sheets; prints {"sheets": [[name, rows]], "bold_header": bool, …}.
    static let reader = #"""
    import json, re, sys, zipfile
    import xml.etree.ElementTree as ET
    M = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
    R = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
    P = "{http://schemas.openxmlformats.org/package/2006/relationships}"
    z = zipfile.ZipFile(sys.argv[1])
    assert z.testzip() is None
    names = z.namelist()
    assert names[0] == "[Content_Types].xml", names
    for n in names:
        ET.fromstring(z.read(n))                      # every part is well-formed
    ct = ET.fromstring(z.read("[Content_Types].xml"))
    overrides = {o.get("PartName"): o.get("ContentType") for o in ct if o.tag.endswith("Override")}
    assert overrides["/xl/workbook.xml"].endswith("sheet.main+xml")
    root_rels = ET.fromstring(z.read("_rels/.rels"))
    assert any(r.get("Target") == "xl/workbook.xml" for r in root_rels.iter(P + "Relationship"))
    rels = {r.get("Id"): r.get("Target") for r in ET.fromstring(z.read("xl/_rels/workbook.xml.rels")).iter(P + "Relationship")}
    for t in rels.values():
        assert "xl/" + t in names, t
        assert "/xl/" + t in overrides, t
    sst = [ "".join(t.text or "" for t in si.iter(M + "t")) for si in ET.fromstring(z.read("xl/sharedStrings.xml")).iter(M + "si")]
    styles = ET.fromstring(z.read("xl/styles.xml"))
    fonts = list(styles.find(M + "fonts"))
    xfs = list(styles.find(M + "cellXfs"))
    def col(ref):
        n = 0
        for ch in re.match(r"[A-Z]+", ref).group(0):
            n = n * 26 + ord(ch) - 64
        return n - 1
    out = {"sheets": [], "bold_header": True, "frozen": [], "widths": []}
    wb = ET.fromstring(z.read("xl/workbook.xml"))
    for s in wb.find(M + "sheets"):
        target = rels[s.get(R + "id")]
        ws = ET.fromstring(z.read("xl/" + target))
        rows = []
        for row in ws.iter(M + "row"):
            cells = {}
            for c in row.iter(M + "c"):
                assert c.get("t") == "s"
                cells[col(c.get("r"))] = sst[int(c.find(M + "v").text)]
                if row.get("r") == "1":
                    font = fonts[int(xfs[int(c.get("s", "0"))].get("fontId"))]
                    out["bold_header"] = out["bold_header"] and font.find(M + "b") is not None
            rows.append([cells.get(i, "") for i in range(max(cells) + 1)] if cells else [])
        out["sheets"].append([s.get("name"), rows])
        pane = ws.find(f"{M}sheetViews/{M}sheetView/{M}pane")
        out["frozen"].append(pane is not None and pane.get("state") == "frozen")
        out["widths"].append([float(c.get("width")) for c in ws.iter(M + "col")])
    print(json.dumps(out, ensure_ascii=False))
    """#

    struct ReadBack: Decodable {
        var sheets: [[Either]]
        var boldHeader: Bool
        var frozen: [Bool]
        var widths: [[Double]]
        enum CodingKeys: String, CodingKey { case sheets, boldHeader = "bold_header", frozen, widths }
        /// `[name, rows]` decoded from a mixed JSON array.
        enum Either: Decodable {
            case name(String), rows([[String]])
            init(from decoder: Decoder) throws {
                let c = try decoder.singleValueContainer()
                if let s = try? c.decode(String.self) { self = .name(s) } else { self = .rows(try c.decode([[String]].self)) }
            }
        }
        var named: [(String, [[String]])] {
            sheets.map { pair in
                guard case .name(let n) = pair[0], case .rows(let r) = pair[1] else { fatalError("bad read-back") }
                return (n, r)
            }
        }
    }

    static func readBack(_ path: String) throws -> ReadBack {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        p.arguments = ["python3", "-c", reader, path]
        let out = Pipe(), err = Pipe()
        p.standardOutput = out
        p.standardError = err
        try p.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        let errText = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        p.waitUntilExit()
        #expect(p.terminationStatus == 0, "\(errText)")
        return try JSONDecoder().decode(ReadBack.self, from: data)
    }

    static func path(_ name: String = "t.xlsx") -> String {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("xlsx-test-\(UUID().uuidString)")
        try! FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        return dir.appendingPathComponent(name).path
    }

    @Test func cellsReadBackAsWritten() throws {
        let wide = (0..<30).map { "c\($0)" }                      // past Z: AA, AB, …
        let rows: [[String]] = [
            ["号牌号码", "所有人", "联系电话", "备注"],
            ["豫A12345", "新密市顺达土石方有限公司", "13812341234", "a & b < c > d \"e\" 'f'"],
            ["豫AB1234", "", "0371-69871234", "  spaces kept  "],
            ["豫AD0001", "王建国", "", "line one\nline two"],
            ["豫F12345", "😀 emoji", "00123", "=SUM(A1:A2)"],
            wide,
        ]
        let file = Self.path()
        try XLSXWriter.write(sheets: [(name: "全部", rows: rows), (name: "白寨镇", rows: [rows[0], rows[1]])], to: file)
        let back = try Self.readBack(file)
        let sheets = back.named
        #expect(sheets.map(\.0) == ["全部", "白寨镇"])
        // Blank cells are not written: a row reads back up to its last non-blank cell.
        func trimmed(_ r: [String]) -> [String] { Array(r.prefix((r.lastIndex { !$0.isEmpty } ?? -1) + 1)) }
        #expect(sheets[0].1 == rows.map(trimmed))
        #expect(sheets[1].1 == [rows[0], rows[1]])
        #expect(back.boldHeader)
        #expect(back.frozen == [true, true])
        #expect(back.widths[0].count == 30)
        #expect(back.widths[0][1] > back.widths[0][0])            // the company name column is wider
        #expect(back.widths[0].allSatisfy { $0 >= 6 && $0 <= 60 })
    }

    @Test func controlCharactersAreDroppedAndNamesMadeValid() throws {
        let file = Self.path()
        try XLSXWriter.write(sheets: [
            (name: "a/b:c", rows: [["x\u{01}y\u{0B}z"]]),
            (name: "全部", rows: []),
            (name: "全部", rows: [["h"]]),
            (name: String(repeating: "长", count: 40), rows: [["h"]]),
            (name: "  ", rows: [["h"]]),
        ], to: file)
        let sheets = try Self.readBack(file).named
        #expect(sheets.map(\.0) == ["a_b_c", "全部", "全部 (2)", String(repeating: "长", count: 31), "Sheet5"])
        #expect(sheets[0].1 == [["xyz"]])
        #expect(sheets[1].1 == [])
    }

    @Test func columnNamesAndWidths() {
        #expect(XLSXWriter.columnName(0) == "A")
        #expect(XLSXWriter.columnName(25) == "Z")
        #expect(XLSXWriter.columnName(26) == "AA")
        #expect(XLSXWriter.columnName(701) == "ZZ")
        #expect(XLSXWriter.columnName(702) == "AAA")
        #expect(XLSXWriter.displayWidth("豫A12345") == 8)
        #expect(XLSXWriter.displayWidth("ＡＢ") == 4)
    }

    @Test func overwritesAndLeavesNoTemporaryFile() throws {
        let file = Self.path("o.xlsx")
        try XLSXWriter.write(sheets: [(name: "a", rows: [["1"]])], to: file)
        try XLSXWriter.write(sheets: [(name: "b", rows: [["2"]])], to: file)
        #expect(try Self.readBack(file).named.map(\.0) == ["b"])
        let dir = (file as NSString).deletingLastPathComponent
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir) == ["o.xlsx"])
        #expect(throws: XLSXWriter.Failure.self) { try XLSXWriter.write(sheets: [], to: file) }
        #expect(throws: XLSXWriter.Failure.self) {
            try XLSXWriter.write(sheets: [(name: "a", rows: [])], to: "/nonexistent-dir/x.xlsx")
        }
    }
}
