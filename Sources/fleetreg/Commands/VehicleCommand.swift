import ArgumentParser

/// `fleetreg vehicle …` — one vehicle at a time.
struct VehicleCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "vehicle", abstract: "Look up one vehicle.", subcommands: [VehicleShowCommand.self, VehicleAddCommand.self])
}
