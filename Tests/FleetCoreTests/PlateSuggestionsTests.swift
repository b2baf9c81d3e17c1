import Testing
@testable import FleetCore

@Suite struct PlateSuggestionsTests {
    @Test func letterOInSerialBecomesZeroDAndQ() {
        let v = PlateSuggestions.confusableVariants(of: "豫A1234O")
        #expect(v == ["豫A12340", "豫A1234D", "豫A1234Q"])
    }

    @Test func everyVariantIsAValidPlateDifferingInOnePosition() {
        let typed = "豫A8B150"
        let variants = PlateSuggestions.confusableVariants(of: typed)
        #expect(!variants.isEmpty)
        for v in variants {
            #expect((try? Plate.parse(v)) != nil, "\(v) is not a plate")
            let diffs = zip(Array(v), Array(typed)).filter { $0 != $1 }.count
            #expect(diffs == 1, "\(v)")
            #expect(v != typed)
        }
        #expect(Set(variants).count == variants.count)
    }

    @Test func expectedVariantsOfAPlate() {
        let v = Set(PlateSuggestions.confusableVariants(of: "豫A8B150"))
        // 8→B, B→8, 1→I (invalid: I), 1→7, 5→S, 0→O (invalid), 0→D
        #expect(v == ["豫ABB150", "豫A88150", "豫A8B750",
                      "豫A8B1S0", "豫A8B15D"])
    }

    @Test func neverSubstitutesTheProvince() {
        for v in PlateSuggestions.confusableVariants(of: "豫A12345") {
            #expect(v.first == "豫")
        }
    }

    @Test func normalisesTheTypedText() {
        #expect(PlateSuggestions.confusableVariants(of: "豫a1234o") == PlateSuggestions.confusableVariants(of: "豫A1234O"))
    }

    @Test func invalidIssuingLetterOIsSuggestedAsD() {
        // 豫O… is not a plate (no O), but 豫D… is; 豫0… is not (issuing char must be a letter).
        let v = PlateSuggestions.confusableVariants(of: "豫O12345")
        #expect(v.contains("豫D12345"))
        #expect(v.contains("豫Q12345"))
        #expect(!v.contains("豫012345"))
    }

    @Test func noVariantsWhenNothingIsConfusable() {
        #expect(PlateSuggestions.confusableVariants(of: "豫A3469X").isEmpty)
    }

    @Test func oneCharacterPatterns() {
        #expect(PlateSuggestions.oneCharacterPatterns(of: "豫a123") == ["豫?123", "豫A?23", "豫A1?3", "豫A12?"])
        let p = PlateSuggestions.oneCharacterPatterns(of: "豫A12345")
        #expect(p.count == 6)        // one per character after the province
        #expect(p.first == "豫?12345")
        #expect(p.last == "豫A1234?")
        #expect(p.allSatisfy { $0.filter { $0 == "?" }.count == 1 })
    }

    @Test func oneCharacterPatternsEscapeGlobCharacters() {
        #expect(PlateSuggestions.oneCharacterPatterns(of: "豫A*1") == ["豫?[*]1", "豫A?1", "豫A[*]?"])
        #expect(PlateSuggestions.oneCharacterPatterns(of: "豫A[?") == ["豫?[[][?]", "豫A?[?]", "豫A[[]?"])
    }

    @Test func oneCharacterPatternsOfShortText() {
        #expect(PlateSuggestions.oneCharacterPatterns(of: "豫A").isEmpty)
        #expect(PlateSuggestions.oneCharacterPatterns(of: "").isEmpty)
    }

    @Test func rankPutsVariantsFirstThenAlphabetical() {
        let candidates: Set<String> = ["豫A12349", "豫A1234D", "豫A12340", "豫A12348", "豫A1234O"]
        let ranked = PlateSuggestions.rank(candidates, typed: "豫a1234o")
        // 豫A1234O is the typed plate itself (after normalising) and is left out.
        #expect(ranked == ["豫A12340", "豫A1234D", "豫A12348", "豫A12349"])
    }

    @Test func rankOfNoCandidates() {
        #expect(PlateSuggestions.rank([], typed: "豫A12345").isEmpty)
    }
}
