import FleetCore

/// The files of a sample set (data.md), in the order `SampleGenerator.write(to:)` returns them.
public enum SampleFile: Int, CaseIterable, Sendable {
    case vehicles, muckApprovals, transportLicenses, enterprises, enterpriseFleet, sanitationFleet, inspections
    case gateLog, alerts

    public var fileName: String {
        switch self {
        case .vehicles: return "vehicles.csv"
        case .muckApprovals: return "muck-approvals.csv"
        case .transportLicenses: return "transport-licenses.csv"
        case .enterprises: return "enterprises.csv"
        case .enterpriseFleet: return "enterprise-fleet.csv"
        case .sanitationFleet: return "sanitation-fleet.csv"
        case .inspections: return "inspections.csv"
        case .gateLog: return "gate-log.csv"
        case .alerts: return "alerts.csv"
        }
    }

    /// The columns, by their Chinese names as data.md gives them, in its order.
    public var header: [String] {
        switch self {
        case .vehicles: return SampleGenerator.vehicleHeader
        case .muckApprovals: return ["核准编号", "号牌号码", "运输企业", "有效期起", "有效期止", "出土工地", "消纳场", "状态"]
        case .transportLicenses: return ["道路运输证号", "号牌号码", "业户名称", "经营范围", "有效期止"]
        case .enterprises: return ["企业编号", "企业名称", "所属乡镇", "位于建成区", "物料类型"]
        case .enterpriseFleet: return ["企业编号", "号牌号码", "备案日期", "状态"]
        case .sanitationFleet: return ["号牌号码", "作业单位", "购置日期", "作业区域"]
        case .inspections: return ["记录编号", "检查时间", "号牌号码", "检查类型", "检查结果", "地点", "执法单位"]
        case .gateLog: return ["企业编号", "号牌号码", "通行时间", "方向", "物料"]
        case .alerts: return ["预警等级", "开始时间", "结束时间", "文号"]
        }
    }
}

/// CSV lines built as UTF-8 bytes (CRLF endings, RFC 4180 quoting as `CSVFormat.field` quotes),
/// without intermediate strings for dates, times and numbers.
struct SampleCSV {
    var bytes: [UInt8] = []
    private var atLineStart = true

    init(capacity: Int = 1 << 12) { bytes.reserveCapacity(capacity) }

    var isEmpty: Bool { bytes.isEmpty }

    mutating func removeAll() {
        bytes.removeAll(keepingCapacity: true)
        atLineStart = true
    }

    @inline(__always)
    private mutating func separate() {
        if !atLineStart { bytes.append(0x2C) }
        atLineStart = false
    }

    /// A text field, quoted only when it holds a comma, quote or line break.
    mutating func field(_ s: String) {
        separate()
        var plain = true
        for b in s.utf8 where b == 0x2C || b == 0x22 || b == 0x0A || b == 0x0D { plain = false; break }
        bytes.append(contentsOf: (plain ? s : CSVFormat.field(s)).utf8)
    }

    /// Bytes known to need no quoting (ids, codes).
    mutating func raw(_ b: [UInt8]) {
        separate()
        bytes.append(contentsOf: b)
    }

    mutating func empty() { separate() }

    /// `prefix` followed by `value` written with `width` digits (zero-padded).
    mutating func number(_ value: Int, width: Int, prefix: [UInt8] = []) {
        separate()
        bytes.append(contentsOf: prefix)
        appendDigits(value, width: width)
    }

    /// A date: style 0 `2020-11-02`, 1 `2020/11/2`, 2 `20201102`.
    mutating func date(_ day: Int, style: Int = 0) {
        separate()
        appendDate(day, style: style)
    }

    /// A date-time in China Standard Time, `2020-11-03 00:35:12`.
    mutating func dateTime(_ secondsCST: Int) {
        separate()
        appendDateTime(secondsCST)
    }

    mutating func endLine() {
        bytes.append(0x0D)
        bytes.append(0x0A)
        atLineStart = true
    }

    mutating func line(_ fields: [String]) {
        for f in fields { field(f) }
        endLine()
    }

    // MARK: Pieces

    @inline(__always)
    mutating func appendDigits(_ value: Int, width: Int) {
        var div = 1
        for _ in 1..<max(1, width) { div *= 10 }
        var v = value
        while v / div >= 10 { div *= 10 }       // wider than asked: all digits
        while div > 0 {
            bytes.append(UInt8(48 + (v / div) % 10))
            v %= div
            div /= 10
        }
    }

    mutating func appendDate(_ day: Int, style: Int = 0) {
        let (y, m, d) = SampleCSV.civil(day)
        appendDigits(y, width: 4)
        switch style {
        case 1:
            bytes.append(0x2F); appendDigits(m, width: 1); bytes.append(0x2F); appendDigits(d, width: 1)
        case 2:
            appendDigits(m, width: 2); appendDigits(d, width: 2)
        default:
            bytes.append(0x2D); appendDigits(m, width: 2); bytes.append(0x2D); appendDigits(d, width: 2)
        }
    }

    mutating func appendDateTime(_ secondsCST: Int) {
        let day = secondsCST >= 0 ? secondsCST / 86_400 : (secondsCST - 86_399) / 86_400
        let s = secondsCST - day * 86_400
        appendDate(day)
        bytes.append(0x20)
        appendDigits(s / 3600, width: 2); bytes.append(0x3A)
        appendDigits(s / 60 % 60, width: 2); bytes.append(0x3A)
        appendDigits(s % 60, width: 2)
    }

    /// Year, month, day of a day number (days since 1970-01-01; H. Hinnant's algorithm).
    @inline(__always)
    static func civil(_ dayNumber: Int) -> (Int, Int, Int) {
        let z = dayNumber + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        let y = yoe + era * 400 + (m <= 2 ? 1 : 0)
        return (y, m, d)
    }

    /// The complete lines held, as strings (CRLF included), for callers that stream text.
    func lines(_ body: (String) throws -> Void) rethrows {
        var start = 0
        var i = 0
        let n = bytes.count
        while i + 1 < n {
            if bytes[i] == 0x0D && bytes[i + 1] == 0x0A {
                try body(String(decoding: bytes[start..<(i + 2)], as: UTF8.self))
                start = i + 2
                i += 2
            } else {
                i += 1
            }
        }
    }
}
