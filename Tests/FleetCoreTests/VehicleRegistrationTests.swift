import Testing
@testable import FleetCore

@Suite struct VehicleRegistrationTests {
    typealias Field = VehicleRegistration.Field
    typealias Row = [Field: String]

    static let valid: Row = [
        .plate: "豫A12345", .plateType: "01", .vin: "LZFF25M4X8D004248", .vehicleType: "H17", .useNature: "F",
        .fuel: "B", .firstRegistered: "2012-05-01", .grossMassKg: "25000", .owner: "新密市某某运输有限公司",
        .address: "新密市白寨镇某村3组", .status: "A", .statusDate: "2012-05-01", .phone: "13800000000",
    ]

    static func validate(_ row: Row, townships: TownshipTable = .xinmi) -> Validated<VehicleRegistration, VehicleRegistration.Problem> {
        VehicleRegistration.validate({ row[$0] ?? "" }, townships: townships)
    }

    static func with(_ changes: Row) -> Row { valid.merging(changes) { $1 } }

    /// The problems of a row that must be invalid, as (field, reason code).
    static func problems(_ row: Row) -> [(Field, String)] {
        let r = validate(row)
        #expect(r.value == nil)
        return r.problems.map { ($0.field, $0.reason.code) }
    }

    static func onlyProblem(_ row: Row, _ field: Field, _ code: String, sourceLocation: SourceLocation = #_sourceLocation) {
        let p = problems(row)
        #expect(p.count == 1, "\(p)", sourceLocation: sourceLocation)
        #expect(p.first?.0 == field, "\(p)", sourceLocation: sourceLocation)
        #expect(p.first?.1 == code, "\(p)", sourceLocation: sourceLocation)
    }

    @Test func validRow() throws {
        let r = try #require(Self.validate(Self.valid).value)
        #expect(r.plate.text == "豫A12345")
        #expect(r.plate.format == .ordinary)
        #expect(r.plateType == .large)
        #expect(r.vin.text == "LZFF25M4X8D004248")
        #expect(r.vin.checkDigitIsValid)
        #expect(r.vehicleType.code == "H17")
        #expect(r.vehicleType.isDumpBody)
        #expect(r.vehicleType.sizeClass == .heavy)
        #expect(r.useNature.code == "F")
        #expect(r.fuel.isDiesel)
        #expect(r.declaredStage == nil)
        #expect(r.firstRegistered == date("2012-05-01"))
        #expect(r.grossMassKg == 25_000)
        #expect(r.owner == "新密市某某运输有限公司")
        #expect(r.address == "新密市白寨镇某村3组")
        #expect(r.township == "白寨镇")
        #expect(r.townshipSource == .address)
        #expect(r.status.letters == "A")
        #expect(r.status.isActive)
        #expect(r.statusDate == date("2012-05-01"))
        #expect(r.phone == "13800000000")
        #expect(Self.validate(Self.valid).problems.isEmpty)
    }

    @Test func minimalRowOnlyRequiredFields() throws {
        var row = Self.valid
        for f in [Field.plateType, .address, .township, .statusDate, .phone, .emissionStandard] { row[f] = nil }
        let r = try #require(Self.validate(row).value)
        #expect(r.plateType == nil)
        #expect(r.address == nil)
        #expect(r.phone == nil)
        #expect(r.statusDate == nil)
        #expect(r.declaredStage == nil)
        #expect(r.township == "未匹配")
        #expect(r.townshipSource == .unassigned)
    }

    @Test func codesAcceptedAsChineseNames() throws {
        let r = try #require(Self.validate(Self.with([
            .plateType: "大型汽车", .vehicleType: "重型自卸货车", .useNature: "货运", .fuel: "柴油", .status: "正常",
        ])).value)
        #expect(r.plateType?.code == "01")
        #expect(r.vehicleType.code == "H17")
        #expect(r.useNature.code == "F")
        #expect(r.fuel.code == "B")
        #expect(r.status.letters == "A")
    }

    @Test func plateAndVINAreNormalised() throws {
        let r = try #require(Self.validate(Self.with([.plate: "豫ａ 12345", .vin: "lzff25m4x8d004248"])).value)
        #expect(r.plate.text == "豫A12345")
        #expect(r.vin.text == "LZFF25M4X8D004248")
    }

    @Test(arguments: [Field.plate, .vin, .vehicleType, .useNature, .fuel, .firstRegistered, .owner, .status])
    func requiredFieldBlank(field: Field) {
        Self.onlyProblem(Self.with([field: ""]), field, "REQUIRED")
        var absent = Self.valid
        absent[field] = nil
        Self.onlyProblem(absent, field, "REQUIRED")
    }

    @Test func everyRequiredFieldBlankAtOnceIsReportedTogether() {
        let p = Self.problems([:])
        #expect(Set(p.map(\.0)) == [.plate, .vin, .vehicleType, .useNature, .fuel, .firstRegistered, .owner, .status])
        #expect(p.allSatisfy { $0.1 == "REQUIRED" })
    }

    @Test func problemKeepsTheValue() {
        let p = Self.validate(Self.with([.plate: "豫A1234", .fuel: "X"])).problems
        #expect(p.count == 2)
        #expect(p.contains { $0.field == .plate && $0.value == "豫A1234" && $0.reason.code == "BAD_PLATE" })
        #expect(p.contains { $0.field == .fuel && $0.value == "X" && $0.reason.code == "BAD_CODE" })
    }

    @Test(arguments: ["豫A1234", "A12345", "豫I12345", "豫A1234O", "豫A123456", "豫AL12345"])
    func badPlate(plate: String) {
        Self.onlyProblem(Self.with([.plate: plate]), .plate, "BAD_PLATE")
    }

    @Test func plateType51NeedsANewEnergyPlate() throws {
        Self.onlyProblem(Self.with([.plateType: "51"]), .plateType, "PLATE_TYPE_MISMATCH")
        Self.onlyProblem(Self.with([.plateType: "52"]), .plateType, "PLATE_TYPE_MISMATCH")
        Self.onlyProblem(Self.with([.plateType: "大型新能源汽车"]), .plateType, "PLATE_TYPE_MISMATCH")
        let ok = try #require(Self.validate(Self.with([.plate: "豫A12345D", .plateType: "51"])).value)
        #expect(ok.plateType == .largeNewEnergy)
        #expect(ok.plate.isNewEnergy)
        #expect(Self.validate(Self.with([.plate: "豫AD12345", .plateType: "52"])).value != nil)
    }

    @Test func plateType15NeedsATrailerPlate() throws {
        Self.onlyProblem(Self.with([.plateType: "15"]), .plateType, "PLATE_TYPE_MISMATCH")
        Self.onlyProblem(Self.with([.plate: "豫A12345D", .plateType: "15"]), .plateType, "PLATE_TYPE_MISMATCH")
        let ok = try #require(Self.validate(Self.with([.plate: "豫A1234挂", .plateType: "15", .vehicleType: "B16"])).value)
        #expect(ok.plateType == .trailer)
        #expect(ok.plate.format == .trailer)
    }

    @Test func otherPlateTypesAreKept() throws {
        let r = try #require(Self.validate(Self.with([.plateType: "23"])).value)
        #expect(r.plateType?.code == "23")
        #expect(Self.validate(Self.with([.plateType: "1"])).value?.plateType == .large)
        Self.onlyProblem(Self.with([.plateType: "大车"]), .plateType, "BAD_CODE")
    }

    @Test func badPlateDoesNotAlsoReportThePlateType() {
        // The plate type cannot be checked against a plate that is not one.
        Self.onlyProblem(Self.with([.plate: "豫A1234", .plateType: "51"]), .plate, "BAD_PLATE")
    }

    @Test(arguments: ["LZFF25M4X8D00424", "LZFF25M4X8D00424O", "LZFF25M4X8D0042481", "车辆识别代号"])
    func badVIN(vin: String) {
        Self.onlyProblem(Self.with([.vin: vin]), .vin, "BAD_VIN")
    }

    @Test func wrongCheckDigitIsNotARejection() throws {
        let r = try #require(Self.validate(Self.with([.vin: "LZFF25M408D004248"])).value)
        #expect(!r.vin.checkDigitIsValid)
    }

    @Test(arguments: [(Field.vehicleType, "H99"), (.vehicleType, "重型货车"), (.useNature, "V"), (.fuel, "X"),
                      (.fuel, "汽")])
    func unknownCodes(field: Field, value: String) {
        var row = Self.with([field: value])
        if field == .vehicleType { row[.grossMassKg] = "25000" }
        Self.onlyProblem(row, field, "BAD_CODE")
    }

    @Test(arguments: ["H11", "H17", "H31", "H51", "Q11", "Q21", "Z51", "Z11"])
    func grossMassRequiredForHQZ(type: String) {
        Self.onlyProblem(Self.with([.vehicleType: type, .grossMassKg: ""]), .grossMassKg, "REQUIRED")
    }

    @Test(arguments: ["K11", "K33", "B16", "G16", "M21"])
    func grossMassOptionalForOtherTypes(type: String) throws {
        let r = try #require(Self.validate(Self.with([.vehicleType: type, .grossMassKg: ""])).value)
        #expect(r.grossMassKg == nil)
    }

    @Test(arguments: ["3,500", "3500.5", "-1", "0", "abc", "1234567", "25吨", "２５０００"])
    func badGrossMass(mass: String) {
        Self.onlyProblem(Self.with([.grossMassKg: mass]), .grossMassKg, "BAD_NUMBER")
    }

    @Test func grossMassBounds() {
        #expect(Self.validate(Self.with([.grossMassKg: "1"])).value?.grossMassKg == 1)
        #expect(Self.validate(Self.with([.grossMassKg: "999999"])).value?.grossMassKg == 999_999)
        #expect(Self.validate(Self.with([.grossMassKg: "03500"])).value?.grossMassKg == 3_500)
        #expect(Self.validate(Self.with([.vehicleType: "K33", .grossMassKg: "1500"])).value?.grossMassKg == 1_500)
    }

    @Test(arguments: [
        ("国III", EmissionStage.III), ("国Ⅳ", .IV), ("国五", .V), ("国六b", .VI), ("国VI(b)", .VI), ("China III", .III),
        ("国0", .zero),
    ])
    func declaredStage(text: String, stage: EmissionStage) throws {
        let r = try #require(Self.validate(Self.with([.emissionStandard: text])).value)
        #expect(r.declaredStage == stage)
    }

    @Test func badStage() {
        Self.onlyProblem(Self.with([.emissionStandard: "国七"]), .emissionStandard, "BAD_EMISSION")
    }

    @Test(arguments: [(Field.firstRegistered, "2021-02-29"), (.firstRegistered, "2020/13/1"), (.firstRegistered, "昨天"),
                      (.statusDate, "2021-02-29"), (.statusDate, "20201")])
    func badDates(field: Field, value: String) {
        Self.onlyProblem(Self.with([field: value]), field, "BAD_DATE")
    }

    @Test(arguments: ["2020-11-02", "2020/11/2", "20201102"])
    func dateForms(text: String) throws {
        let r = try #require(Self.validate(Self.with([.firstRegistered: text, .statusDate: text])).value)
        #expect(r.firstRegistered == date("2020-11-02"))
        #expect(r.statusDate == date("2020-11-02"))
    }

    // MARK: township

    @Test(arguments: [("白寨镇", "白寨镇"), ("白寨", "白寨镇"), ("青屏街道", "青屏街街道"), ("青屏街街道", "青屏街街道")])
    func declaredTownshipIsStoredByName(text: String, name: String) throws {
        let r = try #require(Self.validate(Self.with([.township: text, .address: "新密市超化镇"])).value)
        #expect(r.township == name)
        #expect(r.townshipSource == .declared)
    }

    @Test func unknownTownshipIsInvalid() {
        Self.onlyProblem(Self.with([.township: "郑州镇"]), .township, "BAD_TOWNSHIP")
        // Even when the address would name one.
        Self.onlyProblem(Self.with([.township: "白", .address: "新密市白寨镇"]), .township, "BAD_TOWNSHIP")
    }

    @Test func townshipFoundFromTheAddress() throws {
        let r = try #require(Self.validate(Self.with([.township: "", .address: "新密市城关路米村镇张村"])).value)
        #expect(r.township == "米村镇")
        #expect(r.townshipSource == .address)
    }

    @Test func noTownshipAndNoMatchIsUnassigned() throws {
        let r = try #require(Self.validate(Self.with([.township: "", .address: "郑州市金水区"])).value)
        #expect(r.township == "未匹配")
        #expect(r.townshipSource == .unassigned)
    }

    @Test func customTownshipTable() throws {
        let t = TownshipTable([.init(name: "甲镇", aliases: ["老甲"])])
        let r = try #require(Self.validate(Self.with([.township: "老甲"]), townships: t).value)
        #expect(r.township == "甲镇")
        #expect(Self.validate(Self.with([.township: "白寨镇"]), townships: t).value == nil)
    }

    // MARK: status

    @Test(arguments: [("A", "A", true), ("E", "E", false), ("GQ", "GQ", true), ("qg", "GQ", true), ("BE", "BE", false),
                      ("M", "M", false), ("P", "P", false), ("违法未处理、逾期未检验", "GQ", true)])
    func statusLetters(text: String, letters: String, active: Bool) throws {
        let r = try #require(Self.validate(Self.with([.status: text])).value)
        #expect(r.status.letters == letters)
        #expect(r.status.isActive == active)
    }

    @Test(arguments: ["F", "AX", "1", "正常的"])
    func badStatus(text: String) {
        Self.onlyProblem(Self.with([.status: text]), .status, "BAD_STATUS")
    }

    // MARK: emission via the registration

    @Test func zeroEmissionFuelIgnoresTheWrittenStage() throws {
        let r = try #require(Self.validate(Self.with([.fuel: "电", .emissionStandard: "国III"])).value)
        #expect(r.declaredStage == .III)
        let inf = EmissionInference(table: try Policy.default().emission)
        #expect(r.emission(inf) == EmissionAssessment(stage: .ZE, tier: .declared))
    }

    @Test func fieldAliasesMatchDataMd() {
        #expect(Field.allCases.map(\.rawValue) == [
            "plate", "plate_type", "vin", "vehicle_type", "use_nature", "fuel", "emission_standard", "first_registered",
            "gross_mass_kg", "owner", "address", "township", "status", "status_date", "phone",
        ])
    }
}
