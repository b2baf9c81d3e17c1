import ArgumentParser
import Foundation
import FleetCore
import FleetStore

/// How output is printed.
enum OutputFormat: String, ExpressibleByArgument, CaseIterable {
    case text, json, csv
}

/// The options every command takes: the store, the language, the output format, the policy.
struct GlobalOptions: ParsableArguments {
    @Option(name: .long, help: "The store (default: $FLEETREG_DB, else ./fleetreg.sqlite).")
    var db: String?

    @Option(name: .long, help: "Messages in zh or en (default: from LC_ALL/LANG).")
    var lang: Lang?

    @Option(name: .long, help: "Output: text, json (or csv for lists).")
    var format: OutputFormat = .text

    @Option(name: .long, help: "A policy file replacing the shipped default.")
    var policy: String?

    var language: Lang { lang ?? Lang.fromEnvironment(ProcessInfo.processInfo.environment) }

    var storePath: String {
        db ?? ProcessInfo.processInfo.environment["FLEETREG_DB"].flatMap { $0.isEmpty ? nil : $0 } ?? "fleetreg.sqlite"
    }

    func openStore() throws -> FleetStore { try FleetStore(path: storePath) }

    func loadPolicy() throws -> Policy {
        guard let path = policy else { return try Policy.default() }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw InputError(zh: "无法读取策略文件 \(path)", en: "cannot read the policy file \(path)")
        }
        return try Policy(data: data, source: path)
    }

    /// Moves global options written before the command (`fleetreg --db X import …`, as
    /// docs/cli.md shows) to the end, where every command's option group reads them.
    static func hoistingLeadingGlobals(_ args: [String]) -> [String] {
        let valued: Set<String> = ["--db", "--lang", "--format", "--policy"]
        var leading: [String] = []
        var i = 0
        while i < args.count, args[i].hasPrefix("--") {
            let name = String(args[i].split(separator: "=", maxSplits: 1)[0])
            guard valued.contains(name) else { break }
            if args[i].contains("=") { leading.append(args[i]); i += 1 }
            else if i + 1 < args.count { leading += [args[i], args[i + 1]]; i += 2 }
            else { break }
        }
        return Array(args[i...]) + leading
    }

    /// Picks the language from the raw arguments, for errors raised before parsing finishes.
    static func langGuess(_ args: [String]) -> Lang {
        if let i = args.firstIndex(of: "--lang"), i + 1 < args.count, let l = Lang(rawValue: args[i + 1]) { return l }
        if let a = args.first(where: { $0.hasPrefix("--lang=") }), let l = Lang(rawValue: String(a.dropFirst(7))) { return l }
        return Lang.fromEnvironment(ProcessInfo.processInfo.environment)
    }
}

extension Lang: ExpressibleByArgument {}

/// Printing for people and machines.
enum Output {
    static func json<T: Encodable>(_ value: T) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        let data = try encoder.encode(value)
        FileHandle.standardOutput.write(data)
        FileHandle.standardOutput.write(Data("\n".utf8))
    }

    static func stderr(_ s: String) { FileHandle.standardError.write(Data((s + "\n").utf8)) }

    /// Whether stderr is a terminal (progress is shown only then).
    static var stderrIsTerminal: Bool { isatty(2) == 1 }
}

extension GlobalOptions {
    /// The screener for a date: the policy, and the quota baseline in force then.
    func makeScreener(store: FleetStore, asOf: CivilDate) throws -> Screener {
        let policy = try loadPolicy()
        if let record = try store.fetchQuotaSettings(asOf: asOf) {
            return Screener(policy: policy, quota: QuotaRules(policy: policy, settings: try record.settings()))
        }
        return Screener(policy: policy)
    }

    var operatorName: String { ProcessInfo.processInfo.environment["USER"] ?? "unknown" }
}
