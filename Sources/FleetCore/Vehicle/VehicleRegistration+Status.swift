extension VehicleRegistration {
    /// Active as of a day: a status whose 状态变更日期 is after the day had not begun then
    /// (rules.md §7.5), so the vehicle counts as active and no status rule fires.
    public func isActive(asOf day: CivilDate) -> Bool { status(asOf: day).isActive }

    /// The status in force on a day: the recorded one, or none (plain 正常) before its date.
    public func status(asOf day: CivilDate) -> VehicleStatus {
        if let d = statusDate, d > day { return VehicleStatus(letters: "A") }
        return status
    }

    /// New energy (rules.md §7.10): fuel C or P, or a 51/52 plate type.
    public var isNewEnergy: Bool { fuel.isZeroEmission || plateType?.isNewEnergy == true }
}

extension SameVINPlate {
    public func isActive(asOf day: CivilDate) -> Bool {
        if let d = statusDate, d > day { return true }
        return status.isActive
    }
}
