import FleetCore
import GRDB

/// What one pass over the registry gives the quota: the counters, and the candidates asked for.
public struct QuotaScan: Sendable {
    public var tally = QuotaTally()
    /// The candidates collected (in no particular order), when asked for.
    public var candidates: [QuotaCandidate] = []
}

/// Which candidates a pass collects.
public enum QuotaCandidateSelection: Sendable, Equatable {
    case none, all
    case township(String)
}

/// The scrapping quota as of a date: the settings in force, the township targets in force, and
/// the figures.
public struct QuotaReportData: Sendable {
    public var record: QuotaSettingsRecord
    public var status: QuotaStatus
    public var tally: QuotaTally
    public var candidates: [QuotaCandidate]
}

extension FleetStore {
    /// Records a `quota set` (append-only: earlier settings are kept for earlier dates).
    public func recordQuotaSettings(_ settings: QuotaSettings, operator name: String, at time: CivilDateTime,
                                    policyVersion: String) throws -> QuotaSettingsRecord {
        try write { db in
            try db.execute(sql: """
                INSERT INTO quota_settings (target, baseline, deadline, recorded_at, operator, policy_version)
                VALUES (?, ?, ?, ?, ?, ?)
                """, arguments: [settings.target, settings.baseline.description, settings.deadline.description,
                                 time.description, name, policyVersion])
            return try QuotaSettingsRecord.fetchOne(db, sql: "SELECT * FROM quota_settings WHERE id = ?",
                                                    arguments: [db.lastInsertedRowID])!
        }
    }

    /// Every `quota set`, oldest first.
    public func fetchQuotaSettingsHistory() throws -> [QuotaSettingsRecord] {
        try read { db in try Self.quotaSettingsHistory(db) }
    }

    /// The settings in force on a date: the last recorded on or before it; for a date before the
    /// first record, the settings as they stood at the end of that first day
    /// (`QuotaSettings.inForce`). Nil when the quota was never set.
    public func fetchQuotaSettings(asOf: CivilDate) throws -> QuotaSettingsRecord? {
        try read { db in try Self.quotaSettings(db, asOf: asOf) }
    }

    /// The township targets in force on a date (same rule as the settings), by township name.
    public func fetchQuotaTargets(asOf: CivilDate) throws -> [String: Int] {
        try read { db in try Self.quotaTargets(db, asOf: asOf) }
    }

    /// One pass over the goods vehicles (type H… or Q…; FleetCore decides the rest), streamed
    /// through a cursor: each vehicle is assessed by `rules` and folded into the tally; only the
    /// candidates asked for are kept.
    public func scanQuota(rules: QuotaRules, inference: EmissionInference, asOf: CivilDate,
                          candidates selection: QuotaCandidateSelection = .none) throws -> QuotaScan {
        try read { db in try Self.scanQuota(db, rules: rules, inference: inference, asOf: asOf, candidates: selection) }
    }

    /// The quota as of a date, read in one snapshot; nil when no quota has been set.
    public func quotaReport(policy: Policy, asOf: CivilDate,
                            candidates selection: QuotaCandidateSelection = .none) throws -> QuotaReportData? {
        try read { db in
            guard let record = try Self.quotaSettings(db, asOf: asOf) else { return nil }
            let settings = try record.settings()
            let scan = try Self.scanQuota(db, rules: QuotaRules(policy: policy, settings: settings),
                                          inference: EmissionInference(table: policy.emission), asOf: asOf,
                                          candidates: selection)
            let status = QuotaStatus(tally: scan.tally, settings: settings,
                                     townshipTargets: try Self.quotaTargets(db, asOf: asOf), asOf: asOf)
            return QuotaReportData(record: record, status: status, tally: scan.tally, candidates: scan.candidates)
        }
    }

    // MARK: Inside a read

    static func quotaSettingsHistory(_ db: Database) throws -> [QuotaSettingsRecord] {
        try QuotaSettingsRecord.fetchAll(db, sql: "SELECT * FROM quota_settings ORDER BY id")
    }

    static func quotaSettings(_ db: Database, asOf: CivilDate) throws -> QuotaSettingsRecord? {
        let history = try quotaSettingsHistory(db).map { r -> (recordedOn: CivilDate, value: QuotaSettingsRecord) in
            guard let day = r.recordedOn else { throw StoreCorruption(message: "quota settings \(r.id) have a bad time") }
            return (day, r)
        }
        return QuotaSettings.inForce(history, asOf: asOf)
    }

    static func quotaTargets(_ db: Database, asOf: CivilDate) throws -> [String: Int] {
        func day(_ time: String) throws -> CivilDate {
            guard let d = CivilDateTime(parsing: time)?.date else { throw StoreCorruption(message: "bad time \(time) in the quota targets") }
            return d
        }
        var timelines: [String: [(recordedOn: CivilDate, value: Int)]] = [:]
        for row in try Row.fetchAll(db, sql: """
            SELECT h.township, h.old_target, ob.started_at AS old_at, h.new_target, h.recorded_at
            FROM quota_target_history h JOIN import_batches ob ON ob.id = h.old_batch_id ORDER BY h.id
            """) {
            let town: String = row["township"]
            if timelines[town] == nil { timelines[town] = [(try day(row["old_at"]), row["old_target"])] }
            timelines[town]!.append((try day(row["recorded_at"]), row["new_target"]))
        }
        for row in try Row.fetchAll(db, sql: """
            SELECT t.township, t.target, b.started_at FROM quota_targets t JOIN import_batches b ON b.id = t.batch_id
            """) {
            let town: String = row["township"]
            if timelines[town] == nil { timelines[town] = [(try day(row["started_at"]), row["target"])] }
        }
        return timelines.compactMapValues { QuotaSettings.inForce($0, asOf: asOf) }
    }

    static func scanQuota(_ db: Database, rules: QuotaRules, inference: EmissionInference, asOf: CivilDate,
                          candidates selection: QuotaCandidateSelection) throws -> QuotaScan {
        var scan = QuotaScan()
        // Selecting goods vehicles by the type code's first letter is a filter for speed, not
        // the rule: QuotaRules.assess checks it again with everything else.
        // Columns are read by position, not through Codable: decoding is most of the cost of a
        // pass. A full scan (substr) beats the type index here: most vehicles are goods vehicles.
        let cursor = try Row.fetchCursor(db, sql: """
            SELECT plate, plate_type, vin, vehicle_type, use_nature, fuel, emission_declared, first_registered,
                   gross_mass_kg, owner, address, township, township_source, status, status_date, phone
            FROM vehicles WHERE substr(vehicle_type, 1, 1) IN ('H', 'Q')
            """)
        while let row = try cursor.next() {
            // A vehicle whose codes already exclude it is outside whatever else it holds (and the
            // tally counts nothing for it): skip building the rest of it.
            if let type = VehicleType.table.lookup(row[3] as String), let use = UseNature.table.lookup(row[4] as String),
               let fuel = Fuel.table.lookup(row[5] as String),
               QuotaRules.exclusion(vehicleType: type, fuel: fuel, useNature: use) != nil { continue }
            let vehicle = try registration(row)
            let emission = vehicle.emission(inference)
            let assessment = rules.assess(vehicle, emission: emission, asOf: asOf)
            scan.tally.add(township: vehicle.township, assessment)
            guard assessment.isCandidate else { continue }
            switch selection {
            case .none: break
            case .all: scan.candidates.append(QuotaCandidate(registration: vehicle, emission: emission))
            case .township(let t) where t == vehicle.township:
                scan.candidates.append(QuotaCandidate(registration: vehicle, emission: emission))
            case .township: break
            }
        }
        return scan
    }

    /// A registration from the columns of `scanQuota`'s query, in that order. The row was
    /// validated on import, so this only fails on a corrupted store.
    static func registration(_ row: Row) throws -> VehicleRegistration {
        let plateText: String = row[0]
        guard let type = VehicleType.table.lookup(row[3] as String), let use = UseNature.table.lookup(row[4] as String),
              let fuel = Fuel.table.lookup(row[5] as String), let first = CivilDate(parsing: row[7] as String),
              let plate = try? Plate.parse(plateText), let vin = try? VIN.parse(row[2] as String) else {
            throw StoreCorruption(message: "vehicle \(plateText) has values that no longer validate")
        }
        let declared: String? = row[6], plateType: String? = row[1], source: String = row[12], statusDate: String? = row[14]
        return VehicleRegistration(
            plate: plate, plateType: plateType.flatMap { PlateType.lookup($0) }, vin: vin, vehicleType: type, useNature: use,
            fuel: fuel, declaredStage: declared.flatMap { EmissionStage.parse($0) }, firstRegistered: first,
            grossMassKg: row[8], owner: row[9], address: row[10], township: row[11],
            townshipSource: TownshipTable.Source(rawValue: source) ?? .declared, status: VehicleStatus(letters: row[13]),
            statusDate: statusDate.flatMap { CivilDate(parsing: $0) }, phone: row[15])
    }
}
