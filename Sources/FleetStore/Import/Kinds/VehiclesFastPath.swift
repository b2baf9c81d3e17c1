import FleetCore
import Foundation

extension VehiclesImport: FastImportKind {
    func makeFastPath(map: [Int?]) -> any RowFastPath { VehiclesFastPath(townships: townships, map: map) }
}

/// `VehicleRegistration.validate` on a row's bytes, for the rows it is sure of: every check is
/// either the same function memoised by the field's bytes (codes, dates, status, township) or
/// a byte-level check that accepts only text the FleetCore parser keeps unchanged (plate, VIN,
/// mass). Anything else — any problem, any unusual spelling — returns nil and the row goes
/// through `VehiclesImport.parse`, so findings and stored values are the slow path's.
///
/// Measured with callgrind on the benchmark file: the reading thread went from ~42 k to ~14 k
/// instructions a row (with the byte batches of `RowPipeline`), and the database thread no
/// longer frees a `String` per field and value.
struct VehiclesFastPath: RowFastPath {
    typealias F = VehicleRegistration.Field
    private let townships: TownshipTable
    /// The field index of each column (-1: absent).
    private let field: [Int]

    /// Plate type → the plate formats it admits (bit = `Plate.Format` index); `admits` looks
    /// at the plate's format only.
    private var plateType: ByteMemo<UInt8>
    /// Vehicle type → whether 总质量 is required.
    private var vehicleType = ByteMemo<Bool> { s in VehicleType.table.lookup(s).map { ($0.code, $0.requiresGrossMass) } }
    private var useNature = ByteMemo<Void> { s in UseNature.table.lookup(s).map { ($0.code, ()) } }
    private var fuel = ByteMemo<Void> { s in Fuel.table.lookup(s).map { ($0.code, ()) } }
    private var stage = ByteMemo<Void> { s in EmissionStage.parse(s).map { ($0.description, ()) } }
    private var date = ByteMemo<Void>(limit: 65_536) { s in CivilDate(parsing: s).map { ($0.description, ()) } }
    private var status = ByteMemo<Void> { s in (try? VehicleStatus.parse(s)).map { ($0.letters, ()) } }
    private var township: ByteMemo<Void>
    /// Township names resolved from addresses, as bytes (the address differs on every row).
    private var resolvedNames: [(name: String, bytes: [UInt8])] = []

    private static let formats = Plate.Format.allCases
    private static let declared = Array(TownshipTable.Source.declared.rawValue.utf8)
    private static let fromAddress = Array(TownshipTable.Source.address.rawValue.utf8)
    private static let unassigned = Array(TownshipTable.Source.unassigned.rawValue.utf8)

    init(townships: TownshipTable, map: [Int?]) {
        self.townships = townships
        field = map.map { $0 ?? -1 }
        // One plate of each format, to ask `admits` which formats a plate type takes.
        let samples = ["豫A12345", "豫A1234挂", "豫AD12345", "豫A12345D"].map { try! Plate.parse($0) }
        plateType = ByteMemo<UInt8> { s in
            guard let t = PlateType.lookup(s) else { return nil }
            var mask: UInt8 = 0
            for p in samples where t.admits(p) { mask |= 1 << UInt8(Self.formats.firstIndex(of: p.format)!) }
            return (t.code, mask)
        }
        township = ByteMemo<Void> { s in townships.canonicalName(s).map { ($0, ()) } }
    }

    mutating func parse(_ fields: RawFields, first: Int, count: Int, into out: inout PackedValues) -> PackedRow? {
        let start = out.items.count
        let extraStart = out.extra.count
        let row = fields.bytes.withUnsafeBufferPointer { b -> PackedRow? in
            guard let row = parse(b, fields.ends, first: first, count: count, into: &out) else { return nil }
            return out.extra.withUnsafeBufferPointer { e in
                var r = row
                (r.rowHash, r.keyHash) = packedHash(out.items[r.first...], fields: b, extra: e)
                return r
            }
        }
        if row == nil {
            out.items.removeLast(out.items.count - start)
            out.extra.removeLast(out.extra.count - extraStart)
        }
        return row
    }

    private mutating func parse(_ b: UnsafeBufferPointer<UInt8>, _ ends: [Int], first: Int, count: Int,
                       into out: inout PackedValues) -> PackedRow? {
        // The field of column `f` (empty when absent).
        @inline(__always) func range(_ f: F) -> Range<Int> {
            let i = field[f.position]
            guard i >= 0, i < count else { return 0..<0 }
            let g = first + i
            return (g == 0 ? 0 : ends[g - 1])..<ends[g]
        }
        @inline(__always) func bytes(_ r: Range<Int>) -> UnsafeBufferPointer<UInt8> { UnsafeBufferPointer(rebasing: b[r]) }
        @inline(__always) func text(_ r: Range<Int>) -> PackedValue {
            r.isEmpty ? .null : PackedValue(kind: .fieldText, a: r.lowerBound, count: r.count)
        }
        /// A date field: kept as it is when written as `CivilDate` writes it, rewritten from
        /// `YYYYMMDD`, else through the memo (a memo of thousands of dates missed the CPU's
        /// caches: a fifth of this function's samples).
        @inline(__always) func dateText(_ r: Range<Int>) -> PackedValue? {
            let f = bytes(r)
            if CivilDate.isCanonical(f) { return text(r) }
            if CivilDate.isEightDigits(f) {
                let d = f.baseAddress!
                return withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 10) { t in
                    for k in 0..<4 { t[k] = d[k] }
                    t[4] = 45; t[5] = d[4]; t[6] = d[5]; t[7] = 45; t[8] = d[6]; t[9] = d[7]
                    return out.appendExtra(UnsafeBufferPointer(t))
                }
            }
            return memoText(&date, r)?.0
        }
        /// The memo's text for a field, copied to the batch's extra bytes.
        @inline(__always) func memoText<E>(_ memo: inout ByteMemo<E>, _ r: Range<Int>) -> (PackedValue, E)? {
            guard let (t, extra) = memo.lookup(bytes(r)) else { return nil }
            let v = memo.texts.withUnsafeBufferPointer { out.appendExtra(UnsafeBufferPointer(rebasing: $0[t])) }
            return (v, extra)
        }

        let rowFirst = out.items.count
        // 号牌号码, 号牌种类
        let plate = range(.plate)
        guard let format = Plate.fastFormat(bytes(plate)) else { return nil }
        let ptRange = range(.plateType)
        var plateTypeValue = PackedValue.null
        if !ptRange.isEmpty {
            guard let (v, admitted) = memoText(&plateType, ptRange),
                  admitted & (1 << UInt8(Self.formats.firstIndex(of: format)!)) != 0 else { return nil }
            plateTypeValue = v
        }
        // 车辆识别代号
        let vin = range(.vin)
        guard let checkOK = VIN.fastCheckDigitIsValid(bytes(vin)) else { return nil }
        // 车辆类型, 使用性质, 燃料种类, 排放标准, 初次登记日期
        let typeRange = range(.vehicleType)
        guard !typeRange.isEmpty, let (typeValue, needsMass) = memoText(&vehicleType, typeRange) else { return nil }
        let useRange = range(.useNature)
        guard !useRange.isEmpty, let (useValue, _) = memoText(&useNature, useRange) else { return nil }
        let fuelRange = range(.fuel)
        guard !fuelRange.isEmpty, let (fuelValue, _) = memoText(&fuel, fuelRange) else { return nil }
        var stageValue = PackedValue.null
        let stageRange = range(.emissionStandard)
        if !stageRange.isEmpty {
            guard let (v, _) = memoText(&stage, stageRange) else { return nil }
            stageValue = v
        }
        let firstRange = range(.firstRegistered)
        guard !firstRange.isEmpty, let firstValue = dateText(firstRange) else { return nil }
        // 总质量: one to six ASCII digits, not zero (what `validate` accepts, as its `Int`).
        var massValue = PackedValue.null
        let massRange = range(.grossMassKg)
        if !massRange.isEmpty {
            guard massRange.count <= 6 else { return nil }
            var m = 0
            for i in massRange {
                let d = b[i] &- 48
                guard d <= 9 else { return nil }
                m = m * 10 + Int(d)
            }
            guard m > 0 else { return nil }
            massValue = PackedValue(kind: .integer, a: m, count: 0)
        } else if needsMass {
            return nil
        }
        // 所有人, 住所地址, 所属乡镇 (declared, else found in the address)
        let owner = range(.owner)
        guard !owner.isEmpty else { return nil }
        let address = range(.address)
        let twRange = range(.township)
        var townshipValue: PackedValue
        let source: [UInt8]
        if !twRange.isEmpty {
            guard let (v, _) = memoText(&township, twRange) else { return nil }
            townshipValue = v
            source = Self.declared
        } else {
            let (name, how) = townships.resolve(addressBytes: bytes(address))
            // Compared as bytes: a dictionary keyed by name, or `==` between different names,
            // normalises the Chinese text (Unicode comparison) on every row.
            // (With `withUTF8` and memcmp: `elementsEqual` between an array and a String's
            // UTF-8 view took the general, unspecialised path: ~1 % of an import's samples.)
            var copy = name
            let k = copy.withUTF8 { n in
                resolvedNames.firstIndex { r in
                    r.bytes.count == n.count && (n.isEmpty || r.bytes.withUnsafeBufferPointer { memcmp($0.baseAddress!, n.baseAddress!, n.count) == 0 })
                } ?? resolvedNames.count
            }
            if k == resolvedNames.count { resolvedNames.append((name, Array(name.utf8))) }
            townshipValue = resolvedNames[k].bytes.withUnsafeBufferPointer { out.appendExtra($0) }
            source = how == .address ? Self.fromAddress : Self.unassigned
        }
        let sourceValue = source.withUnsafeBufferPointer { out.appendExtra($0) }
        // 机动车状态, 状态变更日期, 联系电话
        let statusRange = range(.status)
        guard !statusRange.isEmpty, let (statusValue, _) = memoText(&status, statusRange) else { return nil }
        var statusDateValue = PackedValue.null
        let sdRange = range(.statusDate)
        if !sdRange.isEmpty {
            guard let v = dateText(sdRange) else { return nil }
            statusDateValue = v
        }

        // The `dbColumns` order (`VehiclesImport.values`), appended at once (17 appends, each
        // checking the array's uniqueness and capacity, were 5 % of the reading thread).
        let row: InlineArray<17, PackedValue> = [
            text(plate), plateTypeValue, text(vin), PackedValue(kind: .integer, a: checkOK ? 1 : 0, count: 0),
            typeValue, useValue, fuelValue, stageValue, firstValue, massValue, text(owner), text(address),
            townshipValue, sourceValue, statusValue, statusDateValue, text(range(.phone)),
        ]
        row.span.withUnsafeBufferPointer { out.items.append(contentsOf: $0) }
        return PackedRow(first: rowFirst, count: out.items.count - rowFirst, rowHash: 0, keyHash: 0)
    }
}
