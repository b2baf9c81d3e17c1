import Foundation
import FleetCore
import FleetStore

/// What `quota status` prints: JSON per docs/cli.md, or a summary and a township table for people.
struct QuotaStatusReport {
    let data: QuotaReportData
    let policy: Policy
    /// For the order of the townships in the table.
    let townships: TownshipTable

    /// The quota as of a date; a usage error when no quota has been set.
    static func load(store: FleetStore, policy: Policy, asOf: CivilDate,
                     candidates: QuotaCandidateSelection = .none) throws -> QuotaReportData {
        guard let data = try store.quotaReport(policy: policy, asOf: asOf, candidates: candidates) else {
            throw InputError(Message("NO_QUOTA", zh: "尚未设定淘汰任务，请先运行 quota set --target N",
                                     en: "no quota has been set: run quota set --target N first"))
        }
        return data
    }

    struct Township: Encodable {
        var population: Int; var toVerify: Int; var eliminated: Int; var candidates: Int; var transferredOut: Int
        @NullEncodable var target: Int?; @NullEncodable var remaining: Int?; @NullEncodable var percent: Double?
        @NullEncodable var weeklyPaceNeeded: Double?
        enum CodingKeys: String, CodingKey {
            case population, toVerify = "to_verify", eliminated, candidates, transferredOut = "transferred_out"
            case target, remaining, percent, weeklyPaceNeeded = "weekly_pace_needed"
        }
    }
    struct Settings: Encodable {
        var id: Int64; var recordedAt: String; var `operator`: String; var policyVersion: String
        enum CodingKeys: String, CodingKey { case id, recordedAt = "recorded_at", `operator`, policyVersion = "policy_version" }
    }
    struct JSON: Encodable {
        var asOf: String; var target: Int; var baseline: String; var deadline: String
        var population: Int; var toVerify: Int; var eliminated: Int; var remaining: Int; var percent: Double
        var daysLeft: Int; var weeklyPaceNeeded: Double; var pastDeadline: Bool
        var candidates: Int; var transferredOut: Int; var goneUndated: Int
        var policyVersion: String; var settings: Settings; var byTownship: [String: Township]
        enum CodingKeys: String, CodingKey {
            case asOf = "as_of", target, baseline, deadline, population, toVerify = "to_verify", eliminated, remaining
            case percent, daysLeft = "days_left", weeklyPaceNeeded = "weekly_pace_needed", pastDeadline = "past_deadline"
            case candidates, transferredOut = "transferred_out", goneUndated = "gone_undated"
            case policyVersion = "policy_version", settings, byTownship = "by_township"
        }
    }

    var json: JSON {
        let s = data.status
        let c = s.city.counts
        var towns: [String: Township] = [:]
        for (name, p) in s.byTownship {
            let k = p.counts
            towns[name] = Township(population: k.population, toVerify: k.toVerify, eliminated: k.eliminated,
                                   candidates: k.candidates, transferredOut: k.goneNotCounted, target: p.target,
                                   remaining: p.remaining, percent: p.percent,
                                   weeklyPaceNeeded: s.weeklyPaceNeeded(township: name))
        }
        let r = data.record
        return JSON(asOf: s.asOf.description, target: s.settings.target, baseline: s.settings.baseline.description,
                    deadline: s.settings.deadline.description, population: c.population, toVerify: c.toVerify,
                    eliminated: c.eliminated, remaining: s.city.remaining ?? 0, percent: s.city.percent ?? 0,
                    daysLeft: s.daysLeft, weeklyPaceNeeded: s.weeklyPaceNeeded, pastDeadline: s.isPastDeadline,
                    candidates: c.candidates, transferredOut: c.goneNotCounted, goneUndated: c.goneUndated,
                    policyVersion: policy.version,
                    settings: Settings(id: r.id, recordedAt: r.recordedAt, operator: r.operator, policyVersion: r.policyVersion),
                    byTownship: towns)
    }

    /// 12.5, 17 (no ".0"), or - for none.
    static func number(_ d: Double?) -> String { d.map { $0 == $0.rounded() ? String(Int($0)) : String($0) } ?? "-" }

    /// The city's figures in a few lines (what `demo` prints).
    func summary(_ lang: Lang) -> [String] {
        let s = data.status
        let c = s.city.counts
        let zh = lang == .zh
        let n = Self.number
        var out: [String] = []
        out.append(zh ? "淘汰任务进度（截至 \(s.asOf)，策略 \(policy.version)，第\(data.record.id)次设定：\(data.record.recordedAt)）"
                      : "Scrapping quota as of \(s.asOf) (policy \(policy.version); setting \(data.record.id) of \(data.record.recordedAt))")
        out.append(zh ? "  目标 \(s.settings.target) 辆，基准日 \(s.settings.baseline)，完成期限 \(s.settings.deadline)"
                      : "  target \(s.settings.target), baseline \(s.settings.baseline), deadline \(s.settings.deadline)")
        out.append(zh ? "  淘汰范围 \(c.population) 辆：已淘汰 \(c.eliminated)，仍在用 \(c.candidates)，转出未计 \(c.goneNotCounted)"
                      : "  population \(c.population): eliminated \(c.eliminated), still active \(c.candidates), transferred out (not counted) \(c.goneNotCounted)")
        out.append(zh ? "  待核实（排放阶段不确定，未计入范围）\(c.toVerify) 辆" : "  to verify (stage uncertain, not in the population): \(c.toVerify)")
        if c.goneUndated > 0 {
            out.append(zh ? "  注意：另有 \(c.goneUndated) 辆已注销/转出但无状态变更日期，未计入" : "  note: \(c.goneUndated) more are gone with no status date and are not counted")
        }
        out.append(zh ? "  完成 \(n(s.city.percent))%，距目标还差 \(s.city.remaining ?? 0) 辆"
                      : "  done \(n(s.city.percent))%, \(s.city.remaining ?? 0) still to eliminate")
        out.append(zh ? "  剩余 \(s.daysLeft) 天，每周需淘汰 \(n(s.weeklyPaceNeeded)) 辆" + (s.isPastDeadline ? "（已过期限）" : "")
                      : "  \(s.daysLeft) days left: \(n(s.weeklyPaceNeeded)) a week needed" + (s.isPastDeadline ? " (past the deadline)" : ""))
        return out
    }

    func text(_ lang: Lang) -> String {
        let s = data.status
        let zh = lang == .zh
        let n = Self.number
        var out = summary(lang)
        let towns = townships.sortedInTableOrder(s.byTownship.keys)
        guard !towns.isEmpty else { return out.joined(separator: "\n") }
        let head = zh ? ["乡镇", "范围", "已淘汰", "目标", "还差", "完成%", "在用", "待核实", "每周需"]
                      : ["township", "population", "eliminated", "target", "remaining", "percent", "active", "to verify", "weekly"]
        var table = [head]
        for t in towns {
            let p = s.byTownship[t]!
            table.append([t, "\(p.counts.population)", "\(p.counts.eliminated)", p.target.map(String.init) ?? "-",
                          p.remaining.map(String.init) ?? "-", n(p.percent), "\(p.counts.candidates)", "\(p.counts.toVerify)",
                          n(s.weeklyPaceNeeded(township: t))])
        }
        out.append("")
        out.append(zh ? "各乡镇：" : "By township:")
        out += TextColumns.format(table).map { "  " + $0 }
        let sum = s.byTownship.values.compactMap(\.target).reduce(0, +)
        if sum > 0 && sum != s.settings.target {
            out.append(zh ? "  注意：各乡镇目标合计 \(sum)，与全市目标 \(s.settings.target) 不一致"
                          : "  note: the township targets add up to \(sum), the city target is \(s.settings.target)")
        }
        return out.joined(separator: "\n")
    }
}
