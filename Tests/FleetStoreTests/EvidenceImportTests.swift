import Foundation
import Testing
import FleetCore
import GRDB
@testable import FleetStore

/// The evidence kinds of data.md (everything but vehicles and findings), through the importer.
@Suite struct EvidenceImportTests {
    func run(_ store: FleetStore, _ kind: some ImportKind, _ lines: [String],
             _ configure: (inout ImportOptions) -> Void = { _ in }) throws -> ImportSummary {
        var o = ImportOptions()
        configure(&o)
        return try Importer(store: store).run(kind, path: Fixtures.file(lines.joined(separator: "\r\n")), options: o)
    }

    /// The rows of a query, every column as text (NULL as nil).
    func rows(_ store: FleetStore, _ sql: String) throws -> [[String?]] {
        try store.read { db in
            try Row.fetchAll(db, sql: sql).map { row in
                row.databaseValues.map { v -> String? in
                    switch v.storage {
                    case .null: return nil
                    case .int64(let i): return String(i)
                    case .string(let s): return s
                    case .double(let d): return String(d)
                    case .blob: return "<blob>"
                    }
                }
            }
        }
    }

    func count(_ store: FleetStore, _ table: String) throws -> Int {
        try store.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM \(table)")! }
    }

    /// The (line, column, code) of every error of a summary.
    func errors(_ s: ImportSummary) -> [String] {
        s.errors.map { "\($0.line) \($0.column) \($0.reason.code)" }
    }

    // MARK: - muck-approvals

    static let muckHeader = "核准编号,号牌号码,运输企业,有效期起,有效期止,出土工地,消纳场,状态"
    static let muckFile = [
        muckHeader,
        "ZT-2020-001,豫ab1234,新密市顺达土石方有限公司,2020/11/1,20201231,市一中工地,米村消纳场,",
        "ZT-2020-002,豫AC5678,新密市顺达土石方有限公司,2020-10-01,2020-10-31,,,撤销",
        "ZT-2020-003,京AF0236,外地运输公司,2020-11-01,2020-11-01,工地,,valid",
    ]

    @Test func muckApprovalsLoad() throws {
        let store = try Fixtures.store()
        let s = try run(store, MuckApprovalsImport(), Self.muckFile)
        #expect(s.committed && s.inserted == 3 && s.invalid == 0)
        let r = try rows(store, """
            SELECT approval_no, plate, company, valid_from, valid_to, site, dump_site, revoked, batch_id, source_line
            FROM muck_approvals ORDER BY approval_no
            """)
        let batch = String(s.batch!)
        #expect(r == [
            ["ZT-2020-001", "豫AB1234", "新密市顺达土石方有限公司", "2020-11-01", "2020-12-31", "市一中工地", "米村消纳场", "0", batch, "2"],
            ["ZT-2020-002", "豫AC5678", "新密市顺达土石方有限公司", "2020-10-01", "2020-10-31", nil, nil, "1", batch, "3"],
            ["ZT-2020-003", "京AF0236", "外地运输公司", "2020-11-01", "2020-11-01", "工地", nil, "0", batch, "4"],
        ])
    }

    @Test func muckApprovalsInvalidRows() throws {
        let store = try Fixtures.store()
        let s = try run(store, MuckApprovalsImport(), [
            Self.muckHeader,
            "ZT-1,豫AB1234,甲公司,2020-11-01,2020-10-31,,,",      // 2: ends before it starts
            "ZT-2,豫AB1234,甲公司,2020-11-01,2020-12-31,,,作废",   // 3: unknown status
            "ZT-3,豫I12345,甲公司,2020-11-01,2020-12-31,,,",      // 4: plate with I
            "ZT-4,豫AB1234,,2020-11-01,2020-12-31,,,",            // 5: no company
            "ZT-5,豫AB1234,甲公司,2020-02-30,2020-12-31,,,",      // 6: no such day
            ",豫AB1234,甲公司,2020-11-01,2020-12-31,,,",          // 7: no approval number
            "ZT-1,豫AB1234,甲公司,2020-11-01,2020-12-31,,,",      // 8: fine (ZT-1 at line 2 was invalid)
        ])
        #expect(!s.committed && s.invalid == 6)
        #expect(errors(s) == [
            "2 有效期止 END_BEFORE_START", "3 状态 BAD_CODE", "4 号牌号码 BAD_PLATE", "5 运输企业 REQUIRED",
            "6 有效期起 BAD_DATE", "7 核准编号 REQUIRED",
        ])
        #expect(s.errors.first?.value == "2020-10-31")
        #expect(s.errors[1].reason.en.contains("撤销/revoked"))
        #expect(try count(store, "muck_approvals") == 0)
        #expect(try count(store, "import_batches") == 0)
    }

    // MARK: - transport-licenses

    @Test func transportLicensesLoadAndReject() throws {
        let store = try Fixtures.store()
        let header = "道路运输证号,号牌号码,业户名称,经营范围,有效期止"
        let s = try run(store, TransportLicensesImport(), [
            header,
            "豫交运管郑字410183001234号,豫ＡＢ１２３４,新密市顺达物流有限公司,普通货运,2022/6/30",
            "豫交运管郑字410183005678号,豫AC5678,王建国,,20211231",
        ])
        #expect(s.committed && s.inserted == 2)
        #expect(try rows(store, "SELECT license_no, plate, operator, scope, valid_to FROM transport_licenses ORDER BY id") == [
            ["豫交运管郑字410183001234号", "豫AB1234", "新密市顺达物流有限公司", "普通货运", "2022-06-30"],
            ["豫交运管郑字410183005678号", "豫AC5678", "王建国", nil, "2021-12-31"],
        ])
        let bad = try run(store, TransportLicensesImport(), [
            header,
            "L-1,豫AB1234,甲,,",             // 2: valid_to missing
            "L-2,豫AB1234,甲,,2021-13-01",    // 3: no month 13
            "L-3,,甲,,2021-12-01",            // 4: plate missing
        ])
        #expect(errors(bad) == ["2 有效期止 REQUIRED", "3 有效期止 BAD_DATE", "4 号牌号码 REQUIRED"])
        #expect(try count(store, "transport_licenses") == 2)
    }

    // MARK: - enterprises

    static let enterprisesFile = [
        "企业编号,企业名称,所属乡镇,位于建成区,物料类型",
        "E001,新密市瑞丰耐材有限公司,白寨,是,耐火材料",
        "E002,新密市超化砂石厂,超化镇,N,砂石",
        "E003,新密市青屏建材公司,青屏街道,TRUE,",
        "E004,新密市刘寨煤业,刘寨镇,0,煤炭",
    ]

    @Test func enterprisesLoad() throws {
        let store = try Fixtures.store()
        let s = try run(store, EnterprisesImport(townships: .xinmi), Self.enterprisesFile)
        #expect(s.committed && s.inserted == 4)
        #expect(try rows(store, "SELECT enterprise_id, name, township, in_built_up_area, materials FROM enterprises ORDER BY enterprise_id") == [
            ["E001", "新密市瑞丰耐材有限公司", "白寨镇", "1", "耐火材料"],
            ["E002", "新密市超化砂石厂", "超化镇", "0", "砂石"],
            ["E003", "新密市青屏建材公司", "青屏街街道", "1", nil],
            ["E004", "新密市刘寨煤业", "刘寨镇", "0", "煤炭"],
        ])
    }

    @Test func enterprisesInvalidRows() throws {
        let store = try Fixtures.store()
        let s = try run(store, EnterprisesImport(townships: .xinmi), [
            "enterprise_id,name,township,in_built_up_area,materials",
            "E001,甲,火星镇,是,",      // 2: unknown township
            "E002,乙,白寨镇,可能,",     // 3: not a yes/no
            "E003,丙,,否,",            // 4: township missing
            "E004,丁,白寨镇,,",        // 5: in_built_up_area missing
        ])
        #expect(errors(s) == [
            "2 township BAD_TOWNSHIP", "3 in_built_up_area BAD_BOOLEAN", "4 township REQUIRED", "5 in_built_up_area REQUIRED",
        ])
        #expect(s.errors.first?.value == "火星镇")
    }

    // MARK: - enterprise-fleet

    static let fleetFile = [
        "企业编号,号牌号码,备案日期,状态",
        "E001,豫AB1234,2020-09-01,在用",
        "E001,豫AC5678,,停用",
        "E002,豫AB1234,2020/9/15,",
        "E002,晋EA1234,,withdrawn",
    ]

    @Test func enterpriseFleetLoad() throws {
        let store = try Fixtures.store()
        _ = try run(store, EnterprisesImport(townships: .xinmi), Self.enterprisesFile)
        let s = try run(store, EnterpriseFleetImport(), Self.fleetFile)
        #expect(s.committed && s.inserted == 4)
        #expect(try rows(store, "SELECT enterprise_id, plate, filed_on, in_use FROM enterprise_fleet ORDER BY id") == [
            ["E001", "豫AB1234", "2020-09-01", "1"],
            ["E001", "豫AC5678", nil, "0"],
            ["E002", "豫AB1234", "2020-09-15", "1"],
            ["E002", "晋EA1234", nil, "0"],
        ])
    }

    @Test func enterpriseFleetUnknownEnterpriseAndBadValues() throws {
        let store = try Fixtures.store()
        _ = try run(store, EnterprisesImport(townships: .xinmi), Self.enterprisesFile)
        let s = try run(store, EnterpriseFleetImport(), [
            "企业编号,号牌号码,备案日期,状态",
            "E001,豫AB1234,,",          // 2: fine
            "E999,豫AB1234,,",          // 3: no such enterprise
            "E001,豫AC5678,,报废",       // 4: unknown status
            "E001,豫AC5678,2020-9,",    // 5: not a date
            "E001,豫ab1234,,在用",       // 6: same key as line 2 once normalised
        ])
        #expect(!s.committed)
        #expect(errors(s) == ["3 企业编号 UNKNOWN_ENTERPRISE", "4 状态 BAD_CODE", "5 备案日期 BAD_DATE", "6 企业编号 DUPLICATE_KEY"])
        #expect(s.errors.first?.value == "E999")
        #expect(s.errors.last?.reason.en.contains("first at line 2") == true)
        // Without any enterprise imported, every row is invalid.
        let empty = try Fixtures.store()
        let t = try run(empty, EnterpriseFleetImport(), Self.fleetFile)
        #expect(t.invalid == 4 && Set(t.errors.map(\.reason.code)) == ["UNKNOWN_ENTERPRISE"])
    }

    // MARK: - sanitation-fleet

    @Test func sanitationFleetLoadAndReject() throws {
        let store = try Fixtures.store()
        let header = "号牌号码,作业单位,购置日期,作业区域"
        let s = try run(store, SanitationFleetImport(), [
            header,
            "豫AD12345,新密市环卫处,2021-03-15,青屏街街道",
            "豫AC5678,新密市环卫处,2019/5/1,",
        ])
        #expect(s.committed && s.inserted == 2)
        #expect(try rows(store, "SELECT plate, operator, purchased_on, area FROM sanitation_fleet ORDER BY id") == [
            ["豫AD12345", "新密市环卫处", "2021-03-15", "青屏街街道"],
            ["豫AC5678", "新密市环卫处", "2019-05-01", nil],
        ])
        let bad = try run(store, SanitationFleetImport(), [
            header,
            "豫AB1234,新密市环卫处,,",       // 2: purchased_on missing
            "豫AB1234X,新密市环卫处,2020-01-01,",  // 3: not a GA 36 format
            "豫AB1234,,2020-01-01,",         // 4: operator missing
        ])
        #expect(errors(bad) == ["2 购置日期 REQUIRED", "3 号牌号码 BAD_PLATE", "4 作业单位 REQUIRED"])
    }

    // MARK: - inspections

    static let inspectionsFile = [
        "记录编号,检查时间,号牌号码,检查类型,检查结果,地点,执法单位",
        "YJ-0001,2020-11-02 22:30,豫AB1234,夜查,超标,郑少高速新密站,新密市公安局交警大队",
        ",2020/11/3 10:05:09,豫AC5678,遥感,合格,,新密市生态环境局",
        ",2020-11-01T16:30:00Z,京AF0236,site_check,Hauling_Muck,市一中工地,城管执法大队",
        ",2020-11-05T09:00:00+09:00,豫AC5678,路检,其他,,",
    ]

    @Test func inspectionsWithAndWithoutRecordNumber() throws {
        let store = try Fixtures.store()
        let s = try run(store, InspectionsImport(), Self.inspectionsFile)
        #expect(s.committed && s.inserted == 4)
        #expect(try rows(store, """
            SELECT record_key, record_no, checked_at, checked_on, plate, kind, result, location, unit, source_line
            FROM inspections ORDER BY id
            """) == [
            ["YJ-0001", "YJ-0001", "2020-11-02T22:30:00+08:00", "2020-11-02", "豫AB1234", "night_check", "over_standard",
             "郑少高速新密站", "新密市公安局交警大队", "2"],
            ["2020-11-03T10:05:09+08:00|豫AC5678|remote_sensing", nil, "2020-11-03T10:05:09+08:00", "2020-11-03", "豫AC5678",
             "remote_sensing", "pass", nil, "新密市生态环境局", "3"],
            // UTC 16:30 is 00:30 the next day in China Standard Time, and that is its date.
            ["2020-11-02T00:30:00+08:00|京AF0236|site_check", nil, "2020-11-02T00:30:00+08:00", "2020-11-02", "京AF0236",
             "site_check", "hauling_muck", "市一中工地", "城管执法大队", "4"],
            ["2020-11-05T08:00:00+08:00|豫AC5678|roadside", nil, "2020-11-05T08:00:00+08:00", "2020-11-05", "豫AC5678",
             "roadside", "other", nil, nil, "5"],
        ])
    }

    @Test func inspectionsInvalidRows() throws {
        let store = try Fixtures.store()
        let s = try run(store, InspectionsImport(), [
            "record_no,checked_at,plate,kind,result,location,unit",
            ",2020-11-02,豫AB1234,夜查,超标,,",             // 2: a date without a time
            ",2020-11-02 22:30,豫AB1234,巡查,超标,,",        // 3: unknown kind
            ",2020-11-02 22:30,豫AB1234,夜查,不合格,,",      // 4: unknown result
            ",2020-11-02 22:30,豫AB1234,夜查,超标,,",        // 5: fine
            ",2020-11-02T14:30:00Z,豫ab1234,night_check,pass,,",  // 6: same moment, plate and kind as line 5
            "R-1,2020-11-02 22:30,豫AB1234,夜查,,,",         // 7: result missing
        ])
        #expect(errors(s) == [
            "2 checked_at BAD_DATETIME", "3 kind BAD_CODE", "4 result BAD_CODE", "6 record_no DUPLICATE_KEY", "7 result REQUIRED",
        ])
        #expect(s.errors[1].reason.zh.contains("夜查/night_check"))
        #expect(s.errors[3].reason.en.contains("first at line 5"))
    }

    // MARK: - gate-log

    @Test func gateLogLoadsWithoutCheckingEnterprises() throws {
        let store = try Fixtures.store()
        let header = "enterprise_id,plate,passed_at,direction,material"
        let s = try run(store, GateLogImport(), [
            header,
            "E001,豫AB1234,2020-11-02 07:15:30,进,耐火材料",
            "E001,豫AB1234,2020-11-02 09:02,出,",
            "E404,晋EA1234,2020-11-01T23:30:00Z,in,煤炭",     // an enterprise not (yet) known: kept
            "E001,豫AB1234,2020-11-02 07:15:30,out,",        // same moment, other direction: another key
        ])
        #expect(s.committed && s.inserted == 4)
        #expect(try rows(store, "SELECT enterprise_id, plate, passed_at, direction, material FROM gate_log ORDER BY id") == [
            ["E001", "豫AB1234", "2020-11-02T07:15:30+08:00", "in", "耐火材料"],
            ["E001", "豫AB1234", "2020-11-02T09:02:00+08:00", "out", nil],
            ["E404", "晋EA1234", "2020-11-02T07:30:00+08:00", "in", "煤炭"],
            ["E001", "豫AB1234", "2020-11-02T07:15:30+08:00", "out", nil],
        ])
        let bad = try run(store, GateLogImport(), [
            header,
            "E001,豫AB1234,2020-11-02 07:15,入,",         // 2: unknown direction
            "E001,豫AB1234,2020-11-02 25:00,进,",         // 3: no hour 25
            ",豫AB1234,2020-11-02 07:00,进,",             // 4: enterprise missing
            "E001,豫AB1234,,,",                          // 5: time and direction missing
            "E001,豫AB1234,2020-11-02T07:15:30+08:00,进,",  // 6: fine
            "E001,豫AB1234,2020/11/2 7:15:30,in,",       // 7: same key as line 6
        ])
        #expect(errors(bad) == [
            "2 direction BAD_CODE", "3 passed_at BAD_DATETIME", "4 enterprise_id REQUIRED", "5 passed_at REQUIRED",
            "5 direction REQUIRED", "7 enterprise_id DUPLICATE_KEY",
        ])
        #expect(bad.invalid == 5)
        #expect(try count(store, "gate_log") == 4)
    }

    // MARK: - alerts

    @Test func alertsLoad() throws {
        let store = try Fixtures.store()
        let s = try run(store, AlertsImport(), [
            "预警等级,开始时间,结束时间,文号",
            "橙色,2020-11-05 00:00,2020-11-08 12:00,郑重污染办〔2020〕12号",
            "黄,2020-12-01 08:00,,",
            "red,2020-12-20T00:00:00+08:00,2020-12-21 00:00,",
        ])
        #expect(s.committed && s.inserted == 3)
        #expect(try rows(store, "SELECT alert_key, document_no, level, starts_at, ends_at, source FROM alerts ORDER BY id") == [
            ["郑重污染办〔2020〕12号", "郑重污染办〔2020〕12号", "orange", "2020-11-05T00:00:00+08:00", "2020-11-08T12:00:00+08:00", "import"],
            ["yellow|2020-12-01T08:00:00+08:00", nil, "yellow", "2020-12-01T08:00:00+08:00", nil, "import"],
            ["red|2020-12-20T00:00:00+08:00", nil, "red", "2020-12-20T00:00:00+08:00", "2020-12-21T00:00:00+08:00", "import"],
        ])
    }

    @Test func alertsInvalidRows() throws {
        let store = try Fixtures.store()
        let s = try run(store, AlertsImport(), [
            "level,starts_at,ends_at,document_no",
            "橙色,2020-11-05 00:00,2020-11-05 00:00,",     // 2: ends when it starts
            "橙色,2020-11-05 00:00,2020-11-04 00:00,",     // 3: ends before it starts
            "紫色,2020-11-05 00:00,,",                    // 4: no such level
            ",2020-11-05 00:00,,",                       // 5: level missing
            "orange,2020-11-05,,",                       // 6: a date without a time
            "橙,2020-11-05 00:00,,",                      // 7: fine
            "orange,2020-11-05T00:00:00+08:00,,",         // 8: same level and start as line 7
        ])
        #expect(errors(s) == [
            "2 ends_at END_BEFORE_START", "3 ends_at END_BEFORE_START", "4 level BAD_CODE", "5 level REQUIRED",
            "6 starts_at BAD_DATETIME", "8 document_no DUPLICATE_KEY",
        ])
        #expect(s.errors[0].reason.en == "ends_at must be after starts_at")
    }

    // MARK: - townships

    @Test func townshipsOverrideTheBuiltInTable() throws {
        let store = try Fixtures.store()
        #expect(try store.townshipTable().townships.map(\.name) == TownshipTable.xinmi.townships.map(\.name))
        let s = try run(store, TownshipsImport(), [
            "名称,代码,别名",
            "东村社区,410183999,东村|东村办事处",
            "超化镇,,",
        ])
        #expect(s.committed && s.inserted == 2)
        #expect(try rows(store, "SELECT name, code, aliases FROM townships ORDER BY id") == [
            ["东村社区", "410183999", "东村|东村办事处"], ["超化镇", nil, nil],
        ])
        let table = try store.townshipTable()
        #expect(table.townships == [
            .init(name: "东村社区", code: "410183999", aliases: ["东村", "东村办事处"]), .init(name: "超化镇"),
        ])
        #expect(table.canonicalName("东村办事处") == "东村社区")
        #expect(table.canonicalName("白寨镇") == nil)
        #expect(try run(store, TownshipsImport(), ["名称,代码,别名", ",410183,"]).errors.map(\.reason.code) == ["REQUIRED"])
    }

    @Test func aTownshipsOverrideChangesHowALaterVehiclesImportResolves() throws {
        let store = try Fixtures.store()
        // rowA's address is 河南省新密市白寨镇东村, and its 所属乡镇 is blank.
        let vehicles = [Fixtures.header, Fixtures.rowA]
        _ = try run(store, VehiclesImport(townships: try store.townshipTable()), vehicles)
        #expect(try store.fetchVehicle(plate: "豫AB1234")?.township == "白寨镇")

        _ = try run(store, TownshipsImport(), ["name,code,aliases", "东村社区,,东村", "超化镇,,"])
        let s = try run(store, VehiclesImport(townships: try store.townshipTable()), vehicles)
        #expect(s.updated == 1)
        let row = try #require(try store.fetchVehicle(plate: "豫AB1234"))
        #expect(row.township == "东村社区" && row.townshipSource == "address")
        // Enterprises resolve through the same table: 白寨 is no longer a township.
        let e = try run(store, EnterprisesImport(townships: try store.townshipTable()), [
            "企业编号,企业名称,所属乡镇,位于建成区", "E1,甲,东村,是", "E2,乙,白寨,否",
        ])
        #expect(errors(e) == ["3 所属乡镇 BAD_TOWNSHIP"])
    }

    // MARK: - every kind

    /// A valid file of every kind, in an order that satisfies enterprise-fleet.
    static let everyKind: [(any ImportKind, [String])] = [
        (MuckApprovalsImport(), muckFile),
        (TransportLicensesImport(), ["道路运输证号,号牌号码,业户名称,经营范围,有效期止", "L-1,豫AB1234,甲,普通货运,2022-06-30"]),
        (EnterprisesImport(townships: .xinmi), enterprisesFile),
        (EnterpriseFleetImport(), fleetFile),
        (SanitationFleetImport(), ["号牌号码,作业单位,购置日期,作业区域", "豫AD12345,环卫处,2021-03-15,"]),
        (InspectionsImport(), inspectionsFile),
        (GateLogImport(), ["企业编号,号牌号码,通行时间,方向,物料", "E001,豫AB1234,2020-11-02 07:15,进,", "E001,豫AB1234,2020-11-02 09:15,出,"]),
        (AlertsImport(), ["预警等级,开始时间,结束时间,文号", "橙色,2020-11-05 00:00,,", "红色,2020-11-06 00:00,,X号"]),
        (TownshipsImport(), ["名称,代码,别名", "白寨镇,410183108,白寨"]),
    ]

    @Test func reimportingChangesNothingAndADryRunWritesNothing() throws {
        let store = try Fixtures.store()
        for (kind, lines) in Self.everyKind {
            let n = lines.count - 1
            let dry = try run(store, kind, lines) { $0.dryRun = true }
            #expect(dry.inserted == n && !dry.committed && dry.batch == nil, "\(kind.name)")
            #expect(try count(store, kind.table) == 0, "\(kind.name)")
            let first = try run(store, kind, lines)
            #expect(first.committed && first.inserted == n && first.invalid == 0, "\(kind.name): \(first.errors)")
            let hashes = try rows(store, "SELECT id, row_hash, batch_id, source_line FROM \(kind.table) ORDER BY id")
            let second = try run(store, kind, lines)
            #expect(second.committed && second.unchanged == n && second.inserted == 0 && second.updated == 0, "\(kind.name)")
            // Unchanged rows keep the batch they came from.
            #expect(try rows(store, "SELECT id, row_hash, batch_id, source_line FROM \(kind.table) ORDER BY id") == hashes)
            #expect(hashes.allSatisfy { $0[2] == String(first.batch!) }, "\(kind.name)")
        }
    }

    @Test func aNewerExtractReplacesTheRowOfTheSameKey() throws {
        let store = try Fixtures.store()
        _ = try run(store, MuckApprovalsImport(), Self.muckFile)
        let revoked = Self.muckFile.map { $0.hasPrefix("ZT-2020-001,") ? $0 + "撤销" : $0 }
        let s = try run(store, MuckApprovalsImport(), revoked)
        #expect(s.updated == 1 && s.unchanged == 2)
        #expect(try rows(store, "SELECT revoked, batch_id FROM muck_approvals WHERE approval_no = 'ZT-2020-001'") == [["1", String(s.batch!)]])
    }

    @Test func everyKindIsRegisteredUnderItsName() throws {
        let names = ["muck-approvals", "transport-licenses", "enterprises", "enterprise-fleet", "sanitation-fleet",
                     "inspections", "gate-log", "alerts", "townships"]
        for n in names {
            let kind = try #require(ImportKinds.named(n, townships: .xinmi), "\(n)")
            #expect(kind.name == n)
            #expect(ImportKinds.names.contains(n))
        }
        // Every kind's key has a UNIQUE index on exactly its key columns (duplicate detection relies on it).
        let store = try Fixtures.store()
        for (kind, _) in Self.everyKind {
            let key = Set(kind.dbColumns.prefix(kind.keyCount))
            let unique = try store.read { db in try db.indexes(on: kind.table).filter(\.isUnique).map { Set($0.columns) } }
            #expect(unique.contains(key), "\(kind.table)")
            let cols = try store.read { db in try db.columns(in: kind.table).map(\.name) }
            #expect(Set(cols).isSuperset(of: kind.dbColumns + ["batch_id", "source_line", "row_hash"]), "\(kind.table)")
        }
    }
}

@Suite struct EvidenceCodeTests {
    @Test func codesByCodeOrChineseName() {
        #expect(InspectionKind.parse("夜查") == .nightCheck)
        #expect(InspectionKind.parse("DUMP_SITE_CHECK") == .dumpSiteCheck)
        #expect(InspectionKind.parse("消纳场") == .dumpSiteCheck)
        #expect(InspectionKind.parse("巡查") == nil)
        #expect(InspectionResult.parse("渣土运输") == .haulingMuck)
        #expect(InspectionResult.parse("over_standard") == .overStandard)
        #expect(FindingConclusion.parse("查无此车") == .notFound)
        #expect(FindingConclusion.parse("usage_confirmed") == .usageConfirmed)
        #expect(GateDirection.parse("出") == .out)
        #expect(FilingStatus.parse("停用") == .withdrawn)
        #expect(ApprovalStatus.parse("Revoked") == .revoked)
        #expect(InspectionResult.acceptedSpellings == "合格/pass, 超标/over_standard, 渣土运输/hauling_muck, 其他/other")
    }

    @Test func yesNo() {
        for y in ["是", "Y", "y", "1", "true", "TRUE", " True "] { #expect(YesNo.parse(y) == true, "\(y)") }
        for n in ["否", "N", "n", "0", "false", "False"] { #expect(YesNo.parse(n) == false, "\(n)") }
        for x in ["", "yes", "2", "是的", "t"] { #expect(YesNo.parse(x) == nil, "\(x)") }
    }
}
