import Foundation
import Testing
import FleetCore
import GRDB
@testable import FleetStore

@Suite struct ImporterTests {
    let kind = VehiclesImport(townships: .xinmi)

    func run(_ store: FleetStore, _ text: String, _ configure: (inout ImportOptions) -> Void = { _ in }) throws -> ImportSummary {
        var o = ImportOptions()
        configure(&o)
        return try Importer(store: store).run(kind, path: Fixtures.file(text), options: o)
    }

    func count(_ store: FleetStore, _ table: String = "vehicles") throws -> Int {
        try store.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM \(table)")! }
    }

    @Test func headerByAliasCaseAndSpacesUnknownColumnsWarn() throws {
        let store = try Fixtures.store()
        let header = " PLATE ,plate_type,Vin,vehicle_type,use_nature,fuel,emission_standard,first_registered,gross_mass_kg,owner,address,township,status,status_date,phone,颜色"
        let s = try run(store, header + "\n" + Fixtures.rowA + ",黄\n")
        #expect(s.committed)
        #expect(s.inserted == 1)
        #expect(s.warnings.map(\.column) == ["颜色"])
    }

    @Test func missingRequiredColumnRejectsBeforeWriting() throws {
        let store = try Fixtures.store()
        #expect(throws: ImportFailure.self) { try run(store, "号牌号码,车辆识别代号\n豫AB1234,LZFF25M4X8D004248\n") }
        #expect(try count(store, "import_batches") == 0)
    }

    @Test func anInvalidRowRollsBackTheWholeFile() throws {
        let store = try Fixtures.store()
        let s = try run(store, [Fixtures.header, Fixtures.rowA, Fixtures.rowB.replacingOccurrences(of: "Q11", with: "Q99")].joined(separator: "\n"))
        #expect(!s.committed)
        #expect(s.invalid == 1)
        #expect(s.errors.first?.line == 3)
        #expect(s.errors.first?.column == "车辆类型")
        #expect(try count(store) == 0)
        #expect(try count(store, "import_batches") == 0)
    }

    @Test func skipInvalidLoadsTheRest() throws {
        let store = try Fixtures.store()
        let s = try run(store, [Fixtures.header, Fixtures.rowA, Fixtures.rowB.replacingOccurrences(of: "2018/3/9", with: "2018/2/30")].joined(separator: "\n")) {
            $0.skipInvalid = true
        }
        #expect(s.committed && s.inserted == 1 && s.invalid == 1)
        #expect(try count(store) == 1)
    }

    @Test func everyProblemOfARowIsReported() throws {
        let store = try Fixtures.store()
        let bad = "豫I1234,51,SHORT,H17,W,B,国九,2012-05-01,,X,,火星镇,AZ,,"
        let s = try run(store, Fixtures.header + "\n" + bad)
        let codes = Set(s.errors.map(\.column))
        #expect(codes.isSuperset(of: ["号牌号码", "车辆识别代号", "使用性质", "排放标准", "总质量", "所属乡镇", "机动车状态"]))
        #expect(s.invalid == 1)
    }

    @Test func duplicateKeysInAnEmptyAndInAFilledTable() throws {
        let store = try Fixtures.store()
        let dup = [Fixtures.header, Fixtures.rowA, Fixtures.rowB, Fixtures.rowA.replacingOccurrences(of: "13812341234", with: "")].joined(separator: "\n")
        let first = try run(store, dup)
        #expect(first.errors.first?.reason.code == "DUPLICATE_KEY")
        #expect(first.errors.first?.line == 4)
        #expect(first.errors.first?.reason.en.contains("first at line 2") == true)
        // Filled table: the first copy is unchanged, the second still a duplicate.
        _ = try run(store, [Fixtures.header, Fixtures.rowA].joined(separator: "\n"))
        let second = try run(store, dup)
        #expect(second.unchanged == 1 && second.inserted == 1)
        #expect(second.errors.map(\.line) == [4])
        #expect(!second.committed)
    }

    @Test func reimportIsUnchangedAndNewerReplacesWithHistory() throws {
        let store = try Fixtures.store()
        let file = [Fixtures.header, Fixtures.rowA, Fixtures.rowB, Fixtures.rowC].joined(separator: "\r\n")
        let a = try run(store, file)
        #expect(a.inserted == 3)
        let b = try run(store, file)
        #expect(b.inserted == 0 && b.updated == 0 && b.unchanged == 3)
        let changed = file.replacingOccurrences(of: ",GQ,2020-10-01,", with: ",E,2020-11-05,")
        let c = try run(store, changed)
        #expect(c.updated == 1 && c.unchanged == 2)
        let h = try store.fetchStatusHistory(plate: "豫AD0001")
        #expect(h.count == 1)
        #expect(h.first?.oldStatus == "GQ" && h.first?.newStatus == "E" && h.first?.newStatusDate == "2020-11-05")
        let row = try #require(try store.fetchVehicle(plate: "豫AD0001"))
        #expect(row.batchId == c.batch)
        #expect(row.status == "E")
    }

    @Test func dryRunWritesNothing() throws {
        let store = try Fixtures.store()
        let s = try run(store, [Fixtures.header, Fixtures.rowA].joined(separator: "\n")) { $0.dryRun = true }
        #expect(s.inserted == 1 && !s.committed && s.batch == nil)
        #expect(try count(store) == 0)
    }

    @Test func provenanceIsRecorded() throws {
        let store = try Fixtures.store()
        let text = [Fixtures.header, Fixtures.rowA, "", ",,,,", Fixtures.rowB].joined(separator: "\n")
        let s = try run(store, text) { $0.operatorName = "clerk7" }
        #expect(s.blank == 2 && s.rows == 2)
        let batch = try #require(try store.fetchBatch(id: s.batch!))
        #expect(batch.kind == "vehicles" && batch.operator == "clerk7" && batch.inserted == 2)
        #expect(batch.sha256 == SHA256.hex(of: Array(text.utf8)))
        let row = try #require(try store.fetchVehicle(plate: "豫AC5678"))
        #expect(row.sourceLine == 5)
        #expect(row.township == "超化镇")
        #expect(row.emissionDeclared == "V")
    }
}
