import Foundation
import FleetCore
import GRDB

extension FleetStore {
    /// The key enterprise with this id, if any.
    public func enterprise(id: String) throws -> EnterpriseInfo? {
        try read { db in try Self.enterprise(db, id: id) }
    }

    static func enterprise(_ db: Database, id: String) throws -> EnterpriseInfo? {
        try Row.fetchOne(db, sql: "SELECT enterprise_id, name, township, in_built_up_area FROM enterprises WHERE enterprise_id = ?",
                         arguments: [id]).map { EnterpriseInfo(id: $0[0], name: $0[1], township: $0[2], inBuiltUpArea: $0[3]) }
    }

    /// Decides one application with `rules` and records the decision (and, when allowed, a
    /// permit with a new number) in one transaction.
    public func issuePermit(_ application: PermitApplication, details: PermitDetails, rules: PermitRules, asOf: CivilDate,
                            now: CivilDateTime) throws -> (Decision, String?) {
        try writer.writeWithoutTransaction { db in
            var result: (Decision, String?)!
            try db.inTransaction(.immediate) {
                result = try PermitDesk(db: db, rules: rules).issue(application, details: details, asOf: asOf, now: now)
                return .commit
            }
            return result
        }
    }

    /// Decides many applications and records each, in one transaction.
    public func issuePermits(_ applications: [PermitApplication], details: [PermitDetails], rules: PermitRules,
                             asOf: CivilDate, now: CivilDateTime) throws -> [(Decision, String?)] {
        try writer.writeWithoutTransaction { db in
            var results: [(Decision, String?)] = []
            try db.inTransaction(.immediate) {
                let desk = PermitDesk(db: db, rules: rules)
                for (app, d) in zip(applications, details) {
                    results.append(try desk.issue(app, details: d, asOf: asOf, now: now))
                }
                return .commit
            }
            return results
        }
    }

    public func permit(number: String) throws -> PermitRecord? {
        try read { db in try PermitRecord.fetchOne(db, sql: "SELECT * FROM permits WHERE number = ?", arguments: [number]) }
    }

    public func permits(status: String?, plate: String?) throws -> [PermitRecord] {
        try read { db in
            var sql = "SELECT * FROM permits WHERE 1 = 1"
            var args: [DatabaseValueConvertible] = []
            if let status { sql += " AND status = ?"; args.append(status) }
            if let plate { sql += " AND plate = ?"; args.append(Plate.normalize(plate)) }
            sql += " ORDER BY number"
            return try PermitRecord.fetchAll(db, sql: sql, arguments: StatementArguments(args))
        }
    }

    /// Revokes an active permit with a reason (logged). Returns false when there is no such
    /// active permit.
    public func revokePermit(number: String, reason: String, operatorName: String, now: CivilDateTime,
                             decision: Decision? = nil) throws -> Bool {
        try writer.writeWithoutTransaction { db in
            var done = false
            try db.inTransaction(.immediate) {
                guard let p = try PermitRecord.fetchOne(db, sql: "SELECT * FROM permits WHERE number = ? AND status = 'active'",
                                                        arguments: [number]) else { return .rollback }
                try db.execute(sql: "UPDATE permits SET status = 'revoked', revoked_at = ?, revoke_reason = ? WHERE number = ?",
                               arguments: [now.description, reason, number])
                try DecisionLog.append(DecisionLogEntry(kind: "permit_revoke", at: now, operatorName: operatorName, plate: p.plate,
                                                        decision: decision, inputs: ["number": number, "reason": reason],
                                                        permitNumber: number), db: db)
                done = true
                return .commit
            }
            return done
        }
    }
}

/// The permit desk inside a transaction: gathers the facts, asks the rules, records.
struct PermitDesk {
    let db: Database
    let rules: PermitRules

    func issue(_ app: PermitApplication, details: PermitDetails, asOf: CivilDate, now: CivilDateTime) throws -> (Decision, String?) {
        let facts = try FleetStore.facts(db, plate: app.plate)
        let enterprise = try app.enterpriseID.flatMap { try FleetStore.enterprise(db, id: $0) }
        let decision = rules.decide(facts, application: app, enterprise: enterprise, asOf: asOf)
        var number: String?
        if decision.outcome == .allow {
            let year = asOf.year
            let seq = try Int.fetchOne(db.cachedStatement(sql: """
                INSERT INTO permit_sequences (year, last) VALUES (?, 1)
                ON CONFLICT (year) DO UPDATE SET last = last + 1 RETURNING last
                """), arguments: [year])!
            let digits = String(seq)
            number = rules.screener.policy.permit.numberPrefix + String(year) + String(repeating: "0", count: max(0, 6 - digits.count)) + digits
        }
        let inputs: [String: String?] = [
            "plate": facts.plate, "purpose": app.purpose.rawValue, "enterprise": app.enterpriseID,
            "from": app.from.description, "to": app.to.description, "zone": details.zone, "route": details.route,
            "hours": details.hours, "applicant": details.applicant,
        ]
        let id = try DecisionLog.append(DecisionLogEntry(kind: "permit_issue", at: now, operatorName: details.operatorName,
                                                         plate: facts.plate, decision: decision,
                                                         inputs: inputs.compactMapValues { $0 }, permitNumber: number), db: db)
        if let number {
            try db.cachedStatement(sql: """
                INSERT INTO permits (number, plate, purpose, enterprise_id, valid_from, valid_to, zone, route, hours, applicant,
                    operator, issued_at, as_of, status, decision_id)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'active', ?)
                """).execute(arguments: [number, facts.plate, app.purpose.rawValue, app.enterpriseID, app.from.description, app.to.description,
                                 details.zone, details.route, details.hours, details.applicant, details.operatorName,
                                 now.description, asOf.description, id])
        }
        return (decision, number)
    }
}
