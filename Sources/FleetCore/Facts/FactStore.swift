/// What the rules ask of a store: the facts about one plate, and the facts about every plate,
/// streamed in plate order. SQLite implements it today (FleetStore); a PostgreSQL store for a
/// province-wide deployment implements the same two calls.
public protocol FactStore {
    /// Everything known about one plate (registration nil when not registered here).
    func facts(plate: String) throws -> VehicleFacts

    /// Every registered vehicle, and every unregistered plate that has evidence, in plate
    /// order, one at a time (never all in memory at once).
    func forEachFacts(_ body: (VehicleFacts) throws -> Void) throws
}
