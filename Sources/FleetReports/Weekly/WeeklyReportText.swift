import FleetCore

/// The words of the weekly report in Chinese and English: the plan items, what each measures,
/// the rules of "behind", and the labels of the charts. Kept apart from the layout so the two
/// languages can be read side by side.
struct WeeklyReportText {
    let lang: Lang
    let policy: Policy

    var zh: Bool { lang == .zh }
    func t(_ zhText: String, _ enText: String) -> String { zh ? zhText : enText }

    /// 12.5, 17 (no ".0").
    static func n(_ d: Double) -> String { SVG.number(d) }
    func n(_ d: Double?) -> String { d.map(Self.n) ?? "-" }

    /// `11-14` from `2020-11-14`.
    static func shortDay(_ date: String) -> String { String(date.dropFirst(5)) }

    /// A rule or flag's name from the policy (the code itself when the policy does not name it).
    func ruleName(_ code: String) -> String {
        policy.document.rules.first { $0.code == code }?.name(lang) ?? code
    }

    func level(_ code: String) -> String {
        guard let l = AlertLevel.parse(code) else { return code }
        return zh ? l.chineseName : l.description
    }

    func checkKind(_ kind: String) -> String {
        switch kind {
        case "night_check": return t("零点夜查", "night checks")
        case "roadside": return t("路检", "roadside checks")
        case "remote_sensing": return t("遥感监测", "remote sensing")
        default: return kind
        }
    }

    // MARK: The plan items

    /// The task (as the plan words it, shortened) and the lead unit.
    func item(_ n: Int) -> (task: String, lead: String) {
        switch n {
        case 1: return (t("新购置环卫车辆全部为新能源（2020年10月1日起）", "New sanitation vehicles all new-energy (from 2020-10-01)"),
                        t("市城管局", "Urban management bureau"))
        case 2: return (t("2020年底前完成淘汰国三及以下中重型营运柴油货车目标", "Eliminate China III-and-older medium/heavy operating diesel trucks by end-2020"),
                        t("市交通局", "Traffic bureau"))
        case 3: return (t("持续开展柴油车零点夜查联合执法", "Continuous night checks of diesel vehicles"),
                        t("市生态环境局", "Ecology & environment bureau"))
        case 4: return (t("持续开展非道路移动机械零点夜查", "Continuous night checks of non-road mobile machinery"),
                        t("市生态环境局", "Ecology & environment bureau"))
        case 5: return (t("黑渣土车联合执法；用途不明货车清单移交乡镇排查", "Illegal muck trucks; trucks of unknown use listed to townships"),
                        t("市公安局", "Public security bureau"))
        case 6: return (t("严禁使用“未经核准渣土车”", "No unapproved muck trucks"),
                        t("市城管局", "Urban management bureau"))
        case 7: return (t("重点用车企业禁用国四及以下柴油货车（建成区；橙色及以上预警全市）", "Key bulk enterprises: no China IV-or-older diesel trucks (built-up area; city-wide in orange/red alerts)"),
                        t("市生态环境局", "Ecology & environment bureau"))
        default: return (t("超标排放和不符合行业管理要求的车辆不予办理进入城区通行证", "No city-entry permit for over-standard or non-compliant vehicles"),
                         t("市公安局", "Public security bureau"))
        }
    }

    /// What the registry measured for an item, in a sentence.
    func measured(_ s: PlanItemStatus, figures: WeeklyFigures) -> String {
        let f = s.figures
        func v(_ k: String) -> String { Self.n(f[k] ?? 0) }
        switch s.item {
        case 1:
            return t("2020年10月1日起购置的环卫车中非新能源 \(v("sanitation_not_nev")) 辆",
                     "\(v("sanitation_not_nev")) sanitation vehicles bought from 2020-10-01 are not new-energy")
        case 2:
            guard s.status != .notMeasured else { return t("尚未设定淘汰任务（quota set）", "no quota set yet (quota set)") }
            return t("已淘汰 \(v("eliminated")) / 目标 \(v("target")) 辆（\(v("percent"))%）；按直线进度应达 \(v("planned")) 辆（\(v("planned_percent"))%）；本周淘汰 \(v("eliminated_this_week")) 辆，今后每周需 \(v("weekly_pace_needed")) 辆",
                     "eliminated \(v("eliminated")) of \(v("target")) (\(v("percent"))%); the straight line is at \(v("planned")) (\(v("planned_percent"))%); \(v("eliminated_this_week")) this week, \(v("weekly_pace_needed")) a week needed")
        case 3:
            return t("本周零点夜查 \(v("night_checks")) 次，排放检查共 \(v("emission_checks")) 次、超标 \(v("over_standard_results")) 次；超标排放且未复检合格的本地货车 \(v("over_standard_vehicles")) 辆（另未登记 \(v("over_standard_unregistered")) 辆）",
                     "\(v("night_checks")) night checks this week, \(v("emission_checks")) emission checks in all, \(v("over_standard_results")) over standard; \(v("over_standard_vehicles")) registered trucks over standard and not passed since (\(v("over_standard_unregistered")) more not registered here)")
        case 4:
            return t("非道路移动机械不在本系统登记范围内，未测", "non-road machinery is not in this registry: not measured")
        case 5:
            return t("用途不明 \(v("unknown_use")) 辆、疑似未核准渣土车 \(v("suspect_muck")) 辆，列入乡镇核查清单 \(v("listed")) 辆；乡镇已反馈 \(v("returned")) 件（本周 \(v("returned_this_week")) 件），未反馈 \(v("outstanding")) 件，其中超过\(figures.screening.findings.responseDays)天 \(v("overdue")) 件",
                     "\(v("unknown_use")) of unknown use, \(v("suspect_muck")) suspected muck trucks, \(v("listed")) on township lists; findings returned \(v("returned")) (\(v("returned_this_week")) this week), outstanding \(v("outstanding")), of which \(v("overdue")) for over \(figures.screening.findings.responseDays) days")
        case 6:
            return t("本周发现运输渣土 \(v("muck_sightings")) 次，其中当日无有效核准 \(v("unapproved_sightings")) 次（\(v("unapproved_vehicles")) 辆）；近180天未经核准渣土车 \(v("unapproved_muck_vehicles")) 辆（含未登记）",
                     "\(v("muck_sightings")) muck-hauling sightings this week, \(v("unapproved_sightings")) without a valid approval (\(v("unapproved_vehicles")) trucks); \(v("unapproved_muck_vehicles")) unapproved muck trucks in the last 180 days (incl. unregistered)")
        case 7:
            return t("本周门禁违规进场 \(v("violations")) 次（\(v("enterprises_with_violations")) 家企业），待核验 \(v("unverified")) 次；备案限用货车 \(v("bulk_restricted")) 辆",
                     "\(v("violations")) banned entries this week (\(v("enterprises_with_violations")) enterprises), \(v("unverified")) unverified; \(v("bulk_restricted")) filed trucks restricted")
        default:
            return t("本周准予 \(v("issued")) 件、不予 \(v("denied")) 件、人工核验 \(v("referred")) 件；有效通行证中按现状应不予 \(v("active_now_denied")) 张",
                     "\(v("issued")) issued, \(v("denied")) denied, \(v("referred")) referred this week; \(v("active_now_denied")) permits in force would now be denied")
        }
    }

    /// The rule of "behind", in a sentence.
    func rule(_ code: String) -> String {
        switch WeeklyRules.Rule(rawValue: code) {
        case .sanitationAllNEV?: return t("有一辆非新能源即为滞后", "behind when any is not new-energy")
        case .quotaStraightLine?: return t("已淘汰数低于从基准日0到期限达目标的直线进度即为滞后", "behind when eliminated is below the straight line from 0 on the baseline to the target on the deadline")
        case .quotaNotSet?: return t("未设定任务，不判定", "no quota: not judged")
        case .nightChecksWeekly?: return t("本周无零点夜查记录即为滞后", "behind when the week has no night check")
        case .notInRegistry?: return t("不判定", "not judged")
        case .findingsOverdue?: return t("清单车辆超过\(WeeklyRules.findingResponseDays)天未反馈即为滞后", "behind when a listed vehicle has had no finding for \(WeeklyRules.findingResponseDays) days or more")
        case .unapprovedMuckWeek?: return t("本周发现无核准运输渣土即为滞后", "behind when unapproved muck hauling was seen this week")
        case .gateViolationsWeek?: return t("本周有违规进场即为滞后", "behind when a banned truck entered this week")
        case .permitsInForceDenied?: return t("有效通行证中有按现状应不予的即为滞后", "behind when a permit in force would now be denied")
        case nil: return code
        }
    }

    func status(_ s: PlanItemStatus.Status) -> String {
        switch s {
        case .onTrack: return t("● 正常", "● on track")
        case .behind: return t("▲ 滞后", "▲ behind")
        case .notMeasured: return t("○ 未测", "○ not measured")
        }
    }
}
