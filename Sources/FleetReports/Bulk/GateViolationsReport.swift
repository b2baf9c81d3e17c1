import Foundation
import FleetCore
import FleetStore

/// `bulk violations` written as the rows arrive (a year of a city's gate log may hold millions
/// of denied rows, so nothing is collected): JSON (docs/cli.md), CSV, or text; and the counts per
/// enterprise and per day.
///
///     let report = try GateViolationsReport(from: f, to: t, format: .json, lang: .en, policy: policy)
///     let totals = try store.scanGateLog(from: f, to: t, rules: rules, timeline: tl) { try report.add($0) }
///     try report.finish(totals)
///
/// JSON keeps the order of docs/cli.md (`violations` before `unverified`): the refer rows are
/// held in a temporary file until the violations are written.
public final class GateViolationsReport {
    public enum Format: Sendable { case json, csv, text }

    /// The counts of one enterprise.
    public struct EnterpriseCounts: Sendable {
        public var enterprise: EnterpriseInfo
        public var violations = 0
        public var unverified = 0
    }

    let from: CivilDateTime
    let to: CivilDateTime
    let format: Format
    let lang: Lang
    let policy: Policy
    private let out: BufferedOutput
    private var held: BufferedOutput?
    private var heldPath: String?
    private var firstViolation = true
    private var firstUnverified = true

    public private(set) var byEnterprise: [String: EnterpriseCounts] = [:]
    /// Violations per CST day (`2020-11-03`).
    public var byDay: [String: Int] { Self.days(violationsByDay) }
    /// Unverified rows per CST day.
    public var unverifiedByDay: [String: Int] { Self.days(referralsByDay) }
    private var violationsByDay: [Int: Int] = [:]
    private var referralsByDay: [Int: Int] = [:]
    /// Counts by the scan's enterprise index (folded into `byEnterprise` at the end).
    private var counts: [EnterpriseCounts?] = []
    /// Each verdict's reasons, formatted once (by verdict id); each enterprise's fields (by index).
    private var reasonsText: [Int: [UInt8]] = [:]
    private var enterpriseText: [[UInt8]?] = []

    /// Writes to `out` (standard output by default).
    public init(from: CivilDateTime, to: CivilDateTime, format: Format, lang: Lang, policy: Policy,
                out: FileHandle = .standardOutput) throws {
        self.from = from; self.to = to; self.format = format; self.lang = lang; self.policy = policy
        self.out = BufferedOutput(out)
        switch format {
        case .json:
            let path = NSTemporaryDirectory() + "fleetreg-unverified-\(UUID().uuidString).json"
            guard FileManager.default.createFile(atPath: path, contents: nil), let h = FileHandle(forWritingAtPath: path) else {
                throw CocoaError(.fileWriteUnknown)
            }
            heldPath = path
            held = BufferedOutput(h)
            self.out.write("{\"from\": \(Self.json(from.description)), \"to\": \(Self.json(to.description)),\n \"violations\": [")
        case .csv:
            self.out.write(CSVFormat.line(["outcome", "enterprise_id", "enterprise_name", "plate", "passed_at", "reasons", "warnings"]))
        case .text:
            let zh = lang == .zh
            self.out.write((zh ? "重点用车企业门禁记录核查（进场），\(from) 至 \(to)，策略 \(policy.version)\n"
                               : "Gate-log check (entries), \(from) to \(to), policy \(policy.version)\n"))
        }
    }

    deinit {
        if let heldPath { try? FileManager.default.removeItem(atPath: heldPath) }
    }

    /// One row decided deny (a violation) or refer (unverified).
    public func add(_ p: GatePassage) throws {
        let day = p.passedAt.secondsSinceEpochCST >= 0 ? p.passedAt.secondsSinceEpochCST / 86_400 : p.passedAt.date.dayNumber
        let deny = p.verdict.outcome == .deny
        let i = p.enterpriseIndex
        if i >= counts.count {
            counts += Array(repeating: nil, count: i + 1 - counts.count)
            enterpriseText += Array(repeating: nil, count: i + 1 - enterpriseText.count)
        }
        if counts[i] == nil { counts[i] = EnterpriseCounts(enterprise: p.enterprise) }
        if deny {
            counts[i]!.violations += 1
            violationsByDay[day, default: 0] += 1
        } else {
            counts[i]!.unverified += 1
            referralsByDay[day, default: 0] += 1
        }
        switch format {
        case .json:
            let o = deny ? out : held!
            if deny ? !firstViolation : !firstUnverified { o.write(byte: 44) }        // ,
            if deny { firstViolation = false } else { firstUnverified = false }
            o.write("\n  {\"enterprise_id\": ")
            o.write(bytes: enterpriseField(p))
            o.write(", \"plate\": ")
            o.writeJSONString(p.plate)
            o.write(", \"passed_at\": \"")
            o.writeTime(p.passedAt.secondsSinceEpochCST)
            o.write("\", \"reasons\": ")
            o.write(bytes: reasons(p.verdict))
            o.write("}")
        case .csv:
            out.write(bytes: reasons(p.verdict))                  // outcome,
            out.write(bytes: enterpriseField(p))                  // id,name,
            out.writeCSVField(p.plate)
            out.write(byte: 44)
            out.writeTime(p.passedAt.secondsSinceEpochCST)
            out.write(byte: 44)
            out.write(bytes: reasonsTail(p.verdict))              // reasons,warnings CRLF
        case .text:
            let word = lang == .zh ? p.verdict.outcome.chineseName : p.verdict.outcome.rawValue
            out.write("  ")
            out.writeTime(p.passedAt.secondsSinceEpochCST)
            out.write("  \(p.enterprise.id) \(p.enterprise.name)  \(p.plate)  \(word)  "
                      + p.verdict.reasons.map { $0.outcome == .warn ? "(\($0.code))" : $0.code }.joined(separator: " ") + "\n")
        }
    }

    /// JSON: the enterprise id as a string literal; CSV: `id,name,`.
    private func enterpriseField(_ p: GatePassage) -> [UInt8] {
        if let t = enterpriseText[p.enterpriseIndex] { return t }
        let t = format == .json ? Array(Self.json(p.enterprise.id).utf8)
                                : Array((CSVFormat.field(p.enterprise.id) + "," + CSVFormat.field(p.enterprise.name) + ",").utf8)
        enterpriseText[p.enterpriseIndex] = t
        return t
    }

    /// JSON: the reasons array; CSV: `outcome,`.
    private func reasons(_ v: BulkGateJudge.Verdict) -> [UInt8] {
        if let t = reasonsText[v.id] { return t }
        let t: [UInt8]
        if format == .json {
            t = Array(("[" + v.reasons.map { "{\"code\": \"\($0.code)\", \"outcome\": \"\($0.outcome.rawValue)\", \"item\": \(Self.json($0.item))}" }
                .joined(separator: ", ") + "]").utf8)
        } else {
            t = Array((v.outcome.rawValue + ",").utf8)
        }
        reasonsText[v.id] = t
        return t
    }

    /// CSV: `reasons,warnings` and the line end.
    private func reasonsTail(_ v: BulkGateJudge.Verdict) -> [UInt8] {
        let key = -1 - v.id
        if let t = reasonsText[key] { return t }
        let rules = v.reasons.filter { $0.outcome != .warn }.map(\.code).joined(separator: "|")
        let warnings = v.reasons.filter { $0.outcome == .warn }.map(\.code).joined(separator: "|")
        let t = Array(CSVFormat.line([rules, warnings]).utf8)
        reasonsText[key] = t
        return t
    }

    static func days(_ d: [Int: Int]) -> [String: Int] {
        Dictionary(uniqueKeysWithValues: d.map { (CivilDate(dayNumber: $0.key).description, $0.value) })
    }

    /// Writes the counts (JSON and text) and flushes.
    public func finish(_ totals: GateScanTotals) throws {
        for c in counts { if let c { byEnterprise[c.enterprise.id] = c } }
        let byDay = self.byDay, unverifiedByDay = self.unverifiedByDay
        let ids = byEnterprise.keys.sorted()
        switch format {
        case .json:
            out.write("\n ],\n \"unverified\": [")
            if let held, let heldPath {
                held.close()
                if let h = FileHandle(forReadingAtPath: heldPath) {
                    while true {
                        let data = h.readData(ofLength: BufferedOutput.chunk)
                        if data.isEmpty { break }
                        out.write(data)
                    }
                    try? h.close()
                }
            }
            out.write("\n ],\n \"by_enterprise\": {" + ids.compactMap { id in
                byEnterprise[id]!.violations > 0 ? "\(Self.json(id)): \(byEnterprise[id]!.violations)" : nil
            }.joined(separator: ", ") + "},\n")
            out.write(" \"by_day\": {" + byDay.keys.sorted().map { "\"\($0)\": \(byDay[$0]!)" }.joined(separator: ", ") + "},\n")
            out.write(" \"unverified_by_day\": {" + unverifiedByDay.keys.sorted().map { "\"\($0)\": \(unverifiedByDay[$0]!)" }
                .joined(separator: ", ") + "},\n")
            out.write(" \"enterprises\": {" + ids.map { id in
                let c = byEnterprise[id]!
                return "\(Self.json(id)): {\"name\": \(Self.json(c.enterprise.name)), \"township\": \(Self.json(c.enterprise.township)), "
                    + "\"in_built_up_area\": \(c.enterprise.inBuiltUpArea), \"violations\": \(c.violations), \"unverified\": \(c.unverified)}"
            }.joined(separator: ",\n   ") + "},\n")
            out.write(" \"totals\": {\"rows\": \(totals.rows), \"judged\": \(totals.judged), \"allowed\": \(totals.allowed), "
                      + "\"violations\": \(totals.denied), \"unverified\": \(totals.referred), "
                      + "\"unknown_enterprise\": \(totals.unknownEnterprise), \"plates\": \(totals.plates)},\n")
            out.write(" \"policy_version\": \(Self.json(policy.version)), \"policy_hash\": \"\(policy.hash)\"}\n")
        case .csv:
            break
        case .text:
            let zh = lang == .zh
            out.write(zh ? "进场记录 \(totals.rows) 条，其中重点用车企业 \(totals.judged) 条：违规（不予）\(totals.denied)，待核验 \(totals.referred)，准予 \(totals.allowed)；企业编号不在名录中 \(totals.unknownEnterprise) 条\n"
                         : "\(totals.rows) entries, \(totals.judged) at key enterprises: \(totals.denied) violations (deny), \(totals.referred) unverified (refer), \(totals.allowed) allowed; \(totals.unknownEnterprise) at enterprise ids not in the list\n")
            out.write(zh ? "按企业（违规 / 待核验）：\n" : "By enterprise (violations / unverified):\n")
            for id in ids {
                let c = byEnterprise[id]!
                out.write("  \(id)  \(c.enterprise.name)  \(c.enterprise.township)\(c.enterprise.inBuiltUpArea ? (zh ? "（建成区）" : " (built-up)") : "")  \(c.violations) / \(c.unverified)\n")
            }
            out.write(zh ? "按日（违规）：\n" : "By day (violations):\n")
            for d in byDay.keys.sorted() { out.write("  \(d)  \(byDay[d]!)\n") }
        }
        out.flush()
    }

    /// A JSON string literal.
    static func json(_ s: String) -> String {
        var r = "\""
        for u in s.unicodeScalars {
            switch u {
            case "\"": r += "\\\""
            case "\\": r += "\\\\"
            case "\n": r += "\\n"
            case "\r": r += "\\r"
            case "\t": r += "\\t"
            default:
                if u.value < 0x20 { r += String(format: "\\u%04x", u.value) } else { r.unicodeScalars.append(u) }
            }
        }
        return r + "\""
    }
}

/// Output gathered into 1 MiB writes, with the few formats the report writes often (times,
/// plates) written straight as bytes.
final class BufferedOutput {
    private let handle: FileHandle
    private var buffer: [UInt8] = []
    private var lastDay = Int.min
    private var lastDate: [UInt8] = []
    static let chunk = 1 << 20

    init(_ handle: FileHandle) {
        self.handle = handle
        buffer.reserveCapacity(Self.chunk + 4096)
    }

    func write(_ s: String) {
        buffer.append(contentsOf: s.utf8)
        if buffer.count >= Self.chunk { flush() }
    }

    func write(bytes: [UInt8]) {
        buffer.append(contentsOf: bytes)
        if buffer.count >= Self.chunk { flush() }
    }

    func write(byte: UInt8) { buffer.append(byte) }

    func write(_ d: Data) {
        flush()
        handle.write(d)
    }

    /// `YYYY-MM-DDTHH:MM:SS+08:00` for seconds since 1970-01-01 00:00 CST.
    func writeTime(_ seconds: Int) {
        let day = seconds >= 0 ? seconds / 86_400 : (seconds - 86_399) / 86_400
        let s = seconds - day * 86_400
        if day != lastDay {         // rows come in time order: the date changes rarely
            lastDay = day
            lastDate = Array(CivilDate(dayNumber: day).description.utf8)
        }
        func two(_ v: Int) { buffer.append(UInt8(48 + v / 10)); buffer.append(UInt8(48 + v % 10)) }
        buffer.append(contentsOf: lastDate)
        buffer.append(84); two(s / 3600); buffer.append(58); two(s / 60 % 60); buffer.append(58); two(s % 60)
        buffer.append(contentsOf: [43, 48, 56, 58, 48, 48])    // +08:00
    }

    /// A JSON string literal; the bytes as they are when nothing needs escaping (plates).
    func writeJSONString(_ s: String) {
        if s.utf8.allSatisfy({ $0 >= 0x20 && $0 != 34 && $0 != 92 }) {
            buffer.append(34); buffer.append(contentsOf: s.utf8); buffer.append(34)
        } else {
            buffer.append(contentsOf: GateViolationsReport.json(s).utf8)
        }
    }

    /// A CSV field (RFC 4180); the bytes as they are when no quoting is needed.
    func writeCSVField(_ s: String) {
        if s.utf8.allSatisfy({ $0 != 44 && $0 != 34 && $0 != 10 && $0 != 13 }) { buffer.append(contentsOf: s.utf8) }
        else { buffer.append(contentsOf: CSVFormat.field(s).utf8) }
    }

    func flush() {
        guard !buffer.isEmpty else { return }
        handle.write(Data(buffer))
        buffer.removeAll(keepingCapacity: true)
    }

    func close() {
        flush()
        try? handle.close()
    }
}
