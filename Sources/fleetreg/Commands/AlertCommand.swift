import ArgumentParser
import Foundation
import FleetCore
import FleetStore

/// `fleetreg alert …` — heavy-pollution alerts (重污染天气预警, rules.md §5, plan item 7).
struct AlertCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "alert", abstract: "Heavy-pollution alerts (重污染天气预警): declare, end, list, preview.",
        subcommands: [AlertDeclareCommand.self, AlertEndCommand.self, AlertListCommand.self, AlertPreviewCommand.self])
}

/// An alert as JSON.
struct AlertJSON: Encodable {
    var id: Int64; var level: String; var levelZh: String; var startsAt: String
    @NullEncodable var endsAt: String?
    @NullEncodable var documentNo: String?
    var source: String; var batch: Int64
    enum CodingKeys: String, CodingKey {
        case id, level, levelZh = "level_zh", startsAt = "starts_at", endsAt = "ends_at", documentNo = "document_no", source, batch
    }
    init(_ r: AlertRecord) {
        id = r.id; level = r.level.description; levelZh = r.level.chineseName; startsAt = r.startsAt.description
        endsAt = r.endsAt?.description; documentNo = r.documentNo; source = r.source; batch = r.batchID
    }

    static func text(_ r: AlertRecord, lang: Lang) -> String {
        let zh = lang == .zh
        let level = zh ? r.level.chineseName : r.level.description
        let until = r.endsAt.map(\.description) ?? (zh ? "（未结束）" : "(not ended)")
        let doc = r.documentNo.map { zh ? "  文号 \($0)" : "  doc \($0)" } ?? ""
        return "#\(r.id)  \(level)  \(r.startsAt) – \(until)\(doc)  [\(r.source)]"
    }
}

/// `fleetreg alert declare --level L --from T [--to T] [--doc NO]`.
struct AlertDeclareCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "declare", abstract: "Declare an alert: in force from --from (included) until --to (excluded) or until ended.")
    @OptionGroup var global: GlobalOptions
    @Option(name: .long, help: "蓝色/blue, 黄色/yellow, 橙色/orange, 红色/red.") var level: String
    @Option(name: .long, help: "The start, a date and a time (China Standard Time unless an offset is given).") var from: String
    @Option(name: .long, help: "The end, excluded (default: until `alert end`).") var to: String?
    @Option(name: .long, help: "文号, the document number (it is the alert's key when given).") var doc: String?
    @Option(name: .long, help: "Who declares it (default: $USER).") var `operator`: String?

    func run() throws {
        guard let l = AlertLevel.parse(level) else {
            throw InputError(zh: "未知预警等级 \(level)（蓝色、黄色、橙色、红色）", en: "unknown alert level \(level) (blue, yellow, orange, red)")
        }
        let start = try DateTimeArgument.moment(from, option: "--from")
        let end = try to.map { try DateTimeArgument.moment($0, option: "--to") }
        let store = try global.openStore()
        let r: AlertRecord
        do {
            r = try store.declareAlert(level: l, start: start, end: end, documentNo: doc, operator: self.operator ?? global.operatorName,
                                       at: DateTimeArgument.now())
        } catch let p as AlertProblem {
            throw InputError(p.message)
        }
        if global.format == .json { return try Output.json(AlertJSON(r)) }
        print((global.language == .zh ? "已发布预警 " : "Alert declared ") + AlertJSON.text(r, lang: global.language))
    }
}

/// `fleetreg alert end ID --at T`.
struct AlertEndCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "end", abstract: "End an alert still in force: it no longer holds from --at (excluded).")
    @OptionGroup var global: GlobalOptions
    @Argument(help: "The alert's id (see alert list).") var id: Int64
    @Option(name: .long, help: "The end, a date and a time (default: now).") var at: String?
    @Option(name: .long, help: "Who ends it (default: $USER).") var `operator`: String?

    func run() throws {
        let end = try DateTimeArgument.moment(at, option: "--at")
        let store = try global.openStore()
        let r: AlertRecord
        do {
            r = try store.endAlert(id: id, at: end, operator: self.operator ?? global.operatorName, now: DateTimeArgument.now())
        } catch let p as AlertProblem {
            throw InputError(p.message)
        }
        if global.format == .json { return try Output.json(AlertJSON(r)) }
        print((global.language == .zh ? "已结束预警 " : "Alert ended ") + AlertJSON.text(r, lang: global.language))
    }
}

/// `fleetreg alert list [--at T]`.
struct AlertListCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "list", abstract: "Every alert, by start, and the level in force at a moment.")
    @OptionGroup var global: GlobalOptions
    @Option(name: .long, help: "Show the level in force at this moment (default: now).") var at: String?

    func run() throws {
        let moment = try DateTimeArgument.moment(at, option: "--at")
        let alerts = try global.openStore().fetchAlerts()
        let timeline = AlertTimeline(alerts.map(\.alert))
        let level = timeline.level(at: moment)
        if global.format == .json {
            struct Segment: Encodable {
                var level: String; var from: String
                @NullEncodable var to: String?
            }
            struct Out: Encodable {
                var at: String
                @NullEncodable var levelAt: String?
                var alerts: [AlertJSON]; var levels: [Segment]
                enum CodingKeys: String, CodingKey { case at, levelAt = "level_at", alerts, levels }
            }
            return try Output.json(Out(at: moment.description, levelAt: level?.description, alerts: alerts.map(AlertJSON.init),
                                       levels: timeline.segments.map { Segment(level: $0.level.description, from: $0.start.description,
                                                                               to: $0.end?.description) }))
        }
        let zh = global.language == .zh
        if alerts.isEmpty { print(zh ? "没有预警。" : "No alerts.") }
        for r in alerts { print(AlertJSON.text(r, lang: global.language)) }
        let name = level.map { zh ? $0.chineseName : $0.description } ?? (zh ? "无" : "none")
        print(zh ? "\(moment) 的预警等级：\(name)" : "Level in force at \(moment): \(name)")
    }
}
