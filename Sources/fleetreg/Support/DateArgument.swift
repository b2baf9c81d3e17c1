import Foundation
import FleetCore

/// Dates typed on the command line; "today" is China Standard Time.
enum DateArgument {
    static func today() -> CivilDate { CivilDateTime(unixTime: Date().timeIntervalSince1970).date }

    /// The date given, or today when nil.
    static func date(_ text: String?) throws -> CivilDate {
        guard let text else { return today() }
        guard let d = CivilDate(parsing: text.trimmingSpaces) else {
            throw InputError(Message("BAD_DATE", zh: "日期无效：\(text)（应为2020-11-02）", en: "not a date: \(text) (use 2020-11-02)"))
        }
        return d
    }
}
