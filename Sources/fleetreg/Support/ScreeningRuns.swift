import FleetCore
import FleetStore
import FleetReports

/// The stored run for a date, made when there is none.
enum ScreeningRuns {
    static func latestOrNew(store: FleetStore, global: GlobalOptions, asOf: CivilDate) throws -> ScreeningRunSummary {
        if let run = try store.latestRun(asOf: asOf) { return run }
        return try store.runScreening(asOf: asOf, screener: try global.makeScreener(store: store, asOf: asOf),
                                      operatorName: global.operatorName)
    }
}

enum ScreeningExportRunner {
    static func export(store: FleetStore, global: GlobalOptions, run: ScreeningRunSummary, out: String, xlsx: Bool) throws -> [String] {
        guard let date = CivilDate(parsing: run.asOf) else { return [] }
        return try ScreeningExport(store: store, screener: try global.makeScreener(store: store, asOf: date))
            .write(run: run, to: out, xlsx: xlsx)
    }
}

/// The run summary for people.
enum ScreeningText {
    static func summary(_ s: ScreeningRunSummary, lang: Lang) -> String {
        let zh = lang == .zh
        var lines: [String] = []
        lines.append(zh ? "筛查第\(s.run)次，截至\(s.asOf)（策略 \(s.policyVersion)）：在用货车 \(s.vehicles) 辆，列入乡镇核查清单 \(s.listed) 辆"
                        : "Screening run \(s.run) as of \(s.asOf) (policy \(s.policyVersion)): \(s.vehicles) active goods vehicles, \(s.listed) on township lists")
        if let mode = s.mode, let n = s.screened {
            lines.append(mode == "incremental"
                ? (zh ? "（在上次筛查基础上，重新筛查了事实或日期有变的 \(n) 个号牌）" : "(built on the previous run: \(n) plates whose facts or dates changed were screened again)")
                : (zh ? "（全部重新筛查：\(n) 个号牌）" : "(every plate screened: \(n))"))
        }
        lines.append(zh ? "用途分类：" : "Usage:")
        for u in UsageClass.allCases {
            lines.append("  \(u.rawValue.padding(toLength: 20, withPad: " ", startingAt: 0)) \(String(s.usage[u.rawValue] ?? 0).leftPad(8))  \(zh ? u.chineseName : u.englishName)")
        }
        lines.append(zh ? "标记：" : "Flags:")
        for f in Screener.flagOrder {
            lines.append("  \(f.padding(toLength: 24, withPad: " ", startingAt: 0)) \(String(s.flags[f] ?? 0).leftPad(8))")
        }
        lines.append(zh ? "按乡镇（清单标记）：" : "By township (list flags):")
        for t in s.byTownship.keys.sorted() {
            let c = s.byTownship[t]!
            let cells = ["UNAPPROVED_MUCK", "SUSPECT_MUCK", "UNKNOWN_USE"].map { "\($0)=\(c[$0] ?? 0)" }.joined(separator: "  ")
            lines.append("  \(t)  \(cells)")
        }
        if let ch = s.changes {
            lines.append(zh ? "与第\(ch.previousRun)次（截至\(ch.previousAsOf)）相比：新增 \(ch.total.newlyFlagged)，已解决 \(ch.total.resolved)，仍未解决 \(ch.total.stillOpen)"
                            : "Since run \(ch.previousRun) (as of \(ch.previousAsOf)): \(ch.total.newlyFlagged) newly flagged, \(ch.total.resolved) resolved, \(ch.total.stillOpen) still open")
        }
        return lines.joined(separator: "\n")
    }
}

extension String {
    func leftPad(_ n: Int) -> String { count >= n ? self : String(repeating: " ", count: n - count) + self }
}
