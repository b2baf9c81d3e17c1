import FleetCore

/// Reads the fields of one row for a kind and collects every problem, so a row reports all of
/// them at once. A kind names its columns with an `Int` enum in the order of its `columns`.
///
///     var r = FieldReader<Col>(row)
///     let plate = r.plate(.plate)
///     let from = r.date(.validFrom, required: true)
///     guard r.errors.isEmpty, let plate, let from else { return .invalid(r.errors) }
///
/// Every accessor that returns nil for a value it needs has recorded an error, so a kind's
/// `guard` never turns a row into an invalid row without a reason.
struct FieldReader<Column: RawRepresentable> where Column.RawValue == Int {
    let row: RowInput
    private(set) var errors: [FieldError] = []

    init(_ row: RowInput) { self.row = row }

    mutating func fail(_ c: Column, _ value: String, _ reason: Message) {
        errors.append(FieldError(column: c.rawValue, value: value, reason: reason))
    }

    /// The text, or nil when blank.
    func optional(_ c: Column) -> String? {
        let t = row.text(c.rawValue)
        return t.isEmpty ? nil : t
    }

    /// The text; blank is an error.
    mutating func required(_ c: Column) -> String? {
        let t = row.text(c.rawValue)
        if t.isEmpty { fail(c, t, Reason.required); return nil }
        return t
    }

    /// A value read by `parse`: blank is nil (an error when `required`), unparseable is `reason`.
    mutating func value<T>(_ c: Column, required isRequired: Bool, _ reason: @autoclosure () -> Message,
                           _ parse: (String) -> T?) -> T? {
        let t = row.text(c.rawValue)
        if t.isEmpty {
            if isRequired { fail(c, t, Reason.required) }
            return nil
        }
        guard let v = parse(t) else { fail(c, t, reason()); return nil }
        return v
    }

    /// A required plate, normalised (plates from elsewhere are valid).
    mutating func plate(_ c: Column) -> Plate? {
        guard let t = required(c) else { return nil }
        do { return try Plate.parse(t) } catch { fail(c, t, Reason.badPlate(error)); return nil }
    }

    mutating func date(_ c: Column, required: Bool) -> CivilDate? {
        value(c, required: required, Reason.badDate) { CivilDate(parsing: $0) }
    }

    /// A date-time in China Standard Time (a value with an offset is converted).
    mutating func dateTime(_ c: Column, required: Bool) -> CivilDateTime? {
        value(c, required: required, Reason.badDateTime) { CivilDateTime(parsing: $0) }
    }

    /// A code of one of the evidence code lists, by code or Chinese name.
    mutating func code<C: RegistryCode & CaseIterable>(_ c: Column, required: Bool, _ what: String, _ whatZh: String,
                                                      _ parse: (String) -> C?) -> C? {
        value(c, required: required, Reason.notOneOf(what, whatZh, accepted: C.acceptedSpellings), parse)
    }
}

extension SQLValue {
    static func dateTime(_ t: CivilDateTime?) -> SQLValue { t.map { .text($0.description) } ?? .null }
    static func bool(_ b: Bool) -> SQLValue { .integer(b ? 1 : 0) }
}
