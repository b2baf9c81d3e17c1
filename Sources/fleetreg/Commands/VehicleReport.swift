import FleetCore
import FleetStore

/// What `vehicle show` prints: the registration with the source of every fact, the emission
/// stage and how it is known, and the status history.
struct VehicleReport {
    let registration: VehicleRegistration
    /// The batch and line the registration came from.
    let source: FactSource
    let batch: ImportBatch?
    let emission: EmissionAssessment
    let history: [StatusChange]
    let sameVIN: [String]
    let screening: ScreeningResult
    let policy: Policy
    let asOf: CivilDate
    let showPhone: Bool

    init(row: VehicleRow, store: FleetStore, screener: Screener, asOf: CivilDate, showPhone: Bool) throws {
        let policy = screener.policy
        self.policy = policy
        // One read of the facts: the registration shown is the one the rules saw.
        let facts = try store.facts(plate: row.plate)
        let screening = screener.screen(facts, asOf: asOf)
        guard let reg = facts.registration, let source = facts.registrationSource, let emission = screening.emission else {
            throw StoreCorruption(message: "vehicle \(row.plate) could not be read back")
        }
        self.screening = screening
        registration = reg
        self.source = source
        self.emission = emission
        batch = try store.fetchBatch(id: source.batch)
        history = try store.fetchStatusHistory(plate: reg.plate.text)
        sameVIN = facts.sameVIN.map(\.plate).filter { $0 != reg.plate.text }
        self.asOf = asOf
        self.showPhone = showPhone
    }

    var phone: String? { registration.phone.map { showPhone ? $0 : PersonalData.maskPhone($0) } }

    struct EvidenceJSON: Encodable {
        var supports: String; var kind: String; var reference: String; var zh: String; var en: String
        @NullEncodable var batch: Int64?; @NullEncodable var line: Int?
        init(_ e: Evidence) {
            supports = e.supports; kind = e.kind; reference = e.reference; zh = e.summary.zh; en = e.summary.en
            batch = e.source?.batch; line = e.source?.line
        }
    }
    struct FlagJSON: Encodable { var code: String; var item: String; var evidence: [EvidenceJSON] }

    struct NotFound: Encodable { var plate: String; var found: Bool; var suggestions: [String] }

    struct Source: Encodable {
        var batch: Int64; @NullEncodable var kind: String?; @NullEncodable var file: String?; var line: Int; @NullEncodable var importedAt: String?; var `operator`: String?
        enum CodingKeys: String, CodingKey { case batch, kind, file, line, importedAt = "imported_at", `operator` }
    }
    struct Change: Encodable {
        var oldStatus: String; var newStatus: String; @NullEncodable var oldStatusDate: String?; @NullEncodable var newStatusDate: String?
        var batch: Int64; var recordedAt: String
        enum CodingKeys: String, CodingKey {
            case oldStatus = "old_status", newStatus = "new_status", oldStatusDate = "old_status_date"
            case newStatusDate = "new_status_date", batch, recordedAt = "recorded_at"
        }
    }
    struct JSON: Encodable {
        var plate: String; var found = true; var asOf: String
        @NullEncodable var plateType: String?; var vin: String; var vinCheckDigitOk: Bool; var vehicleType: String; var vehicleTypeName: String
        var goods: Bool; var sizeClass: String; var dumpBody: Bool; var useNature: String; var fuel: String
        var emissionStage: String; var emissionTier: String; @NullEncodable var emissionDeclared: String?
        var firstRegistered: String; @NullEncodable var grossMassKg: Int?; var owner: String; @NullEncodable var address: String?
        var township: String; var townshipSource: String; var status: String; @NullEncodable var statusDate: String?; var active: Bool
        @NullEncodable var phone: String?; var source: Source; var statusHistory: [Change]; var sameVinPlates: [String]
        @NullEncodable var usage: String?; var usageEvidence: [EvidenceJSON]; var flags: [FlagJSON]; var onTownshipList: Bool
        enum CodingKeys: String, CodingKey {
            case plate, found, asOf = "as_of", plateType = "plate_type", vin, vinCheckDigitOk = "vin_check_digit_ok"
            case vehicleType = "vehicle_type", vehicleTypeName = "vehicle_type_name", goods, sizeClass = "size_class"
            case dumpBody = "dump_body", useNature = "use_nature", fuel, emissionStage = "emission_stage"
            case emissionTier = "emission_tier", emissionDeclared = "emission_declared", firstRegistered = "first_registered"
            case grossMassKg = "gross_mass_kg", owner, address, township, townshipSource = "township_source", status
            case statusDate = "status_date", active, phone, source, statusHistory = "status_history"
            case sameVinPlates = "same_vin_plates", usage, usageEvidence = "usage_evidence", flags
            case onTownshipList = "on_township_list"
        }
    }

    /// Whether the current status had begun by the as-of date (rules.md §7.5).
    var isActive: Bool {
        if let d = registration.statusDate, d > asOf { return true }
        return registration.status.isActive
    }

    var json: JSON {
        let r = registration
        return JSON(
            plate: r.plate.text, asOf: asOf.description, plateType: r.plateType?.code, vin: r.vin.text,
            vinCheckDigitOk: r.vin.checkDigitIsValid, vehicleType: r.vehicleType.code, vehicleTypeName: r.vehicleType.chineseName,
            goods: r.vehicleType.isGoods, sizeClass: r.vehicleType.sizeClass.rawValue, dumpBody: r.vehicleType.isDumpBody,
            useNature: r.useNature.code, fuel: r.fuel.code, emissionStage: emission.code, emissionTier: emission.tier.rawValue,
            emissionDeclared: r.declaredStage?.description, firstRegistered: r.firstRegistered.description,
            grossMassKg: r.grossMassKg, owner: r.owner, address: r.address, township: r.township,
            townshipSource: r.townshipSource.rawValue, status: r.status.letters, statusDate: r.statusDate?.description,
            active: isActive, phone: phone,
            source: Source(batch: source.batch, kind: batch?.kind, file: batch?.fileName, line: source.line,
                           importedAt: batch?.finishedAt, operator: batch?.operator),
            statusHistory: history.map {
                Change(oldStatus: $0.oldStatus, newStatus: $0.newStatus, oldStatusDate: $0.oldStatusDate,
                       newStatusDate: $0.newStatusDate, batch: $0.batchId, recordedAt: $0.recordedAt)
            },
            sameVinPlates: sameVIN, usage: screening.usage?.rawValue,
            usageEvidence: screening.usageEvidence.map(EvidenceJSON.init),
            flags: screening.flags.map { FlagJSON(code: $0.code, item: policy.rule($0.code).item, evidence: $0.evidence.map(EvidenceJSON.init)) },
            onTownshipList: screening.onTownshipList)
    }

    func text(_ lang: Lang) -> String {
        let r = registration
        let zh = lang == .zh
        var lines: [String] = []
        func add(_ zhLabel: String, _ enLabel: String, _ value: String) {
            let label = zh ? zhLabel : enLabel
            let columns = label.unicodeScalars.reduce(0) { $0 + ($1.value >= 0x2E80 ? 2 : 1) }
            let pad = max(2, 18 - columns)
            lines.append("  " + label + String(repeating: " ", count: pad) + value)
        }
        let src = batch.map { zh ? "批次\($0.id) \($0.fileName) 第\(source.line)行，\($0.finishedAt ?? $0.startedAt) 由\($0.operator)导入"
                                 : "batch \($0.id) \($0.fileName) line \(source.line), imported \($0.finishedAt ?? $0.startedAt) by \($0.operator)" }
        lines.append("\(r.plate.text)  (" + (src ?? "") + ")")
        add("号牌种类", "plate type", r.plateType.map { "\($0.code) \($0.chineseName)" } ?? "-")
        add("识别代号", "VIN", r.vin.text + (r.vin.checkDigitIsValid ? "" : (zh ? "（校验位错误，应为\(r.vin.expectedCheckDigit)）" : " (check digit wrong: expected \(r.vin.expectedCheckDigit))")))
        if !sameVIN.isEmpty { add("同VIN号牌", "same VIN on", sameVIN.joined(separator: ", ")) }
        let kind = r.vehicleType.isGoods ? (zh ? "货车" : "goods") : (zh ? "非货车" : "not goods")
        add("车辆类型", "vehicle type", "\(r.vehicleType.code) \(r.vehicleType.chineseName) — \(kind), \(zh ? r.vehicleType.sizeClass.chineseName : r.vehicleType.sizeClass.rawValue)"
            + (r.vehicleType.isDumpBody ? (zh ? "，自卸" : ", dump body") : ""))
        add("使用性质", "use nature", "\(r.useNature.code) \(r.useNature.chineseName)")
        add("燃料种类", "fuel", "\(r.fuel.code) \(r.fuel.chineseName)")
        let how: String
        switch emission.tier {
        case .declared: how = zh ? "登记记载" : "declared"
        case .inferred: how = zh ? "按初次登记日期推定" : "inferred from the first registration date"
        case .uncertain: how = zh ? "处于不确定期，需人工核验" : "uncertain window: check the papers"
        }
        add("排放标准", "emission", "\(emission.chineseName) (\(emission.code), \(how))")
        add("初次登记", "first registered", r.firstRegistered.description)
        add("总质量", "gross mass", r.grossMassKg.map { "\($0) kg" } ?? "-")
        add("所有人", "owner", r.owner)
        add("住所地址", "address", r.address ?? "-")
        let twHow: String
        switch r.townshipSource {
        case .declared: twHow = zh ? "登记填写" : "as registered"
        case .address: twHow = zh ? "由地址识别" : "found from the address"
        case .unassigned: twHow = zh ? "未匹配，待市环境攻坚办指定" : "unassigned: the city office must assign it"
        }
        add("所属乡镇", "township", "\(r.township) (\(twHow))")
        let active = isActive ? (zh ? "在用" : "active") : (zh ? "已不在用" : "gone")
        add("机动车状态", "status", "\(r.status.letters) \(r.status.chineseNames)" + (r.statusDate.map { zh ? "，自\($0)" : ", since \($0)" } ?? "") + " — \(active)")
        add("联系电话", "phone", phone ?? "-")
        if let usage = screening.usage {
            lines.append((zh ? "用途分类（截至\(asOf)）：" : "Usage as of \(asOf): ") + (zh ? usage.chineseName : usage.englishName) + " (\(usage.rawValue))")
            for e in screening.usageEvidence { lines.append("  - " + e.summary.text(lang) + source(e)) }
        }
        if !screening.flags.isEmpty {
            lines.append((zh ? "筛查标记：" : "Flags:") + (screening.onTownshipList ? (zh ? "（列入乡镇核查清单）" : " (on the township list)") : ""))
            for f in screening.flags {
                let rule = policy.rule(f.code)
                lines.append("  \(f.code) \(rule.name(lang)) [\(zh ? "方案第" : "plan item ")\(rule.item)\(zh ? "项" : "")]")
                for e in f.evidence { lines.append("    - " + e.summary.text(lang) + source(e)) }
            }
        }
        if !history.isEmpty {
            lines.append(zh ? "状态变更记录：" : "Status history:")
            for h in history {
                lines.append("  \(h.newStatusDate ?? h.recordedAt.prefix(10).description)  \(h.oldStatus) → \(h.newStatus)  "
                             + (zh ? "(批次\(h.batchId))" : "(batch \(h.batchId))"))
            }
        }
        return lines.joined(separator: "\n")
    }

    private func source(_ e: Evidence) -> String {
        guard let s = e.source else { return "" }
        return " (batch \(s.batch), line \(s.line))"
    }
}
