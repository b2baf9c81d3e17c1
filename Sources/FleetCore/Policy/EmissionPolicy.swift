/// The stage tables of rules.md §1: for each group (diesel or not, gross mass over the
/// threshold or not) the date from which new registrations had to meet each stage.
public struct EmissionPolicy: Codable, Sendable, Hashable {
    public struct Group: Codable, Sendable, Hashable {
        public var id: String
        /// `diesel` or `other`.
        public var fuel: String
        /// `over` (gross mass > threshold) or `at_most`.
        public var mass: String
        public var starts: [EmissionStage: CivilDate]
        public var uncertainWindows: [UncertainWindow]

        enum CodingKeys: String, CodingKey { case id, fuel, mass, starts, uncertainWindows }

        public init(id: String, fuel: String, mass: String, starts: [EmissionStage: CivilDate],
                    uncertainWindows: [UncertainWindow] = []) {
            self.id = id; self.fuel = fuel; self.mass = mass; self.starts = starts
            self.uncertainWindows = uncertainWindows
        }

        public init(from decoder: Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            id = try c.decode(String.self, forKey: .id)
            fuel = try c.decode(String.self, forKey: .fuel)
            mass = try c.decode(String.self, forKey: .mass)
            let raw = try c.decode([String: CivilDate].self, forKey: .starts)
            var s: [EmissionStage: CivilDate] = [:]
            for (k, v) in raw {
                guard let stage = EmissionStage.parse(k), stage != .ZE, stage != .zero else {
                    throw DecodingError.dataCorruptedError(forKey: .starts, in: c,
                        debugDescription: "unknown stage \(k)")
                }
                s[stage] = v
            }
            starts = s
            uncertainWindows = try c.decodeIfPresent([UncertainWindow].self, forKey: .uncertainWindows) ?? []
        }

        public func encode(to encoder: Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(id, forKey: .id)
            try c.encode(fuel, forKey: .fuel)
            try c.encode(mass, forKey: .mass)
            try c.encode(Dictionary(uniqueKeysWithValues: starts.map { ($0.key.description, $0.value) }), forKey: .starts)
            try c.encode(uncertainWindows, forKey: .uncertainWindows)
        }
    }

    /// Registrations from `from` to `to` (inclusive) may still be of the stage before `stage`.
    public struct UncertainWindow: Codable, Sendable, Hashable {
        public var stage: EmissionStage
        public var from: CivilDate
        public var to: CivilDate
        public init(stage: EmissionStage, from: CivilDate, to: CivilDate) {
            self.stage = stage; self.from = from; self.to = to
        }
    }

    /// The gross mass that separates the heavy groups (3,500 kg): "over" means strictly more.
    public var massThresholdKg: Int
    public var groups: [Group]

    public init(massThresholdKg: Int, groups: [Group]) {
        self.massThresholdKg = massThresholdKg
        self.groups = groups
    }

    /// The group for a vehicle. An unknown mass counts as at most the threshold.
    public func group(diesel: Bool, grossMassKg: Int?) -> Group {
        let over = (grossMassKg ?? 0) > massThresholdKg
        let fuel = diesel ? "diesel" : "other"
        let mass = over ? "over" : "at_most"
        return groups.first { $0.fuel == fuel && $0.mass == mass }!
    }
}
