/// One vehicle as the registration extract (机动车登记信息) describes it, validated.
///
///     let result = VehicleRegistration.validate(["plate": "豫A12345", "vin": "…", …], townships: .xinmi)
///     result.value?.vehicleType.isDumpBody
public struct VehicleRegistration: Hashable, Sendable {
    public var plate: Plate
    public var plateType: PlateType?
    public var vin: VIN
    public var vehicleType: VehicleType
    public var useNature: UseNature
    public var fuel: Fuel
    /// 排放标准 as written (nil = blank, to be inferred).
    public var declaredStage: EmissionStage?
    public var firstRegistered: CivilDate
    public var grossMassKg: Int?
    public var owner: String
    public var address: String?
    public var township: String
    public var townshipSource: TownshipTable.Source
    public var status: VehicleStatus
    public var statusDate: CivilDate?
    /// 联系电话 — personal data.
    public var phone: String?

    public init(plate: Plate, plateType: PlateType?, vin: VIN, vehicleType: VehicleType, useNature: UseNature, fuel: Fuel,
                declaredStage: EmissionStage?, firstRegistered: CivilDate, grossMassKg: Int?, owner: String,
                address: String?, township: String, townshipSource: TownshipTable.Source, status: VehicleStatus,
                statusDate: CivilDate?, phone: String?) {
        self.plate = plate; self.plateType = plateType; self.vin = vin; self.vehicleType = vehicleType
        self.useNature = useNature; self.fuel = fuel; self.declaredStage = declaredStage
        self.firstRegistered = firstRegistered; self.grossMassKg = grossMassKg; self.owner = owner
        self.address = address; self.township = township; self.townshipSource = townshipSource
        self.status = status; self.statusDate = statusDate; self.phone = phone
    }

    /// The fields of the extract, by their English alias.
    public enum Field: String, CaseIterable, Sendable {
        case plate, plateType = "plate_type", vin, vehicleType = "vehicle_type", useNature = "use_nature", fuel
        case emissionStandard = "emission_standard", firstRegistered = "first_registered"
        case grossMassKg = "gross_mass_kg", owner, address, township, status, statusDate = "status_date", phone

        /// The field's position in `allCases` (the order of data.md's table).
        public var position: Int {
            switch self {
            case .plate: return 0
            case .plateType: return 1
            case .vin: return 2
            case .vehicleType: return 3
            case .useNature: return 4
            case .fuel: return 5
            case .emissionStandard: return 6
            case .firstRegistered: return 7
            case .grossMassKg: return 8
            case .owner: return 9
            case .address: return 10
            case .township: return 11
            case .status: return 12
            case .statusDate: return 13
            case .phone: return 14
            }
        }
    }

    /// A problem with one field of a row.
    public struct Problem: Hashable, Sendable {
        public var field: Field
        public var value: String
        public var reason: Message
    }

    /// Validates the trimmed text of each field (absent or blank fields are nil or "").
    /// Returns the registration, or every problem found.
    public static func validate(_ text: (Field) -> String, townships: TownshipTable)
        -> Validated<VehicleRegistration, Problem>
    {
        var problems: [Problem] = []
        func fail(_ f: Field, _ v: String, _ r: Message) { problems.append(Problem(field: f, value: v, reason: r)) }
        func required(_ f: Field) -> String? {
            let v = text(f)
            if v.isEmpty { fail(f, v, Reason.required); return nil }
            return v
        }

        var plate: Plate?
        if let v = required(.plate) {
            do { plate = try Plate.parse(v) } catch { fail(.plate, v, Reason.badPlate(error)) }
        }
        var plateType: PlateType?
        let ptText = text(.plateType)
        if !ptText.isEmpty {
            if let t = PlateType.lookup(ptText) {
                plateType = t
                if let p = plate, !t.admits(p) { fail(.plateType, ptText, Reason.plateTypeMismatch(t, p)) }
            } else {
                fail(.plateType, ptText, Reason.unknownPlateType)
            }
        }
        var vin: VIN?
        if let v = required(.vin) {
            do { vin = try VIN.parse(v) } catch { fail(.vin, v, Reason.badVIN(error)) }
        }
        var type: VehicleType?
        if let v = required(.vehicleType) {
            type = VehicleType.table.lookup(v)
            if type == nil { fail(.vehicleType, v, Reason.unknownCode("vehicle type", "车辆类型")) }
        }
        var use: UseNature?
        if let v = required(.useNature) {
            use = UseNature.table.lookup(v)
            if use == nil { fail(.useNature, v, Reason.unknownCode("use nature", "使用性质")) }
        }
        var fuel: Fuel?
        if let v = required(.fuel) {
            fuel = Fuel.table.lookup(v)
            if fuel == nil { fail(.fuel, v, Reason.unknownCode("fuel", "燃料种类")) }
        }
        var stage: EmissionStage?
        let esText = text(.emissionStandard)
        if !esText.isEmpty {
            stage = EmissionStage.parse(esText)
            if stage == nil { fail(.emissionStandard, esText, Reason.badStage) }
        }
        var first: CivilDate?
        if let v = required(.firstRegistered) {
            first = CivilDate(parsing: v)
            if first == nil { fail(.firstRegistered, v, Reason.badDate) }
        }
        var mass: Int?
        let massText = text(.grossMassKg)
        if !massText.isEmpty {
            if massText.utf8.count <= 6, massText.allSatisfy({ $0.isASCII && $0.isNumber }), let m = Int(massText), m > 0 {
                mass = m
            } else {
                fail(.grossMassKg, massText, Reason.badMass)
            }
        } else if type?.requiresGrossMass == true {
            fail(.grossMassKg, massText, Reason.massRequired)
        }
        let owner = required(.owner)
        let address = text(.address)
        var township: (name: String, source: TownshipTable.Source)?
        let twText = text(.township)
        if !twText.isEmpty {
            if let n = townships.canonicalName(twText) { township = (n, .declared) } else { fail(.township, twText, Reason.unknownTownship) }
        } else {
            township = townships.resolve(declared: nil, address: address)
        }
        var status: VehicleStatus?
        if let v = required(.status) {
            do { status = try VehicleStatus.parse(v) } catch { fail(.status, v, Reason.badStatus) }
        }
        var statusDate: CivilDate?
        let sdText = text(.statusDate)
        if !sdText.isEmpty {
            statusDate = CivilDate(parsing: sdText)
            if statusDate == nil { fail(.statusDate, sdText, Reason.badDate) }
        }
        let phone = text(.phone)

        guard problems.isEmpty, let plate, let vin, let type, let use, let fuel, let first, let owner,
              let township, let status else { return .invalid(problems) }
        return .valid(VehicleRegistration(
            plate: plate, plateType: plateType, vin: vin, vehicleType: type, useNature: use, fuel: fuel,
            declaredStage: stage, firstRegistered: first, grossMassKg: mass, owner: owner,
            address: address.isEmpty ? nil : address, township: township.name, townshipSource: township.source,
            status: status, statusDate: statusDate, phone: phone.isEmpty ? nil : phone))
    }

    /// The emission stage and how it is known (rules.md §1).
    public func emission(_ inference: EmissionInference) -> EmissionAssessment {
        inference.assess(.init(fuel: fuel, grossMassKg: grossMassKg, firstRegistered: firstRegistered, declared: declaredStage))
    }
}
