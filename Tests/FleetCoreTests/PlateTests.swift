import Testing
@testable import FleetCore

@Suite struct PlateTests {
    @Test(arguments: [
        ("豫A12345", Plate.Format.ordinary),
        ("豫AB1234", .ordinary),
        ("豫AZZZZZ", .ordinary),
        ("京N9X8Y7", .ordinary),
        ("豫A1234挂", .trailer),
        ("豫AB123挂", .trailer),
        ("豫AD12345", .newEnergySmall),
        ("豫AKZ1234", .newEnergySmall),
        ("豫AF71234", .newEnergySmall),
        ("豫A12345D", .newEnergyLarge),
        ("粤B00000K", .newEnergyLarge),
    ])
    func validFormats(text: String, format: Plate.Format) throws {
        let p = try Plate.parse(text)
        #expect(p.format == format)
        #expect(p.text == text)
        #expect(p.description == text)
    }

    @Test func newEnergyFlag() throws {
        #expect(try Plate.parse("豫AD12345").isNewEnergy)
        #expect(try Plate.parse("豫A12345D").isNewEnergy)
        #expect(try !Plate.parse("豫A12345").isNewEnergy)
        #expect(try !Plate.parse("豫A1234挂").isNewEnergy)
    }

    @Test func provinceAndPrefix() throws {
        let p = try Plate.parse("豫A12345")
        #expect(p.province == "豫")
        #expect(p.prefix == "豫A")
        let q = try Plate.parse("京N12345")
        #expect(q.prefix == "京N")
    }

    @Test(arguments: [
        ("豫a12345", "豫A12345"),
        ("豫A 123 45", "豫A12345"),
        ("  豫A12345\t", "豫A12345"),
        ("豫Ａ１２３４５", "豫A12345"),
        ("豫ａｂ１２３４", "豫AB1234"),
        ("豫Ａ１２３４挂", "豫A1234挂"),
        ("豫A·12345", "豫A12345"),
        ("豫A\u{3000}12345", "豫A12345"),
        ("豫ad12345", "豫AD12345"),
    ])
    func normalisation(raw: String, expected: String) throws {
        #expect(Plate.normalize(raw) == expected)
        #expect(try Plate.parse(raw).text == expected)
    }

    @Test(arguments: [
        "豫I12345",      // issuing letter I
        "豫O12345",      // issuing letter O
        "豫1A2345",      // issuing character a digit
        "豫A1234",       // too short
        "豫A123456",     // six digits: not new energy
        "豫A1234O",      // O in serial
        "豫A12I45",      // I in serial
        "豫A123挂",      // trailer with three characters
        "豫A1234警",     // not a trailer
        "豫A12挂45",     // 挂 not last
        "豫AL12345",     // small new energy needs DABCEFGHJK first
        "豫AD1234A",     // small new energy needs four digits at the end
        "豫A1234AD",     // large new energy needs five digits
        "豫A12345L",     // large new energy letter must be DABCEFGHJK
        "豫A",
        "豫",
        "豫A12-345",
    ])
    func badFormat(text: String) {
        #expect(throws: Plate.Problem.badFormat) { try Plate.parse(text) }
    }

    @Test func unknownProvince() {
        #expect(throws: Plate.Problem.unknownProvince("A")) { try Plate.parse("A12345") }
        #expect(throws: Plate.Problem.unknownProvince("港")) { try Plate.parse("港A12345") }
        #expect(throws: Plate.Problem.unknownProvince("1")) { try Plate.parse("１２３４５６７") }
    }

    @Test func empty() {
        #expect(throws: Plate.Problem.empty) { try Plate.parse("") }
        #expect(throws: Plate.Problem.empty) { try Plate.parse("   ") }
    }

    @Test func allThirtyOneProvincesAccepted() throws {
        #expect(Plate.provinces.count == 31)
        for p in Plate.provinces {
            #expect(try Plate.parse("\(p)A12345").format == .ordinary)
        }
    }

    @Test func equalityAfterNormalisation() throws {
        #expect(try Plate.parse("豫a 12345") == Plate.parse("豫A12345"))
        #expect(try Plate.parse("豫A12345") != Plate.parse("豫A12346"))
    }

    @Test func formatRawValues() {
        #expect(Plate.Format.allCases.map(\.rawValue) == ["ordinary", "trailer", "new_energy_small", "new_energy_large"])
    }
}
