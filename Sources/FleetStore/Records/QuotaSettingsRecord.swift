import FleetCore
import GRDB

/// One `quota set` as recorded: the settings, when, by whom, under which policy.
public struct QuotaSettingsRecord: Codable, FetchableRecord, TableRecord, Sendable, Hashable {
    public static let databaseTableName = "quota_settings"
    public static let databaseColumnDecodingStrategy = DatabaseColumnDecodingStrategy.convertFromSnakeCase

    public var id: Int64
    public var target: Int
    public var baseline: String
    public var deadline: String
    /// `YYYY-MM-DDTHH:MM:SS+08:00`.
    public var recordedAt: String
    public var `operator`: String
    public var policyVersion: String

    /// The settings; the row was checked when recorded, so this only fails on a corrupted store.
    public func settings() throws -> QuotaSettings {
        guard let b = CivilDate(parsing: baseline), let d = CivilDate(parsing: deadline) else {
            throw StoreCorruption(message: "quota settings \(id) have dates that do not parse")
        }
        return QuotaSettings(target: target, baseline: b, deadline: d)
    }

    /// The CST day it was recorded.
    public var recordedOn: CivilDate? { CivilDateTime(parsing: recordedAt)?.date }
}
