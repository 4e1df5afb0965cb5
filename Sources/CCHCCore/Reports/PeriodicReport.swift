import Foundation
import WorkCalendar

/// Báo cáo CCHC định kỳ: one unit's report for one period of one year, drafted by cchc from what it holds
/// (`ReportFigures`), its narrative written by staff, approved by the head, then sent to Home Affairs
/// (the province's own report is sent to the Ministry). Sending it by its due day is what the PAR Index
/// counts as a report on time.
public struct PeriodicReport: Codable, Equatable, Identifiable, Sendable {
    public enum State: String, Codable, CaseIterable, Sendable {
        case draft
        case approved
        case submitted

        public var messageKey: String { "report.state.\(rawValue)" }
    }

    public var id: UUID
    /// `BC-2026-001`: the year and a number.
    public var code: String
    public var version: Int
    /// Whose report it is.
    public var unitID: UUID
    /// The unit answerable for it, whose head approves: the unit itself, or for the province's report the
    /// unit of the reform staff who drafted it (Home Affairs).
    public var preparingUnitID: UUID
    public var year: Int
    public var periodCode: String
    public var periodName: String
    public var from: LocalDate
    public var to: LocalDate
    public var dueOn: LocalDate
    /// The report schedule version the window and the due day were read from.
    public var scheduleVersion: Int
    public var state: State
    public var sections: [Section]
    public var tables: [ReportTable]
    public var figures: ReportFigures
    public var draftedBy: String
    public var draftedAt: Date
    /// When the figures were last read from the modules.
    public var figuresAt: Date
    public var approvedBy: String?
    public var approvedAt: Date?
    public var submittedBy: String?
    public var submittedAt: Date?
    public var submittedOn: LocalDate?
    public var updatedBy: String
    public var updatedAt: Date

    /// A narrative section of the outline with what staff wrote.
    public struct Section: Codable, Equatable, Sendable {
        public var key: String
        public var title: String
        public var text: String

        public init(key: String, title: String, text: String) {
            self.key = key
            self.title = title
            self.text = text
        }
    }

    public init(
        id: UUID = UUID(), unitID: UUID, preparingUnitID: UUID, year: Int, period: ReportPeriodRule, days: ClosedRange<LocalDate>, dueOn: LocalDate,
        scheduleVersion: Int, outline: [ReportOutlineSection], figures: ReportFigures, tables: [ReportTable], by username: String, at now: Date
    ) {
        self.id = id
        self.code = ""
        self.version = 1
        self.unitID = unitID
        self.preparingUnitID = preparingUnitID
        self.year = year
        self.periodCode = period.window.code
        self.periodName = period.window.nameVi
        self.from = days.lowerBound
        self.to = days.upperBound
        self.dueOn = dueOn
        self.scheduleVersion = scheduleVersion
        self.state = .draft
        self.sections = outline.map { Section(key: $0.key, title: $0.titleVi, text: "") }
        self.tables = tables
        self.figures = figures
        self.draftedBy = username
        self.draftedAt = now
        self.figuresAt = now
        self.updatedBy = username
        self.updatedAt = now
    }

    /// Sent after its day, or not sent and its day has passed.
    public func isLate(today: LocalDate) -> Bool { submittedOn.map { $0 > dueOn } ?? (today > dueOn) }
    /// The sections still empty, which approval refuses.
    public var emptySections: [Section] { sections.filter { $0.text.trimmed.isEmpty } }
}

/// An appendix table: generated from the figures, or edited by staff (then a refresh keeps their version).
public struct ReportTable: Codable, Equatable, Sendable {
    public var key: String
    public var title: String
    public var header: [String]
    public var rows: [[String]]
    public var edited: Bool

    public init(key: String, title: String, header: [String], rows: [[String]], edited: Bool = false) {
        self.key = key
        self.title = title
        self.header = header
        self.rows = rows
        self.edited = edited
    }
}

public protocol PeriodicReportRepository: Sendable {
    func scheduleHistory() async throws -> ReportScheduleHistory
    /// Stores `added` and closes `closed`, if the latest version is still the one `closed` was made from.
    func addSchedule(_ added: ReportScheduleVersion, closing closed: ReportScheduleVersion?) async throws
    /// Stores a new report under the next number of its year; a conflict when the unit already has one for the period.
    func create(_ report: PeriodicReport) async throws -> PeriodicReport
    /// Writes the report if it is still at `expectedVersion` (a conflict otherwise).
    func update(_ report: PeriodicReport, expectedVersion: Int) async throws
    func find(code: String) async throws -> PeriodicReport?
    func find(unitID: UUID, year: Int, period: String) async throws -> PeriodicReport?
    /// The reports of `year` (of one period when given), by code.
    func list(year: Int, period: String?) async throws -> [PeriodicReport]
}
