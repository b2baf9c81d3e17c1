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
    public private(set) var byDay: [String: Int] = [:]
    public private(set) var unverifiedByDay: [String: Int] = [:]

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
        let day = p.passedAt.date.description
        let deny = p.verdict.outcome == .deny
        if byEnterprise[p.enterprise.id] == nil { byEnterprise[p.enterprise.id] = EnterpriseCounts(enterprise: p.enterprise) }
        if deny {
            byEnterprise[p.enterprise.id]!.violations += 1
            byDay[day, default: 0] += 1
        } else {
            byEnterprise[p.enterprise.id]!.unverified += 1
            unverifiedByDay[day, default: 0] += 1
        }
        switch format {
        case .json:
            var s = "\n  {\"enterprise_id\": \(Self.json(p.enterprise.id)), \"plate\": \(Self.json(p.plate)), \"passed_at\": \"\(p.passedAt)\", \"reasons\": ["
            s += p.verdict.reasons.map { "{\"code\": \"\($0.code)\", \"outcome\": \"\($0.outcome.rawValue)\", \"item\": \(Self.json($0.item))}" }
                .joined(separator: ", ")
            s += "]}"
            if deny {
                out.write(firstViolation ? s : "," + s)
                firstViolation = false
            } else {
                held!.write(firstUnverified ? s : "," + s)
                firstUnverified = false
            }
        case .csv:
            let rules = p.verdict.reasons.filter { $0.outcome != .warn }.map(\.code).joined(separator: "|")
            let warnings = p.verdict.reasons.filter { $0.outcome == .warn }.map(\.code).joined(separator: "|")
            out.write(CSVFormat.line([p.verdict.outcome.rawValue, p.enterprise.id, p.enterprise.name, p.plate, p.passedAt.description,
                                      rules, warnings]))
        case .text:
            let word = lang == .zh ? p.verdict.outcome.chineseName : p.verdict.outcome.rawValue
            out.write("  \(p.passedAt)  \(p.enterprise.id) \(p.enterprise.name)  \(p.plate)  \(word)  "
                      + p.verdict.reasons.map { $0.outcome == .warn ? "(\($0.code))" : $0.code }.joined(separator: " ") + "\n")
        }
    }

    /// Writes the counts (JSON and text) and flushes.
    public func finish(_ totals: GateScanTotals) throws {
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

/// Output gathered into 1 MiB writes.
final class BufferedOutput {
    private let handle: FileHandle
    private var buffer: [UInt8] = []
    static let chunk = 1 << 20

    init(_ handle: FileHandle) {
        self.handle = handle
        buffer.reserveCapacity(Self.chunk + 4096)
    }

    func write(_ s: String) {
        buffer.append(contentsOf: s.utf8)
        if buffer.count >= Self.chunk { flush() }
    }

    func write(_ d: Data) {
        flush()
        handle.write(d)
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
