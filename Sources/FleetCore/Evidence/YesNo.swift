/// A yes/no value as the bureaus' files write it.
///
///     YesNo.parse("是")      // true
///     YesNo.parse("N")       // false
///     YesNo.parse("maybe")   // nil
public enum YesNo {
    /// `是`/`否`, `Y`/`N`, `1`/`0`, `true`/`false` (case ignored); nil for anything else.
    public static func parse<S: StringProtocol>(_ raw: S) -> Bool? {
        switch raw.trimmingSpaces.lowercased() {
        case "是", "y", "1", "true": return true
        case "否", "n", "0", "false": return false
        default: return nil
        }
    }
}
