import FleetCore

/// The plates sharing a VIN, found during a pass by the bytes of the row's VIN column: no
/// String is made or hashed for each vehicle (a `[String: …]` lookup per vehicle, SipHash of
/// 17 bytes and a compare, was ~2.5 % of a pass's instructions, callgrind). Built once from
/// `EvidenceQueries.sharedVINs`, whose keys are the stored VIN texts.
struct SharedVINTable {
    private var slots: KeyTable
    private var lists: [[SameVINPlate]] = []

    init(_ byVIN: [String: [SameVINPlate]]) {
        slots = KeyTable(capacity: byVIN.count)
        for (vin, same) in byVIN {
            slots[PlateKey(vin)] = Int32(lists.count)
            lists.append(same)
        }
    }

    /// The plates on the VIN in `column` of the current row, nil when it is not shared.
    func plates(_ r: RawStatement, column: Int32) -> [SameVINPlate]? {
        guard !lists.isEmpty, let i = slots[r.plateKey(column)] else { return nil }
        return lists[Int(i)]
    }

    /// The plates on the VIN `vin` (its text's bytes), nil when it is not shared.
    func plates(vin: UnsafeBufferPointer<UInt8>) -> [SameVINPlate]? {
        guard !lists.isEmpty, let i = slots[PlateKey(bytes: vin)] else { return nil }
        return lists[Int(i)]
    }
}
