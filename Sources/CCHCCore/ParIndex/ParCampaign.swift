import Foundation
import WorkCalendar

/// Đợt đánh giá: the year's assessment of the departments or the communes under one version of a
/// criteria set, with its dates, moving open → appraisal → review → published.
public struct ParCampaign: Codable, Equatable, Identifiable, Sendable {
    public enum State: String, Codable, CaseIterable, Sendable {
        /// Units score themselves and submit.
        case open
        /// Home Affairs appraises the submitted assessments.
        case appraisal
        /// The review council (hội đồng thẩm định) confirms the appraised results.
        case review
        /// Results are public to every unit.
        case published

        public var messageKey: String { "par.campaign.state.\(rawValue)" }
    }

    public var id: UUID
    /// `CCHC-2026-SO` (departments) or `CCHC-2026-XA` (communes).
    public var code: String
    public var version: Int
    public var year: Int
    public var level: ParLevel
    public var title: String
    /// The criteria set version every assessment of the campaign is scored by.
    public var criteriaVersion: Int
    public var selfAssessmentDue: LocalDate
    public var appraisalDue: LocalDate
    public var reviewDue: LocalDate
    public var publishOn: LocalDate
    public var state: State
    public var unitIDs: [UUID]
    public var openedBy: String
    public var openedAt: Date
    public var publishedAt: Date?

    public init(
        id: UUID = UUID(), code: String, year: Int, level: ParLevel, title: String, criteriaVersion: Int, selfAssessmentDue: LocalDate,
        appraisalDue: LocalDate, reviewDue: LocalDate, publishOn: LocalDate, unitIDs: [UUID], openedBy: String, openedAt: Date
    ) {
        self.id = id
        self.code = code
        self.version = 1
        self.year = year
        self.level = level
        self.title = title
        self.criteriaVersion = criteriaVersion
        self.selfAssessmentDue = selfAssessmentDue
        self.appraisalDue = appraisalDue
        self.reviewDue = reviewDue
        self.publishOn = publishOn
        self.state = .open
        self.unitIDs = unitIDs
        self.openedBy = openedBy
        self.openedAt = openedAt
    }

    public static func code(year: Int, level: ParLevel) -> String {
        "CCHC-\(year)-\(level == .commune ? "XA" : level == .department ? "SO" : "TINH")"
    }
}

/// What reform staff type to open a campaign.
public struct ParCampaignDraft: Sendable {
    public var year: Int
    public var level: ParLevel
    public var title: String
    public var selfAssessmentDue: LocalDate?
    public var appraisalDue: LocalDate?
    public var reviewDue: LocalDate?
    public var publishOn: LocalDate?
    /// Empty: every unit of the level's kinds in force.
    public var unitCodes: [String]

    public init(
        year: Int, level: ParLevel, title: String, selfAssessmentDue: LocalDate?, appraisalDue: LocalDate?, reviewDue: LocalDate?,
        publishOn: LocalDate?, unitCodes: [String] = []
    ) {
        self.year = year
        self.level = level
        self.title = title
        self.selfAssessmentDue = selfAssessmentDue
        self.appraisalDue = appraisalDue
        self.reviewDue = reviewDue
        self.publishOn = publishOn
        self.unitCodes = unitCodes
    }

    /// The dates in order, every one given.
    func errors() -> [FieldError] {
        var errors: [FieldError] = []
        if title.trimmingCharacters(in: .whitespaces).isEmpty { errors.append(FieldError("title", "error.required")) }
        if title.count > 200 { errors.append(FieldError("title", "error.too_long", ["max": "200"])) }
        if level == .province { errors.append(FieldError("level", "par.campaign.level")) }
        let dates = [
            ("selfAssessmentDue", selfAssessmentDue), ("appraisalDue", appraisalDue), ("reviewDue", reviewDue), ("publishOn", publishOn),
        ]
        for (name, day) in dates where day == nil { errors.append(FieldError(name, "error.date_invalid")) }
        for (before, after) in zip(dates, dates.dropFirst()) {
            if let first = before.1, let second = after.1, second < first { errors.append(FieldError(after.0, "par.campaign.dates_order")) }
        }
        return errors
    }
}
