import Foundation
@testable import FleetStore

/// Small files and stores for the store's tests.
enum Fixtures {
    static func tempDir() -> URL {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("fleetstore-test-\(UUID().uuidString)")
        try! FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        return dir
    }

    static func file(_ bytes: [UInt8], name: String = "t.csv") -> String {
        let url = tempDir().appendingPathComponent(name)
        FileManager.default.createFile(atPath: url.path, contents: Data(bytes))
        return url.path
    }

    static func file(_ text: String, name: String = "t.csv") -> String { file(Array(text.utf8), name: name) }

    static func store() throws -> FleetStore { try FleetStore(path: tempDir().appendingPathComponent("s.sqlite").path) }

    /// Reads every record of a file with the given chunk size.
    static func records(_ path: String, chunkSize: Int = 1 << 20, encoding: TextEncoding? = nil) throws -> [(Int, [String])] {
        let source = try TextSource(path: path, encoding: encoding, chunkSize: chunkSize)
        let reader = CSVReader(source: source)
        var out: [(Int, [String])] = []
        var fields: [String] = []
        while let line = try reader.next(into: &fields) { out.append((line, fields)) }
        return out
    }

    static let header = "号牌号码,号牌种类,车辆识别代号,车辆类型,使用性质,燃料种类,排放标准,初次登记日期,总质量,所有人,住所地址,所属乡镇,机动车状态,状态变更日期,联系电话"
    static let rowA = "豫AB1234,01,LZFF25M4X8D004248,H17,F,B,,2012-05-01,25000,新密市顺达土石方有限公司,河南省新密市白寨镇东村,,A,,13812341234"
    static let rowB = "豫AC5678,01,LDC613P23A1305189,Q11,F,B,国Ⅴ,2018/3/9,18000,王建国,河南省新密市超化镇,超化,A,,"
    static let rowC = "豫AD0001,02,LSJA24U62JG269225,H31,A,A,国六b,20200815,3200,李红,新密市青屏街道办事处,,GQ,2020-10-01,"
}
