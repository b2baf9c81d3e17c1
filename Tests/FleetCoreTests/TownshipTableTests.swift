import Testing
@testable import FleetCore

@Suite struct TownshipTableTests {
    static let names = ["青屏街街道", "新华路街道", "西大街街道", "城关镇", "米村镇", "牛店镇", "平陌镇", "超化镇", "苟堂镇",
                        "大隗镇", "刘寨镇", "白寨镇", "岳村镇", "来集镇", "曲梁镇", "袁庄乡", "矿区街道"]

    @Test func xinmiTableIsDataMdList() {
        #expect(TownshipTable.xinmi.townships.map(\.name) == Self.names)
        #expect(TownshipTable.xinmi.townships.allSatisfy { $0.code?.hasPrefix("410183") == true })
        #expect(Set(TownshipTable.xinmi.townships.compactMap(\.code)).count == 17)
    }

    @Test(arguments: names)
    func declaredNameIsItself(name: String) {
        #expect(TownshipTable.xinmi.canonicalName(name) == name)
        #expect(TownshipTable.xinmi.resolve(declared: name, address: nil) == (name, .declared))
    }

    @Test(arguments: [
        ("青屏街道", "青屏街街道"),   // declared alias
        ("青屏街", "青屏街街道"),     // short form: from the name only (§7.15)
        ("白寨", "白寨镇"),
        ("袁庄", "袁庄乡"),
        ("矿区", "矿区街道"),
        ("新华路", "新华路街道"),
        ("城关", "城关镇"),
        (" 白寨镇 ", "白寨镇"),
    ])
    func aliasesAndShortForms(text: String, name: String) {
        #expect(TownshipTable.xinmi.canonicalName(text) == name)
        #expect(TownshipTable.xinmi.resolve(declared: text, address: "新密市米村镇") == (name, .declared))
    }

    @Test(arguments: ["", "白", "镇", "郑州市", "青屏", "白寨村", "新密市"])
    func unknownNames(text: String) {
        #expect(TownshipTable.xinmi.canonicalName(text) == nil)
    }

    @Test func unassignedIsAcceptedAsAName() {
        #expect(TownshipTable.unassigned == "未匹配")
        #expect(TownshipTable.xinmi.canonicalName("未匹配") == "未匹配")
    }

    @Test func shortForms() {
        #expect(TownshipTable.Township(name: "青屏街街道").shortForm == "青屏街")
        #expect(TownshipTable.Township(name: "白寨镇").shortForm == "白寨")
        #expect(TownshipTable.Township(name: "袁庄乡").shortForm == "袁庄")
        #expect(TownshipTable.Township(name: "矿区街道").shortForm == "矿区")
        // One character is too short to be an alias.
        #expect(TownshipTable.Township(name: "东乡").shortForm == nil)
        #expect(TownshipTable.Township(name: "某街道").shortForm == nil)
        #expect(TownshipTable.Township(name: "开发区").shortForm == nil)
    }

    @Test(arguments: [
        ("新密市白寨镇XX村3组", "白寨镇"),
        ("河南省新密市青屏街道办事处东大街12号", "青屏街街道"),
        ("新密市青屏街街道", "青屏街街道"),
        ("新密市白寨老街5号", "白寨镇"),          // short form in the address
        ("新密市袁庄乡", "袁庄乡"),
        // Longest match wins, not the first: 城关 (short form, 2 chars) comes first, 米村镇 (3) is longer.
        ("新密市城关路米村镇张村", "米村镇"),
        ("新密市米村镇城关村", "米村镇"),
        ("新密市牛店镇曲梁路", "牛店镇"),
        ("新密市曲梁路牛店镇", "牛店镇"),
        // A full name beats another township's short form even when the full name comes later.
        ("新密市来集路岳村镇", "岳村镇"),
    ])
    func townshipFromAddress(address: String, name: String) {
        #expect(TownshipTable.xinmi.resolve(declared: nil, address: address) == (name, .address))
        #expect(TownshipTable.xinmi.resolve(declared: "", address: address) == (name, .address))
    }

    @Test(arguments: ["郑州市金水区花园路1号", "", "新密市", "白", "某某村"])
    func unmatchedAddress(address: String) {
        #expect(TownshipTable.xinmi.resolve(declared: nil, address: address) == ("未匹配", .unassigned))
    }

    @Test func noDeclaredNoAddressIsUnassigned() {
        #expect(TownshipTable.xinmi.resolve(declared: nil, address: nil) == ("未匹配", .unassigned))
    }

    @Test func unknownDeclaredFallsBackToTheAddress() {
        #expect(TownshipTable.xinmi.resolve(declared: "不存在镇", address: "新密市超化镇") == ("超化镇", .address))
        #expect(TownshipTable.xinmi.resolve(declared: "不存在镇", address: nil) == ("未匹配", .unassigned))
    }

    @Test func declaredWinsOverTheAddress() {
        #expect(TownshipTable.xinmi.resolve(declared: "白寨", address: "新密市超化镇") == ("白寨镇", .declared))
    }

    @Test func customTableWithAliases() {
        let t = TownshipTable([
            .init(name: "甲镇", code: "1", aliases: ["甲乡", "老甲"]),
            .init(name: "乙街道", aliases: ["", "乙"]),
            .init(name: "丙丁镇"),
        ])
        #expect(t.canonicalName("老甲") == "甲镇")
        #expect(t.canonicalName("甲乡") == "甲镇")
        #expect(t.canonicalName("乙") == "乙街道")
        #expect(t.canonicalName("丙丁") == "丙丁镇")
        #expect(t.canonicalName("") == nil)
        #expect(t.resolve(declared: nil, address: "某地老甲村").name == "甲镇")
        #expect(t.resolve(declared: nil, address: "丙丁路") == ("丙丁镇", .address))
    }

    @Test func explicitAliasWinsOverAnotherTownshipsShortForm() {
        // 乙镇 names 丙丁 as its alias; 丙丁镇's short form is also 丙丁. The declared alias wins.
        let t = TownshipTable([.init(name: "丙丁镇"), .init(name: "乙镇", aliases: ["丙丁"])])
        #expect(t.canonicalName("丙丁") == "乙镇")
        #expect(t.canonicalName("丙丁镇") == "丙丁镇")
    }

    @Test func sourceRawValues() {
        #expect(TownshipTable.Source.declared.rawValue == "declared")
        #expect(TownshipTable.Source.address.rawValue == "address")
        #expect(TownshipTable.Source.unassigned.rawValue == "unassigned")
    }
}
