import FleetCore

/// The weekly dispatch report (每周调度专报) as one self-contained HTML page: inline CSS (A4,
/// print rules, a system CJK font stack) and inline SVG charts; no script, nothing fetched.
///
/// The page is also well-formed XML (XHTML syntax: every element closed, text escaped, no named
/// entities), so any XML parser can check it.
///
///     let html = WeeklyReportHTML(figures: figures, policy: policy, lang: .zh).render()
public struct WeeklyReportHTML {
    public let figures: WeeklyFigures
    public let policy: Policy
    public let lang: Lang

    public init(figures: WeeklyFigures, policy: Policy, lang: Lang) {
        self.figures = figures; self.policy = policy; self.lang = lang
    }

    var text: WeeklyReportText { WeeklyReportText(lang: lang, policy: policy) }
    var charts: WeeklyCharts { WeeklyCharts(figures: figures, text: text) }
    func t(_ zh: String, _ en: String) -> String { text.t(zh, en) }
    static func e(_ s: String) -> String { SVG.escape(s) }
    static func n(_ d: Double) -> String { SVG.number(d) }

    public func render() -> String {
        var out = "<!DOCTYPE html>\n"
        out += "<html xmlns=\"http://www.w3.org/1999/xhtml\" lang=\"\(lang == .zh ? "zh-CN" : "en")\">\n<head>\n"
        out += "<meta charset=\"utf-8\"/>\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"/>\n"
        out += "<title>\(Self.e(title)) \(figures.week.from) – \(figures.week.to)</title>\n"
        out += "<style>\n\(Self.css)</style>\n</head>\n<body>\n"
        var fig = 0
        out += header()
        out += planItems()
        out += quota(&fig)
        out += screening(&fig)
        out += permits(&fig)
        out += bulk(&fig)
        out += notes()
        out += "</body>\n</html>\n"
        return out
    }

    var title: String { t("新密市移动源污染防治重点工作每周调度专报", "Xinmi mobile-source pollution control: weekly dispatch report") }

    // MARK: Pieces

    func header() -> String {
        let s = figures.screening
        return """
            <header>
            <p class="issuer">\(Self.e(t("新密市环境攻坚办 · 每周调度（新密政办〔2020〕21号 二（三））", "Xinmi environment office · weekly dispatch (plan 二(三))")))</p>
            <h1>\(Self.e(title))</h1>
            <p class="sub">\(Self.e(t("统计周：\(figures.week.from) 至 \(figures.week.to)（截至 \(figures.asOf) 24时）",
                                       "Week: \(figures.week.from) to \(figures.week.to) (as of the end of \(figures.asOf))")))<br/>\
            \(Self.e(t("策略 \(figures.policyVersion) · 筛查第\(s.run)次（截至\(s.asOf)）", "policy \(figures.policyVersion) · screening run \(s.run) (as of \(s.asOf))")))</p>
            </header>

            """
    }

    func planItems() -> String {
        var rows = ""
        for s in figures.planItems {
            let item = text.item(s.item)
            let cls = s.status == .behind ? "behind" : s.status == .notMeasured ? "notmeasured" : "ontrack"
            rows += "<tr class=\"\(cls)\"><td class=\"num\">\(s.item)</td><td>\(Self.e(item.task))<div class=\"lead\">\(Self.e(item.lead))</div></td>"
            rows += "<td>\(Self.e(text.measured(s, figures: figures)))<div class=\"rule\">\(Self.e(t("判定：", "Rule: ") + text.rule(s.rule)))</div></td>"
            rows += "<td class=\"status\"><span class=\"st \(cls)\">\(Self.e(text.status(s.status)))</span></td></tr>\n"
        }
        let behind = figures.planItems.filter { $0.status == .behind }.map { String($0.item) }
        let lead = behind.isEmpty ? t("本周各项均正常推进。", "Every measured item is on track this week.")
                                  : t("本周滞后事项：第\(behind.joined(separator: "、"))项。", "Behind this week: item\(behind.count > 1 ? "s" : "") \(behind.joined(separator: ", ")).")
        return """
            <section id="items">
            <h2>\(Self.e(t("一、移动源重点任务进展（方案一（一）第1–8项）", "1. Mobile-source items of the plan (一(一) 1–8)")))</h2>
            <p class="lead-in"><b>\(Self.e(lead))</b></p>
            <table class="items">
            <thead><tr><th class="num">\(Self.e(t("项", "Item")))</th><th>\(Self.e(t("任务（牵头单位）", "Task (lead)")))</th><th>\(Self.e(t("本系统测得", "Measured by the registry")))</th><th class="status">\(Self.e(t("状态", "Status")))</th></tr></thead>
            <tbody>
            \(rows)</tbody>
            </table>
            </section>

            """
    }

    func kpis(_ items: [(label: String, value: String)]) -> String {
        "<div class=\"kpis\">" + items.map { "<div class=\"kpi\"><span>\(Self.e($0.label))</span><b>\(Self.e($0.value))</b></div>" }.joined() + "</div>\n"
    }

    /// A numbered figure (`fig` counts the figures of the page).
    func figure(_ fig: inout Int, _ caption: String, _ svg: String, note: String? = nil) -> String {
        fig += 1
        let number = fig
        return "<figure><figcaption>\(Self.e(t("图\(number)", "Figure \(number)")))\(Self.e(t("　", ". ")))\(Self.e(caption))</figcaption>\n\(svg)\n"
            + (note.map { "<p class=\"note\">\(Self.e($0))</p>" } ?? "") + "</figure>\n"
    }

    func quota(_ fig: inout Int) -> String {
        var out = "<section id=\"quota\">\n<h2>\(Self.e(t("二、淘汰国三及以下中重型营运柴油货车（第2项）", "2. Scrapping quota (item 2)")))</h2>\n"
        guard let q = figures.quota else {
            return out + "<p>\(Self.e(t("尚未设定淘汰任务：请交通局运行 quota set --target N。", "No quota has been set: the traffic bureau runs quota set --target N.")))</p>\n</section>\n\n"
        }
        out += kpis([
            (t("已淘汰 / 目标", "eliminated / target"), t("\(q.eliminated) / \(q.target) 辆", "\(q.eliminated) / \(q.target)")),
            (t("完成", "done"), "\(Self.n(q.percent))%"),
            (t("直线进度", "straight line"), "\(Self.n(q.plannedPercent))%"),
            (t("本周淘汰", "this week"), t("\(q.eliminatedThisWeek) 辆", "\(q.eliminatedThisWeek)")),
            (t("剩余天数", "days left"), t("\(q.daysLeft) 天", "\(q.daysLeft)")),
            (t("每周需淘汰", "needed a week"), t("\(Self.n(q.weeklyPaceNeeded)) 辆", Self.n(q.weeklyPaceNeeded))),
        ])
        if let chart = WeeklyCharts.quotaTrend(q, asOf: figures.asOf, id: "quota-trend", lang: lang) {
            out += figure(&fig, t("每周淘汰与累计淘汰，对照到期限完成目标的直线进度", "Eliminated per week and cumulative, against the straight line to the target"),
                          chart.svg(),
                          note: t("基准日 \(q.baseline)，期限 \(q.deadline)；淘汰范围 \(q.population) 辆，待核实 \(q.toVerify) 辆，尚未淘汰 \(q.candidates) 辆。",
                                  "Baseline \(q.baseline), deadline \(q.deadline); population \(q.population), to verify \(q.toVerify), still active \(q.candidates)."))
        }
        out += figure(&fig, t("各乡镇已淘汰与尚未淘汰车辆", "Eliminated and still active, by township"), charts.quotaTownships(q).svg())
        return out + "</section>\n\n"
    }

    func screening(_ fig: inout Int) -> String {
        let s = figures.screening
        var out = "<section id=\"screening\">\n<h2>\(Self.e(t("三、货车筛查与乡镇核查（第5、6、3、1项）", "3. Screening and township follow-up (items 5, 6, 3, 1)")))</h2>\n"
        var k: [(String, String)] = [
            (t("在用货车", "active goods vehicles"), t("\(s.vehicles) 辆", "\(s.vehicles)")),
            (t("列入乡镇清单", "on township lists"), t("\(s.listed) 辆", "\(s.listed)")),
        ]
        if let c = s.changes {
            k += [(t("新增标记", "newly flagged"), "\(c.newlyFlagged)"), (t("已解决", "resolved"), "\(c.resolved)"),
                  (t("仍未解决", "still open"), "\(c.stillOpen)")]
        }
        out += kpis(k)
        out += figure(&fig, t("各乡镇筛查标记（辆）", "Screening flags by township"), charts.flagsByTownship().svg(),
                      note: t("一辆车可有多个标记；“未登记”为本市登记库中没有的号牌。", "A vehicle may have several flags; 未登记 = plates not registered here."))
        if let c = s.changes {
            let caption = t("与上次筛查（第\(c.previousRun)次，截至\(c.previousAsOf)）相比：新增与已解决", "Since the previous run (run \(c.previousRun), as of \(c.previousAsOf)): newly flagged and resolved")
            if c.byTownship.contains(where: { $0.newlyFlagged + $0.resolved > 0 }) {
                out += figure(&fig, caption, charts.changesByTownship(c).svg(),
                              note: t("按（车辆，标记）计；仍未解决 \(c.stillOpen) 个。", "Counted by (vehicle, flag); \(c.stillOpen) still open."))
            } else {
                out += "<p class=\"note\">\(Self.e(caption))\(Self.e(t("：无变化（仍未解决 \(c.stillOpen) 个）。", ": no change (\(c.stillOpen) still open).")))</p>\n"
            }
        } else {
            out += "<p class=\"note\">\(Self.e(t("这是第一次筛查，没有可比较的上次结果。", "This is the first screening run: nothing to compare with.")))</p>\n"
        }
        let f = s.findings
        if f.byTownship.isEmpty {
            out += "<p class=\"note\">\(Self.e(t("尚无乡镇核查清单。", "No township list yet.")))</p>\n"
        } else {
            out += figure(&fig, t("乡镇核查反馈：已反馈、未反馈与逾期", "Township findings: returned, outstanding and overdue"), charts.findingsByTownship().svg(),
                          note: t("清单累计 \(f.items) 件，已反馈 \(f.returned) 件（本周 \(f.returnedThisWeek) 件），未反馈 \(f.outstanding) 件，其中超过\(f.responseDays)天 \(f.overdue) 件。",
                                  "\(f.items) list items so far: \(f.returned) returned (\(f.returnedThisWeek) this week), \(f.outstanding) outstanding, \(f.overdue) of them for \(f.responseDays) days or more."))
        }
        var rows = ""
        for c in figures.enforcement.emissionChecks {
            rows += "<tr><td>\(Self.e(text.checkKind(c.kind)))</td><td class=\"num\">\(c.checks)</td><td class=\"num\">\(c.overStandard)</td></tr>"
        }
        let e = figures.enforcement
        rows += "<tr><td>\(Self.e(t("运输渣土（工地、消纳场等）", "muck hauling seen (sites, dump sites…)")))</td><td class=\"num\">\(e.muckSightings)</td><td class=\"num\">\(Self.e(t("无核准 \(e.unapprovedSightings)", "unapproved \(e.unapprovedSightings)")))</td></tr>"
        out += """
            <table class="small">
            <caption>\(Self.e(t("本周执法检查（第3、6项）", "Checks this week (items 3, 6)")))</caption>
            <thead><tr><th>\(Self.e(t("检查", "check")))</th><th class="num">\(Self.e(t("次数（次）", "checks")))</th><th class="num">\(Self.e(t("超标（次）", "over standard")))</th></tr></thead>
            <tbody>\(rows)</tbody>
            </table>
            </section>


            """
        return out
    }

    func permits(_ fig: inout Int) -> String {
        let p = figures.permits
        var out = "<section id=\"permits\">\n<h2>\(Self.e(t("四、进入城区通行证（第8项）", "4. City-entry permits (item 8)")))</h2>\n"
        out += kpis([
            (t("本周决定", "decisions"), t("\(p.decisions) 件", "\(p.decisions)")), (t("准予", "issued"), "\(p.issued)"),
            (t("不予", "denied"), "\(p.denied)"), (t("人工核验", "referred"), "\(p.referred)"),
            (t("有效证现应不予", "in force, now denied"), "\(p.activeNowDenied) / \(p.activeChecked)"),
        ])
        if p.decisions == 0 {
            out += "<p class=\"note\">\(Self.e(t("本周没有通行证决定记录。", "No permit decision was recorded this week.")))</p>\n"
        } else {
            out += figure(&fig, t("每日通行证决定", "Permit decisions per day"), charts.permitsByDay().svg())
        }
        if p.decisions > 0 && p.denialReasons.isEmpty {
            out += "<p class=\"note\">\(Self.e(t("本周没有不予的决定。", "No application was denied this week.")))</p>\n"
        } else if p.decisions > 0 {
            out += figure(&fig, t("主要不予理由（一件决定可有多个理由）", "Top denial reasons (a decision may have several)"), charts.denialReasons().svg())
        }
        return out + "</section>\n\n"
    }

    func bulk(_ fig: inout Int) -> String {
        let g = figures.gate
        var out = "<section id=\"bulk\">\n<h2>\(Self.e(t("五、重污染预警与大宗物料运输重点用车企业（第7项）", "5. Heavy-pollution alerts and key bulk enterprises (item 7)")))</h2>\n"
        out += kpis([
            (t("橙色及以上预警", "orange or red alert"), t("\(Self.n(figures.alerts.hoursOrangeOrAbove)) 小时", "\(Self.n(figures.alerts.hoursOrangeOrAbove)) h")),
            (t("进场记录", "gate entries"), "\(g.rows)"), (t("违规进场", "violations"), "\(g.violations)"),
            (t("待核验", "unverified"), "\(g.unverified)"),
        ])
        if let chart = charts.alertTimeline() {
            out += figure(&fig, t("本周预警时段与每日门禁违规进场", "Alert periods this week and gate violations per day"), chart.svg())
        }
        if !figures.alerts.alerts.isEmpty {
            var rows = ""
            for a in figures.alerts.alerts {
                rows += "<tr><td>\(Self.e(a.documentNo ?? "-"))</td><td>\(Self.e(text.level(a.level)))</td><td>\(Self.e(Self.time(a.startsAt)))</td><td>\(Self.e(a.endsAt.map(Self.time) ?? t("未结束", "not ended")))</td></tr>"
            }
            out += """
                <table class="small">
                <caption>\(Self.e(t("本周涉及的预警", "Alerts in force this week")))</caption>
                <thead><tr><th>\(Self.e(t("文号", "document")))</th><th>\(Self.e(t("等级", "level")))</th><th>\(Self.e(t("开始", "from")))</th><th>\(Self.e(t("结束", "to")))</th></tr></thead>
                <tbody>\(rows)</tbody>
                </table>

                """
        }
        if g.byEnterprise.isEmpty {
            out += "<p class=\"note\">\(Self.e(t("本周没有违规或待核验的进场记录。", "No banned or unverified entry this week.")))</p>\n"
        } else {
            let rest = g.byEnterprise.dropFirst(WeeklyCharts.enterpriseRows)
            let note = rest.isEmpty ? nil : t("另有 \(rest.count) 家企业共违规 \(rest.reduce(0) { $0 + $1.violations }) 次、待核验 \(rest.reduce(0) { $0 + $1.unverified }) 次。",
                                               "\(rest.count) more enterprises: \(rest.reduce(0) { $0 + $1.violations }) violations, \(rest.reduce(0) { $0 + $1.unverified }) unverified.")
            out += figure(&fig, t("各企业违规进场（国四及以下柴油货车）", "Banned entries by enterprise (diesel, China IV or older)"), charts.violationsByEnterprise().svg(), note: note)
        }
        return out + "</section>\n\n"
    }

    func notes() -> String {
        let items = [
            t("统计周为截至日期（含）前的连续7天，按北京时间自然日计。", "The week is the seven days ending on the as-of date, both included, in China Standard Time."),
            t("淘汰、筛查、通行证、门禁违规的数字分别与 quota status、screen run、audit log、bulk violations 命令所得一致。",
              "The figures equal those of quota status, screen run, audit log and bulk violations for the same dates."),
            t("通行证决定按其决定所依日期（as_of）计入当日。", "A permit decision counts on the day it was decided as of."),
            t("“滞后”判定规则见上表各项“判定”；第4项不在本系统范围内。", "The rule of “behind” is under each item above; item 4 is outside this registry."),
        ]
        return """
            <section id="notes">
            <h2>\(Self.e(t("说明", "Notes")))</h2>
            <ol class="notes">\(items.map { "<li>\(Self.e($0))</li>" }.joined())</ol>
            <p class="foot">\(Self.e(t("本报告由 fleetreg 根据登记库数据生成，数据截至 \(figures.asOf)。", "Produced by fleetreg from the registry, data as of \(figures.asOf).")))</p>
            </section>

            """
    }

    /// `2020-11-18 00:00` from a stored time.
    static func time(_ s: String) -> String { s.count >= 16 ? String(s.prefix(16)).replacingOccurrences(of: "T", with: " ") : s }

    /// The page's style: A4, print rules, the system CJK fonts, greys that print.
    static let css = """
        @page { size: A4; margin: 14mm 13mm 15mm 13mm; }
        * { box-sizing: border-box; }
        html { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
        body { font-family: "Noto Sans CJK SC", "Source Han Sans SC", "Microsoft YaHei", "PingFang SC", "WenQuanYi Micro Hei", sans-serif;
               font-size: 10.5pt; line-height: 1.5; color: #111; background: #fff; max-width: 184mm; margin: 0 auto; }
        header { text-align: center; border-bottom: 2pt solid #111; padding-bottom: 2mm; margin-bottom: 4mm; }
        .issuer { margin: 0; font-size: 9.5pt; letter-spacing: 0.5pt; }
        h1 { font-size: 17pt; margin: 1.5mm 0; }
        .sub { margin: 0; font-size: 9.5pt; }
        h2 { font-size: 12.5pt; margin: 6mm 0 2.5mm; padding: 0.8mm 0 0.8mm 2mm; border-left: 3pt solid #111; border-bottom: 0.75pt solid #111;
             break-after: avoid; page-break-after: avoid; }
        section { margin: 0; }
        figure { margin: 2mm 0 4mm; break-inside: avoid; page-break-inside: avoid; }
        figcaption { font-weight: bold; font-size: 10pt; margin-bottom: 1mm; }
        svg.chart { display: block; width: 100%; height: auto; }
        .note { font-size: 9pt; color: #333; margin: 1mm 0 2mm; }
        table { border-collapse: collapse; width: 100%; font-size: 9.5pt; margin: 2mm 0 4mm; }
        caption { text-align: left; font-weight: bold; padding-bottom: 1mm; }
        th, td { border: 0.75pt solid #444; padding: 1mm 1.6mm; vertical-align: top; text-align: left; }
        th { background: #e4e4e4; }
        tr { break-inside: avoid; page-break-inside: avoid; }
        td.num, th.num { text-align: right; white-space: nowrap; width: 8mm; }
        table.small { width: auto; min-width: 60%; }
        table.small td.num, table.small th.num { width: auto; }
        td.status, th.status { white-space: nowrap; width: 22mm; text-align: center; }
        .lead { font-size: 8.5pt; color: #444; }
        .rule { font-size: 8.5pt; color: #444; margin-top: 0.5mm; }
        .st { display: inline-block; padding: 0 1.2mm; }
        .st.behind { font-weight: bold; border: 1.2pt solid #000; background: #d0d0d0; }
        .st.notmeasured { color: #555; }
        tr.behind td { background: #f0f0f0; }
        .lead-in { margin: 0 0 2mm; }
        .kpis { display: flex; flex-wrap: wrap; gap: 2mm; margin: 1mm 0 3mm; break-after: avoid; page-break-after: avoid; }
        .kpi { flex: 1 1 26mm; border: 0.75pt solid #444; padding: 1mm 2mm; }
        .kpi span { display: block; font-size: 8.5pt; color: #333; }
        .kpi b { display: block; font-size: 12.5pt; white-space: nowrap; }
        ol.notes { padding-left: 6mm; font-size: 9.5pt; }
        .foot { font-size: 8.5pt; color: #444; }
        @media screen { body { padding: 8mm 6mm; } }
        @media print { body { max-width: none; } a { color: inherit; text-decoration: none; } }

        """
}
