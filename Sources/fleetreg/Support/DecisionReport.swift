import Foundation
import FleetCore

/// Prints a decision (permit desk, gate check) as the receipt of docs/cli.md: JSON, or text
/// for people with every rule, its plan item, the facts it used and what would make it pass.
struct DecisionReport {
    let decision: Decision
    let lang: Lang
    var permitNumber: String?
    /// Extra keys for the JSON (the application, the enterprise, the time at the gate …).
    var context: [String: String] = [:]

    struct ReasonJSON: Encodable {
        var code: String; var outcome: String; var item: String; var message: String
        @NullEncodable var needs: String?
        var facts: [UsedFact]
    }
    struct VehicleJSON: Encodable {
        @NullEncodable var emissionStage: String?
        @NullEncodable var emissionTier: String?
        @NullEncodable var usage: String?
        enum CodingKeys: String, CodingKey { case emissionStage = "emission_stage", emissionTier = "emission_tier", usage }
    }
    struct JSON: Encodable {
        var plate: String; var asOf: String; var decision: String; var reasons: [ReasonJSON]; var vehicle: VehicleJSON
        @NullEncodable var permitNumber: String?
        var policyVersion: String; var policyHash: String; var context: [String: String]
        enum CodingKeys: String, CodingKey {
            case plate, asOf = "as_of", decision, reasons, vehicle, permitNumber = "permit_number"
            case policyVersion = "policy_version", policyHash = "policy_hash", context
        }
    }

    var json: JSON {
        let d = decision
        return JSON(plate: d.plate, asOf: d.asOf.description, decision: d.outcome.rawValue,
                    reasons: d.reasons.map {
                        ReasonJSON(code: $0.code, outcome: $0.outcome.rawValue, item: $0.item, message: $0.message.text(lang),
                                   needs: $0.needs?.text(lang), facts: $0.facts)
                    },
                    vehicle: VehicleJSON(emissionStage: d.emission?.code, emissionTier: d.emission?.tier.rawValue, usage: d.usage?.rawValue),
                    permitNumber: permitNumber, policyVersion: d.policyVersion, policyHash: d.policyHash, context: context)
    }

    var text: String {
        let d = decision
        let zh = lang == .zh
        var lines: [String] = []
        let word = zh ? d.outcome.chineseName : d.outcome.rawValue.uppercased()
        lines.append("\(d.plate)  \(word)" + (zh ? "（截至\(d.asOf)，策略 \(d.policyVersion)）" : "  (as of \(d.asOf), policy \(d.policyVersion))"))
        if let e = d.emission {
            lines.append((zh ? "  排放标准：" : "  emission stage: ") + "\(e.chineseName) (\(e.code), \(e.tier.rawValue))"
                         + (d.usage.map { zh ? "；用途：\($0.chineseName)" : "; usage: \($0.rawValue)" } ?? ""))
        }
        for (k, v) in context.sorted(by: { $0.key < $1.key }) { lines.append("  \(k): \(v)") }
        if d.reasons.isEmpty { lines.append(zh ? "  所有规则均通过。" : "  Every rule passed.") }
        for r in d.reasons {
            let outcome = zh ? r.outcome.chineseName : r.outcome.rawValue
            lines.append("  [\(outcome)] \(r.code) — \(r.message.text(lang)) (\(zh ? "方案第\(r.item)项" : "plan item \(r.item)"))")
            for f in r.facts { lines.append("      \(f.name) = \(f.value)" + (f.basis.map { " (\($0))" } ?? "")) }
            if let n = r.needs { lines.append((zh ? "      需要：" : "      needs: ") + n.text(lang)) }
        }
        if let p = permitNumber { lines.append((zh ? "  通行证号：" : "  permit number: ") + p) }
        return lines.joined(separator: "\n")
    }

    func print(format: OutputFormat) throws {
        if format == .json { try Output.json(json) } else { Swift.print(text) }
    }

    /// The exit status of a decision: 0 allow, 1 deny, 3 refer.
    var status: ExitStatus {
        switch decision.outcome {
        case .deny: return .deny
        case .refer: return .refer
        default: return .ok
        }
    }
}
