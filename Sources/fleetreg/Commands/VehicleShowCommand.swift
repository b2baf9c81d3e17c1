import ArgumentParser
import FleetCore
import FleetStore

/// `fleetreg vehicle show PLATE` — everything known about one vehicle.
struct VehicleShowCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "show", abstract: "Everything known about one vehicle, with the source of each fact.")

    @OptionGroup var global: GlobalOptions
    @Argument(help: "The plate (full-width, lower case and spaces are accepted).") var plate: String
    @Option(name: .long, help: "Evaluate as of this date (default: today, China Standard Time).") var asOf: String?
    @Flag(name: .long, help: "Show the owner's phone number in full (personal data).") var showPhone = false

    func run() throws {
        let lang = global.language
        let asOfDate = try DateArgument.date(asOf)
        let store = try global.openStore()
        let normal = Plate.normalize(plate)
        guard let row = try store.fetchVehicle(plate: normal) else {
            let suggestions = try store.suggestPlates(near: normal)
            if global.format == .json {
                try Output.json(VehicleReport.NotFound(plate: normal, found: false, suggestions: suggestions))
            } else {
                print(lang == .zh ? "\(normal)：本市登记库中无此车。" : "\(normal): not in the registry.")
                if !suggestions.isEmpty {
                    print((lang == .zh ? "您是否要找：" : "Did you mean: ") + suggestions.joined(separator: ", "))
                }
            }
            throw Reported(status: .badInput)
        }
        let report = try VehicleReport(row: row, store: store, screener: try global.makeScreener(store: store, asOf: asOfDate),
                                       asOf: asOfDate, showPhone: showPhone)
        if global.format == .json { return try Output.json(report.json) }
        print(report.text(lang))
    }
}
