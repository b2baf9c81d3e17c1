import FleetCore
import FleetStore

/// Prints an import summary: JSON per docs/cli.md, or lines for people.
struct ImportReport {
    let summary: ImportSummary
    let lang: Lang
    /// Findings: items whose vehicle's registration changed after the list was exported.
    var changedSinceExport: [String]?

    init(summary: ImportSummary, lang: Lang) {
        self.summary = summary
        self.lang = lang
    }

    struct ErrorJSON: Encodable {
        var line: Int; var column: String; var value: String; var reason: String; var code: String
    }
    struct JSON: Encodable {
        var kind: String; var file: String; @NullEncodable var batch: Int64?; var sha256: String; var encoding: String
        var rows: Int; var inserted: Int; var updated: Int; var unchanged: Int; var invalid: Int; var blank: Int
        var committed: Bool; var dryRun: Bool; var errors: [ErrorJSON]; var warnings: [ErrorJSON]
        var changedSinceExport: [String]?
        enum CodingKeys: String, CodingKey {
            case kind, file, batch, sha256, encoding, rows, inserted, updated, unchanged, invalid, blank, committed
            case dryRun = "dry_run", errors, warnings, changedSinceExport = "changed_since_export"
        }
    }

    func print(format: OutputFormat) throws {
        let s = summary
        if format == .json {
            func j(_ f: Finding) -> ErrorJSON {
                ErrorJSON(line: f.line, column: f.column, value: f.value, reason: f.reason.text(lang), code: f.reason.code)
            }
            return try Output.json(JSON(kind: s.kind, file: s.fileName, batch: s.batch, sha256: s.sha256,
                                        encoding: s.encoding.rawValue, rows: s.rows, inserted: s.inserted, updated: s.updated,
                                        unchanged: s.unchanged, invalid: s.invalid, blank: s.blank, committed: s.committed,
                                        dryRun: s.dryRun, errors: s.errors.map(j), warnings: s.warnings.map(j),
                                        changedSinceExport: changedSinceExport))
        }
        let zh = lang == .zh
        for w in s.warnings { Output.stderr((zh ? "提示：" : "warning: ") + w.text(lang)) }
        Swift.print(zh ? "\(s.fileName)（\(s.kind)，\(s.encoding.rawValue)，SHA-256 \(s.sha256.prefix(12))…）"
                       : "\(s.fileName) (\(s.kind), \(s.encoding.rawValue), SHA-256 \(s.sha256.prefix(12))…)")
        Swift.print(zh ? "  共\(s.rows)行：新增\(s.inserted)，更新\(s.updated)，未变\(s.unchanged)，无效\(s.invalid)"
                       : "  \(s.rows) rows: \(s.inserted) inserted, \(s.updated) updated, \(s.unchanged) unchanged, \(s.invalid) invalid")
        for f in s.errors.prefix(20) { Swift.print("  " + f.text(lang)) }
        if s.invalid > s.errors.prefix(20).count {
            Swift.print(zh ? "  ……另有更多错误（用 --errors 文件.csv 查看全部）" : "  … more errors (write them all with --errors FILE.csv)")
        }
        if let changed = changedSinceExport, !changed.isEmpty {
            Swift.print(zh ? "  以下清单项的车辆登记信息在导出后已变更，请复核：" : "  These items' vehicles changed after the list was exported; check them:")
            for c in changed { Swift.print("    " + c) }
        }
        if s.committed, let b = s.batch {
            Swift.print(zh ? "已写入，批次 \(b)。" : "Committed as batch \(b).")
        } else if s.dryRun {
            Swift.print(zh ? "试运行：未写入任何内容。" : "Dry run: nothing written.")
        } else {
            Swift.print(zh ? "文件有无效行，未写入任何内容。请改正后重新导入，或使用 --skip-invalid 只导入有效行。"
                           : "The file has invalid rows; nothing was written. Fix them, or use --skip-invalid to load the valid rows.")
        }
    }
}
