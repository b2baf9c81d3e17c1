import ArgumentParser
import Foundation
import FleetCore
import FleetStore

/// `fleetreg permit batch FILE` — an applicant's list decided and recorded; a result CSV beside it.
struct PermitBatchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "batch", abstract: "Decide and record many applications (CSV: plate, purpose, enterprise, from, to, applicant).")
    @OptionGroup var global: GlobalOptions
    @Argument(help: "The applications (CSV).") var file: String
    @Option(name: .long, help: "Decide as of this date (default: today).") var asOf: String?
    @Option(name: .long, help: "The result CSV (default: FILE with -result.csv).") var out: String?
    @Flag(name: .long, help: "Decide the valid rows and report the invalid ones (else any invalid row stops the batch).") var skipInvalid = false
    @Option(name: .long, help: "The officer (default: $USER).") var `operator`: String?

    static let columns = [
        ColumnSpec("号牌号码", "plate", required: true), ColumnSpec("用途", "purpose"), ColumnSpec("企业编号", "enterprise"),
        ColumnSpec("起始日期", "from"), ColumnSpec("截止日期", "to"), ColumnSpec("申请人", "applicant"),
    ]

    func run() throws {
        let lang = global.language
        let asOfDate = try DateArgument.date(asOf)
        let store = try global.openStore()
        let table = try CSVTable.read(path: file, columns: Self.columns)
        var apps: [PermitApplication] = [], details: [PermitDetails] = [], rowsOK: [(line: Int, fields: [String])] = []
        var errors: [Finding] = []
        var invalidRows = 0
        let officer = self.operator ?? global.operatorName
        for row in table.rows {
            let v = row.values
            func fail(_ c: Int, _ m: Message) { errors.append(Finding(file: table.fileName, line: row.line, column: Self.columns[c].name, value: v[c], reason: m)) }
            let before = errors.count
            let plate = try? Plate.parse(v[0])
            if plate == nil { fail(0, v[0].isEmpty ? Reason.required : Reason.badPlate(.badFormat)) }
            let purpose = v[1].isEmpty ? PermitPurpose.freight : PermitPurpose.parse(v[1])
            if purpose == nil { fail(1, Message("BAD_CODE", zh: "用途应为freight/muck/bulk/sanitation/other", en: "purpose must be freight, muck, bulk, sanitation or other")) }
            let from = v[3].isEmpty ? asOfDate : CivilDate(parsing: v[3])
            if from == nil { fail(3, Reason.badDate) }
            let to = v[4].isEmpty ? from : CivilDate(parsing: v[4])
            if to == nil, !v[4].isEmpty { fail(4, Reason.badDate) }   // a blank `to` takes `from`, already reported
            if let from, let to, to < from { fail(4, Reason.endBeforeStart) }
            if purpose == .bulk {
                if v[2].isEmpty { fail(2, Reason.required) } else if try store.enterprise(id: v[2]) == nil { fail(2, Reason.unknownEnterprise) }
            }
            guard errors.count == before, let plate, let purpose, let from, let to else { invalidRows += 1; continue }
            apps.append(PermitApplication(plate: plate.text, purpose: purpose, enterpriseID: v[2].isEmpty ? nil : v[2], from: from, to: to))
            details.append(PermitDetails(applicant: v[5].isEmpty ? nil : v[5], operatorName: officer))
            rowsOK.append((row.line, row.fields))
        }
        for e in errors.prefix(20) { Output.stderr(e.text(lang)) }
        if !errors.isEmpty && !skipInvalid {
            Output.stderr(lang == .zh ? "有\(invalidRows)行无效，未作任何决定。" : "\(invalidRows) invalid rows; nothing decided.")
            throw Reported(status: .badInput)
        }
        let rules = PermitRules(screener: try global.makeScreener(store: store, asOf: asOfDate))
        let results = try store.issuePermits(apps, details: details, rules: rules, asOf: asOfDate, now: DateArgument.now())
        let resultPath = out ?? (file.hasSuffix(".csv") ? String(file.dropLast(4)) : file) + "-result.csv"
        let writer = try TextFileWriter(path: resultPath, bom: true)
        writer.write(CSVFormat.line(table.header + ["decision", "reasons", "permit_number"]))
        for (row, (decision, number)) in zip(rowsOK, results) {
            var fields = row.fields
            if fields.count < table.header.count { fields += Array(repeating: "", count: table.header.count - fields.count) }
            writer.write(CSVFormat.line(Array(fields.prefix(table.header.count)) + [
                decision.outcome.rawValue, decision.reasons.map { "\($0.code)(\($0.outcome.rawValue))" }.joined(separator: "; "), number ?? "",
            ]))
        }
        try writer.close()
        let counts = Dictionary(grouping: results, by: { $0.0.outcome.rawValue }).mapValues(\.count)
        if global.format == .json {
            struct Out: Encodable { var file: String; var result: String; var decided: Int; var invalid: Int; var outcomes: [String: Int] }
            return try Output.json(Out(file: table.fileName, result: resultPath, decided: results.count, invalid: invalidRows, outcomes: counts))
        }
        print(lang == .zh ? "已决定\(results.count)件（准予\(counts["allow"] ?? 0)，不予\(counts["deny"] ?? 0)，人工核验\(counts["refer"] ?? 0)），无效\(invalidRows)行；结果：\(resultPath)"
                          : "\(results.count) decided (\(counts["allow"] ?? 0) allow, \(counts["deny"] ?? 0) deny, \(counts["refer"] ?? 0) refer), \(invalidRows) invalid; result: \(resultPath)")
    }
}
