import FleetCore

/// A plate's evidence as the screening rules read it, packed after its registration in
/// `vehicle_facts` (or alone in `unregistered_facts`), so that a full pass loads no evidence
/// tables: what it packs is what `EvidenceIndex` loads (the `…ForRules` queries, the filings
/// and findings whole), and unpacking gives those values back, in the same order.
///
/// Layout (little-endian; no bytes at all when the plate has no evidence): six counts of
/// 2 bytes (approvals, certificates, sanitation entries, filings, inspections, findings),
/// then the records of each kind in that order:
/// - approval: valid from, valid to (day numbers, 4 bytes each), revoked (1);
/// - certificate: valid to (4); sanitation entry: purchased on (4);
/// - filing: enterprise id, name, township (4 each: places in the texts), in the built-up
///   area (1), filed on (4, `Int32.min`: none), in use (1), source;
/// - inspection: checked at (8: seconds), kind and result (1 each: places in their cases);
/// - finding: item id (text), township (4: place), conclusion (1: place in its cases),
///   confirmed usage (text or none), investigated on (4), source.
/// A text is its length (2 bytes; `0xFFFF`: none) then its UTF-8 bytes; a source is its batch
/// (8 bytes, `Int64.min`: none) and line (4).
enum PackedEvidence {
    static let kinds = 6

    static func isEmpty(_ f: VehicleFacts) -> Bool {
        f.muckApprovals.isEmpty && f.transportLicenses.isEmpty && f.sanitation.isEmpty && f.filings.isEmpty
            && f.inspections.isEmpty && f.findings.isEmpty
    }

    /// Appends the evidence of `f` to `out` (nothing when it has none), adding new texts to `texts`.
    static func pack(_ f: VehicleFacts, texts: inout TextList, into out: inout [UInt8]) {
        guard !isEmpty(f) else { return }
        func int(_ v: Int, _ bytes: Int) { for k in 0..<bytes { out.append(UInt8(truncatingIfNeeded: v >> (8 * k))) } }
        func text(_ s: String?) {
            guard var s else { int(0xFFFF, 2); return }
            s.withUTF8 { b in
                precondition(b.count < 0xFFFF)
                int(b.count, 2); out.append(contentsOf: b)
            }
        }
        func source(_ s: FactSource?) { int(s.map { Int($0.batch) } ?? Int(Int64.min), 8); int(s?.line ?? 0, 4) }
        for n in [f.muckApprovals.count, f.transportLicenses.count, f.sanitation.count, f.filings.count,
                  f.inspections.count, f.findings.count] {
            precondition(n < 0x10000)
            int(n, 2)
        }
        for a in f.muckApprovals { int(a.validFrom.dayNumber, 4); int(a.validTo.dayNumber, 4); out.append(a.revoked ? 1 : 0) }
        for l in f.transportLicenses { int(l.validTo.dayNumber, 4) }
        for s in f.sanitation { int(s.purchasedOn.dayNumber, 4) }
        for e in f.filings {
            int(texts.place(e.enterpriseID), 4); int(texts.place(e.enterpriseName), 4); int(texts.place(e.enterpriseTownship), 4)
            out.append(e.inBuiltUpArea ? 1 : 0)
            int(e.filedOn?.dayNumber ?? Int(Int32.min), 4)
            out.append(e.inUse ? 1 : 0)
            source(e.source)
        }
        for i in f.inspections {
            int(i.checkedAt.secondsSinceEpochCST, 8)
            out.append(UInt8(InspectionKind.allCases.firstIndex(of: i.kind)!))
            out.append(UInt8(InspectionResult.allCases.firstIndex(of: i.result)!))
        }
        for t in f.findings {
            text(t.itemID); int(texts.place(t.township), 4)
            out.append(UInt8(FindingConclusion.allCases.firstIndex(of: t.conclusion)!))
            text(t.confirmedUsage); int(t.investigatedOn.dayNumber, 4)
            source(t.source)
        }
    }

    /// Puts the evidence packed in `b` into `facts` (whose evidence lists are empty); false
    /// when the bytes are not packed evidence (too short or long, a place out of range).
    static func unpack(_ b: UnsafeBufferPointer<UInt8>, texts: TextList.Decoded, into facts: inout VehicleFacts) -> Bool {
        guard let base = b.baseAddress, !b.isEmpty else { return b.isEmpty }
        var r = Reader(p: UnsafeRawPointer(base), end: b.count)
        guard let a = r.u16(), let l = r.u16(), let s = r.u16(), let e = r.u16(), let i = r.u16(), let t = r.u16() else { return false }
        // The fixed-size records' bytes checked at once, then read unchecked.
        guard r.has(a * 9 + l * 4 + s * 4 + e * 30 + i * 10) else { return false }
        if a > 0 {
            facts.muckApprovals = (0..<a).map { _ in
                MuckApproval(approvalNo: "", company: "", validFrom: CivilDate(dayNumber: r.i32()), validTo: CivilDate(dayNumber: r.i32()),
                             revoked: r.u8() != 0)
            }
        }
        if l > 0 {
            facts.transportLicenses = (0..<l).map { _ in
                TransportLicense(licenseNo: "", operatorName: "", scope: nil, validTo: CivilDate(dayNumber: r.i32()))
            }
        }
        if s > 0 {
            facts.sanitation = (0..<s).map { _ in SanitationEntry(operatorName: "", purchasedOn: CivilDate(dayNumber: r.i32()), area: nil) }
        }
        if e > 0 {
            var filings: [EnterpriseFiling] = []
            filings.reserveCapacity(e)
            for _ in 0..<e {
                let id = r.u32(), name = r.u32(), township = r.u32(), builtUp = r.u8() != 0, filed = r.i32(), inUse = r.u8() != 0
                let source = r.source()
                guard id < texts.strings.count, name < texts.strings.count, township < texts.strings.count else { return false }
                filings.append(EnterpriseFiling(enterpriseID: texts.strings[id], enterpriseName: texts.strings[name],
                                                enterpriseTownship: texts.strings[township], inBuiltUpArea: builtUp,
                                                filedOn: filed == Int(Int32.min) ? nil : CivilDate(dayNumber: filed), inUse: inUse,
                                                source: source))
            }
            facts.filings = filings
        }
        if i > 0 {
            var inspections: [InspectionRecord] = []
            inspections.reserveCapacity(i)
            for _ in 0..<i {
                let at = r.i64(), kind = r.u8(), result = r.u8()
                guard kind < InspectionKind.allCases.count, result < InspectionResult.allCases.count else { return false }
                inspections.append(InspectionRecord(recordKey: "", checkedAt: CivilDateTime(secondsSinceEpochCST: at),
                                                    kind: InspectionKind.allCases[kind], result: InspectionResult.allCases[result]))
            }
            facts.inspections = inspections
        }
        if t > 0 {
            var findings: [TownshipFinding] = []
            for _ in 0..<t {
                guard let item = r.text(), let itemID = item, r.has(5) else { return false }
                let township = r.u32(), conclusion = r.u8()
                guard let usage = r.text(), r.has(16), township < texts.strings.count,
                      conclusion < FindingConclusion.allCases.count else { return false }
                findings.append(TownshipFinding(itemID: itemID, township: texts.strings[township],
                                                conclusion: FindingConclusion.allCases[conclusion], confirmedUsage: usage,
                                                investigatedOn: CivilDate(dayNumber: r.i32()), source: r.source()))
            }
            facts.findings = findings
        }
        return r.at == r.end
    }

    /// Reads little-endian values in order; the fixed-size reads are checked by the caller
    /// (`has`), the optional ones check themselves.
    private struct Reader {
        let p: UnsafeRawPointer
        let end: Int
        var at = 0

        init(p: UnsafeRawPointer, end: Int) { self.p = p; self.end = end }

        func has(_ n: Int) -> Bool { at + n <= end }
        @inline(__always) mutating func load<T: FixedWidthInteger>(_: T.Type) -> T {
            defer { at += MemoryLayout<T>.size }
            return T(littleEndian: p.loadUnaligned(fromByteOffset: at, as: T.self))
        }
        @inline(__always) mutating func u8() -> Int { Int(load(UInt8.self)) }
        @inline(__always) mutating func i32() -> Int { Int(load(Int32.self)) }
        @inline(__always) mutating func u32() -> Int { Int(load(UInt32.self)) }
        @inline(__always) mutating func i64() -> Int { Int(load(Int64.self)) }
        @inline(__always) mutating func source() -> FactSource? {
            let batch = load(Int64.self), line = i32()
            return batch == Int64.min ? nil : FactSource(batch: batch, line: line)
        }
        mutating func u16() -> Int? { has(2) ? Int(load(UInt16.self)) : nil }
        /// A text: nil when the bytes end; `.some(nil)` for none.
        mutating func text() -> String?? {
            guard let n = u16() else { return nil }
            if n == 0xFFFF { return .some(nil) }
            guard has(n) else { return nil }
            defer { at += n }
            return .some(String(decoding: UnsafeRawBufferPointer(start: p + at, count: n), as: UTF8.self))
        }
    }
}
