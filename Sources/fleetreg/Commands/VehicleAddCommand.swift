import ArgumentParser
import FleetCore
import FleetStore

/// `fleetreg vehicle add` — a vehicle from elsewhere entered by hand after its papers were checked.
struct VehicleAddCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "add", abstract: "Enter a vehicle by hand after checking its papers (every field validated as on import).")
    @OptionGroup var global: GlobalOptions
    @Option(name: .long) var plate: String
    @Option(name: .long, help: "号牌种类 code (01, 02, 15, 51, 52 …).") var plateType: String?
    @Option(name: .long) var vin: String
    @Option(name: .long, help: "车辆类型 code or name (H17, 重型自卸货车).") var vehicleType: String
    @Option(name: .long, help: "使用性质 code or name.") var useNature: String
    @Option(name: .long, help: "燃料种类 code or name.") var fuel: String
    @Option(name: .long, help: "排放标准 (blank: inferred).") var emissionStandard: String?
    @Option(name: .long, help: "初次登记日期.") var firstRegistered: String
    @Option(name: .long, help: "总质量 in kg (required for H, Q, Z).") var grossMassKg: String?
    @Option(name: .long) var owner: String
    @Option(name: .long) var address: String?
    @Option(name: .long) var township: String?
    @Option(name: .long, help: "机动车状态 letters (default A).") var status: String = "A"
    @Option(name: .long) var statusDate: String?
    @Option(name: .long) var phone: String?
    @Option(name: .long, help: "Where the papers came from (e.g. 行驶证 晋E… checked at the desk).") var source: String
    @Option(name: .long, help: "The officer (default: $USER).") var `operator`: String?

    func run() throws {
        let store = try global.openStore()
        let text: (VehicleRegistration.Field) -> String = { f in
            let v: String?
            switch f {
            case .plate: v = plate
            case .plateType: v = plateType
            case .vin: v = vin
            case .vehicleType: v = vehicleType
            case .useNature: v = useNature
            case .fuel: v = fuel
            case .emissionStandard: v = emissionStandard
            case .firstRegistered: v = firstRegistered
            case .grossMassKg: v = grossMassKg
            case .owner: v = owner
            case .address: v = address
            case .township: v = township
            case .status: v = status
            case .statusDate: v = statusDate
            case .phone: v = phone
            }
            return (v ?? "").trimmingSpaces
        }
        switch VehicleRegistration.validate(text, townships: try store.townshipTable()) {
        case .invalid(let problems):
            let lang = global.language
            for p in problems { Output.stderr("--\(p.field.rawValue.replacingOccurrences(of: "_", with: "-")) \(p.value): \(p.reason.text(lang))") }
            throw Reported(status: .badInput)
        case .valid(let reg):
            guard try store.addVehicle(reg, source: source, operatorName: self.operator ?? global.operatorName, now: DateArgument.now()) else {
                throw InputError(zh: "\(reg.plate.text) 已在登记库中", en: "\(reg.plate.text) is already in the registry")
            }
            print(global.language == .zh ? "已录入 \(reg.plate.text)。" : "Added \(reg.plate.text).")
        }
    }
}
