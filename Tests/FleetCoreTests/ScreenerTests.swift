import Foundation
import Testing
@testable import FleetCore

/// rules.md §2, §3 and §7: the usage classes, every screening flag at its boundaries, the scope
/// and the township list, on facts built by hand with the default policy.
@Suite struct ScreenerTests {
    static let asOf = date("2020-11-15")
    static let screener = Screener(policy: try! Policy.default())
    /// A VIN whose check digit is right (position 9 = 'X').
    static let goodVIN = "LZFF25M4X8D004248"

    /// An active heavy truck (H11, non-operating use A, diesel, 国V declared, good VIN):
    /// in scope, usage UNKNOWN, nothing else, unless changed.
    static func truck(plate: String = "豫A12345", plateType: PlateType? = .large, vin: String = goodVIN,
                      type: String = "H11", use: String = "A", fuel: String = "B", declared: EmissionStage? = .V,
                      first: String = "2018-05-01", mass: Int? = 25_000, status: String = "A", statusDate: String? = nil,
                      township: String = "白寨镇") -> VehicleRegistration {
        VehicleRegistration(
            plate: try! Plate.parse(plate), plateType: plateType, vin: try! VIN.parse(vin),
            vehicleType: VehicleType.table.lookup(type)!, useNature: UseNature.table.lookup(use)!,
            fuel: FleetCoreTests.fuel(fuel), declaredStage: declared, firstRegistered: date(first), grossMassKg: mass,
            owner: "新密市某某运输有限公司", address: "新密市白寨镇", township: township, townshipSource: .declared,
            status: try! VehicleStatus.parse(status), statusDate: statusDate.map(date), phone: "13812341234")
    }

    static func facts(_ reg: VehicleRegistration? = truck(), plate: String = "豫A12345") -> VehicleFacts {
        VehicleFacts(plate: reg?.plate.text ?? plate, registration: reg, registrationSource: FactSource(batch: 1, line: 2))
    }

    static func day(_ offset: Int) -> CivilDate { asOf.adding(days: offset) }

    static func approval(_ no: String = "ZT2020-001", from: CivilDate, to: CivilDate, revoked: Bool = false) -> MuckApproval {
        MuckApproval(approvalNo: no, company: "新密市顺达土石方有限公司", validFrom: from, validTo: to, revoked: revoked)
    }
    static func license(to: CivilDate) -> TransportLicense {
        TransportLicense(licenseNo: "豫交运管410183000001", operatorName: "新密新源物流有限公司", scope: "普通货运", validTo: to)
    }
    static func sanitation(bought: CivilDate) -> SanitationEntry {
        SanitationEntry(operatorName: "新密市环卫处", purchasedOn: bought, area: "城区")
    }
    static func filing(inUse: Bool = true, filedOn: CivilDate? = date("2020-01-01"), builtUp: Bool = true) -> EnterpriseFiling {
        EnterpriseFiling(enterpriseID: "QY001", enterpriseName: "新密市某耐材公司", enterpriseTownship: "米村镇",
                         inBuiltUpArea: builtUp, filedOn: filedOn, inUse: inUse)
    }
    static func inspection(_ key: String = "JC1", on day: CivilDate, hour: Int = 10, minute: Int = 0, second: Int = 0,
                           kind: InspectionKind = .nightCheck, result: InspectionResult) -> InspectionRecord {
        InspectionRecord(recordKey: key, checkedAt: CivilDateTime(date: day, hour: hour, minute: minute, second: second),
                         kind: kind, result: result, location: "西大街")
    }
    static func finding(_ conclusion: FindingConclusion, on day: CivilDate, item: String = "QD0000001",
                        usage: String? = nil) -> TownshipFinding {
        TownshipFinding(itemID: item, township: "白寨镇", conclusion: conclusion,
                        confirmedUsage: usage ?? (conclusion == .usageConfirmed ? "自用运输建材" : nil), investigatedOn: day)
    }

    static func screen(_ f: VehicleFacts, asOf: CivilDate = asOf) -> ScreeningResult { screener.screen(f, asOf: asOf) }

    // MARK: Usage classes (§2)

    @Test func noEvidenceIsUnknownWithUnknownUse() {
        let r = Self.screen(Self.facts())
        #expect(r.inScope)
        #expect(r.usage == .unknown)
        #expect(r.usageEvidence.isEmpty)
        #expect(r.flagCodes == ["UNKNOWN_USE"])
        #expect(r.township == "白寨镇")
        #expect(r.onTownshipList)
        #expect(r.flags[0].evidence.first?.kind == "registration")
    }

    @Test func eachUsageClassAlone() {
        var f = Self.facts()
        f.muckApprovals = [Self.approval(from: Self.day(-10), to: Self.day(10))]
        #expect(Self.screen(f).usage == .muckApproved)

        f = Self.facts()
        f.sanitation = [Self.sanitation(bought: date("2019-01-01"))]
        #expect(Self.screen(f).usage == .sanitation)

        f = Self.facts()
        f.filings = [Self.filing()]
        #expect(Self.screen(f).usage == .bulkEnterprise)

        f = Self.facts()
        f.transportLicenses = [Self.license(to: Self.day(100))]
        #expect(Self.screen(f).usage == .operatingFreight)

        f = Self.facts()
        f.findings = [Self.finding(.usageConfirmed, on: Self.day(-30))]
        #expect(Self.screen(f).usage == .townshipConfirmed)
        #expect(!Self.screen(f).has("UNKNOWN_USE"))
    }

    /// All five kinds of evidence: the first class wins, and every piece of evidence is listed.
    /// Taking the winner's evidence away each time gives the next class.
    @Test func precedenceAndAllEvidenceListed() {
        var f = Self.facts()
        f.muckApprovals = [Self.approval(from: Self.day(-10), to: Self.day(10))]
        f.sanitation = [Self.sanitation(bought: date("2019-01-01"))]
        f.filings = [Self.filing()]
        f.transportLicenses = [Self.license(to: Self.day(100))]
        f.findings = [Self.finding(.usageConfirmed, on: Self.day(-30))]

        var r = Self.screen(f)
        #expect(r.usage == .muckApproved)
        #expect(r.usageEvidence.map(\.supports) == ["MUCK_APPROVED", "SANITATION", "BULK_ENTERPRISE", "OPERATING_FREIGHT", "TOWNSHIP_CONFIRMED"])
        #expect(r.usageEvidence.map(\.kind) == ["muck_approval", "sanitation", "enterprise_filing", "transport_license", "finding"])
        #expect(!r.has("UNKNOWN_USE"))

        f.muckApprovals = []
        r = Self.screen(f)
        #expect(r.usage == .sanitation)
        #expect(r.usageEvidence.count == 4)

        f.sanitation = []
        r = Self.screen(f)
        #expect(r.usage == .bulkEnterprise)
        #expect(r.usageEvidence.count == 3)

        f.filings = []
        r = Self.screen(f)
        #expect(r.usage == .operatingFreight)
        #expect(r.usageEvidence.map(\.supports) == ["OPERATING_FREIGHT", "TOWNSHIP_CONFIRMED"])

        f.transportLicenses = []
        r = Self.screen(f)
        #expect(r.usage == .townshipConfirmed)

        f.findings = []
        r = Self.screen(f)
        #expect(r.usage == .unknown)
        #expect(r.usageEvidence.isEmpty)
    }

    @Test func twoApprovalsBothListed() {
        var f = Self.facts()
        f.muckApprovals = [Self.approval("A1", from: Self.day(-10), to: Self.day(10)),
                           Self.approval("A2", from: Self.day(-100), to: Self.day(0))]
        #expect(Self.screen(f).usageEvidence.map(\.reference) == ["A1", "A2"])
    }

    // MARK: Approval validity (§7.3, §7.4)

    @Test(arguments: [
        (-5, 0, true),    // last day of validity
        (0, 5, true),     // first day of validity
        (0, 0, true),     // a one-day approval on the day
        (-5, -1, false),  // expired the day before
        (1, 5, false),    // starts the day after
    ])
    func approvalValidBothEndsIncluded(from: Int, to: Int, valid: Bool) {
        var f = Self.facts()
        f.muckApprovals = [Self.approval(from: Self.day(from), to: Self.day(to))]
        let r = Self.screen(f)
        #expect((r.usage == .muckApproved) == valid)
        #expect(r.has("UNKNOWN_USE") == !valid)
    }

    @Test func revokedApprovalIsNeverValid() {
        var f = Self.facts()
        f.muckApprovals = [Self.approval(from: Self.day(-10), to: Self.day(10), revoked: true)]
        f.inspections = [Self.inspection(on: Self.day(-1), result: .haulingMuck)]
        let r = Self.screen(f)
        #expect(r.usage == .unknown)
        #expect(r.usageEvidence.isEmpty)
        #expect(r.has("UNAPPROVED_MUCK"))   // a revoked approval does not cover the sighting either
        #expect(!Self.approval(from: Self.day(-10), to: Self.day(10), revoked: true).isValid(on: Self.asOf))
    }

    // MARK: Other usage boundaries

    @Test func transportLicenseValidThroughItsLastDay() {
        var f = Self.facts()
        f.transportLicenses = [Self.license(to: Self.asOf)]
        #expect(Self.screen(f).usage == .operatingFreight)
        f.transportLicenses = [Self.license(to: Self.day(-1))]
        #expect(Self.screen(f).usage == .unknown)
    }

    @Test(arguments: [(-365, true), (-366, false), (0, true), (1, false)])
    func townshipConfirmedWithin365Days(offset: Int, counts: Bool) {
        var f = Self.facts()
        f.findings = [Self.finding(.usageConfirmed, on: Self.day(offset))]
        let r = Self.screen(f)
        #expect((r.usage == .townshipConfirmed) == counts)
        #expect(r.has("UNKNOWN_USE") == !counts)
    }

    @Test func otherFindingConclusionsDoNotConfirmUsage() {
        for c in [FindingConclusion.illegalMuck, .scrapped, .transferredOut, .notFound, .other] {
            var f = Self.facts()
            f.findings = [Self.finding(c, on: Self.day(-10))]
            #expect(Self.screen(f).usage == .unknown, "\(c)")
        }
    }

    @Test func sanitationAndFilingCountFromTheirDates() {
        var f = Self.facts()
        f.sanitation = [Self.sanitation(bought: Self.day(1))]
        #expect(Self.screen(f).usage == .unknown)
        f.sanitation = [Self.sanitation(bought: Self.asOf)]
        #expect(Self.screen(f).usage == .sanitation)

        f = Self.facts()
        f.filings = [Self.filing(filedOn: Self.day(1))]
        #expect(Self.screen(f).usage == .unknown)
        f.filings = [Self.filing(filedOn: Self.asOf)]
        #expect(Self.screen(f).usage == .bulkEnterprise)
        f.filings = [Self.filing(filedOn: nil)]
        #expect(Self.screen(f).usage == .bulkEnterprise)
    }

    @Test func withdrawnFilingIsNoFiling() {
        var f = Self.facts(Self.truck(declared: .IV))
        f.filings = [Self.filing(inUse: false)]
        let r = Self.screen(f)
        #expect(r.usage == .unknown)
        #expect(!r.has("BULK_RESTRICTED"))
    }

    // MARK: UNAPPROVED_MUCK (180 days, §7.2, §7.3)

    @Test(arguments: [(-180, true), (-181, false), (0, true), (1, false)])
    func haulingSightingWithin180Days(offset: Int, flagged: Bool) {
        var f = Self.facts()
        f.inspections = [Self.inspection(on: Self.day(offset), hour: 23, minute: 59, second: 59, kind: .siteCheck, result: .haulingMuck)]
        let r = Self.screen(f)
        #expect(r.has("UNAPPROVED_MUCK") == flagged)
        // The muck flag suppresses UNKNOWN_USE.
        #expect(r.has("UNKNOWN_USE") == !flagged)
    }

    @Test func sightingCoveredByAnApprovalValidThatDayDoesNotFlagEvenIfExpiredSince() {
        var f = Self.facts()
        let seen = Self.day(-100)
        f.inspections = [Self.inspection(on: seen, kind: .dumpSiteCheck, result: .haulingMuck)]
        f.muckApprovals = [Self.approval(from: Self.day(-120), to: seen)]      // last day = sighting day
        var r = Self.screen(f)
        #expect(!r.has("UNAPPROVED_MUCK"))
        #expect(r.usage == .unknown)      // expired by the as-of date
        #expect(r.has("UNKNOWN_USE"))

        f.muckApprovals = [Self.approval(from: seen, to: seen.adding(days: 30))]  // first day = sighting day
        #expect(!Self.screen(f).has("UNAPPROVED_MUCK"))

        f.muckApprovals = [Self.approval(from: Self.day(-120), to: seen.adding(days: -1))]  // ended the day before
        r = Self.screen(f)
        #expect(r.has("UNAPPROVED_MUCK"))

        f.muckApprovals = [Self.approval(from: seen.adding(days: 1), to: Self.day(100))]    // began the day after
        r = Self.screen(f)
        #expect(r.has("UNAPPROVED_MUCK"))
        #expect(r.usage == .muckApproved)    // valid now, but the sighting was before it
    }

    @Test func onlyUncoveredSightingsAreEvidence() throws {
        var f = Self.facts()
        f.inspections = [
            Self.inspection("S1", on: Self.day(-50), result: .haulingMuck),
            Self.inspection("S2", on: Self.day(-10), result: .haulingMuck),
            Self.inspection("S3", on: Self.day(-200), result: .haulingMuck),
            Self.inspection("S4", on: Self.day(-5), result: .other),
        ]
        f.muckApprovals = [Self.approval(from: Self.day(-60), to: Self.day(-40))]
        let r = Self.screen(f)
        let flag = try #require(r.flags.first { $0.code == "UNAPPROVED_MUCK" })
        #expect(flag.evidence.map(\.reference) == ["S2"])
        #expect(flag.evidence.allSatisfy { $0.kind == "inspection" })
    }

    // MARK: Findings (365 days)

    @Test(arguments: [(-365, true), (-366, false), (1, false)])
    func illegalMuckConfirmedWithin365Days(offset: Int, flagged: Bool) {
        var f = Self.facts()
        f.findings = [Self.finding(.illegalMuck, on: Self.day(offset))]
        let r = Self.screen(f)
        #expect(r.has("ILLEGAL_MUCK_CONFIRMED") == flagged)
        #expect(r.has("UNKNOWN_USE") == !flagged)
    }

    @Test(arguments: [
        (FindingConclusion.scrapped, -365, true), (.scrapped, -366, false),
        (.transferredOut, -365, true), (.transferredOut, -366, false),
        (.notFound, -365, true), (.notFound, -366, false), (.notFound, 1, false),
        (.usageConfirmed, -10, false), (.illegalMuck, -10, false), (.other, -10, false),
    ])
    func registryMismatchWithin365Days(conclusion: FindingConclusion, offset: Int, flagged: Bool) {
        var f = Self.facts()
        f.findings = [Self.finding(conclusion, on: Self.day(offset))]
        #expect(Self.screen(f).has("REGISTRY_MISMATCH") == flagged)
    }

    // MARK: OVER_STANDARD (latest of the emission-check kinds, 365 days)

    @Test(arguments: [InspectionKind.nightCheck, .roadside, .remoteSensing])
    func overStandardOnEachEmissionCheckKind(kind: InspectionKind) {
        var f = Self.facts()
        f.inspections = [Self.inspection(on: Self.day(-3), kind: kind, result: .overStandard)]
        let r = Self.screen(f)
        #expect(r.has("OVER_STANDARD"))
        #expect(r.flags.first { $0.code == "OVER_STANDARD" }?.evidence.first?.reference == "JC1")
    }

    @Test(arguments: [InspectionKind.siteCheck, .dumpSiteCheck])
    func siteChecksAreIgnored(kind: InspectionKind) {
        var f = Self.facts()
        f.inspections = [Self.inspection(on: Self.day(-3), kind: kind, result: .overStandard)]
        #expect(!Self.screen(f).has("OVER_STANDARD"))
        // A site check's pass after an over-standard roadside check does not clear it.
        f.inspections = [Self.inspection("R", on: Self.day(-10), kind: .roadside, result: .overStandard),
                         Self.inspection("S", on: Self.day(-3), kind: kind, result: .pass)]
        #expect(Self.screen(f).has("OVER_STANDARD"))
    }

    @Test func laterPassClearsOverStandard() {
        var f = Self.facts()
        f.inspections = [Self.inspection("O", on: Self.day(-10), kind: .nightCheck, result: .overStandard),
                         Self.inspection("P", on: Self.day(-3), kind: .remoteSensing, result: .pass)]
        #expect(!Self.screen(f).has("OVER_STANDARD"))
        // Pass first, over standard later: flagged.
        f.inspections = [Self.inspection("P", on: Self.day(-10), kind: .roadside, result: .pass),
                         Self.inspection("O", on: Self.day(-3), kind: .nightCheck, result: .overStandard)]
        #expect(Self.screen(f).has("OVER_STANDARD"))
        // Later on the same day.
        f.inspections = [Self.inspection("O", on: Self.day(-3), hour: 9, kind: .nightCheck, result: .overStandard),
                         Self.inspection("P", on: Self.day(-3), hour: 11, kind: .roadside, result: .pass)]
        #expect(!Self.screen(f).has("OVER_STANDARD"))
    }

    @Test func passAfterTheAsOfDateDoesNotClear() {
        var f = Self.facts()
        f.inspections = [Self.inspection("O", on: Self.day(-10), result: .overStandard),
                         Self.inspection("P", on: Self.day(1), hour: 0, result: .pass)]
        #expect(Self.screen(f).has("OVER_STANDARD"))
        #expect(!Self.screen(f, asOf: Self.day(1)).has("OVER_STANDARD"))
    }

    @Test func otherResultsDoNotClearOverStandard() {
        var f = Self.facts()
        f.inspections = [Self.inspection("O", on: Self.day(-10), result: .overStandard),
                         Self.inspection("X", on: Self.day(-3), result: .other),
                         Self.inspection("H", on: Self.day(-2), result: .haulingMuck)]
        #expect(Self.screen(f).has("OVER_STANDARD"))
    }

    @Test(arguments: [(-365, true), (-366, false)])
    func overStandardWithin365Days(offset: Int, flagged: Bool) {
        var f = Self.facts()
        f.inspections = [Self.inspection(on: Self.day(offset), hour: 0, result: .overStandard)]
        #expect(Self.screen(f).has("OVER_STANDARD") == flagged)
    }

    @Test func passOutsideTheWindowDoesNotMatter() {
        var f = Self.facts()
        // A pass 366 days ago and an over-standard 400 days ago: nothing in the window.
        f.inspections = [Self.inspection("P", on: Self.day(-366), result: .pass),
                         Self.inspection("O", on: Self.day(-400), result: .overStandard)]
        #expect(!Self.screen(f).has("OVER_STANDARD"))
        // The over-standard in the window is the latest one that counts.
        f.inspections = [Self.inspection("P", on: Self.day(-366), result: .pass),
                         Self.inspection("O", on: Self.day(-365), result: .overStandard)]
        #expect(Self.screen(f).has("OVER_STANDARD"))
    }

    @Test func sameSecondOverStandardWins() {
        var f = Self.facts()
        f.inspections = [Self.inspection("P", on: Self.day(-3), kind: .roadside, result: .pass),
                         Self.inspection("O", on: Self.day(-3), kind: .remoteSensing, result: .overStandard)]
        #expect(Self.screen(f).has("OVER_STANDARD"))
        f.inspections.reverse()
        #expect(Self.screen(f).has("OVER_STANDARD"))
        #expect(Self.screen(f).flags.first { $0.code == "OVER_STANDARD" }?.evidence.first?.reference == "O")
    }

    // MARK: SUSPECT_MUCK vs UNKNOWN_USE

    @Test(arguments: ["H17", "H1B", "H27", "H37", "Q11", "H11", "H21"])
    func dumpBodyDecidesSuspectMuck(type: String) {
        let dump = VehicleType.table.lookup(type)!.isDumpBody
        let r = Self.screen(Self.facts(Self.truck(type: type, mass: 18_000)))
        #expect(r.usage == .unknown)
        #expect(r.has("SUSPECT_MUCK") == dump)
        #expect(r.has("UNKNOWN_USE") == !dump)
        #expect(r.onTownshipList)
    }

    @Test func muckFlagsSuppressSuspectMuckAndUnknownUse() {
        for type in ["H17", "H11"] {
            var f = Self.facts(Self.truck(type: type))
            f.inspections = [Self.inspection(on: Self.day(-3), result: .haulingMuck)]
            var r = Self.screen(f)
            #expect(r.flagCodes == ["UNAPPROVED_MUCK"], "\(type)")
            #expect(r.usage == .unknown)

            f = Self.facts(Self.truck(type: type))
            f.findings = [Self.finding(.illegalMuck, on: Self.day(-3))]
            r = Self.screen(f)
            #expect(r.flagCodes == ["ILLEGAL_MUCK_CONFIRMED"], "\(type)")
        }
    }

    @Test func knownUsageMeansNeitherSuspectNorUnknown() {
        var f = Self.facts(Self.truck(type: "H17"))
        f.transportLicenses = [Self.license(to: Self.day(30))]
        let r = Self.screen(f)
        #expect(r.usage == .operatingFreight)
        #expect(r.flags.isEmpty)
        #expect(!r.onTownshipList)
    }

    // MARK: SANITATION_NOT_NEV (§7.10)

    @Test func sanitationBoughtFromOctoberFirstMustBeNewEnergy() {
        var f = Self.facts(Self.truck(fuel: "B"))
        f.sanitation = [Self.sanitation(bought: date("2020-09-30"))]
        var r = Self.screen(f)
        #expect(r.usage == .sanitation)
        #expect(!r.has("SANITATION_NOT_NEV"))

        f.sanitation = [Self.sanitation(bought: date("2020-10-01"))]
        r = Self.screen(f)
        #expect(r.usage == .sanitation)
        #expect(r.flagCodes == ["SANITATION_NOT_NEV"])
        #expect(!r.onTownshipList)
    }

    @Test func newEnergyIsExempt() {
        let bought = [Self.sanitation(bought: date("2020-10-01"))]
        for reg in [Self.truck(fuel: "C", declared: nil), Self.truck(fuel: "P", declared: nil),
                    Self.truck(plate: "豫AD12345", plateType: .smallNewEnergy, type: "H31", fuel: "A", mass: 4_000),
                    Self.truck(plate: "豫A12345D", plateType: .largeNewEnergy, fuel: "B")] {
            var f = Self.facts(reg)
            f.sanitation = bought
            let r = Self.screen(f)
            #expect(r.usage == .sanitation, "\(reg.plate)")
            #expect(!r.has("SANITATION_NOT_NEV"), "\(reg.plate) \(reg.fuel.code)")
        }
        var petrol = Self.facts(Self.truck(fuel: "A"))
        petrol.sanitation = bought
        #expect(Self.screen(petrol).has("SANITATION_NOT_NEV"))
    }

    @Test func sanitationBoughtAfterTheAsOfDateDoesNotFlagYet() {
        var f = Self.facts()
        f.sanitation = [Self.sanitation(bought: Self.day(1))]
        #expect(!Self.screen(f).has("SANITATION_NOT_NEV"))
        #expect(Self.screen(f, asOf: Self.day(1)).has("SANITATION_NOT_NEV"))
    }

    // MARK: BULK_RESTRICTED (§5, §7.11)

    @Test func bulkRestrictedDieselIVOrOlder() {
        // Heavy diesel, stage inferred: 国IV from 2013-07-01, 国V from 2017-07-01.
        let inferredIV = Self.truck(declared: nil, first: "2015-06-01")
        let inferredV = Self.truck(declared: nil, first: "2017-07-01")
        let inferredIII = Self.truck(declared: nil, first: "2013-06-30")
        for (reg, flagged) in [(inferredIV, true), (inferredV, false), (inferredIII, true),
                               (Self.truck(declared: .IV), true), (Self.truck(declared: .V), false)] {
            var f = Self.facts(reg)
            f.filings = [Self.filing(builtUp: false)]
            let r = Self.screen(f)
            #expect(r.usage == .bulkEnterprise)
            #expect(r.has("BULK_RESTRICTED") == flagged, "\(reg.firstRegistered) \(String(describing: reg.declaredStage))")
        }
    }

    @Test func bulkRestrictedOnlyForDieselFiledInUse() {
        var gas = Self.facts(Self.truck(fuel: "E", declared: .IV))
        gas.filings = [Self.filing()]
        #expect(!Self.screen(gas).has("BULK_RESTRICTED"))

        var withdrawn = Self.facts(Self.truck(declared: .IV))
        withdrawn.filings = [Self.filing(inUse: false)]
        #expect(!Self.screen(withdrawn).has("BULK_RESTRICTED"))

        var notYet = Self.facts(Self.truck(declared: .IV))
        notYet.filings = [Self.filing(filedOn: Self.day(1))]
        #expect(!Self.screen(notYet).has("BULK_RESTRICTED"))

        var unfiled = Self.facts(Self.truck(declared: .III))
        unfiled.transportLicenses = [Self.license(to: Self.day(10))]
        #expect(!Self.screen(unfiled).has("BULK_RESTRICTED"))
    }

    // MARK: SCRAP_TARGET, VIN_CHECK_DIGIT, DUPLICATE_VIN

    @Test func scrapTargetIsTheQuotaCandidate() {
        var f = Self.facts(Self.truck(use: "F", declared: .III))
        f.transportLicenses = [Self.license(to: Self.day(10))]
        #expect(Self.screen(f).flagCodes == ["SCRAP_TARGET"])
        f.registration = Self.truck(use: "F", declared: .IV)
        #expect(Self.screen(f).flags.isEmpty)
    }

    @Test func vinCheckDigit() {
        var f = Self.facts(Self.truck(vin: "LZFF25M418D004248"))
        f.transportLicenses = [Self.license(to: Self.day(10))]
        let r = Self.screen(f)
        #expect(r.flagCodes == ["VIN_CHECK_DIGIT"])
        #expect(r.flags[0].evidence.first?.reference == "LZFF25M418D004248")
        f.registration = Self.truck()
        #expect(Self.screen(f).flags.isEmpty)
    }

    @Test(arguments: [
        ("A", nil as String?, true),          // another active plate
        ("GQ", nil, true),                     // violations and overdue: still active
        ("E", "2020-06-01", false),           // cancelled before the date
        ("E", "2020-11-15", false),           // cancelled on the date
        ("E", "2020-11-16", true),            // cancelled after the date: active as of it (§7.5)
        ("B", nil, false),                     // transferred out, undated
        ("P", "2019-01-01", false),
    ])
    func duplicateVINCountsOnlyActiveOtherPlates(status: String, statusDate: String?, flagged: Bool) {
        var f = Self.facts()
        f.transportLicenses = [Self.license(to: Self.day(10))]
        f.sameVIN = [SameVINPlate(plate: "豫A12345", status: VehicleStatus(letters: "A"), statusDate: nil),
                     SameVINPlate(plate: "豫A99999", status: VehicleStatus(letters: status), statusDate: statusDate.map(date))]
        let r = Self.screen(f)
        #expect(r.has("DUPLICATE_VIN") == flagged)
        if flagged { #expect(r.flags.first { $0.code == "DUPLICATE_VIN" }?.evidence.first?.summary.zh.contains("豫A99999") == true) }
    }

    @Test func ownPlateAloneIsNoDuplicate() {
        var f = Self.facts()
        f.sameVIN = [SameVINPlate(plate: "豫A12345", status: VehicleStatus(letters: "A"), statusDate: nil)]
        #expect(!Self.screen(f).has("DUPLICATE_VIN"))
    }

    // MARK: Scope (§2, §7.5, §7.6)

    @Test func goneVehicleIsOutOfScope() {
        var f = Self.facts(Self.truck(status: "E", statusDate: "2020-06-01"))
        f.inspections = [Self.inspection(on: Self.day(-3), result: .overStandard)]
        f.sameVIN = [SameVINPlate(plate: "豫A99999", status: VehicleStatus(letters: "A"), statusDate: nil)]
        let r = Self.screen(f)
        #expect(!r.inScope)
        #expect(r.usage == nil)
        #expect(r.usageEvidence.isEmpty)
        #expect(r.flagCodes == ["OVER_STANDARD"])   // evidence flags only
        #expect(!r.onTownshipList)
        #expect(r.township == "白寨镇")
    }

    @Test func carIsOutOfScope() {
        let r = Self.screen(Self.facts(Self.truck(plateType: .small, vin: "LZFF25M418D004248", type: "K33", fuel: "A", mass: 1_500)))
        #expect(!r.inScope)
        #expect(r.usage == nil)
        #expect(r.flags.isEmpty)      // no VIN_CHECK_DIGIT either: out of scope
        #expect(!r.onTownshipList)
    }

    @Test func statusDatedAfterTheAsOfDateIsStillInScope() {
        let reg = Self.truck(status: "E", statusDate: "2020-11-16")
        var r = Self.screen(Self.facts(reg))
        #expect(r.inScope)
        #expect(r.usage == .unknown)
        #expect(r.has("UNKNOWN_USE"))
        r = Self.screen(Self.facts(reg), asOf: date("2020-11-16"))
        #expect(!r.inScope)
    }

    @Test func tractorIsInScope() {
        #expect(Self.screen(Self.facts(Self.truck(type: "Q11"))).inScope)
    }

    @Test func unregisteredPlateGetsEvidenceFlagsOnly() {
        var f = Self.facts(nil, plate: "晋E57874")
        f.inspections = [Self.inspection("H", on: Self.day(-3), result: .haulingMuck),
                         Self.inspection("O", on: Self.day(-2), kind: .remoteSensing, result: .overStandard)]
        let r = Self.screen(f)
        #expect(r.plate == "晋E57874")
        #expect(!r.inScope)
        #expect(r.usage == nil)
        #expect(r.township == nil)
        #expect(r.flagCodes == ["UNAPPROVED_MUCK", "OVER_STANDARD"])
        #expect(!r.onTownshipList)

        let bare = Self.screen(Self.facts(nil, plate: "晋E57874"))
        #expect(bare.flags.isEmpty)     // no UNKNOWN_USE without a registration
    }

    // MARK: Flag order and the township list (§3)

    @Test func flagsComeInTheOrderOfRulesMd() {
        var f = Self.facts(Self.truck(vin: "LZFF25M418D004248", type: "H17", use: "F", declared: .III))
        f.inspections = [Self.inspection("O", on: Self.day(-2), result: .overStandard),
                         Self.inspection("H", on: Self.day(-3), result: .haulingMuck)]
        f.findings = [Self.finding(.notFound, on: Self.day(-400))]
        f.sameVIN = [SameVINPlate(plate: "豫A99999", status: VehicleStatus(letters: "A"), statusDate: nil)]
        let r = Self.screen(f)
        #expect(r.flagCodes == ["UNAPPROVED_MUCK", "OVER_STANDARD", "SCRAP_TARGET", "VIN_CHECK_DIGIT", "DUPLICATE_VIN"])
        #expect(r.onTownshipList)
    }

    @Test func investigationFlagsPutAVehicleOnTheList() {
        // UNAPPROVED_MUCK with a known usage.
        var f = Self.facts()
        f.transportLicenses = [Self.license(to: Self.day(10))]
        f.inspections = [Self.inspection(on: Self.day(-3), result: .haulingMuck)]
        #expect(Self.screen(f).onTownshipList)
        // OVER_STANDARD alone is not an investigation flag.
        f.inspections = [Self.inspection(on: Self.day(-3), result: .overStandard)]
        #expect(!Self.screen(f).onTownshipList)
        // SUSPECT_MUCK.
        #expect(Self.screen(Self.facts(Self.truck(type: "H17"))).onTownshipList)
        // ILLEGAL_MUCK_CONFIRMED alone is not one.
        var illegal = Self.facts()
        illegal.findings = [Self.finding(.illegalMuck, on: Self.day(-3))]
        #expect(!Self.screen(illegal).onTownshipList)
    }

    @Test(arguments: [
        (FindingConclusion.usageConfirmed, false), (.illegalMuck, false), (.scrapped, false),
        (.transferredOut, false), (.notFound, false), (.other, true),
    ])
    func findingClosesTheListItemUnlessOther(conclusion: FindingConclusion, listed: Bool) {
        // A fresh hauling sighting keeps an investigation flag whatever the finding says.
        var f = Self.facts(Self.truck(type: "H17"))
        f.inspections = [Self.inspection(on: Self.day(-1), result: .haulingMuck)]
        f.findings = [Self.finding(conclusion, on: Self.day(-30))]
        let r = Self.screen(f)
        #expect(r.has("UNAPPROVED_MUCK"))
        #expect(r.onTownshipList == listed)
    }

    @Test func closingFindingLastsOnly365Days() {
        var f = Self.facts()
        f.findings = [Self.finding(.notFound, on: Self.day(-365))]
        var r = Self.screen(f)
        #expect(r.has("UNKNOWN_USE"))
        #expect(r.has("REGISTRY_MISMATCH"))
        #expect(!r.onTownshipList)
        f.findings = [Self.finding(.notFound, on: Self.day(-366))]
        r = Self.screen(f)
        #expect(r.flagCodes == ["UNKNOWN_USE"])
        #expect(r.onTownshipList)
        // A finding dated after the as-of date had not happened yet.
        f.findings = [Self.finding(.notFound, on: Self.day(1))]
        #expect(Self.screen(f).onTownshipList)
    }

    @Test func otherFindingLeavesItOnTheList() {
        var f = Self.facts()
        f.findings = [Self.finding(.other, on: Self.day(-10))]
        let r = Self.screen(f)
        #expect(r.flagCodes == ["UNKNOWN_USE"])
        #expect(r.onTownshipList)
    }
}

/// The flags as a set of bits (`FlagSet`), as a run keeps them.
@Suite struct FlagSetTests {
    @Test func eachFlagIsItsPlaceInTheOrder() {
        for (i, code) in Screener.flagOrder.enumerated() {
            #expect(FlagSet.bit(code) == UInt16(1) << UInt16(i))
            var set = FlagSet()
            set.insert(code)
            #expect(set.rawValue == UInt16(1) << UInt16(i) && set.contains(code) && set.codes == [code])
        }
        #expect(FlagSet.bit("NOT_A_FLAG") == nil)
        var set = FlagSet()
        set.insert("NOT_A_FLAG")
        #expect(set.isEmpty)
    }

    @Test func codesComeInTheOrderOfTheRules() {
        let set = FlagSet(codes: ["VIN_CHECK_DIGIT", "UNAPPROVED_MUCK", "SCRAP_TARGET"])
        #expect(set.codes == ["UNAPPROVED_MUCK", "SCRAP_TARGET", "VIN_CHECK_DIGIT"])
        #expect(FlagSet(rawValue: set.rawValue) == set)
        #expect(Set(FlagSet.investigation.codes) == Screener.investigationFlags)
        #expect(set.intersects(FlagSet.investigation) && !FlagSet(codes: ["SCRAP_TARGET"]).intersects(FlagSet.investigation))
    }
}
