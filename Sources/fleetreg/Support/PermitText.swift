import Foundation
import FleetCore
import FleetStore

/// Words and forms of the permit desk.
enum PermitText {
    static func context(_ app: PermitApplication) -> [String: String] {
        var c = ["purpose": app.purpose.rawValue, "from": app.from.description, "to": app.to.description]
        if let e = app.enterpriseID { c["enterprise"] = e }
        return c
    }

    /// `HH:MM-HH:MM`.
    static func validHours(_ s: String) -> Bool {
        let parts = s.split(separator: "-")
        guard parts.count == 2 else { return false }
        return parts.allSatisfy { p in
            let hm = p.split(separator: ":")
            guard hm.count == 2, let h = Int(hm[0]), let m = Int(hm[1]) else { return false }
            return (0...24).contains(h) && (0...59).contains(m)
        }
    }

    /// The permit as a printable form (进入城区通行证).
    static func form(_ p: PermitRecord) -> String {
        let rule = String(repeating: "═", count: 40)
        var lines = [rule, "        新密市重型车辆进入城区通行证", rule]
        let rows: [(String, String?)] = [
            ("通行证号", p.number), ("号牌号码", p.plate), ("用途", PermitPurpose(rawValue: p.purpose)?.chineseName ?? p.purpose),
            ("企业", p.enterpriseId), ("有效期", "\(p.validFrom) 至 \(p.validTo)"), ("通行区域", p.zone), ("通行路线", p.route),
            ("通行时段", p.hours), ("申请人", p.applicant), ("经办人", p.operator), ("签发时间", p.issuedAt),
            ("状态", p.status == "active" ? "有效" : "已撤销（\(p.revokeReason ?? "")，\(p.revokedAt ?? "")）"),
        ]
        for (k, v) in rows { if let v, !v.isEmpty { lines.append("  \(k)：\(v)") } }
        lines.append(rule)
        lines.append("  依据：新密政办〔2020〕21号 第8项；决定记录 #\(p.decisionId)")
        return lines.joined(separator: "\n")
    }
}

extension DateArgument {
    static func now() -> CivilDateTime { CivilDateTime(unixTime: Date().timeIntervalSince1970) }
}
