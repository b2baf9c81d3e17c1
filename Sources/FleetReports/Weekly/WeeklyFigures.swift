import FleetCore

/// Every figure of the weekly dispatch report (每周调度专报, plan 二(三)): the data that
/// `report weekly --format json` prints and that the HTML report draws. Plain values, gathered
/// once (`WeeklyFigures.gather`), so the picture and the data can never disagree.
///
/// The week is the seven days ending on the as-of date, both included (China Standard Time).
///
///     let figures = try WeeklyFigures.gather(store: store, policy: policy, screener: screener,
///                                            asOf: CivilDate(parsing: "2020-11-20")!, operatorName: "环境攻坚办")
///     figures.week.from            // "2020-11-14"
///     figures.quota?.eliminated    // as `quota status --as-of 2020-11-20`
///     figures.planItems[1].status  // .behind
public struct WeeklyFigures: Codable, Sendable, Equatable {
    public var asOf: String
    public var week: Period
    public var policyVersion: String
    /// nil when no quota has been set (`quota set`).
    @JSONNull public var quota: QuotaFigures?
    public var screening: ScreeningFigures
    public var enforcement: EnforcementFigures
    public var permits: PermitFigures
    public var alerts: AlertFigures
    public var gate: GateFigures
    /// The plan's mobile-source items 1–8 (一(一)), each with what the registry measures and a status.
    public var planItems: [PlanItemStatus]

    enum CodingKeys: String, CodingKey {
        case asOf = "as_of", week, policyVersion = "policy_version", quota, screening, enforcement, permits, alerts, gate
        case planItems = "plan_items"
    }

    /// Two dates, both included.
    public struct Period: Codable, Sendable, Equatable {
        public var from: String
        public var to: String
    }

    // MARK: Quota (item 2)

    /// The scrapping quota as of the date, as `quota status` and `quota trend` give it.
    public struct QuotaFigures: Codable, Sendable, Equatable {
        public var target: Int
        public var baseline: String
        public var deadline: String
        public var population: Int
        public var toVerify: Int
        public var eliminated: Int
        public var remaining: Int
        public var percent: Double
        /// The straight line from 0 on the baseline to the target on the deadline, at the as-of
        /// date (`QuotaTrend.planned`), and as a percent of the target.
        public var planned: Double
        public var plannedPercent: Double
        public var candidates: Int
        public var daysLeft: Int
        public var weeklyPaceNeeded: Double
        /// Eliminated with a status date in the report's week.
        public var eliminatedThisWeek: Int
        /// `quota trend`'s weeks, from the baseline.
        public var weeks: [Week]
        /// Every township with a counted vehicle or a target, in the township table's order.
        public var byTownship: [Township]

        enum CodingKeys: String, CodingKey {
            case target, baseline, deadline, population, toVerify = "to_verify", eliminated, remaining, percent, planned
            case plannedPercent = "planned_percent", candidates, daysLeft = "days_left", weeklyPaceNeeded = "weekly_pace_needed"
            case eliminatedThisWeek = "eliminated_this_week", weeks, byTownship = "by_township"
        }

        public struct Week: Codable, Sendable, Equatable {
            public var week: Int
            public var from: String
            public var to: String
            public var eliminated: Int
            public var cumulative: Int
            public var planned: Double
        }

        public struct Township: Codable, Sendable, Equatable {
            public var township: String
            public var population: Int
            public var eliminated: Int
            /// Still active (尚未淘汰): the township's `quota candidates`.
            public var candidates: Int
            @JSONNull public var target: Int?
            @JSONNull public var remaining: Int?
        }
    }

    // MARK: Screening (items 1, 3, 5, 6)

    /// The screening run the report uses (the latest as of the date, made if there was none).
    public struct ScreeningFigures: Codable, Sendable, Equatable {
        public var run: Int64
        public var asOf: String
        public var vehicles: Int
        public var listed: Int
        /// Flag counts of registered vehicles, as `screen run` prints them.
        public var flags: [String: Int]
        /// Flag counts per township (`未登记` for plates not registered here), in the township
        /// table's order; every township of the table is present.
        public var byTownship: [TownshipFlags]
        /// Compared with the run before it; nil for the first run.
        @JSONNull public var changes: Changes?
        public var findings: Findings

        enum CodingKeys: String, CodingKey {
            case run, asOf = "as_of", vehicles, listed, flags, byTownship = "by_township", changes, findings
        }

        public struct TownshipFlags: Codable, Sendable, Equatable {
            public var township: String
            public var flags: [String: Int]
        }

        /// Counted by (vehicle, flag), as the run stored them.
        public struct Changes: Codable, Sendable, Equatable {
            public var previousRun: Int64
            public var previousAsOf: String
            public var newlyFlagged: Int
            public var resolved: Int
            public var stillOpen: Int
            public var byTownship: [TownshipChanges]
            enum CodingKeys: String, CodingKey {
                case previousRun = "previous_run", previousAsOf = "previous_as_of", newlyFlagged = "newly_flagged", resolved
                case stillOpen = "still_open", byTownship = "by_township"
            }
        }

        public struct TownshipChanges: Codable, Sendable, Equatable {
            public var township: String
            public var newlyFlagged: Int
            public var resolved: Int
            public var stillOpen: Int
            enum CodingKeys: String, CodingKey {
                case township, newlyFlagged = "newly_flagged", resolved, stillOpen = "still_open"
            }
        }

        /// The townships' findings on their lists (item 5).
        public struct Findings: Codable, Sendable, Equatable {
            /// Items put on a list by this run or an earlier one.
            public var items: Int
            /// Of those, items with a finding dated by the as-of date.
            public var returned: Int
            /// Findings dated in the week.
            public var returnedThisWeek: Int
            /// Items on this run's lists without a finding.
            public var outstanding: Int
            /// Outstanding items first listed `responseDays` days or more before the as-of date.
            public var overdue: Int
            public var responseDays: Int
            public var byTownship: [TownshipFindings]
            enum CodingKeys: String, CodingKey {
                case items, returned, returnedThisWeek = "returned_this_week", outstanding, overdue, responseDays = "response_days"
                case byTownship = "by_township"
            }
        }

        public struct TownshipFindings: Codable, Sendable, Equatable {
            public var township: String
            public var returned: Int
            public var outstanding: Int
            public var overdue: Int
        }
    }

    // MARK: Enforcement in the week (items 3, 6)

    public struct EnforcementFigures: Codable, Sendable, Equatable {
        /// Emission checks in the week by kind (`night_check`, `roadside`, `remote_sensing`).
        public var emissionChecks: [EmissionChecks]
        /// Inspections in the week that saw a truck hauling spoil.
        public var muckSightings: Int
        /// Of those, sightings on a day no muck approval of the truck was valid (the rule of
        /// UNAPPROVED_MUCK, applied to the week's sightings only).
        public var unapprovedSightings: Int
        public var unapprovedVehicles: Int

        enum CodingKeys: String, CodingKey {
            case emissionChecks = "emission_checks", muckSightings = "muck_sightings", unapprovedSightings = "unapproved_sightings"
            case unapprovedVehicles = "unapproved_vehicles"
        }

        public struct EmissionChecks: Codable, Sendable, Equatable {
            public var kind: String
            public var checks: Int
            public var overStandard: Int
            enum CodingKeys: String, CodingKey { case kind, checks, overStandard = "over_standard" }
        }
    }

    // MARK: Permits (item 8)

    public struct PermitFigures: Codable, Sendable, Equatable {
        /// Each day of the week, oldest first.
        public var days: [Day]
        public var decisions: Int
        public var issued: Int
        public var denied: Int
        public var referred: Int
        /// The rules that denied, by how many denied decisions each was in, most first.
        public var denialReasons: [ReasonCount]
        /// Permits active now and valid on or after the as-of date.
        public var activeChecked: Int
        /// Of those, the ones the rules would deny as of the date (`permit recheck`).
        public var activeNowDenied: Int

        enum CodingKeys: String, CodingKey {
            case days, decisions, issued, denied, referred, denialReasons = "denial_reasons", activeChecked = "active_checked"
            case activeNowDenied = "active_now_denied"
        }

        public struct Day: Codable, Sendable, Equatable {
            public var date: String
            public var issued: Int
            public var denied: Int
            public var referred: Int
        }

        public struct ReasonCount: Codable, Sendable, Equatable {
            public var code: String
            public var item: String
            public var count: Int
        }
    }

    // MARK: Alerts and key enterprises (item 7)

    public struct AlertFigures: Codable, Sendable, Equatable {
        /// The alerts in force at some moment of the week.
        public var alerts: [Alert]
        /// The level in force, stretch by stretch, cut to the week.
        public var periods: [LevelPeriod]
        /// Hours of the week under an orange or red alert (one decimal).
        public var hoursOrangeOrAbove: Double

        enum CodingKeys: String, CodingKey { case alerts, periods, hoursOrangeOrAbove = "hours_orange_or_above" }

        public struct Alert: Codable, Sendable, Equatable {
            public var id: Int64
            public var level: String
            @JSONNull public var documentNo: String?
            public var startsAt: String
            @JSONNull public var endsAt: String?
            enum CodingKeys: String, CodingKey {
                case id, level, documentNo = "document_no", startsAt = "starts_at", endsAt = "ends_at"
            }
        }

        public struct LevelPeriod: Codable, Sendable, Equatable {
            public var level: String
            public var from: String
            public var to: String
        }
    }

    /// The gate log of the week judged as `bulk violations --from FROM --to TO` judges it.
    public struct GateFigures: Codable, Sendable, Equatable {
        public var from: String
        public var to: String
        public var rows: Int
        public var judged: Int
        public var violations: Int
        public var unverified: Int
        /// Enterprises with a violation or an unverified entry, most violations first.
        public var byEnterprise: [Enterprise]
        public var byDay: [Day]

        enum CodingKeys: String, CodingKey {
            case from, to, rows, judged, violations, unverified, byEnterprise = "by_enterprise", byDay = "by_day"
        }

        public struct Enterprise: Codable, Sendable, Equatable {
            public var enterpriseID: String
            public var name: String
            public var township: String
            public var inBuiltUpArea: Bool
            public var violations: Int
            public var unverified: Int
            enum CodingKeys: String, CodingKey {
                case enterpriseID = "enterprise_id", name, township, inBuiltUpArea = "in_built_up_area", violations, unverified
            }
        }

        public struct Day: Codable, Sendable, Equatable {
            public var date: String
            public var violations: Int
            public var unverified: Int
        }
    }
}

/// An optional written as `null` in JSON rather than left out, and read back from `null` or a
/// missing key — so the report's JSON always has the same keys.
@propertyWrapper
public struct JSONNull<T: Codable & Sendable & Equatable>: Codable, Sendable, Equatable {
    public var wrappedValue: T?
    public init(wrappedValue: T?) { self.wrappedValue = wrappedValue }

    public init(from decoder: Decoder) throws {
        let c = try decoder.singleValueContainer()
        wrappedValue = c.decodeNil() ? nil : try c.decode(T.self)
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.singleValueContainer()
        if let v = wrappedValue { try c.encode(v) } else { try c.encodeNil() }
    }
}

extension KeyedDecodingContainer {
    /// A missing key reads as nil for a `@JSONNull` property.
    public func decode<T>(_ type: JSONNull<T>.Type, forKey key: Key) throws -> JSONNull<T> {
        try decodeIfPresent(type, forKey: key) ?? JSONNull(wrappedValue: nil)
    }
}
