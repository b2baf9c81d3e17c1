import FleetCore

/// A vehicle's registration as the screening rules read it, packed into a few dozen bytes
/// for `vehicle_facts` (format 1): codes as their place in FleetCore's tables, dates as day
/// numbers, the township and status texts as their place in a list kept beside the table.
///
/// What it packs is what a pass builds from the vehicles table's columns
/// (`EvidenceQueries.setVehicleFacts` on `vehiclesByIDForRules`), and unpacking gives that
/// registration back: owner, address, phone and the township's source empty as there.
///
/// Layout: plate (length, bytes), VIN (length, bytes), plate type (number + 1, 0: none),
/// vehicle type (2 bytes), use nature, fuel, stage (raw value + 1, 0: none), first
/// registered, gross mass (-1: none), status date (`Int32.min`: none) as 4 bytes each,
/// township and status (2 bytes each: places in `texts`). Little-endian.
enum PackedFacts {
    static let format = 1

    /// Packs `r` into `out` (emptied first), adding its township and status to `texts` when new.
    static func pack(_ r: VehicleRegistration, texts: inout TextList, into out: inout [UInt8]) {
        out.removeAll(keepingCapacity: true)
        func text(_ s: String) {
            var s = s
            s.withUTF8 { b in
                precondition(b.count < 256)
                out.append(UInt8(b.count)); out.append(contentsOf: b)
            }
        }
        func int(_ v: Int, _ bytes: Int) { for k in 0..<bytes { out.append(UInt8(truncatingIfNeeded: v >> (8 * k))) } }
        text(r.plate.text)
        text(r.vin.text)
        out.append(r.plateType.map { UInt8(Int($0.code)! + 1) } ?? 0)
        int(Codes.vehicleTypes[r.vehicleType]!, 2)
        out.append(UInt8(Codes.useNatures[r.useNature]!))
        out.append(UInt8(Codes.fuels[r.fuel]!))
        out.append(r.declaredStage.map { UInt8($0.rawValue + 1) } ?? 0)
        int(r.firstRegistered.dayNumber, 4)
        int(r.grossMassKg ?? -1, 4)
        int(r.statusDate?.dayNumber ?? Int(Int32.min), 4)
        int(texts.place(r.township), 2)
        int(texts.place(r.status.letters), 2)
    }

    /// The registration packed in `b`, and the bytes of its VIN; nil when the bytes are not
    /// format 1 (the pass then reads the vehicles table instead).
    static func unpack(_ b: UnsafeBufferPointer<UInt8>, texts: TextList.Decoded) throws -> (VehicleRegistration, vin: UnsafeBufferPointer<UInt8>)? {
        var i = 0
        func text() -> UnsafeBufferPointer<UInt8>? {
            guard i < b.count else { return nil }
            let n = Int(b[i])
            guard i + 1 + n <= b.count else { return nil }
            defer { i += 1 + n }
            return UnsafeBufferPointer(rebasing: b[(i + 1)..<(i + 1 + n)])
        }
        func int(_ bytes: Int) -> Int {
            var v = 0
            for k in 0..<bytes { v |= Int(b[i + k]) << (8 * k) }
            i += bytes
            // Sign from the top byte read.
            let shift = 64 - 8 * bytes
            return (v << shift) >> shift
        }
        guard let plateBytes = text(), let vinBytes = text(), i + 22 <= b.count else { return nil }
        let plateType = Int(b[i]); i += 1
        let type = int(2) & 0xFFFF, use = Int(b[i]), fuel = Int(b[i + 1]), stage = Int(b[i + 2])
        i += 3
        let first = int(4), mass = int(4), statusDate = int(4)
        let township = int(2) & 0xFFFF, status = int(2) & 0xFFFF
        guard type < VehicleType.all.count, use < UseNature.all.count, fuel < Fuel.all.count,
              township < texts.strings.count, status < texts.statuses.count else { return nil }
        let r = VehicleRegistration(
            plate: try Plate.parse(utf8: plateBytes), plateType: plateType == 0 ? nil : Codes.plateTypes[plateType - 1],
            vin: try VIN.parse(utf8: vinBytes), vehicleType: VehicleType.all[type], useNature: UseNature.all[use],
            fuel: Fuel.all[fuel], declaredStage: stage == 0 ? nil : EmissionStage(rawValue: stage - 1),
            firstRegistered: CivilDate(dayNumber: first), grossMassKg: mass < 0 ? nil : mass, owner: "", address: nil,
            township: texts.strings[township], townshipSource: .declared, status: texts.statuses[status],
            statusDate: statusDate == Int(Int32.min) ? nil : CivilDate(dayNumber: statusDate), phone: nil)
        return (r, vinBytes)
    }

    /// Places of codes in FleetCore's tables, and plate types by number.
    enum Codes {
        static let vehicleTypes = Dictionary(uniqueKeysWithValues: VehicleType.all.enumerated().map { ($1, $0) })
        static let useNatures = Dictionary(uniqueKeysWithValues: UseNature.all.enumerated().map { ($1, $0) })
        static let fuels = Dictionary(uniqueKeysWithValues: Fuel.all.enumerated().map { ($1, $0) })
        static let plateTypes: [PlateType?] = (0..<100).map { PlateType.lookup($0 < 10 ? "0\($0)" : "\($0)") }
    }
}

/// The township and status texts of `vehicle_facts`, each once, by place.
struct TextList {
    private(set) var strings: [String] = []
    private var places: [String: Int] = [:]

    init(_ strings: [String] = []) {
        for s in strings { _ = place(s) }
    }

    mutating func place(_ s: String) -> Int {
        if let p = places[s] { return p }
        places[s] = strings.count
        strings.append(s)
        return strings.count - 1
    }

    /// The list as a pass reads it: the texts, and each as a status.
    struct Decoded: Sendable {
        let strings: [String]
        let statuses: [VehicleStatus]
    }

    var decoded: Decoded { Decoded(strings: strings, statuses: strings.map { VehicleStatus(letters: $0) }) }
}
