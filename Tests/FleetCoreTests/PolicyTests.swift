import Foundation
import Testing
@testable import FleetCore

@Suite struct PolicyTests {
    // MARK: the default policy

    @Test func defaultPolicyLoadsWithVersionAndHash() throws {
        let p = try Policy.default()
        #expect(p.version == "xinmi-2020.1")
        #expect(!p.document.name.isEmpty)
        #expect(p.document.effectiveFrom == date("2020-11-02"))
        #expect(p.hash.count == 64)
        #expect(p.hash.allSatisfy { "0123456789abcdef".contains($0) })
        #expect(p.hash == SHA256.hex(of: Array(try defaultPolicyBytes())))
    }

    @Test func sameBytesSameHashDifferentBytesDifferentHash() throws {
        let bytes = try defaultPolicyBytes()
        let a = try Policy(data: bytes, source: "a.json")
        let b = try Policy(data: bytes + Data("\n".utf8), source: "b.json")
        #expect(a.hash == (try Policy.default()).hash)
        #expect(a.hash != b.hash)
        #expect(a.version == b.version)
    }

    @Test func emissionTablesEqualRulesMd() throws {
        let e = try Policy.default().emission
        let expected: [String: [String]] = [
            "diesel_over_3500": ["2001-09-01", "2004-09-01", "2008-07-01", "2013-07-01", "2017-07-01", "2021-07-01"],
            "other_over_3500": ["2001-09-01", "2004-09-01", "2008-07-01", "2013-07-01", "2017-07-01", "2019-07-01"],
            "diesel_at_most_3500": ["2000-01-01", "2004-07-01", "2008-07-01", "2015-01-01", "2018-01-01", "2020-07-01"],
            "other_at_most_3500": ["2000-01-01", "2004-07-01", "2007-07-01", "2011-07-01", "2017-01-01", "2020-07-01"],
        ]
        #expect(e.massThresholdKg == 3500)
        #expect(e.groups.count == 4)
        for (id, dates) in expected {
            let g = try #require(e.groups.first { $0.id == id })
            let stages: [EmissionStage] = [.I, .II, .III, .IV, .V, .VI]
            #expect(g.starts == Dictionary(uniqueKeysWithValues: zip(stages, dates.map(date))), "\(id)")
            #expect(g.fuel == (id.hasPrefix("diesel") ? "diesel" : "other"))
            #expect(g.mass == (id.hasSuffix("over_3500") ? "over" : "at_most"))
        }
    }

    @Test func otherValuesEqualRulesMd() throws {
        let p = try Policy.default()
        #expect(p.usage.findingValidDays == 365)
        #expect(p.screening.muckSightingDays == 180)
        #expect(p.screening.findingDays == 365)
        #expect(p.screening.inspectionDays == 365)
        #expect(p.screening.sanitationNewEnergyFrom == date("2020-10-01"))
        #expect(p.permit.maxPeriodDays == 30)
        #expect(p.permit.minimumStage == .IV)
        #expect(p.permit.heavyMassKg == 3500)
        #expect(p.permit.numberPrefix == "XM")
        #expect(CivilDateTime(parsing: p.bulk.builtUpFrom) == CivilDateTime(date: date("2020-11-01")))
        #expect(p.bulk.maxStage == .IV)
        #expect(p.bulk.alertLevels.compactMap(AlertLevel.parse) == [.orange, .red])
        #expect(p.quota.baseline == date("2020-01-01"))
        #expect(p.quota.deadline == date("2020-12-31"))
        #expect(p.quota.maxStage == .III)
        #expect(p.quota.countTransfersOut == false)
    }

    @Test func everyRequiredRuleIsPresentWithItsPlanItem() throws {
        let p = try Policy.default()
        #expect(Set(p.document.rules.map(\.code)) == Set(PolicyDocument.requiredRuleCodes))
        #expect(p.document.rules.count == PolicyDocument.requiredRuleCodes.count)
        let items: [String: String] = [
            "NOT_IN_REGISTRY": "8", "VEHICLE_GONE": "8", "UNPROCESSED_VIOLATION": "8", "INSPECTION_OVERDUE": "8",
            "OVER_STANDARD": "3, 8", "EMISSION_BELOW_MIN": "2, 8", "MUCK_NOT_APPROVED": "6", "ILLEGAL_MUCK": "5, 6",
            "USAGE_UNVERIFIED": "5", "BULK_BUILTUP_STANDARD": "7", "PERIOD_TOO_LONG": "8", "BULK_ALERT_STANDARD": "7",
            "NOT_FILED": "7", "UNAPPROVED_MUCK": "5, 6", "ILLEGAL_MUCK_CONFIRMED": "5", "SUSPECT_MUCK": "5, 6",
            "UNKNOWN_USE": "5", "SCRAP_TARGET": "2", "BULK_RESTRICTED": "7", "SANITATION_NOT_NEV": "1",
            "VIN_CHECK_DIGIT": "data", "DUPLICATE_VIN": "data", "REGISTRY_MISMATCH": "5",
        ]
        for (code, item) in items {
            let r = p.rule(code)
            #expect(r.code == code)
            #expect(r.item == item, "\(code)")
            #expect(!r.zh.isEmpty && !r.en.isEmpty)
        }
        #expect(p.rule("SUSPECT_MUCK").zh == "疑似未核准渣土车")
        #expect(p.rule("SUSPECT_MUCK").name(.zh) == "疑似未核准渣土车")
        #expect(p.rule("SUSPECT_MUCK").name(.en) == "dump body, no known use")
    }

    // MARK: broken policies

    /// Applies `change` to the default policy's JSON and expects a PolicyError naming `key`.
    func expectError(_ key: String, source: String = "broken.json", _ change: (inout [String: Any]) throws -> Void,
                     sourceLocation: SourceLocation = #_sourceLocation) throws {
        var json = try defaultPolicyJSON()
        try change(&json)
        let data = try jsonData(json)
        do throws(PolicyError) {
            let p = try Policy(data: data, source: source)
            Issue.record("policy loaded (version \(p.version)), expected an error naming \(key)", sourceLocation: sourceLocation)
        } catch {
            #expect(error.source == source, sourceLocation: sourceLocation)
            #expect(error.message.contains(key), "message: \(error.message)", sourceLocation: sourceLocation)
            #expect(error.description.hasPrefix("\(source): "), sourceLocation: sourceLocation)
        }
    }

    static func setGroup(_ json: inout [String: Any], id: String, _ change: (inout [String: Any]) -> Void) throws {
        var emission = try #require(json["emission"] as? [String: Any])
        var groups = try #require(emission["groups"] as? [[String: Any]])
        let i = try #require(groups.firstIndex { $0["id"] as? String == id })
        change(&groups[i])
        emission["groups"] = groups
        json["emission"] = emission
    }

    @Test(arguments: ["version", "name", "effective_from", "emission", "usage", "screening", "permit", "bulk", "quota",
                      "rules"])
    func missingTopLevelKey(key: String) throws {
        try expectError(key) { $0[key] = nil }
    }

    @Test(arguments: [("permit", "max_period_days"), ("screening", "muck_sighting_days"), ("quota", "baseline"),
                      ("bulk", "built_up_from"), ("usage", "finding_valid_days"), ("emission", "mass_threshold_kg")])
    func missingNestedKey(section: String, key: String) throws {
        try expectError(key) { json in
            var s = try #require(json[section] as? [String: Any])
            s[key] = nil
            json[section] = s
        }
    }

    @Test func missingKeyInAGroup() throws {
        try expectError("starts") { try Self.setGroup(&$0, id: "other_over_3500") { $0["starts"] = nil } }
    }

    @Test func stageDatesOutOfOrder() throws {
        try expectError("emission.groups") { json in
            try Self.setGroup(&json, id: "diesel_over_3500") { g in
                var starts = g["starts"] as! [String: String]
                starts["IV"] = "2008-06-30"     // before 国III (2008-07-01)
                g["starts"] = starts
            }
        }
        try expectError("diesel_over_3500") { json in
            try Self.setGroup(&json, id: "diesel_over_3500") { g in
                var starts = g["starts"] as! [String: String]
                starts["VI"] = starts["V"]       // same day is not after
                g["starts"] = starts
            }
        }
    }

    @Test func unknownStageInStarts() throws {
        try expectError("starts") { json in
            try Self.setGroup(&json, id: "diesel_over_3500") { g in
                var starts = g["starts"] as! [String: String]
                starts["VII"] = "2030-01-01"
                g["starts"] = starts
            }
        }
    }

    @Test func badDate() throws {
        try expectError("effective_from") { $0["effective_from"] = "2020-02-30" }
    }

    @Test func windowEndingBeforeItStarts() throws {
        try expectError("uncertain_windows") { json in
            try Self.setGroup(&json, id: "other_over_3500") {
                $0["uncertain_windows"] = [["stage": "IV", "from": "2013-07-01", "to": "2013-06-30"]]
            }
        }
    }

    @Test func missingGroup() throws {
        try expectError("emission.groups") { json in
            var emission = json["emission"] as! [String: Any]
            emission["groups"] = (emission["groups"] as! [[String: Any]]).filter { $0["id"] as? String != "diesel_at_most_3500" }
            json["emission"] = emission
        }
    }

    @Test func unknownAlertLevel() throws {
        try expectError("bulk.alert_levels") { json in
            var bulk = json["bulk"] as! [String: Any]
            bulk["alert_levels"] = ["orange", "purple"]
            json["bulk"] = bulk
        }
        try expectError("purple") { json in
            var bulk = json["bulk"] as! [String: Any]
            bulk["alert_levels"] = ["purple"]
            json["bulk"] = bulk
        }
    }

    @Test func badBuiltUpFrom() throws {
        try expectError("bulk.built_up_from") { json in
            var bulk = json["bulk"] as! [String: Any]
            bulk["built_up_from"] = "2020-11-01"     // a date, not a date-time
            json["bulk"] = bulk
        }
    }

    @Test(arguments: PolicyDocument.requiredRuleCodes)
    func missingRuleCode(code: String) throws {
        try expectError(code) { json in
            json["rules"] = (json["rules"] as! [[String: Any]]).filter { $0["code"] as? String != code }
        }
    }

    @Test func duplicateRuleCode() throws {
        try expectError("NOT_FILED") { json in
            var rules = json["rules"] as! [[String: Any]]
            rules.append(["code": "NOT_FILED", "item": "7", "zh": "重复", "en": "again"])
            json["rules"] = rules
        }
    }

    @Test func nonPositiveNumbers() throws {
        try expectError("permit.max_period_days") { json in
            var permit = json["permit"] as! [String: Any]
            permit["max_period_days"] = 0
            json["permit"] = permit
        }
        try expectError("screening.inspection_days") { json in
            var s = json["screening"] as! [String: Any]
            s["inspection_days"] = -1
            json["screening"] = s
        }
        try expectError("emission.mass_threshold_kg") { json in
            var e = json["emission"] as! [String: Any]
            e["mass_threshold_kg"] = 0
            json["emission"] = e
        }
    }

    @Test func quotaDeadlineBeforeBaseline() throws {
        try expectError("quota.deadline") { json in
            var q = json["quota"] as! [String: Any]
            q["deadline"] = "2019-12-31"
            json["quota"] = q
        }
    }

    @Test func emptyVersion() throws {
        try expectError("version") { $0["version"] = "" }
    }

    @Test func wrongType() throws {
        try expectError("max_period_days") { json in
            var permit = json["permit"] as! [String: Any]
            permit["max_period_days"] = "thirty"
            json["permit"] = permit
        }
    }

    @Test func everyProblemIsReported() throws {
        try expectError("quota.deadline") { json in
            var q = json["quota"] as! [String: Any]
            q["deadline"] = "2019-12-31"
            json["quota"] = q
            json["rules"] = (json["rules"] as! [[String: Any]]).filter { $0["code"] as? String != "NOT_FILED" }
        }
        try expectError("NOT_FILED") { json in
            var q = json["quota"] as! [String: Any]
            q["deadline"] = "2019-12-31"
            json["quota"] = q
            json["rules"] = (json["rules"] as! [[String: Any]]).filter { $0["code"] as? String != "NOT_FILED" }
        }
    }

    /// Decoding errors name keys as the file writes them (snake_case), with their path.
    @Test func messagesUseTheFilesKeyNames() throws {
        func message(_ change: (inout [String: Any]) throws -> Void) throws -> String {
            var json = try defaultPolicyJSON()
            try change(&json)
            let data = try jsonData(json)
            do throws(PolicyError) {
                _ = try Policy(data: data, source: "p.json")
                return "loaded"
            } catch {
                return error.message
            }
        }
        #expect(try message { $0["effective_from"] = nil } == "missing key .effective_from")
        #expect(try message { json in
            var permit = json["permit"] as! [String: Any]
            permit["max_period_days"] = nil
            json["permit"] = permit
        } == "missing key .permit.max_period_days")
        #expect(try message { try Self.setGroup(&$0, id: "diesel_over_3500") { $0["starts"] = nil } }
                == "missing key .emission.groups[0].starts")
        #expect(try message { json in
            try Self.setGroup(&json, id: "diesel_over_3500") { $0["uncertain_windows"] = [["stage": "IV", "from": "2013-07-01"]] }
        } == "missing key .emission.groups[0].uncertain_windows[0].to")
        #expect(try message { $0["effective_from"] = "2020-02-30" }.hasPrefix("bad value at .effective_from: "))
    }

    @Test func notJSONAtAll() {
        #expect(throws: PolicyError.self) { try Policy(data: Data("not json".utf8), source: "x.json") }
        #expect(throws: PolicyError.self) { try Policy(data: Data(), source: "x.json") }
    }
}

@Suite struct AlertLevelTests {
    @Test(arguments: [
        ("蓝色", AlertLevel.blue), ("蓝", .blue), ("blue", .blue), ("BLUE", .blue), ("蓝色预警", .blue),
        ("黄色", .yellow), ("黄", .yellow), ("yellow", .yellow),
        ("橙色", .orange), ("橙", .orange), ("Orange", .orange), (" orange ", .orange),
        ("红色", .red), ("红", .red), ("red", .red), ("红色预警", .red),
    ])
    func parse(text: String, level: AlertLevel) {
        #expect(AlertLevel.parse(text) == level)
    }

    @Test(arguments: ["", "purple", "紫色", "绿", "橙色色", "3"])
    func unknown(text: String) {
        #expect(AlertLevel.parse(text) == nil)
    }

    @Test func order() {
        #expect(AlertLevel.allCases.sorted() == [.blue, .yellow, .orange, .red])
        #expect(AlertLevel.orange < .red)
        #expect(AlertLevel.blue < .yellow)
        #expect(AlertLevel.allCases.max() == .red)
    }

    @Test func names() {
        #expect(AlertLevel.allCases.map(\.description) == ["blue", "yellow", "orange", "red"])
        #expect(AlertLevel.allCases.map(\.chineseName) == ["蓝色", "黄色", "橙色", "红色"])
    }
}
