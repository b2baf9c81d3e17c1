import Foundation
import Testing
@testable import FleetCore

/// The permit scenario corpus (`Scenarios/permit-*.json`, format in `Scenarios/README.md`):
/// every row of rules.md §4 at its boundaries, from both sides, as data. Each scenario builds
/// `VehicleFacts` and a `PermitApplication`, calls `PermitRules.decide`, and checks the
/// decision and the exact set of reason codes with their outcomes.
@Suite struct PermitScenarioTests {
    /// One scenario of one file, with the file's `base` already laid under it.
    struct Case: CustomTestStringConvertible, Sendable {
        var file: String
        var name: String
        /// The merged scenario, as JSON.
        var json: Data
        var testDescription: String { "\(file): \(name)" }
    }

    /// The §4 rule codes; the corpus must show each one firing and not firing.
    static let ruleCodes = [
        "NOT_IN_REGISTRY", "VEHICLE_GONE", "UNPROCESSED_VIOLATION", "INSPECTION_OVERDUE", "OVER_STANDARD",
        "EMISSION_BELOW_MIN", "MUCK_NOT_APPROVED", "ILLEGAL_MUCK", "USAGE_UNVERIFIED", "BULK_BUILTUP_STANDARD",
        "PERIOD_TOO_LONG",
    ]

    static var folder: URL? { Bundle.module.url(forResource: "Scenarios", withExtension: nil) }

    /// Every scenario of every file, in file order then scenario order.
    static let cases: [Case] = {
        guard let folder else { return [] }
        let files = ((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? [])
            .filter { $0.hasSuffix(".json") }.sorted()
        var out: [Case] = []
        for file in files {
            guard let data = try? Data(contentsOf: folder.appendingPathComponent(file)),
                  let doc = (try? JSONSerialization.jsonObject(with: data)) as? [String: Any] else {
                // An unreadable file still becomes a case, so that it fails loudly.
                out.append(Case(file: file, name: "(file does not parse)", json: Data("{}".utf8)))
                continue
            }
            let base = doc["base"] as? [String: Any] ?? [:]
            for (i, raw) in (doc["scenarios"] as? [[String: Any]] ?? []).enumerated() {
                let merged = merge(base, raw)
                let name = raw["name"] as? String ?? "#\(i + 1)"
                let json = (try? JSONSerialization.data(withJSONObject: merged, options: [.sortedKeys])) ?? Data("{}".utf8)
                out.append(Case(file: file, name: name, json: json))
            }
        }
        return out
    }()

    /// The scenario over the file's base: `vehicle` field by field (null: not registered),
    /// every other key replaced whole.
    static func merge(_ base: [String: Any], _ scenario: [String: Any]) -> [String: Any] {
        var out = base
        for (k, v) in scenario {
            if k == "vehicle", let b = base[k] as? [String: Any], let s = v as? [String: Any] {
                out[k] = b.merging(s) { _, new in new }
            } else {
                out[k] = v
            }
        }
        return out
    }

    @Test(arguments: cases)
    func scenario(_ c: Case) throws {
        let decoder = JSONDecoder()
        let s = try decoder.decode(Scenario.self, from: c.json)
        let asOf = try #require(CivilDate(parsing: s.as_of), "as_of \(s.as_of)")
        let facts = try s.facts()
        let app = try s.application(asOf: asOf, plate: facts.plate)
        let enterprise = try s.application.enterprise.map { id in
            try #require(s.enterprises?.first { $0.enterprise_id == id }, "enterprise \(id) is not in the scenario's enterprises").info
        }
        let rules = PermitRules(screener: Screener(policy: try s.makePolicy()))
        let d = rules.decide(facts, application: app, enterprise: enterprise, asOf: asOf)

        let got = Dictionary(d.reasons.map { ($0.code, $0.outcome.rawValue) }, uniquingKeysWith: { a, b in a + "+" + b })
        #expect(d.reasons.count == got.count, "a rule gave more than one reason: \(d.reasons.map(\.code))")
        #expect(got == s.expect.reasons, "reasons")
        #expect(d.outcome.rawValue == s.expect.decision, "decision")
        // The outcome follows from the reasons: deny > refer > allow.
        let worst = s.expect.reasons.values.contains("deny") ? "deny" : s.expect.reasons.values.contains("refer") ? "refer" : "allow"
        #expect(worst == s.expect.decision, "the scenario's own decision contradicts its reasons")
        #expect(d.plate == facts.plate)
        #expect(d.asOf == asOf)
        if let v = s.expect.vehicle {
            if let stage = v.emission_stage { #expect(d.emission?.code ?? "none" == stage, "emission_stage") }
            if let tier = v.emission_tier { #expect(d.emission?.tier.rawValue ?? "none" == tier, "emission_tier") }
            if let usage = v.usage { #expect(d.usage?.rawValue ?? "none" == usage, "usage") }
        }
        for (code, wanted) in s.expect.facts ?? [:] {
            let have = d.reasons.first { $0.code == code }?.facts.map { "\($0.name)=\($0.value)" } ?? []
            for w in wanted { #expect(have.contains(w), "\(code) should use the fact \(w); it used \(have)") }
        }
        for r in d.reasons {
            #expect(!r.item.isEmpty)
            #expect(!r.message.en.isEmpty && !r.message.zh.isEmpty)
            #expect(r.needs != nil, "\(r.code) says what would make it pass")
        }
    }

    /// The corpus is there, its names are unique, and it shows every rule of §4 both firing
    /// and not firing, and every outcome.
    @Test func corpusCoversEveryRuleFromBothSides() throws {
        let cases = Self.cases
        try #require(Self.folder != nil, "the Scenarios folder is not among the test resources")
        #expect(cases.count >= 100)
        let names = cases.map(\.testDescription)
        #expect(Set(names).count == names.count, "duplicate scenario names")
        let decoder = JSONDecoder()
        let scenarios = try cases.map { ($0.file, try decoder.decode(Scenario.self, from: $0.json)) }
        for code in Self.ruleCodes {
            let own = "permit-" + code.lowercased().replacingOccurrences(of: "_", with: "-") + ".json"
            #expect(scenarios.contains { $0.0 == own && $0.1.expect.reasons[code] != nil }, "no scenario of \(own) where \(code) fires")
            #expect(scenarios.contains { $0.0 == own && $0.1.expect.reasons[code] == nil }, "no scenario of \(own) where \(code) does not fire")
        }
        for outcome in ["allow", "deny", "refer"] {
            #expect(scenarios.contains { $0.1.expect.decision == outcome })
        }
    }
}

// MARK: - The scenario format

struct ScenarioError: Error, CustomStringConvertible {
    var message: String
    var description: String { message }
}

/// A text or a whole number (the registration fields are text, as in the CSV; a mass may be
/// written as a number).
struct Scalar: Decodable {
    var text: String
    init(from decoder: Decoder) throws {
        let c = try decoder.singleValueContainer()
        if let i = try? c.decode(Int.self) { text = String(i) } else { text = try c.decode(String.self) }
    }
}

struct Scenario: Decodable {
    var name: String
    var spec: String?
    var as_of: String
    /// The plate when `vehicle` is null (not in the registry).
    var plate: String?
    /// Registration fields by their data.md alias; null = not registered here.
    var vehicle: [String: Scalar]?
    var muck_approvals: [Approval]?
    var transport_licenses: [License]?
    var sanitation: [Sanitation]?
    var enterprises: [Enterprise]?
    var filings: [Filing]?
    var inspections: [Inspection]?
    var findings: [Finding]?
    var application: Application
    var policy: PolicyPatch?
    var expect: Expectation

    struct Approval: Decodable {
        var approval_no: String?; var company: String?; var valid_from: String; var valid_to: String; var status: String?
    }
    struct License: Decodable { var license_no: String?; var `operator`: String?; var scope: String?; var valid_to: String }
    struct Sanitation: Decodable { var `operator`: String?; var purchased_on: String; var area: String? }
    struct Enterprise: Decodable {
        var enterprise_id: String; var name: String?; var township: String?; var in_built_up_area: Bool
        var info: EnterpriseInfo {
            EnterpriseInfo(id: enterprise_id, name: name ?? enterprise_id, township: township ?? "米村镇", inBuiltUpArea: in_built_up_area)
        }
    }
    struct Filing: Decodable { var enterprise_id: String; var filed_on: String?; var status: String? }
    struct Inspection: Decodable {
        var record_no: String?; var checked_at: String; var kind: String; var result: String; var location: String?
    }
    struct Finding: Decodable {
        var item_id: String?; var township: String?; var conclusion: String; var confirmed_usage: String?; var investigated_on: String
    }
    struct Application: Decodable { var purpose: String?; var enterprise: String?; var from: String?; var to: String? }
    struct PolicyPatch: Decodable {
        /// Group id → windows, in the policy file's own form.
        var uncertain_windows: [String: [Window]]?
        var permit: [String: Scalar]?
        struct Window: Decodable { var stage: String; var from: String; var to: String }
    }
    struct Expectation: Decodable {
        var decision: String
        /// Code → outcome, exactly the reasons the decision must give.
        var reasons: [String: String]
        var vehicle: VehicleExpectation?
        /// Code → facts (`name=value`) the reason must list.
        var facts: [String: [String]]?
    }
    struct VehicleExpectation: Decodable { var emission_stage: String?; var emission_tier: String?; var usage: String? }

    func day(_ text: String, _ what: String) throws -> CivilDate {
        try #require(CivilDate(parsing: text), "\(what): not a date \(text)")
    }

    func facts() throws -> VehicleFacts {
        var facts: VehicleFacts
        if let vehicle {
            let fields = vehicle.mapValues(\.text)
            let unknown = Set(fields.keys).subtracting(VehicleRegistration.Field.allCases.map(\.rawValue))
            #expect(unknown.isEmpty, "unknown registration fields \(unknown.sorted())")
            switch VehicleRegistration.validate({ (fields[$0.rawValue] ?? "").trimmingSpaces }, townships: .xinmi) {
            case .valid(let reg):
                facts = VehicleFacts(plate: reg.plate.text, registration: reg, registrationSource: FactSource(batch: 1, line: 2))
            case .invalid(let problems):
                throw ScenarioError(message: "the scenario's registration is invalid: "
                                    + problems.map { "\($0.field.rawValue)=\($0.value): \($0.reason.en)" }.joined(separator: "; "))
            }
        } else {
            let raw = try #require(plate, "a scenario without a vehicle names the plate")
            facts = VehicleFacts(plate: try Plate.parse(raw).text)
        }
        facts.muckApprovals = try (muck_approvals ?? []).enumerated().map { i, a in
            let status = try a.status.map { try #require(ApprovalStatus.parse($0), "approval status \($0)") } ?? .valid
            return MuckApproval(approvalNo: a.approval_no ?? "ZT2020-\(i + 1)", company: a.company ?? "新密市顺达土石方有限公司",
                                validFrom: try day(a.valid_from, "valid_from"), validTo: try day(a.valid_to, "valid_to"),
                                revoked: status == .revoked)
        }
        facts.transportLicenses = try (transport_licenses ?? []).enumerated().map { i, l in
            TransportLicense(licenseNo: l.license_no ?? "豫交运管41018300000\(i + 1)", operatorName: l.operator ?? "新密新源物流有限公司",
                             scope: l.scope, validTo: try day(l.valid_to, "valid_to"))
        }
        facts.sanitation = try (sanitation ?? []).map {
            SanitationEntry(operatorName: $0.operator ?? "新密市环卫处", purchasedOn: try day($0.purchased_on, "purchased_on"), area: $0.area)
        }
        facts.filings = try (filings ?? []).map { f in
            let e = try #require(enterprises?.first { $0.enterprise_id == f.enterprise_id }, "filing at unknown enterprise \(f.enterprise_id)").info
            let status = try f.status.map { try #require(FilingStatus.parse($0), "filing status \($0)") } ?? .inUse
            return EnterpriseFiling(enterpriseID: e.id, enterpriseName: e.name, enterpriseTownship: e.township,
                                    inBuiltUpArea: e.inBuiltUpArea, filedOn: try f.filed_on.map { try day($0, "filed_on") },
                                    inUse: status == .inUse)
        }
        facts.inspections = try (inspections ?? []).enumerated().map { i, r in
            InspectionRecord(recordKey: r.record_no ?? "JC\(i + 1)",
                             checkedAt: try #require(CivilDateTime(parsing: r.checked_at), "checked_at \(r.checked_at)"),
                             kind: try #require(InspectionKind.parse(r.kind), "kind \(r.kind)"),
                             result: try #require(InspectionResult.parse(r.result), "result \(r.result)"), location: r.location)
        }
        facts.findings = try (findings ?? []).enumerated().map { i, f in
            TownshipFinding(itemID: f.item_id ?? "QD\(i + 1)", township: f.township ?? "白寨镇",
                            conclusion: try #require(FindingConclusion.parse(f.conclusion), "conclusion \(f.conclusion)"),
                            confirmedUsage: f.confirmed_usage, investigatedOn: try day(f.investigated_on, "investigated_on"))
        }
        return facts
    }

    func application(asOf: CivilDate, plate: String) throws -> PermitApplication {
        let purpose = try application.purpose.map { try #require(PermitPurpose.parse($0), "purpose \($0)") } ?? .freight
        let from = try application.from.map { try day($0, "from") } ?? asOf
        let to = try application.to.map { try day($0, "to") } ?? from
        return PermitApplication(plate: plate, purpose: purpose, enterpriseID: application.enterprise, from: from, to: to)
    }

    /// The default policy, with the scenario's uncertain windows and permit values.
    func makePolicy() throws -> Policy {
        guard let policy else { return try Policy.default() }
        var json = try defaultPolicyJSON()
        if let windows = policy.uncertain_windows {
            var emission = try #require(json["emission"] as? [String: Any])
            var groups = try #require(emission["groups"] as? [[String: Any]])
            for (id, list) in windows {
                let i = try #require(groups.firstIndex { $0["id"] as? String == id }, "no emission group \(id)")
                groups[i]["uncertain_windows"] = list.map { ["stage": $0.stage, "from": $0.from, "to": $0.to] }
            }
            emission["groups"] = groups
            json["emission"] = emission
        }
        if let permit = policy.permit {
            var p = try #require(json["permit"] as? [String: Any])
            for (k, v) in permit { p[k] = Int(v.text) ?? v.text as Any }
            json["permit"] = p
        }
        return try Policy(data: jsonData(json), source: "scenario policy")
    }
}
