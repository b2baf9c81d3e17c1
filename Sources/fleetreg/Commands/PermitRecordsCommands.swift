import ArgumentParser
import FleetCore
import FleetStore

/// `fleetreg permit revoke NUMBER --reason TEXT`.
struct PermitRevokeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "revoke", abstract: "Revoke an active permit, with a reason.")
    @OptionGroup var global: GlobalOptions
    @Argument(help: "The permit number (XM…).") var number: String
    @Option(name: .long, help: "Why it is revoked.") var reason: String
    @Option(name: .long, help: "The officer (default: $USER).") var `operator`: String?

    func run() throws {
        let store = try global.openStore()
        guard try store.revokePermit(number: number, reason: reason, operatorName: self.operator ?? global.operatorName,
                                     now: DateArgument.now()) else {
            throw InputError(zh: "没有有效的通行证 \(number)", en: "no active permit \(number)")
        }
        print(global.language == .zh ? "已撤销 \(number)。" : "Revoked \(number).")
    }
}

/// `fleetreg permit list [--status S] [--plate P]`.
struct PermitListCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "list", abstract: "The permits, filtered.")
    @OptionGroup var global: GlobalOptions
    @Option(name: .long, help: "active or revoked.") var status: String?
    @Option(name: .long, help: "One plate.") var plate: String?

    func run() throws {
        let permits = try global.openStore().permits(status: status, plate: plate)
        switch global.format {
        case .json:
            struct Out: Encodable { var permits: [PermitRecord] }
            try Output.json(Out(permits: permits))
        case .csv:
            print(CSVFormat.line(["number", "plate", "purpose", "valid_from", "valid_to", "status", "applicant"]), terminator: "")
            for p in permits {
                print(CSVFormat.line([p.number, p.plate, p.purpose, p.validFrom, p.validTo, p.status, p.applicant ?? ""]), terminator: "")
            }
        case .text:
            for p in permits { print("\(p.number)  \(p.plate)  \(p.purpose)  \(p.validFrom)…\(p.validTo)  \(p.status)  \(p.applicant ?? "")") }
            if permits.isEmpty { print(global.language == .zh ? "没有通行证。" : "No permits.") }
        }
    }
}

/// `fleetreg permit show NUMBER` — the permit as a printable form.
struct PermitShowCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "show", abstract: "One permit, as a printable form.")
    @OptionGroup var global: GlobalOptions
    @Argument(help: "The permit number.") var number: String

    func run() throws {
        guard let p = try global.openStore().permit(number: number) else {
            throw InputError(zh: "没有通行证 \(number)", en: "no permit \(number)")
        }
        if global.format == .json { return try Output.json(p) }
        print(PermitText.form(p))
    }
}

/// `fleetreg permit recheck [--as-of D] [--revoke]` — active permits decided again.
struct PermitRecheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "recheck", abstract: "Decide every active permit again; list (and revoke) those now denied.")
    @OptionGroup var global: GlobalOptions
    @Option(name: .long, help: "The date (default: today).") var asOf: String?
    @Flag(name: .long, help: "Revoke the permits that would now be denied, with the reasons.") var revoke = false
    @Option(name: .long, help: "The officer (default: $USER).") var `operator`: String?

    func run() throws {
        let store = try global.openStore()
        let date = try DateArgument.date(asOf)
        let rules = PermitRules(screener: try global.makeScreener(store: store, asOf: date))
        var denied: [(PermitRecord, Decision)] = []
        for p in try store.permits(status: "active", plate: nil) {
            guard var app = p.application, app.to >= date else { continue }
            if app.from < date { app.from = date }
            let enterprise = try app.enterpriseID.flatMap { try store.enterprise(id: $0) }
            let d = rules.decide(try store.facts(plate: p.plate), application: app, enterprise: enterprise, asOf: date)
            if d.outcome == .deny { denied.append((p, d)) }
        }
        if revoke {
            for (p, d) in denied {
                _ = try store.revokePermit(number: p.number, reason: "recheck \(date): " + d.reasons.filter { $0.outcome == .deny }.map(\.code).joined(separator: ","),
                                           operatorName: self.operator ?? global.operatorName, now: DateArgument.now(), decision: d)
            }
        }
        if global.format == .json {
            struct Item: Encodable { var number: String; var plate: String; var reasons: [String]; var revoked: Bool }
            struct Out: Encodable { var as_of: String; var denied: [Item] }
            return try Output.json(Out(as_of: date.description, denied: denied.map {
                Item(number: $0.0.number, plate: $0.0.plate, reasons: $0.1.reasons.filter { $0.outcome == .deny }.map(\.code), revoked: revoke)
            }))
        }
        let zh = global.language == .zh
        print(zh ? "截至\(date)，\(denied.count)张有效通行证现应不予：" : "As of \(date), \(denied.count) active permits would now be denied:")
        for (p, d) in denied {
            print("  \(p.number)  \(p.plate)  " + d.reasons.filter { $0.outcome == .deny }.map(\.code).joined(separator: ", ") + (revoke ? (zh ? "  已撤销" : "  revoked") : ""))
        }
    }
}
