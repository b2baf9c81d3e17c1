/// A population vehicle still active: one line of the follow-up list (`quota candidates`).
///
///     let list = QuotaCandidate.sortedForFieldVisit(found, townships: .xinmi)
public struct QuotaCandidate: Hashable, Sendable {
    public let registration: VehicleRegistration
    public let emission: EmissionAssessment

    public init(registration: VehicleRegistration, emission: EmissionAssessment) {
        self.registration = registration; self.emission = emission
    }

    /// In the order a field visit takes them: by township (in the township table's order, 未匹配
    /// and unknown names last, by name), then by owner — one stop per owner — then by plate.
    public static func sortedForFieldVisit(_ list: [QuotaCandidate], townships: TownshipTable) -> [QuotaCandidate] {
        let order = townships.sortedInTableOrder(Set(list.map(\.registration.township)))
        let rank = Dictionary(uniqueKeysWithValues: order.enumerated().map { ($1, $0) })
        return list.sorted { a, b in
            let x = a.registration, y = b.registration
            if x.township != y.township { return rank[x.township]! < rank[y.township]! }
            if x.owner != y.owner { return x.owner < y.owner }
            return x.plate.text < y.plate.text
        }
    }
}
