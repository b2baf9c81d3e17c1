import ArgumentParser
import FleetCore
import FleetStore

/// `fleetreg audit …` — the append-only decision log.
struct AuditCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "audit", abstract: "The decision log: verify the chain, list entries.", subcommands: [Verify.self, Log.self])

    /// `fleetreg audit verify` — exit 0 when intact, 4 when an entry was edited, inserted or deleted.
    struct Verify: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Check that no entry was edited, inserted or deleted.")
        @OptionGroup var global: GlobalOptions

        func run() throws {
            let v = try global.openStore().verifyDecisionLog()
            if global.format == .json {
                struct Out: Encodable { var entries: Int; var intact: Bool; @NullEncodable var first_broken: Int64?; @NullEncodable var problem: String? }
                try Output.json(Out(entries: v.entries, intact: v.firstBroken == nil, first_broken: v.firstBroken, problem: v.problem?.text(global.language)))
            } else if let id = v.firstBroken {
                print((global.language == .zh ? "决定日志已被篡改：第\(id)条。" : "The decision log was tampered with at entry \(id): ") + (v.problem?.text(global.language) ?? ""))
            } else {
                print(global.language == .zh ? "决定日志完好，共\(v.entries)条。" : "The decision log is intact: \(v.entries) entries.")
            }
            if v.firstBroken != nil { throw Reported(status: .storeFailure) }
        }
    }

    /// `fleetreg audit log [--plate P] [--kind K] [--from T] [--to T] [--limit N]`.
    struct Log: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List decision log entries, newest last.")
        @OptionGroup var global: GlobalOptions
        @Option(name: .long, help: "One plate.") var plate: String?
        @Option(name: .long, help: "permit_issue, permit_revoke, vehicle_add.") var kind: String?
        @Option(name: .long, help: "From this time (YYYY-MM-DD or a date-time).") var from: String?
        @Option(name: .long, help: "Up to this time.") var to: String?
        @Option(name: .long, help: "At most this many (the newest).") var limit = 100

        func run() throws {
            func time(_ s: String?, end: Bool) throws -> String? {
                guard let s else { return nil }
                if let t = CivilDateTime(parsing: s) { return t.description }
                let d = try DateArgument.date(s)
                return CivilDateTime(date: d, hour: end ? 23 : 0, minute: end ? 59 : 0, second: end ? 59 : 0).description
            }
            let entries = try global.openStore().decisionLog(plate: plate, kind: kind, from: try time(from, end: false),
                                                             to: try time(to, end: true), limit: limit)
            if global.format == .json {
                struct Item: Encodable { var id: Int64; var entry: DecisionLogEntry }
                struct Out: Encodable { var entries: [Item] }
                return try Output.json(Out(entries: entries.map { Item(id: $0.id, entry: $0.entry) }))
            }
            for (id, e) in entries {
                print("#\(id)  \(e.at)  \(e.kind)  \(e.plate ?? "-")  \(e.outcome ?? "")  \(e.reasons.map(\.code).joined(separator: ","))  \(e.permitNumber ?? "")  \(e.operator)")
            }
        }
    }
}
