import Foundation
import FleetCore
import FleetStore

/// Writes the townships' investigation lists of a screening run: one file per township (CSV
/// in UTF-8 with BOM, or XLSX), the vehicles in plate order, phone numbers masked, the finding
/// columns blank; plus a summary file. The same vehicles give the same files.
///
///     let files = try ScreeningExport(store: store, screener: screener).write(run: summary, to: "out", xlsx: false)
public struct ScreeningExport {
    let store: FleetStore
    let screener: Screener

    public init(store: FleetStore, screener: Screener) {
        self.store = store
        self.screener = screener
    }

    /// The allowed conclusions, named for the person filling the list in.
    public static let conclusionOptions = FindingConclusion.allCases.map(\.chineseName).joined(separator: "/")

    public func write(run: ScreeningRunSummary, to directory: String, xlsx: Bool) throws -> [String] {
        guard let asOf = CivilDate(parsing: run.asOf) else { return [] }
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let items = try store.listItems(run: run.run)
        var byTownship: [String: [[String]]] = [:]
        try store.forEachFacts { facts in
            let result = screener.screen(facts, asOf: asOf)
            guard result.onTownshipList, let reg = facts.registration, let item = items[facts.plate] else { return }
            let evidence = result.flags.filter { Screener.investigationFlags.contains($0.code) }
                .flatMap { f in f.evidence.map { "\(f.code)：\($0.summary.zh)" } }
            byTownship[reg.township, default: []].append([
                item, reg.plate.text, reg.township, "\(reg.vehicleType.code) \(reg.vehicleType.chineseName)", reg.owner,
                reg.address ?? "", reg.phone.map(PersonalData.maskPhone) ?? "", reg.firstRegistered.description,
                result.emission?.chineseName ?? "", result.usage?.chineseName ?? "",
                result.flags.map { screener.policy.rule($0.code).zh }.joined(separator: "、"), evidence.joined(separator: "；"),
                "", "", "", "", "", Self.conclusionOptions,
            ])
        }
        var files: [String] = []
        for township in byTownship.keys.sorted() {
            let rows = [ScreeningExportColumns.header] + byTownship[township]!
            let base = (directory as NSString).appendingPathComponent("\(run.asOf)-\(township)")
            if xlsx {
                try XLSXWriter.write(sheets: [(name: township, rows: rows)], to: base + ".xlsx")
                files.append(base + ".xlsx")
            } else {
                try Self.writeCSV(rows, to: base + ".csv")
                files.append(base + ".csv")
            }
        }
        let summaryRows = [["所属乡镇", "清单车辆数"] + Screener.flagOrder.map { screener.policy.rule($0).zh }]
            + run.byTownship.keys.sorted().map { t in
                [t, String(byTownship[t]?.count ?? 0)] + Screener.flagOrder.map { String(run.byTownship[t]?[$0] ?? 0) }
            }
        let summaryBase = (directory as NSString).appendingPathComponent("\(run.asOf)-汇总")
        if xlsx {
            try XLSXWriter.write(sheets: [(name: "汇总", rows: summaryRows)], to: summaryBase + ".xlsx")
            files.append(summaryBase + ".xlsx")
        } else {
            try Self.writeCSV(summaryRows, to: summaryBase + ".csv")
            files.append(summaryBase + ".csv")
        }
        try store.markExported(run: run.run)
        return files
    }

    /// CSV in UTF-8 with BOM and CRLF, so Excel and WPS open it as Chinese text.
    static func writeCSV(_ rows: [[String]], to path: String) throws {
        let writer = try TextFileWriter(path: path, bom: true)
        for r in rows { writer.write(CSVFormat.line(r)) }
        try writer.close()
    }
}
