import Foundation
import Testing
@testable import FleetCore

@Suite struct CivilDateTests {
    @Test(arguments: [
        ("2020-11-02", "2020-11-02"), ("2020/11/2", "2020-11-02"), ("20201102", "2020-11-02"),
        ("2020/1/2", "2020-01-02"), ("2020-1-2", "2020-01-02"), ("2020.11.2", "2020-11-02"),
        ("2020-02-29", "2020-02-29"), ("2000-02-29", "2000-02-29"), ("1970-01-01", "1970-01-01"),
        ("1900-01-01", "1900-01-01"), ("2999-12-31", "2999-12-31"), ("19991231", "1999-12-31"),
        ("2021/12/31", "2021-12-31"),
    ])
    func validForms(text: String, canonical: String) throws {
        let d = try #require(CivilDate(parsing: text))
        #expect(d.description == canonical)
    }

    @Test(arguments: [
        "2021-02-29", "20210229", "2021/2/29", "1900-02-29", "2100-02-29",   // not leap years
        "2020-04-31", "2020-13-01", "2020-00-10", "2020-01-00", "2020-01-32", "20201301",
        "", "2020", "2020-11", "2020-11-02-01", "2020-11/02", "2020--02", "-2020-11-02", "2020-11-",
        "20-11-02", "2020112", "202011021", "2020-11-02 ", " 2020-11-02", "2020年11月2日", "abcd-ef-gh",
        "1899-12-31", "3000-01-01", "02/11/2020", "2020-11-02T08:00",
    ])
    func invalid(text: String) {
        #expect(CivilDate(parsing: text) == nil)
    }

    @Test func partsAndDayNumbers() throws {
        let d = try #require(CivilDate(year: 2020, month: 11, day: 2))
        #expect(d.year == 2020 && d.month == 11 && d.day == 2)
        #expect(CivilDate(year: 1970, month: 1, day: 1)?.dayNumber == 0)
        #expect(CivilDate(year: 1970, month: 1, day: 2)?.dayNumber == 1)
        #expect(CivilDate(year: 1969, month: 12, day: 31)?.dayNumber == -1)
        #expect(CivilDate(year: 2000, month: 3, day: 1)?.dayNumber == 11_017)
        #expect(CivilDate(dayNumber: 18_568).description == "2020-11-02")
        #expect(CivilDate(year: 2021, month: 2, day: 29) == nil)
        #expect(CivilDate(year: 2024, month: 2, day: 29) != nil)
    }

    @Test func roundTripOverManyYears() throws {
        var d = try #require(CivilDate(year: 1999, month: 12, day: 25))
        let end = try #require(CivilDate(year: 2031, month: 1, day: 10))
        var count = 0
        while d <= end {
            #expect(CivilDate(parsing: d.description) == d)
            #expect(CivilDate(year: d.year, month: d.month, day: d.day) == d)
            d = d.adding(days: 1)
            count += 1
        }
        #expect(count == end.days(since: try #require(CivilDate(year: 1999, month: 12, day: 25))) + 1)
    }

    @Test func arithmeticAndOrder() {
        #expect(date("2020-12-31").adding(days: 1) == date("2021-01-01"))
        #expect(date("2020-03-01").adding(days: -1) == date("2020-02-29"))
        #expect(date("2021-03-01").adding(days: -1) == date("2021-02-28"))
        #expect(date("2021-01-01").days(since: date("2020-01-01")) == 366)
        #expect(date("2020-01-01").days(since: date("2021-01-01")) == -366)
        #expect(date("2020-11-01") < date("2020-11-02"))
        #expect(!(date("2020-11-02") < date("2020-11-02")))
        #expect(date("2020/11/2") == date("20201102"))
    }

    @Test func descriptionPadsMonthAndDay() {
        #expect(date("2020/1/5").description == "2020-01-05")
        #expect(date("2020/10/15").description == "2020-10-15")
    }

    @Test func codableAsText() throws {
        let data = try JSONEncoder().encode([date("2020/11/2")])
        #expect(String(decoding: data, as: UTF8.self) == #"["2020-11-02"]"#)
        #expect(try JSONDecoder().decode([CivilDate].self, from: Data(#"["20201102","2020/1/2"]"#.utf8))
                == [date("2020-11-02"), date("2020-01-02")])
        #expect(throws: DecodingError.self) {
            try JSONDecoder().decode([CivilDate].self, from: Data(#"["2021-02-29"]"#.utf8))
        }
    }
}

@Suite struct CivilDateTimeTests {
    static func cst(_ d: String, _ h: Int, _ m: Int, _ s: Int = 0) -> CivilDateTime {
        CivilDateTime(date: date(d), hour: h, minute: m, second: s)
    }

    @Test(arguments: [
        ("2020-11-01 08:30", "2020-11-01T08:30:00+08:00"),
        ("2020-11-01T08:30", "2020-11-01T08:30:00+08:00"),
        ("2020-11-01 08:30:15", "2020-11-01T08:30:15+08:00"),
        ("2020-11-01T08:30:15", "2020-11-01T08:30:15+08:00"),
        ("2020/11/1 8:05", "2020-11-01T08:05:00+08:00"),
        ("20201101 23:59:59", "2020-11-01T23:59:59+08:00"),
        ("2020-11-01 00:00", "2020-11-01T00:00:00+08:00"),
        ("2020-11-01  08:30", "2020-11-01T08:30:00+08:00"),
        // explicit offsets, converted to CST
        ("2020-10-31T16:00:00Z", "2020-11-01T00:00:00+08:00"),
        ("2020-10-31 16:00Z", "2020-11-01T00:00:00+08:00"),
        ("2020-11-01T08:30:00+08:00", "2020-11-01T08:30:00+08:00"),
        ("2020-11-01T08:30:00+0800", "2020-11-01T08:30:00+08:00"),
        ("2020-11-01T08:30+08", "2020-11-01T08:30:00+08:00"),
        ("2020-11-01T00:30:00+00:00", "2020-11-01T08:30:00+08:00"),
        ("2020-11-01T08:30:00+09:00", "2020-11-01T07:30:00+08:00"),
        ("2020-10-31T19:30:00-05:00", "2020-11-01T08:30:00+08:00"),
        ("2020-11-01T05:00:00+05:30", "2020-11-01T07:30:00+08:00"),
        ("2020-12-31T20:00:00Z", "2021-01-01T04:00:00+08:00"),
        ("2021-01-01T02:00:00+08:00", "2021-01-01T02:00:00+08:00"),
        ("2021-01-01T02:00:00+10:00", "2021-01-01T00:00:00+08:00"),
        ("2021-01-01T01:59:59+10:00", "2020-12-31T23:59:59+08:00"),
    ])
    func validForms(text: String, description: String) throws {
        let t = try #require(CivilDateTime(parsing: text))
        #expect(t.description == description)
    }

    @Test(arguments: [
        "", "2020-11-01", "2020-11-01 ", "2020-11-01 8", "2020-11-01 08:", "2020-11-01 :30", "2020-11-01 24:00",
        "2020-11-01 08:60", "2020-11-01 08:30:60", "2020-11-01 08:30:00:00", "2020-11-01 083000",
        "2020-11-01 008:30", "2020-11-01 a8:30", "2021-02-29 08:30", "2020-11-01X08:30",
        "2020-11-01T08:30+8:0:0", "2020-11-01T08:30+123", "2020-11-01T08:30+15:00", "2020-11-01T08:30+08:60",
        "08:30 2020-11-01",
    ])
    func invalid(text: String) {
        #expect(CivilDateTime(parsing: text) == nil)
    }

    @Test func secondsAreOptional() {
        #expect(CivilDateTime(parsing: "2020-11-01 08:30") == CivilDateTime(parsing: "2020-11-01 08:30:00"))
        #expect(CivilDateTime(parsing: "2020-11-01 08:30") == Self.cst("2020-11-01", 8, 30))
    }

    @Test func spaceAndTAreTheSame() {
        #expect(CivilDateTime(parsing: "2020-11-01 08:30:15") == CivilDateTime(parsing: "2020-11-01T08:30:15"))
    }

    @Test func offsetFormsAgree() {
        let a = CivilDateTime(parsing: "2020-11-01T08:30:00+08:00")
        #expect(a != nil)
        #expect(a == CivilDateTime(parsing: "2020-11-01T08:30:00+0800"))
        #expect(a == CivilDateTime(parsing: "2020-11-01T00:30:00Z"))
        #expect(a == CivilDateTime(parsing: "2020-11-01 08:30"))
    }

    @Test func dateOfAMoment() {
        #expect(CivilDateTime(parsing: "2020-10-31T16:00:00Z")?.date == date("2020-11-01"))
        #expect(CivilDateTime(parsing: "2020-10-31T15:59:59Z")?.date == date("2020-10-31"))
        #expect(Self.cst("2020-11-01", 23, 59, 59).date == date("2020-11-01"))
        #expect(Self.cst("2020-11-02", 0, 0).date == date("2020-11-02"))
        // Before 1970 (negative seconds) the date still rounds down.
        #expect(Self.cst("1969-12-31", 23, 0).date == date("1969-12-31"))
        #expect(Self.cst("1969-12-31", 0, 0).date == date("1969-12-31"))
        #expect(Self.cst("1969-12-31", 0, 0).description == "1969-12-31T00:00:00+08:00")
    }

    @Test func orderAndEpoch() {
        #expect(Self.cst("2020-11-01", 0, 0) < Self.cst("2020-11-01", 0, 0, 1))
        #expect(Self.cst("1970-01-01", 0, 0).secondsSinceEpochCST == 0)
        #expect(Self.cst("1970-01-02", 1, 1, 1).secondsSinceEpochCST == 86_400 + 3661)
    }

    @Test func unixTime() {
        // 2020-10-31T16:00:00Z = 1604160000
        #expect(CivilDateTime(unixTime: 1_604_160_000).description == "2020-11-01T00:00:00+08:00")
        #expect(CivilDateTime(unixTime: 1_604_160_000.9).description == "2020-11-01T00:00:00+08:00")
        #expect(CivilDateTime(unixTime: 0).description == "1970-01-01T08:00:00+08:00")
    }

    @Test func descriptionFormat() {
        #expect(Self.cst("2020-01-05", 3, 4, 5).description == "2020-01-05T03:04:05+08:00")
        #expect(Self.cst("2020-12-31", 23, 59, 59).description == "2020-12-31T23:59:59+08:00")
    }

    @Test func substringParsing() {
        let line = "x,2020-11-01 08:30,y"
        let field = line.split(separator: ",")[1]
        #expect(CivilDateTime(parsing: field)?.description == "2020-11-01T08:30:00+08:00")
        #expect(CivilDate(parsing: "a,2020-11-02,b".split(separator: ",")[1]) == date("2020-11-02"))
    }

    /// The import's byte checks accept exactly the texts `init(parsing:)` reads in those two
    /// forms, and say truly how `description` writes them.
    @Test func byteChecksAgreeWithTheParser() {
        func check(_ text: String) {
            let parsed = CivilDate(parsing: text)
            Array(text.utf8).withUnsafeBufferPointer { b in
                let canonical = CivilDate.isCanonical(b), eight = CivilDate.isEightDigits(b)
                if canonical { #expect(parsed?.description == text, "\(text)") }
                if eight {
                    let t = Array(text)
                    #expect(parsed?.description == "\(String(t[0..<4]))-\(String(t[4..<6]))-\(String(t[6..<8]))", "\(text)")
                }
                // Every date `description` writes, and its eight digits, are taken.
                if let parsed, text == parsed.description { #expect(canonical, "\(text)") }
                if let parsed, text.count == 8, text.allSatisfy(\.isNumber) { #expect(eight && parsed.year >= 1900, "\(text)") }
            }
        }
        var day = CivilDate(year: 1900, month: 1, day: 1)!.dayNumber - 7
        while day < CivilDate(year: 2031, month: 1, day: 5)!.dayNumber {
            let d = CivilDate(dayNumber: day)
            check(d.description)
            check(d.description.replacingOccurrences(of: "-", with: ""))
            day += 13
        }
        for t in ["2020-02-29", "2021-02-29", "2020-13-01", "2020-00-10", "2020-01-32", "1899-12-31", "3000-01-01", "20200230",
                  "2020/02/29", "2020-2-29", "2020-02-9", " 2020-02-29", "2020-02-2９", "２0200229", "2020-0229", "202002291",
                  "2999-12-31", "29991231", "19000101", "1900-01-01", "abcdefgh", "2020-02-2a"] {
            check(t)
        }
        #expect(Array("2021-02-29".utf8).withUnsafeBufferPointer { CivilDate.isCanonical($0) } == false)
        #expect(Array("20200229".utf8).withUnsafeBufferPointer { CivilDate.isEightDigits($0) })
    }
}
