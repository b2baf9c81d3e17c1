import Foundation
import FleetCore

/// Moments typed on the command line: the date-time forms of data.md (`2020-11-01 08:30`,
/// `2020-11-01T08:30:00`, `2020-11-01T00:30:00Z` converted to China Standard Time), and where a
/// command allows it, a date alone.
enum DateTimeArgument {
    /// What a date without a time means.
    enum PlainDate {
        /// Not accepted: a moment is needed (alerts, a gate passage).
        case rejected
        /// 00:00:00 of that day (a period's start).
        case startOfDay
        /// 23:59:59 of that day (a period's inclusive end, the whole of an as-of day).
        case endOfDay
    }

    static func now() -> CivilDateTime { CivilDateTime(unixTime: Date().timeIntervalSince1970) }

    /// The moment given; `option` names it in the error message.
    static func moment(_ text: String, option: String, plainDate: PlainDate = .rejected) throws -> CivilDateTime {
        let t = text.trimmingSpaces
        if let m = CivilDateTime(parsing: t) { return m }
        if let d = CivilDate(parsing: t) {
            switch plainDate {
            case .startOfDay: return CivilDateTime(date: d)
            case .endOfDay: return CivilDateTime(date: d, hour: 23, minute: 59, second: 59)
            case .rejected:
                throw InputError(Message("BAD_DATETIME", zh: "\(option) 须为日期加时间：\(text)（如 2020-11-18 00:00）",
                                         en: "\(option) needs a date and a time: \(text) (e.g. 2020-11-18 00:00)"))
            }
        }
        throw InputError(Message("BAD_DATETIME", zh: "\(option) 时间无效：\(text)（应为 2020-11-18 08:30 或 2020-11-18T08:30:00）",
                                 en: "\(option) is not a date-time: \(text) (use 2020-11-18 08:30 or 2020-11-18T08:30:00)"))
    }

    /// The moment given, or now when nil.
    static func moment(_ text: String?, option: String, plainDate: PlainDate = .rejected) throws -> CivilDateTime {
        guard let text else { return now() }
        return try moment(text, option: option, plainDate: plainDate)
    }
}
