/// A validated value, or every problem found while validating it.
public enum Validated<Value, Problem> {
    case valid(Value)
    case invalid([Problem])

    public var value: Value? {
        if case .valid(let v) = self { return v }
        return nil
    }
    public var problems: [Problem] {
        if case .invalid(let p) = self { return p }
        return []
    }
}

extension Validated: Sendable where Value: Sendable, Problem: Sendable {}
