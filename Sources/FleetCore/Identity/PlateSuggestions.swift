/// Near-miss suggestions for a plate that is not in the registry.
///
///     PlateSuggestions.confusableVariants(of: "豫A1234O")   // ["豫A12340", …]
public enum PlateSuggestions {
    private static let confusable: [Character: [Character]] = [
        "O": ["0", "D", "Q"], "0": ["O", "D"], "D": ["0"], "Q": ["0"],
        "I": ["1"], "1": ["I", "7"], "7": ["1"], "Z": ["2"], "2": ["Z"],
        "S": ["5"], "5": ["S"], "B": ["8"], "8": ["B"],
    ]

    /// Every text that differs from `plate` by one confusable character (O↔0, I↔1, 8↔B …),
    /// each a valid plate.
    public static func confusableVariants(of plate: String) -> [String] {
        let chars = Array(Plate.normalize(plate))
        var out: [String] = []
        for (i, c) in chars.enumerated() where i >= 1 {
            for alt in confusable[c] ?? [] {
                var copy = chars
                copy[i] = alt
                let s = String(copy)
                if (try? Plate.parse(s)) != nil, s != String(chars) { out.append(s) }
            }
        }
        return out
    }

    /// GLOB patterns that match every plate differing from `plate` in exactly one position
    /// after the province character (the store runs them; `?` is one character).
    public static func oneCharacterPatterns(of plate: String) -> [String] {
        let chars = Array(Plate.normalize(plate))
        guard chars.count >= 3 else { return [] }
        return (1..<chars.count).map { i in
            var copy = chars.map { c -> String in
                "*?[".contains(c) ? "[\(c)]" : String(c)
            }
            copy[i] = "?"
            return copy.joined()
        }
    }

    /// Orders candidate plates: confusable variants first, then the rest, each alphabetically.
    public static func rank(_ candidates: Set<String>, typed: String) -> [String] {
        let variants = Set(confusableVariants(of: typed))
        let normal = Plate.normalize(typed)
        return candidates.filter { $0 != normal }.sorted { a, b in
            let va = variants.contains(a), vb = variants.contains(b)
            return va != vb ? va : a < b
        }
    }
}
