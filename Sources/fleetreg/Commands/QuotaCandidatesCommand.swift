import ArgumentParser
import FleetCore
import FleetStore
import FleetReports

/// `fleetreg quota candidates [--township T]` — the population vehicles still active, for follow-up.
struct QuotaCandidatesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "candidates",
        abstract: "The population vehicles still active, with owner, address and phone, in field-visit order.")

    @OptionGroup var global: GlobalOptions
    @Option(name: .long, help: "Only this township (name, alias or short form).") var township: String?
    @Option(name: .long, help: "As of this date (default: today, China Standard Time).") var asOf: String?
    @Option(name: .long, help: "Write the list to this CSV file (UTF-8 with BOM, for Excel/WPS).") var out: String?
    @Option(name: .long, help: "Write the list to this XLSX workbook (a sheet for all, then one per township).") var xlsx: String?

    struct Candidate: Encodable {
        var plate: String; var township: String; var owner: String; @NullEncodable var address: String?
        @NullEncodable var phone: String?; var vehicleType: String; var useNature: String; var fuel: String
        var emissionStage: String; var emissionTier: String; var firstRegistered: String; @NullEncodable var grossMassKg: Int?
        var status: String; @NullEncodable var statusDate: String?
        enum CodingKeys: String, CodingKey {
            case plate, township, owner, address, phone, vehicleType = "vehicle_type", useNature = "use_nature", fuel
            case emissionStage = "emission_stage", emissionTier = "emission_tier", firstRegistered = "first_registered"
            case grossMassKg = "gross_mass_kg", status, statusDate = "status_date"
        }
    }
    struct JSON: Encodable {
        var asOf: String; @NullEncodable var township: String?; var count: Int; var candidates: [Candidate]
        enum CodingKeys: String, CodingKey { case asOf = "as_of", township, count, candidates }
    }

    func run() throws {
        let policy = try global.loadPolicy()
        let day = try DateArgument.date(asOf)
        let store = try global.openStore()
        let townships = try store.townshipTable()
        var selection = QuotaCandidateSelection.all
        if let township {
            guard let name = townships.canonicalName(township) else {
                throw InputError(Message("BAD_TOWNSHIP", zh: "乡镇表中没有「\(township)」", en: "no township \(township) in the township table"))
            }
            selection = .township(name)
        }
        // Who is a candidate does not depend on the baseline; the settings in force give it when set.
        let settings = try store.fetchQuotaSettings(asOf: day)?.settings()
        let rules = settings.map { QuotaRules(policy: policy, settings: $0) } ?? QuotaRules(policy: policy)
        let scan = try store.scanQuota(rules: rules, inference: EmissionInference(table: policy.emission), asOf: day,
                                       candidates: selection)
        let list = QuotaCandidateList(candidates: scan.candidates, townships: townships)
        for (path, write) in [(out, list.writeCSV), (xlsx, list.writeXLSX)] {
            guard let path else { continue }
            do { try write(path) } catch { throw InputError(Reason.unwritable(path)) }
        }
        let zh = global.language == .zh
        switch global.format {
        case .json:
            try Output.json(JSON(asOf: day.description, township: selection == .all ? nil : township.flatMap(townships.canonicalName),
                                 count: list.candidates.count, candidates: list.candidates.map(Self.json)))
        case .csv where out == nil:
            print(list.csv(), terminator: "")
        case .csv, .text:
            if out == nil && xlsx == nil {
                for line in TextColumns.format([Array(QuotaCandidateList.header.prefix(14))] + list.candidates.map {
                    Array(QuotaCandidateList.row($0).prefix(14))
                }, left: 14) { print(line) }
            }
            for path in [out, xlsx].compactMap({ $0 }) { print(zh ? "已写入 \(path)" : "Written to \(path)") }
            print(zh ? "截至 \(day)，尚未淘汰的淘汰范围车辆共 \(list.candidates.count) 辆。"
                     : "\(list.candidates.count) population vehicles still active as of \(day).")
        }
    }

    static func json(_ c: QuotaCandidate) -> Candidate {
        let r = c.registration
        return Candidate(plate: r.plate.text, township: r.township, owner: r.owner, address: r.address, phone: r.phone,
                         vehicleType: r.vehicleType.code, useNature: r.useNature.code, fuel: r.fuel.code,
                         emissionStage: c.emission.code, emissionTier: c.emission.tier.rawValue,
                         firstRegistered: r.firstRegistered.description, grossMassKg: r.grossMassKg,
                         status: r.status.letters, statusDate: r.statusDate?.description)
    }
}
