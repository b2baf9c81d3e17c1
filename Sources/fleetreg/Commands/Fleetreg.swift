import ArgumentParser

/// `fleetreg` — the goods-vehicle registry of the air-pollution action plan.
struct Fleetreg: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "fleetreg",
        abstract: "Registry of goods vehicles for the air-pollution action plan (货车登记与管控).",
        subcommands: [InitCommand.self, ImportCommand.self, VehicleCommand.self, ScreenCommand.self, PermitCommand.self, AuditCommand.self, SampleCommand.self, DemoCommand.self,
                      QuotaCommand.self, AlertCommand.self, BulkCommand.self,
                      ReportCommand.self])
}
