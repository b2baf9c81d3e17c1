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

    /// The domain value; the row was validated on import, so this only fails on a corrupted store.
    public func registration() throws -> VehicleRegistration {
        guard let type = VehicleType.table.lookup(vehicleType), let use = UseNature.table.lookup(useNature),
              let fuel = Fuel.table.lookup(self.fuel), let first = CivilDate(parsing: firstRegistered) else {
            throw StoreCorruption(message: "vehicle \(plate) has codes that no longer validate")
        }
        return VehicleRegistration(
            plate: try Plate.parse(plate), plateType: plateType.flatMap { PlateType.lookup($0) }, vin: try VIN.parse(vin),
            vehicleType: type, useNature: use, fuel: fuel, declaredStage: emissionDeclared.flatMap { EmissionStage.parse($0) },
            firstRegistered: first, grossMassKg: grossMassKg, owner: owner, address: address, township: township,
            townshipSource: TownshipTable.Source(rawValue: townshipSource) ?? .declared,
            status: VehicleStatus(letters: status), statusDate: statusDate.flatMap { CivilDate(parsing: $0) }, phone: phone)
    }
}

/// The store holds something that its own import would not have written.
public struct StoreCorruption: Error, CustomStringConvertible {
    public var message: String
    public var description: String { message }
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
