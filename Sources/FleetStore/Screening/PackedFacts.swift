import Foundation
import FleetCore

/// A vehicle's registration as the screening rules read it, packed into a few dozen bytes
/// for `vehicle_facts` (format 2): codes as their place in FleetCore's tables, dates as day
/// numbers, the township and status texts as their place in a list kept beside the table.
///
/// What it packs is what a pass builds from the vehicles table's columns
/// (`EvidenceQueries.setVehicleFacts` on `vehiclesByIDForRules`), and unpacking gives that
/// registration back: owner, address, phone and the township's source empty as there. The
/// plate keeps the format and the VIN the check-digit verdict their parsers gave, so neither
/// is parsed again.
///
/// Layout: plate (length, bytes, format), VIN (17 bytes, check digit valid), then 22 bytes:
/// plate type (number + 1, 0: none), vehicle type (2 bytes), use nature, fuel, stage (raw
/// value + 1, 0: none), first registered, gross mass (-1: none), status date (`Int32.min`:
/// none) as 4 bytes each, township and status (2 bytes each: places in `texts`); then the
/// plate's evidence (`PackedEvidence`, format 3). Little-endian.
enum PackedFacts {
    static let format = 3

    /// Packs the registration and the evidence of `facts` into `out` (emptied first).
    static func pack(_ facts: VehicleFacts, texts: inout TextList, into out: inout [UInt8]) {
        pack(facts.registration!, texts: &texts, into: &out)
        PackedEvidence.pack(facts, texts: &texts, into: &out)
    }

    /// Packs the registration `r` alone into `out` (emptied first), adding its township and
    /// status to `texts` when new.
    static func pack(_ r: VehicleRegistration, texts: inout TextList, into out: inout [UInt8]) {
        out.removeAll(keepingCapacity: true)
        func int(_ v: Int, _ bytes: Int) { for k in 0..<bytes { out.append(UInt8(truncatingIfNeeded: v >> (8 * k))) } }
        var plate = r.plate.text
        plate.withUTF8 { b in
            precondition(b.count < 256)
            out.append(UInt8(b.count)); out.append(contentsOf: b)
        }
        out.append(UInt8(Plate.Format.allCases.firstIndex(of: r.plate.format)!))
        out.append(contentsOf: r.vin.text.utf8)
        out.append(r.vin.checkDigitIsValid ? 1 : 0)
        out.append(r.plateType.map { UInt8($0.codeNumber + 1) } ?? 0)
        int(r.vehicleType.place, 2)
        out.append(UInt8(r.useNature.place))
        out.append(UInt8(r.fuel.place))
        out.append(r.declaredStage.map { UInt8($0.rawValue + 1) } ?? 0)
        int(r.firstRegistered.dayNumber, 4)
        int(r.grossMassKg ?? -1, 4)
        int(r.statusDate?.dayNumber ?? Int(Int32.min), 4)
        int(texts.place(r.township), 2)
        int(texts.place(r.status.letters), 2)
    }

    /// The registration packed in `b`, and the bytes of its VIN; nil when the bytes are not
    /// packed facts of this format.
    static func unpack(_ b: UnsafeBufferPointer<UInt8>, texts: TextList.Decoded) -> (VehicleRegistration, vin: UnsafeBufferPointer<UInt8>)? {
        var facts = VehicleFacts(plate: "")
        guard let vin = unpack(b, texts: texts, into: &facts) else { return nil }
        return (facts.registration!, vin)
    }

    /// Puts the registration and evidence packed in `b` into `facts` (built in place there: a
    /// copy of it cost ~500 instructions a vehicle, callgrind); returns the bytes of
    /// its VIN, or nil when the bytes are not packed facts of this format (`facts` is then not to be used).
    static func unpack(_ b: UnsafeBufferPointer<UInt8>, texts: TextList.Decoded, into facts: inout VehicleFacts) -> UnsafeBufferPointer<UInt8>? {
        guard let base = b.baseAddress, b.count >= 1 else { return nil }
        let plateCount = Int(b[0])
        let v = 1 + plateCount + 1                         // the VIN's first byte
        let f = v + 18                                     // the fixed part
        guard b.count >= f + 22 else { return nil }
        let p = UnsafeRawPointer(base)
        @inline(__always) func i32(_ at: Int) -> Int { Int(Int32(littleEndian: p.loadUnaligned(fromByteOffset: at, as: Int32.self))) }
        @inline(__always) func u16(_ at: Int) -> Int { Int(UInt16(littleEndian: p.loadUnaligned(fromByteOffset: at, as: UInt16.self))) }
        let formatPlace = Int(b[v - 1]), plateType = Int(b[f]), type = u16(f + 1), use = Int(b[f + 3]), fuel = Int(b[f + 4])
        let stage = Int(b[f + 5]), first = i32(f + 6), mass = i32(f + 10), statusDate = i32(f + 14)
        let township = u16(f + 18), status = u16(f + 20)
        let vinBytes = UnsafeBufferPointer(rebasing: b[v..<(v + 17)])
        guard formatPlace < Plate.Format.allCases.count, type < VehicleType.all.count, use < UseNature.all.count,
              fuel < Fuel.all.count, township < texts.strings.count, status < texts.statuses.count,
              let vin = VIN.restored(utf8: vinBytes, checkDigitIsValid: b[v + 17] != 0) else { return nil }
        let plate = Plate.restored(text: String(decoding: UnsafeBufferPointer(rebasing: b[1..<(1 + plateCount)]), as: UTF8.self),
                                   format: Plate.Format.allCases[formatPlace])
        facts.plate = plate.text
        facts.registration = VehicleRegistration(
            plate: plate, plateType: plateType == 0 ? nil : Codes.plateTypes[plateType - 1],
            vin: vin, vehicleType: VehicleType.all[type], useNature: UseNature.all[use],
            fuel: Fuel.all[fuel], declaredStage: stage == 0 ? nil : EmissionStage(rawValue: stage - 1),
            firstRegistered: CivilDate(dayNumber: first), grossMassKg: mass < 0 ? nil : mass, owner: "", address: nil,
            township: texts.strings[township], townshipSource: .declared, status: texts.statuses[status],
            statusDate: statusDate == Int(Int32.min) ? nil : CivilDate(dayNumber: statusDate), phone: nil)
        EvidenceQueries.clearEvidence(&facts, source: nil)
        guard PackedEvidence.unpack(UnsafeBufferPointer(rebasing: b[(f + 22)...]), texts: texts, into: &facts) else { return nil }
        return vinBytes
    }

    /// Plate types by number.
    enum Codes {
        static let plateTypes: [PlateType?] = (0..<100).map { PlateType.lookup($0 < 10 ? "0\($0)" : "\($0)") }
    }
}

/// The township and status texts of `vehicle_facts`, each once, by place.
struct TextList {
    private(set) var strings: [String] = []
    /// By the text's bytes: a `[String: Int]` hashed each text through its NFC form (Chinese
    /// text: ~10 % of packing every vehicle, perf).
    private var places = KeyTable()

    init(_ strings: [String] = []) {
        for s in strings { _ = place(s) }
    }

    /// The list kept in `vehicle_facts_source.texts` (a JSON array; empty when absent).
    init(json: String?) {
        self.init((json.flatMap { try? JSONDecoder().decode([String].self, from: Data($0.utf8)) }) ?? [])
    }

    mutating func place(_ s: String) -> Int {
        let key = PlateKey(s)
        if let p = places[key] { return Int(p) }
        places[key] = Int32(strings.count)
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
