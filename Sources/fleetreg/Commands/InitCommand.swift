import ArgumentParser
import FleetCore

/// `fleetreg init` — create an empty store (or migrate an existing one).
struct InitCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "init", abstract: "Create an empty store.")
    @OptionGroup var global: GlobalOptions

    struct Result: Encodable { var db: String; var schema: String?; var vehicles: Int }

    func run() throws {
        let store = try global.openStore()
        let r = Result(db: store.path, schema: try store.schemaVersion(), vehicles: try store.vehicleCount())
        if global.format == .json { return try Output.json(r) }
        let l = global.language
        print(l == .zh ? "数据库已就绪：\(r.db)（结构版本 \(r.schema ?? "-")，车辆 \(r.vehicles) 辆）"
                       : "store ready: \(r.db) (schema \(r.schema ?? "-"), \(r.vehicles) vehicles)")
    }
}
