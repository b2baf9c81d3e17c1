import Testing
@testable import FleetCore

@Suite struct LangTests {
    @Test(arguments: [
        ([String: String](), Lang.en),
        (["LANG": "zh_CN.UTF-8"], .zh),
        (["LANG": "ZH_TW"], .zh),
        (["LANG": "en_US.UTF-8"], .en),
        (["LANG": "C"], .en),
        (["LC_ALL": "zh_CN.UTF-8", "LANG": "en_US.UTF-8"], .zh),
        (["LC_ALL": "en_US.UTF-8", "LANG": "zh_CN.UTF-8"], .en),
        (["LC_ALL": "", "LANG": "zh_CN.UTF-8"], .zh),
        (["LC_MESSAGES": "zh_CN", "LANG": "en_US"], .zh),
    ])
    func fromEnvironment(env: [String: String], lang: Lang) {
        #expect(Lang.fromEnvironment(env) == lang)
    }

    @Test func message() {
        let m = Message("BAD_DATE", zh: "日期无效", en: "not a date")
        #expect(m.code == "BAD_DATE")
        #expect(m.text(.en) == "not a date")
        #expect(m.text(.zh) == "日期无效")
    }
}

@Suite struct FindingTests {
    @Test func textInBothLanguages() {
        let f = Finding(file: "v.csv", line: 12, column: "车辆识别代号", value: "LZFF", reason: Reason.badVIN(.wrongLength(4)))
        #expect(f.text(.en) == "v.csv, line 12, column 车辆识别代号: VIN must have 17 characters (has 4) (value: LZFF)")
        #expect(f.text(.zh) == "v.csv, 第12行, 列「车辆识别代号」: 车辆识别代号应为17位（实为4位）（值：LZFF）")
        #expect(f.description == f.text(.en))
    }

    @Test func wholeFileFindingHasNoLineColumnOrValue() {
        let f = Finding(file: "v.csv", line: 0, column: "", value: "", reason: Reason.emptyFile)
        #expect(f.text(.en) == "v.csv: the file is empty")
        #expect(f.text(.zh) == "v.csv: 文件为空")
    }
}

@Suite struct ReasonTests {
    @Test func codesAreStable() throws {
        #expect(Reason.required.code == "REQUIRED")
        #expect(Reason.badPlate(.empty) == Reason.required)
        #expect(Reason.badPlate(.badFormat).code == "BAD_PLATE")
        #expect(Reason.badPlate(.unknownProvince("X")).en.contains("X"))
        #expect(Reason.badVIN(.badCharacter("O")).code == "BAD_VIN")
        #expect(Reason.badVIN(.badCharacter("O")).en.contains("O"))
        #expect(Reason.duplicateKey(firstAt: 7).en == "duplicate key, first at line 7")
        #expect(Reason.missingColumn("号牌号码", alias: "plate").en.contains("plate"))
        #expect(Reason.unknownCode("fuel", "燃料种类").code == "BAD_CODE")
        #expect(Reason.massRequired.code == "REQUIRED")
        let mismatch = Reason.plateTypeMismatch(.largeNewEnergy, try Plate.parse("豫A12345"))
        #expect(mismatch.code == "PLATE_TYPE_MISMATCH")
        #expect(mismatch.en.contains("51") && mismatch.en.contains("ordinary"))
        #expect(mismatch.zh.contains("大型新能源汽车"))
        #expect(Reason.badEncoding(offset: 17, encoding: "utf8").en.contains("17"))
    }
}

@Suite struct ValidatedTests {
    @Test func validAndInvalid() {
        let ok: Validated<Int, String> = .valid(3)
        #expect(ok.value == 3)
        #expect(ok.problems.isEmpty)
        let bad: Validated<Int, String> = .invalid(["a", "b"])
        #expect(bad.value == nil)
        #expect(bad.problems == ["a", "b"])
    }
}
