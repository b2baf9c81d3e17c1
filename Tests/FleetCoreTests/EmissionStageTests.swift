import Foundation
import Testing
@testable import FleetCore

@Suite struct EmissionStageTests {
    @Test(arguments: [
        // 国0 … 国6
        ("国0", EmissionStage.zero), ("国1", .I), ("国2", .II), ("国3", .III), ("国4", .IV), ("国5", .V), ("国6", .VI),
        // Roman numerals, ASCII
        ("国I", .I), ("国II", .II), ("国III", .III), ("国IV", .IV), ("国V", .V), ("国VI", .VI),
        // Roman numerals, Unicode number forms
        ("国Ⅰ", .I), ("国Ⅱ", .II), ("国Ⅲ", .III), ("国Ⅳ", .IV), ("国Ⅴ", .V), ("国Ⅵ", .VI),
        // Chinese numerals
        ("国零", .zero), ("国一", .I), ("国二", .II), ("国三", .III), ("国四", .IV), ("国五", .V), ("国六", .VI),
        // sub-stages a/b rank as their stage
        ("国六b", .VI), ("国六a", .VI), ("国六B", .VI), ("国6b", .VI), ("国VI(b)", .VI), ("国VI(a)", .VI),
        ("国VIb", .VI), ("国Ⅵb", .VI), ("国VI（b）", .VI),
        // English
        ("China III", .III), ("China IV", .IV), ("china vi", .VI), ("CHINA 0", .zero), ("China VI(b)", .VI),
        ("CN5", .V),
        // other forms seen in exports
        ("III", .III), ("IV", .IV), ("4", .IV), ("国Ⅴ标准", .V), ("国家第五阶段", .V), ("国五阶段", .V),
        ("国-III", .III), (" 国 III ", .III), ("国iii", .III), ("国Ｖ", .V),
        // zero emission
        ("ZE", .ZE), ("零排放", .ZE),
    ])
    func writtenForms(text: String, stage: EmissionStage) {
        #expect(EmissionStage.parse(text) == stage)
    }

    @Test(arguments: [
        "", "国", "国7", "国七", "国VII", "国IIII", "国X", "欧III", "China", "B", "国B", "国三b标准阶段x", "abc",
        "III-IV", "国3.5", "国10", "柴油", "Euro IV", "国六c",
    ])
    func garbageIsRejected(text: String) {
        #expect(EmissionStage.parse(text) == nil)
    }

    /// Every spelling the earlier table held (each prefix × numeral × sub-stage × suffix of
    /// data.md's forms) parses to its numeral's stage, as written and in lower case.
    @Test func everyCombinationOfTheWrittenForms() {
        let numerals: [(String, EmissionStage)] = [
            ("0", .zero), ("零", .zero), ("1", .I), ("一", .I), ("I", .I), ("Ⅰ", .I), ("2", .II), ("二", .II), ("II", .II), ("Ⅱ", .II),
            ("3", .III), ("三", .III), ("III", .III), ("Ⅲ", .III), ("4", .IV), ("四", .IV), ("IV", .IV), ("Ⅳ", .IV),
            ("5", .V), ("五", .V), ("V", .V), ("Ⅴ", .V), ("6", .VI), ("六", .VI), ("VI", .VI), ("Ⅵ", .VI),
            ("ZE", .ZE), ("零排放", .ZE),
        ]
        var checked = 0
        for prefix in ["", "国", "国家第", "CHINA", "CN", "CHINA-", "国-"] {
            for (numeral, stage) in numerals {
                for sub in ["", "A", "B", "(A)", "(B)", "（A）", "（B）"] {
                    for suffix in ["", "阶段", "标准"] {
                        let text = prefix + numeral + sub + suffix
                        #expect(EmissionStage.parse(text) == stage, "\(text)")
                        // Lower case too, except the Unicode roman numerals (ⅲ is not read as Ⅲ).
                        if !"ⅠⅡⅢⅣⅤⅥ".contains(numeral) {
                            #expect(EmissionStage.parse(text.lowercased()) == stage, "\(text.lowercased())")
                        }
                        checked += 1
                    }
                }
            }
        }
        #expect(checked == 7 * 28 * 7 * 3)
    }

    @Test func order() {
        let ordered: [EmissionStage] = [.zero, .I, .II, .III, .IV, .V, .VI, .ZE]
        #expect(ordered.sorted() == ordered)
        #expect(EmissionStage.allCases == ordered)
        #expect(EmissionStage.III < .IV)
        #expect(EmissionStage.VI < .ZE)
        #expect(!(EmissionStage.IV < .IV))
        #expect(EmissionStage.zero < .I)
    }

    @Test func descriptionsAndChineseNames() {
        #expect(EmissionStage.allCases.map(\.description) == ["0", "I", "II", "III", "IV", "V", "VI", "ZE"])
        #expect(EmissionStage.zero.chineseName == "国0")
        #expect(EmissionStage.III.chineseName == "国III")
        #expect(EmissionStage.VI.chineseName == "国VI")
        #expect(EmissionStage.ZE.chineseName == "零排放")
    }

    @Test func everyDescriptionAndChineseNameParsesBack() {
        for s in EmissionStage.allCases {
            #expect(EmissionStage.parse(s.description) == s)
            #expect(EmissionStage.parse(s.chineseName) == s)
        }
    }

    @Test func previous() {
        #expect(EmissionStage.zero.previous == nil)
        #expect(EmissionStage.ZE.previous == nil)
        #expect(EmissionStage.I.previous == .zero)
        #expect(EmissionStage.IV.previous == .III)
        #expect(EmissionStage.VI.previous == .V)
    }

    @Test func codableUsesTheCode() throws {
        let data = try JSONEncoder().encode([EmissionStage.III, .ZE, .zero])
        #expect(String(decoding: data, as: UTF8.self) == #"["III","ZE","0"]"#)
        let back = try JSONDecoder().decode([EmissionStage].self, from: Data(#"["国Ⅳ","VI","0"]"#.utf8))
        #expect(back == [.IV, .VI, .zero])
    }

    @Test func decodingGarbageFails() {
        #expect(throws: DecodingError.self) {
            try JSONDecoder().decode([EmissionStage].self, from: Data(#"["国七"]"#.utf8))
        }
    }
}
