import Foundation
import FleetCore
import FleetStore

/// The follow-up list of `quota candidates` as a table: Chinese headers, one row per vehicle in
/// field-visit order, the owner's phone in full (the list exists to call and visit them), and
/// two blank columns for the visit. Written as CSV (UTF-8 with BOM, CRLF) or XLSX.
///
///     let list = QuotaCandidateList(candidates: scan.candidates, townships: .xinmi)
///     try list.writeCSV(to: "candidates.csv")
///     try list.writeXLSX(to: "candidates.xlsx")   // a sheet for all, then one per township
public struct QuotaCandidateList {
    /// The candidates, sorted for the field visit (township, owner, plate).
    public let candidates: [QuotaCandidate]

    public init(candidates: [QuotaCandidate], townships: TownshipTable) {
        self.candidates = QuotaCandidate.sortedForFieldVisit(candidates, townships: townships)
    }

    public static let header = [
        "所属乡镇", "所有人", "号牌号码", "车辆类型", "使用性质", "燃料种类", "排放标准", "排放标准依据", "初次登记日期",
        "总质量(kg)", "住所地址", "联系电话", "机动车状态", "状态变更日期", "走访情况", "备注",
    ]

    /// One candidate's cells, in the order of `header`.
    public static func row(_ c: QuotaCandidate) -> [String] {
        let r = c.registration
        let tier: String
        switch c.emission.tier {
        case .declared: tier = "登记记载"
        case .inferred: tier = "按初次登记日期推定"
        case .uncertain: tier = "不确定，需核验"
        }
        return [
            r.township, r.owner, r.plate.text, "\(r.vehicleType.code) \(r.vehicleType.chineseName)",
            "\(r.useNature.code) \(r.useNature.chineseName)", "\(r.fuel.code) \(r.fuel.chineseName)", c.emission.chineseName,
            tier, r.firstRegistered.description, r.grossMassKg.map(String.init) ?? "", r.address ?? "", r.phone ?? "",
            "\(r.status.letters) \(r.status.chineseNames)", r.statusDate?.description ?? "", "", "",
        ]
    }

    /// The header and every row.
    public var rows: [[String]] { [Self.header] + candidates.map(Self.row) }

    /// The CSV text (CRLF line ends, no BOM).
    public func csv() -> String { rows.map(CSVFormat.line).joined() }

    /// Writes the CSV file, UTF-8 with BOM so that Excel and WPS read the Chinese.
    public func writeCSV(to path: String) throws {
        let w = try TextFileWriter(path: path, bom: true)
        for row in rows { w.write(CSVFormat.line(row)) }
        try w.close()
    }

    /// Writes the workbook: a sheet 全部 with every candidate, then one sheet per township (in
    /// the list's order) when there is more than one township.
    public func writeXLSX(to path: String) throws {
        var sheets: [(name: String, rows: [[String]])] = [(name: "全部", rows: rows)]
        var order: [String] = []
        var byTownship: [String: [[String]]] = [:]
        for c in candidates {
            let t = c.registration.township
            if byTownship[t] == nil { order.append(t); byTownship[t] = [Self.header] }
            byTownship[t]!.append(Self.row(c))
        }
        if order.count > 1 { for t in order { sheets.append((name: t, rows: byTownship[t]!)) } }
        try XLSXWriter.write(sheets: sheets, to: path)
    }
}
