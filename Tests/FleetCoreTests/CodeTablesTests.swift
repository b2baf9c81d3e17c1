import Testing
@testable import FleetCore

// MARK: - CodeTable and trimming

@Suite struct CodeTableTests {
    @Test func lookupByCodeAnyCaseOrChineseName() {
        #expect(Fuel.table.lookup("B")?.chineseName == "柴油")
        #expect(Fuel.table.lookup("b")?.code == "B")
        #expect(Fuel.table.lookup("柴油")?.code == "B")
        #expect(Fuel.table.lookup(" 柴油\u{3000}")?.code == "B")
        #expect(Fuel.table.lookup("\tB\r\n")?.code == "B")
    }

    @Test func unknownOrBlankIsNil() {
        #expect(Fuel.table.lookup("X") == nil)
        #expect(Fuel.table.lookup("") == nil)
        #expect(Fuel.table.lookup("   ") == nil)
        #expect(Fuel.table.lookup("柴") == nil)
        #expect(Fuel.table.lookup("BB") == nil)
    }

    @Test(arguments: [
        ("  a b  ", "a b"), ("\u{3000}中文\u{3000}", "中文"), ("\t\r\n", ""), ("", ""), ("x", "x"),
    ])
    func trimmingSpaces(raw: String, expected: String) {
        #expect(raw.trimmingSpaces == expected)
        #expect(Substring(raw).trimmingSpaces == expected)
    }

    @Test func codesAndNamesAreUniqueInEveryTable() {
        func check<C: RegistryCode>(_ all: [C]) {
            #expect(Set(all.map(\.code)).count == all.count)
            #expect(Set(all.map(\.chineseName)).count == all.count)
        }
        check(Fuel.all)
        check(UseNature.all)
        check(PlateType.known)
        check(VehicleType.all)
    }

    /// A code's place (what packed facts store) gives it back; a plate type's number is its code.
    @Test func everyCodeIsAtItsPlace() {
        #expect(VehicleType.all.indices.allSatisfy { VehicleType.all[VehicleType.all[$0].place] == VehicleType.all[$0] && VehicleType.all[$0].place == $0 })
        #expect(UseNature.all.indices.allSatisfy { UseNature.all[$0].place == $0 })
        #expect(Fuel.all.indices.allSatisfy { Fuel.all[$0].place == $0 })
        #expect(PlateType.lookup("01")?.codeNumber == 1 && PlateType.lookup("52")?.codeNumber == 52)
    }

    @Test func everyEntryIsFoundByCodeAndByName() {
        for t in VehicleType.all {
            #expect(VehicleType.table.lookup(t.code) == t)
            #expect(VehicleType.table.lookup(t.chineseName) == t)
            #expect(VehicleType.table.lookup(t.code.lowercased()) == t)
        }
        for f in Fuel.all { #expect(Fuel.table.lookup(f.chineseName) == f) }
        for u in UseNature.all { #expect(UseNature.table.lookup(u.chineseName) == u) }
    }
}

// MARK: - Fuel

@Suite struct FuelTests {
    @Test func tableMatchesDataMd() {
        let expected: [(String, String)] = [
            ("A", "汽油"), ("B", "柴油"), ("C", "电"), ("D", "混合油"), ("E", "天然气"), ("F", "液化石油气"),
            ("L", "甲醇"), ("M", "乙醇"), ("N", "太阳能"), ("O", "混合动力"), ("P", "氢"), ("Q", "生物燃料"),
            ("Y", "无"), ("Z", "其他"),
        ]
        #expect(Fuel.all.map(\.code) == expected.map(\.0))
        #expect(Fuel.all.map(\.chineseName) == expected.map(\.1))
    }

    @Test func dieselIsBOnly() {
        #expect(Fuel.all.filter(\.isDiesel).map(\.code) == ["B"])
        #expect(Fuel.table.lookup("柴油")?.isDiesel == true)
        #expect(Fuel.table.lookup("汽油")?.isDiesel == false)
    }

    @Test func zeroEmissionIsElectricAndHydrogen() {
        #expect(Fuel.all.filter(\.isZeroEmission).map(\.code) == ["C", "P"])
        #expect(Fuel.table.lookup("电")?.isZeroEmission == true)
        #expect(Fuel.table.lookup("氢")?.isZeroEmission == true)
        #expect(Fuel.table.lookup("混合动力")?.isZeroEmission == false)
        #expect(Fuel.table.lookup("天然气")?.isZeroEmission == false)
    }
}

// MARK: - UseNature

@Suite struct UseNatureTests {
    @Test func tableMatchesDataMd() {
        #expect(UseNature.all.map(\.code) == ["A", "B", "C", "D", "E", "F", "G", "H", "I", "J", "K", "L", "M", "N",
                                              "O", "P", "Q", "R", "S", "T", "U", "Z"])
        #expect(UseNature.table.lookup("A")?.chineseName == "非营运")
        #expect(UseNature.table.lookup("F")?.chineseName == "货运")
        #expect(UseNature.table.lookup("R")?.chineseName == "危化品运输")
        #expect(UseNature.table.lookup("U")?.chineseName == "预约出租转非")
        #expect(UseNature.table.lookup("Z")?.chineseName == "其他")
        #expect(UseNature.table.lookup("营转非")?.code == "L")
    }

    @Test func operatingGoodsIsFAndR() {
        #expect(UseNature.all.filter(\.isOperatingGoods).map(\.code) == ["F", "R"])
        #expect(UseNature.table.lookup("货运")?.isOperatingGoods == true)
        #expect(UseNature.table.lookup("非营运")?.isOperatingGoods == false)
        #expect(UseNature.table.lookup("营转非")?.isOperatingGoods == false)
    }

    @Test func unknownCode() {
        #expect(UseNature.table.lookup("V") == nil)
        #expect(UseNature.table.lookup("营运") == nil)
    }
}

// MARK: - PlateType

@Suite struct PlateTypeTests {
    @Test(arguments: [
        ("01", "01", "大型汽车"), ("1", "01", "大型汽车"), ("大型汽车", "01", "大型汽车"),
        ("02", "02", "小型汽车"), ("小型汽车", "02", "小型汽车"), ("2", "02", "小型汽车"),
        ("15", "15", "挂车"), ("挂车", "15", "挂车"),
        ("51", "51", "大型新能源汽车"), ("大型新能源汽车", "51", "大型新能源汽车"),
        ("52", "52", "小型新能源汽车"), (" 小型新能源汽车 ", "52", "小型新能源汽车"),
    ])
    func knownTypes(text: String, code: String, name: String) {
        let t = PlateType.lookup(text)
        #expect(t?.code == code)
        #expect(t?.chineseName == name)
    }

    @Test func otherNumericCodesAreKept() {
        #expect(PlateType.lookup("99")?.code == "99")
        #expect(PlateType.lookup("7")?.code == "07")
        #expect(PlateType.lookup("23")?.chineseName == "23")
    }

    @Test(arguments: ["", "abc", "100", "1a", "摩托车", "-1"])
    func invalidTypes(text: String) {
        #expect(PlateType.lookup(text) == nil)
    }

    @Test func newEnergyTypes() {
        #expect(PlateType.largeNewEnergy.isNewEnergy)
        #expect(PlateType.smallNewEnergy.isNewEnergy)
        #expect(!PlateType.large.isNewEnergy)
        #expect(!PlateType.small.isNewEnergy)
        #expect(!PlateType.trailer.isNewEnergy)
    }

    @Test func admitsPlateFormats() throws {
        let ordinary = try Plate.parse("豫A12345")
        let trailer = try Plate.parse("豫A1234挂")
        let small = try Plate.parse("豫AD12345")
        let large = try Plate.parse("豫A12345D")
        #expect(!PlateType.largeNewEnergy.admits(ordinary))
        #expect(!PlateType.smallNewEnergy.admits(ordinary))
        #expect(!PlateType.largeNewEnergy.admits(trailer))
        #expect(PlateType.largeNewEnergy.admits(large))
        #expect(PlateType.smallNewEnergy.admits(small))
        #expect(PlateType.largeNewEnergy.admits(small))
        #expect(!PlateType.trailer.admits(ordinary))
        #expect(!PlateType.trailer.admits(large))
        #expect(PlateType.trailer.admits(trailer))
        for p in [ordinary, trailer, small, large] {
            #expect(PlateType.large.admits(p))
            #expect(PlateType.small.admits(p))
            #expect(PlateType.lookup("99")!.admits(p))
        }
    }
}

// MARK: - VehicleType

@Suite struct VehicleTypeTests {
    static func type(_ code: String) -> VehicleType { VehicleType.table.lookup(code)! }

    @Test func lookupByCodeAndName() {
        #expect(VehicleType.table.lookup("H17")?.chineseName == "重型自卸货车")
        #expect(VehicleType.table.lookup("重型自卸货车")?.code == "H17")
        #expect(VehicleType.table.lookup("h17")?.code == "H17")
        #expect(VehicleType.table.lookup("重型半挂牵引车")?.code == "Q11")
        #expect(VehicleType.table.lookup("K33")?.chineseName == "小型轿车")
    }

    @Test(arguments: ["H99", "H1", "Y11", "", "重型货车", "HH1"])
    func unknownCodes(text: String) {
        #expect(VehicleType.table.lookup(text) == nil)
    }

    @Test(arguments: [
        ("H11", Character("H"), true), ("H25", "H", true), ("H51", "H", true), ("Q11", "Q", true), ("Q32", "Q", true),
        ("Z51", "Z", false), ("G16", "G", false), ("B11", "B", false), ("K11", "K", false), ("K33", "K", false),
        ("M21", "M", false), ("N11", "N", false), ("T11", "T", false),
    ])
    func familyAndGoods(code: String, family: Character, goods: Bool) {
        let t = Self.type(code)
        #expect(t.family == family)
        #expect(t.isGoods == goods)
    }

    @Test(arguments: [
        ("H11", VehicleType.SizeClass.heavy), ("H17", .heavy), ("H1G", .heavy), ("Q11", .heavy), ("Q12", .heavy),
        ("Z51", .heavy),
        ("H21", .medium), ("H2B", .medium), ("Q21", .medium), ("Z21", .medium),
        ("H31", .light), ("H37", .light), ("Q31", .light), ("Z71", .light),
        ("H41", .micro), ("H4G", .micro),
        ("H51", .lowSpeed), ("H54", .lowSpeed),
        ("Z11", .none), ("Z31", .none), ("Z41", .none), ("K11", .none), ("B11", .none), ("G16", .none),
        ("M21", .none),
    ])
    func sizeClassFromCode(code: String, size: VehicleType.SizeClass) {
        #expect(Self.type(code).sizeClass == size)
    }

    @Test func sizeClassRawValues() {
        #expect(VehicleType.SizeClass.lowSpeed.rawValue == "low_speed")
        #expect(VehicleType.SizeClass.heavy.rawValue == "heavy")
    }

    /// data.md: H17, H1B–H1G, H27, H2B–H2G, H37, H3B–H3G, H4B–H4G, H54, B16, G16.
    static let dataMdDumpCodes: Set<String> = {
        var s: Set<String> = ["H17", "H27", "H37", "H54", "B16", "G16"]
        for p in ["H1", "H2", "H3", "H4"] { for x in ["B", "C", "D", "E", "F", "G"] { s.insert(p + x) } }
        return s
    }()

    @Test func dumpBodiesAreExactlyThoseOfDataMd() {
        #expect(Self.dataMdDumpCodes.count == 30)
        let dump = Set(VehicleType.all.filter(\.isDumpBody).map(\.code))
        #expect(dump == Self.dataMdDumpCodes)
    }

    @Test(arguments: ["H17", "H1B", "H1C", "H1D", "H1E", "H1F", "H1G", "H27", "H2D", "H37", "H3G", "H4B", "H4G",
                      "H54", "B16", "G16"])
    func dumpBodies(code: String) {
        #expect(Self.type(code).isDumpBody)
    }

    @Test(arguments: ["H11", "H12", "H18", "H1A", "H21", "H31", "H41", "H51", "H53", "Q11", "Z51", "B11", "G11",
                      "B26", "G36", "K11"])
    func notDumpBodies(code: String) {
        #expect(!Self.type(code).isDumpBody)
    }

    @Test func goodsAreHAndQOnly() {
        let goodsFamilies = Set(VehicleType.all.filter(\.isGoods).map(\.family))
        #expect(goodsFamilies == ["H", "Q"])
    }

    @Test(arguments: [("H17", true), ("Q11", true), ("Z51", true), ("Z11", true), ("K11", false), ("G16", false),
                      ("B11", false), ("M21", false)])
    func grossMassRequiredForHQZ(code: String, required: Bool) {
        #expect(Self.type(code).requiresGrossMass == required)
    }
}

// MARK: - VehicleStatus

@Suite struct VehicleStatusTests {
    @Test(arguments: [
        ("A", "A"), ("gq", "GQ"), ("QG", "GQ"), ("E", "E"), ("A,E", "AE"), ("A E", "AE"), ("ＧＱ", "GQ"),
        ("AA", "A"), ("违法未处理、逾期未检验", "GQ"), ("正常", "A"), ("注销，强制注销", "EM"),
        ("达到报废标准公告牌证作废", "P"), ("转出;B", "B"),
        // Chinese names separated by spaces (as the doc comment promises)
        ("违法未处理 逾期未检验", "GQ"), ("注销\u{3000}强制注销", "EM"), (" 正常 ", "A"), ("正常、 G", "AG"), ("正常、·", "A"),
    ])
    func parse(raw: String, letters: String) throws {
        let s = try VehicleStatus.parse(raw)
        #expect(s.letters == letters)
        #expect(s.description == letters)
    }

    @Test func emptyStatus() {
        #expect(throws: VehicleStatus.Problem.empty) { try VehicleStatus.parse("") }
        #expect(throws: VehicleStatus.Problem.empty) { try VehicleStatus.parse("  ") }
    }

    @Test(arguments: [("F", Character("F")), ("AR", "R"), ("AZ", "Z"), ("1", "1"), ("未知", "未")])
    func unknownLetters(raw: String, bad: Character) {
        #expect(throws: VehicleStatus.Problem.unknownLetter(bad)) { try VehicleStatus.parse(raw) }
    }

    @Test func everyLetterOfDataMdIsKnown() {
        #expect(Set(VehicleStatus.names.keys) == Set("ABCDEGHIJKLMNOPQ"))
        #expect(VehicleStatus.names["A"] == "正常")
        #expect(VehicleStatus.names["Q"] == "逾期未检验")
    }

    @Test(arguments: [
        // letters, gone, eliminated (default), eliminated counting transfers out
        ("A", false, false, false), ("GQ", false, false, false), ("D", false, false, false),
        ("C", false, false, false), ("K", false, false, false), ("AG", false, false, false),
        ("B", true, false, true), ("E", true, true, true), ("M", true, true, true), ("P", true, true, true),
        ("GE", true, true, true), ("BQ", true, false, true), ("BE", true, true, true),
    ])
    func goneActiveEliminated(letters: String, gone: Bool, eliminated: Bool, eliminatedWithTransfers: Bool) throws {
        let s = try VehicleStatus.parse(letters)
        #expect(s.isGone == gone)
        #expect(s.isActive == !gone)
        #expect(s.isEliminated(countingTransfers: false) == eliminated)
        #expect(s.isEliminated(countingTransfers: true) == eliminatedWithTransfers)
    }

    @Test func containsAndChineseNames() throws {
        let s = try VehicleStatus.parse("QG")
        #expect(s.contains("G"))
        #expect(s.contains("Q"))
        #expect(!s.contains("A"))
        #expect(s.chineseNames == "违法未处理、逾期未检验")
    }
}
