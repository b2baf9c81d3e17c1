import FleetCore
import GRDB

/// A row of the `vehicles` table, with where it came from.
public struct VehicleRow: Codable, FetchableRecord, TableRecord, Sendable {
    public static let databaseTableName = "vehicles"
    public static let databaseColumnDecodingStrategy = DatabaseColumnDecodingStrategy.convertFromSnakeCase

    public var id: Int64
    public var plate: String
    public var plateType: String?
    public var vin: String
    public var vinCheckOk: Bool
    public var vehicleType: String
    public var useNature: String
    public var fuel: String
    public var emissionDeclared: String?
    public var firstRegistered: String
    public var grossMassKg: Int?
    public var owner: String
    public var address: String?
    public var township: String
    public var townshipSource: String
    public var status: String
    public var statusDate: String?
    public var phone: String?
    public var batchId: Int64
    public var sourceLine: Int
}

/// The store holds something that its own import would not have written.
public struct StoreCorruption: Error, CustomStringConvertible {
    public var message: String
    public var description: String { message }
    public init(message: String) { self.message = message }
}

/// A status change the registry kept (old status, new status, dates, the batch that saw it).
public struct StatusChange: Codable, FetchableRecord, Sendable {
    public static let databaseColumnDecodingStrategy = DatabaseColumnDecodingStrategy.convertFromSnakeCase
    public var plate: String
    public var oldStatus: String
    public var newStatus: String
    public var oldStatusDate: String?
    public var newStatusDate: String?
    public var batchId: Int64
    public var recordedAt: String
}
