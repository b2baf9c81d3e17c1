import ArgumentParser
import Foundation
import FleetCore
import FleetStore

/// `fleetreg import KIND FILE` — load one file (docs/data.md).
struct ImportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import", abstract: "Import one file of a kind (vehicles, …) in one transaction.")

    @OptionGroup var global: GlobalOptions
    @Argument(help: "The kind of file: \(ImportKinds.names.joined(separator: ", ")).") var kind: String
    @Argument(help: "The CSV file (UTF-8, UTF-8 with BOM, or GB18030).") var file: String
    @Flag(name: .long, help: "Load the valid rows and report the invalid ones.") var skipInvalid = false
    @Flag(name: .long, help: "Validate and report; write nothing.") var dryRun = false
    @Option(name: .long, help: "Write every invalid row to this CSV (input columns + line, column, reason).") var errors: String?
    @Option(name: .long, help: "utf8 or gb18030 (default: detected).") var encoding: String?
    @Option(name: .long, help: "Who is importing (default: $USER).") var `operator`: String?
    @Option(name: .long, help: "For findings: the township that sent the file.") var township: String?

    func run() throws {
        let lang = global.language
        guard ImportKinds.names.contains(kind) else {
            throw InputError(zh: "未知的数据种类 \(kind)（可用：\(ImportKinds.names.joined(separator: ", "))）",
                             en: "unknown kind \(kind) (one of \(ImportKinds.names.joined(separator: ", ")))")
        }
        let store = try global.openStore()
        let townships = try store.townshipTable()
        var sender: String?
        if kind == "findings" {
            guard let t = township, let name = townships.canonicalName(t) else {
                throw InputError(zh: "导入核查反馈须用 --township 指明报送的乡镇（乡镇表中的名称）",
                                 en: "findings need --township T, the township that sent the file (a name in the township table)")
            }
            sender = name
        }
        let importKind = ImportKinds.named(kind, townships: townships, township: sender)!
        var options = ImportOptions()
        options.skipInvalid = skipInvalid
        options.dryRun = dryRun
        options.errorsPath = errors
        options.lang = lang
        options.operatorName = self.operator ?? ProcessInfo.processInfo.environment["USER"] ?? "unknown"
        if let encoding {
            guard let e = TextEncoding(argument: encoding) else {
                throw InputError(zh: "未知编码 \(encoding)（utf8 或 gb18030）", en: "unknown encoding \(encoding) (utf8 or gb18030)")
            }
            options.encoding = e
        }
        if Output.stderrIsTerminal && global.format == .text {
            options.progress = { n in FileHandle.standardError.write(Data("\r  \(n) …".utf8)) }
        }
        let summary = try Importer(store: store).run(importKind, path: file, options: options)
        if options.progress != nil && summary.rows >= 50_000 { FileHandle.standardError.write(Data("\r".utf8)) }
        var report = ImportReport(summary: summary, lang: lang)
        if kind == "findings", let batch = summary.batch {
            report.changedSinceExport = try store.findingsChangedSinceExport(batch: batch).map { "\($0.itemID) \($0.plate)" }
        }
        try report.print(format: global.format)
        if summary.invalid > 0 && !summary.committed && !dryRun { throw Reported(status: .badInput) }
        if dryRun && summary.invalid > 0 { throw Reported(status: .badInput) }
    }
}
