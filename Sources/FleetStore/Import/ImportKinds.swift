import FleetCore

/// Every kind of input file the registry imports, by its command-line name.
public enum ImportKinds {
    public static let names = ["vehicles"]

    public static func named(_ name: String, townships: TownshipTable) -> (any ImportKind)? {
        switch name {
        case "vehicles": return VehiclesImport(townships: townships)
        default: return nil
        }
    }
}
