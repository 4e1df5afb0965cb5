import Foundation
import WorkCalendar

/// The periodic CCHC reports a unit owes (CV 581/BNV-CCHC, DOMAIN.md §7), a versioned rule set (kind
/// `report_schedule`): each period's data window and due day, and the outline every report follows. A
/// province adds the periods it asks for (a nine-month report) as a new version.
public struct ReportSchedule: Codable, Equatable, Sendable {
    public var periods: [ReportPeriodRule]
    /// The narrative sections, in order.
    public var outline: [ReportOutlineSection]

    public init(periods: [ReportPeriodRule], outline: [ReportOutlineSection]) {
        self.periods = periods
        self.outline = outline
    }

    public func period(_ code: String) -> ReportPeriodRule? { periods.first { $0.window.code == code } }

    /// Home Affairs' guidance: the quarter, six-month, third-quarter and annual reports, each due on the 20th
    /// of its window's last month, and the usual five-part outline.
    public static let cv581 = ReportSchedule(
        periods: [
            ReportPeriodRule(
                window: ReportWindow(code: "Q1", nameVi: "Báo cáo quý I", nameEn: "First-quarter report", start: (12, 15), previousYear: true, end: (3, 14)),
                dueDay: 20),
            ReportPeriodRule(
                window: ReportWindow(code: "H1", nameVi: "Báo cáo 6 tháng", nameEn: "Six-month report", start: (12, 15), previousYear: true, end: (6, 14)),
                dueDay: 20),
            ReportPeriodRule(
                window: ReportWindow(code: "Q3", nameVi: "Báo cáo quý III", nameEn: "Third-quarter report", start: (6, 15), previousYear: false, end: (9, 14)),
                dueDay: 20),
            ReportPeriodRule(
                window: ReportWindow(code: "Y", nameVi: "Báo cáo năm", nameEn: "Annual report", start: (12, 15), previousYear: true, end: (12, 14)),
                dueDay: 20),
        ],
        outline: [
            ReportOutlineSection(key: "direction", titleVi: "Công tác chỉ đạo, điều hành", titleEn: "Direction and management"),
            ReportOutlineSection(key: "results", titleVi: "Kết quả thực hiện các nhiệm vụ cải cách hành chính", titleEn: "Results by field of reform"),
            ReportOutlineSection(key: "shortcomings", titleVi: "Đánh giá chung, tồn tại, hạn chế và nguyên nhân", titleEn: "Assessment and shortcomings"),
            ReportOutlineSection(key: "next_tasks", titleVi: "Nhiệm vụ trọng tâm kỳ tới", titleEn: "Tasks for the next period"),
            ReportOutlineSection(key: "proposals", titleVi: "Đề xuất, kiến nghị", titleEn: "Proposals"),
        ])

    /// Every mistake named by its place: codes and keys unique and well formed, windows real, due days 1–28.
    public func errors() -> [FieldError] {
        var errors: [FieldError] = []
        if periods.isEmpty || periods.count > 20 { errors.append(FieldError("periods", "error.range", ["min": "1", "max": "20"])) }
        var codes: Set<String> = []
        for (position, rule) in periods.enumerated() {
            let code = rule.window.code
            if code.isEmpty || code.count > 10 || !code.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber) }) || !codes.insert(code).inserted {
                errors.append(FieldError("periods[\(position)].window.code", "error.invalid_value"))
            }
            if rule.window.nameVi.trimmed.isEmpty || rule.window.nameVi.count > 200 || rule.window.nameEn.count > 200 {
                errors.append(FieldError("periods[\(position)].window.nameVi", "error.required"))
            }
            if rule.window.range(in: 2026) == nil || rule.window.range(in: 2028) == nil {
                errors.append(FieldError("periods[\(position)].window", "index.set.window", ["code": code]))
            }
            if !(1...28).contains(rule.dueDay) { errors.append(FieldError("periods[\(position)].dueDay", "error.range", ["min": "1", "max": "28"])) }
        }
        if outline.isEmpty || outline.count > 20 { errors.append(FieldError("outline", "error.range", ["min": "1", "max": "20"])) }
        var keys: Set<String> = []
        for (position, section) in outline.enumerated() {
            if section.key.isEmpty || section.key.count > 40 || !section.key.allSatisfy({ $0.isASCII && ($0.isLowercase || $0 == "_") })
                || !keys.insert(section.key).inserted
            {
                errors.append(FieldError("outline[\(position)].key", "error.invalid_value"))
            }
            if section.titleVi.trimmed.isEmpty || section.titleVi.count > 300 || section.titleEn.count > 300 {
                errors.append(FieldError("outline[\(position)].titleVi", "error.required"))
            }
        }
        return errors
    }
}

/// One report a unit owes each year: its data window and the day of the window's last month it is due.
public struct ReportPeriodRule: Codable, Equatable, Sendable {
    public var window: ReportWindow
    public var dueDay: Int

    public init(window: ReportWindow, dueDay: Int) {
        self.window = window
        self.dueDay = dueDay
    }

    /// The report of `year`: its window, and its due day (the 20th of 14/3's March for the first quarter).
    public func instance(year: Int) -> (days: ClosedRange<LocalDate>, dueOn: LocalDate)? {
        guard let days = window.range(in: year), let due = LocalDate(year: days.upperBound.year, month: days.upperBound.month, day: dueDay) else {
            return nil
        }
        return (days, max(due, days.upperBound))
    }
}

public struct ReportOutlineSection: Codable, Equatable, Sendable {
    public var key: String
    public var titleVi: String
    public var titleEn: String

    public init(key: String, titleVi: String, titleEn: String) {
        self.key = key
        self.titleVi = titleVi
        self.titleEn = titleEn
    }
}

public typealias ReportScheduleVersion = RuleSetVersion<ReportSchedule>
public typealias ReportScheduleHistory = RuleSetHistory<ReportSchedule>

extension RuleSetHistory where Rules == ReportSchedule {
    /// The reports owed for `year`: each period under the version in force on its window's last day (the
    /// first version for years before any), so that a period a new version adds is owed from its first
    /// window after that version starts, never for a window already closed; by due day. Also the version in
    /// force at the year's end, which the pages name. Nil without any version.
    public func owed(year: Int) -> (version: ReportScheduleVersion, periods: [ReportDue])? {
        guard let first = versions.first, let yearEnd = LocalDate(year: year, month: 12, day: 31) else { return nil }
        var owed: [ReportDue] = []
        for version in versions {
            for rule in version.rules.periods {
                guard let instance = rule.instance(year: year), (inForce(on: instance.days.upperBound) ?? first).version == version.version else { continue }
                owed.append(ReportDue(rule: rule, year: year, days: instance.days, dueOn: instance.dueOn, schedule: version))
            }
        }
        return (inForce(on: yearEnd) ?? first, owed.sorted { ($0.dueOn, $0.rule.window.code) < ($1.dueOn, $1.rule.window.code) })
    }
}
