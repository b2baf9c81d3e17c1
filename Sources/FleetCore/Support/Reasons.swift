/// The reasons an input value or file is rejected, in both languages, each with a stable code.
public enum Reason {
    public static let required = Message("REQUIRED", zh: "必填项为空", en: "required value is blank")
    public static func missingColumn(_ name: String, alias: String) -> Message {
        Message("MISSING_COLUMN", zh: "缺少必需列「\(name)」(\(alias))", en: "required column \(name) (\(alias)) is missing")
    }
    public static func duplicateKey(firstAt line: Int) -> Message {
        Message("DUPLICATE_KEY", zh: "键重复，首次出现在第\(line)行", en: "duplicate key, first at line \(line)")
    }
    public static func badPlate(_ p: Plate.Problem) -> Message {
        switch p {
        case .empty: return required
        case .unknownProvince(let c):
            return Message("BAD_PLATE", zh: "号牌省份简称「\(c)」无效", en: "plate does not start with a province character (found \(c))")
        case .badFormat:
            return Message("BAD_PLATE", zh: "号牌格式不符合GA 36", en: "not a valid plate format (GA 36)")
        }
    }
    public static func plateTypeMismatch(_ type: PlateType, _ plate: Plate) -> Message {
        Message("PLATE_TYPE_MISMATCH", zh: "号牌种类\(type.code)\(type.chineseName)与号牌格式不符",
                en: "plate type \(type.code) does not match the plate's format (\(plate.format.rawValue))")
    }
    public static let unknownPlateType = Message("BAD_CODE", zh: "号牌种类代码无效", en: "unknown plate type code")
    public static func badVIN(_ p: VIN.Problem) -> Message {
        switch p {
        case .wrongLength(let n):
            return Message("BAD_VIN", zh: "车辆识别代号应为17位（实为\(n)位）", en: "VIN must have 17 characters (has \(n))")
        case .badCharacter(let c):
            return Message("BAD_VIN", zh: "车辆识别代号含无效字符「\(c)」（不得含I、O、Q）", en: "VIN has an invalid character \(c) (0-9, A-Z without I, O, Q)")
        }
    }
    public static func unknownCode(_ what: String, _ whatZh: String) -> Message {
        Message("BAD_CODE", zh: "\(whatZh)代码或名称无效", en: "unknown \(what) code or name")
    }
    public static let badDate = Message("BAD_DATE", zh: "日期无效（应为2020-11-02、2020/11/2或20201102）",
                                        en: "not a date (use 2020-11-02, 2020/11/2 or 20201102)")
    public static let badDateTime = Message("BAD_DATETIME", zh: "时间无效（应为2020-11-02 08:30或2020-11-02T08:30:00）",
                                            en: "not a date-time (use 2020-11-02 08:30 or 2020-11-02T08:30:00)")
    public static let badMass = Message("BAD_NUMBER", zh: "总质量应为整数千克", en: "gross mass must be whole kilograms")
    public static let massRequired = Message("REQUIRED", zh: "货车、牵引车、专项作业车必须填写总质量",
                                             en: "gross mass is required for types H, Q and Z")
    public static let badStage = Message("BAD_EMISSION", zh: "排放标准无法识别（如国III、国Ⅳ、国五、国六b）",
                                         en: "emission standard not recognised (e.g. 国III, 国Ⅳ, 国五, 国六b)")
    public static let badStatus = Message("BAD_STATUS", zh: "机动车状态字母无效", en: "unknown vehicle status letter")
    public static let unknownTownship = Message("BAD_TOWNSHIP", zh: "所属乡镇不在乡镇表中", en: "township not in the township table")
    public static func extraFields(_ n: Int, header: Int) -> Message {
        Message("EXTRA_FIELDS", zh: "本行有\(n)个字段，多于表头的\(header)列", en: "row has \(n) fields, the header has \(header)")
    }
    public static let badBoolean = Message("BAD_BOOLEAN", zh: "应为是/否", en: "must be yes or no (是/否, Y/N, 1/0, true/false)")
    public static let endBeforeStart = Message("END_BEFORE_START", zh: "有效期止早于有效期起", en: "valid_to is before valid_from")

    // Whole-file problems.
    public static let emptyFile = Message("EMPTY_FILE", zh: "文件为空", en: "the file is empty")
    public static let noHeader = Message("NO_HEADER", zh: "文件没有表头行", en: "the file has no header row")
    public static let unterminatedQuote = Message("UNTERMINATED_QUOTE", zh: "引号未闭合", en: "a quoted field is not terminated")
    public static func badEncoding(offset: Int, encoding: String) -> Message {
        Message("BAD_ENCODING", zh: "第\(offset)字节处既不是UTF-8也不是GB18030（按\(encoding)读取）",
                en: "bytes at offset \(offset) are neither UTF-8 nor GB18030 (read as \(encoding))")
    }
    public static func unwritable(_ what: String) -> Message {
        Message("UNWRITABLE", zh: "无法写入文件（\(what)）", en: "cannot write the file (\(what))")
    }
    public static func unreadable(_ detail: String) -> Message {
        Message("UNREADABLE", zh: "无法读取文件：\(detail)", en: "cannot read the file: \(detail)")
    }
    public static func unknownColumn(_ name: String) -> Message {
        Message("UNKNOWN_COLUMN", zh: "未知列「\(name)」已忽略", en: "unknown column \(name) ignored")
    }

    // Evidence imports.
    /// A value that is not one of a short list (`accepted`: `夜查/night_check, 路检/roadside, …`).
    public static func notOneOf(_ what: String, _ whatZh: String, accepted: String) -> Message {
        Message("BAD_CODE", zh: "\(whatZh)无效（应为\(accepted)）", en: "unknown \(what) (use \(accepted))")
    }
    public static let unknownEnterprise = Message("UNKNOWN_ENTERPRISE", zh: "企业编号不在重点用车企业表中（请先导入enterprises）",
                                                  en: "enterprise id not in the enterprises table (import enterprises first)")
    public static let endNotAfterStart = Message("END_BEFORE_START", zh: "结束时间应晚于开始时间",
                                                 en: "ends_at must be after starts_at")

    public static let unknownItem = Message("UNKNOWN_ITEM", zh: "清单编号不存在（不是导出的清单项）", en: "unknown item id (not an exported list item)")
    public static func itemMismatch(field: String, exported: String) -> Message {
        Message("ITEM_MISMATCH", zh: "\(field)与导出清单不符（导出时为\(exported)）", en: "\(field) differs from the exported item (was \(exported))")
    }
    public static func otherTownshipItem(_ owner: String, sender: String) -> Message {
        Message("OTHER_TOWNSHIP", zh: "该清单项属于\(owner)，不属于报送乡镇\(sender)", en: "the item belongs to \(owner), not to the sending township \(sender)")
    }
}
