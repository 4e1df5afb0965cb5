import Foundation
import Testing
import WorkCalendar

@testable import CCHCCore

@Suite("Periodic reports: windows and due days per period, the schedule as versions, the workflow table")
struct ReportScheduleTests {
    static func day(_ text: String) -> LocalDate { LocalDate(text)! }
    static let setAt = Date(timeIntervalSince1970: 1_700_000_000)

    @Test(
        "Each Home Affairs period of a year: its data window and the 20th of the window's last month",
        arguments: [
            ("Q1", "2025-12-15", "2026-03-14", "2026-03-20"), ("H1", "2025-12-15", "2026-06-14", "2026-06-20"),
            ("Q3", "2026-06-15", "2026-09-14", "2026-09-20"), ("Y", "2025-12-15", "2026-12-14", "2026-12-20"),
        ])
    func windows(code: String, from: String, to: String, due: String) throws {
        let history = ReportScheduleHistory([
            ReportScheduleVersion(version: 1, effectiveFrom: Self.day("2022-01-01"), rules: .cv581, setBy: "system", reason: "x", setAt: Self.setAt)
        ])
        let owed = try #require(history.owed(year: 2026))
        let period = try #require(owed.periods.first { $0.rule.window.code == code })
        #expect(period.days == Self.day(from)...Self.day(to))
        #expect(period.dueOn == Self.day(due))
        #expect(owed.periods.map(\.rule.window.code) == ["Q1", "H1", "Q3", "Y"])
    }

    @Test("A period a new version adds is owed from its first window after the version starts, never for a window already closed")
    func versions() throws {
        var nine = ReportSchedule.cv581
        nine.periods.append(
            ReportPeriodRule(
                window: ReportWindow(code: "9M", nameVi: "Báo cáo 9 tháng", nameEn: "Nine months", start: (12, 15), previousYear: true, end: (9, 14)),
                dueDay: 20))
        let history = ReportScheduleHistory([
            ReportScheduleVersion(
                version: 1, effectiveFrom: Self.day("2022-01-01"), effectiveTo: Self.day("2026-10-01"), rules: .cv581, setBy: "system", reason: "x",
                setAt: Self.setAt),
            ReportScheduleVersion(version: 2, effectiveFrom: Self.day("2026-10-01"), rules: nine, setBy: "noivu", reason: "y", setAt: Self.setAt),
        ])
        let now = try #require(history.owed(year: 2026))
        #expect(!now.periods.contains { $0.rule.window.code == "9M" })
        #expect(now.periods.first { $0.rule.window.code == "Y" }?.schedule.version == 2)
        #expect(now.periods.first { $0.rule.window.code == "Q3" }?.schedule.version == 1)
        #expect(now.version.version == 2)
        let next = try #require(history.owed(year: 2027))
        #expect(next.periods.map(\.rule.window.code) == ["Q1", "H1", "9M", "Q3", "Y"])
        #expect(next.periods.first { $0.rule.window.code == "9M" }?.dueOn == Self.day("2027-09-20"))
        #expect(ReportScheduleHistory([]).owed(year: 2026) == nil)
    }

    @Test("A schedule names each bad period and section by its place")
    func validation() {
        var schedule = ReportSchedule.cv581
        schedule.periods[1].window.code = "Q1"
        schedule.periods[2].dueDay = 31
        schedule.periods[3].window.endMonth = 13
        schedule.outline[0].titleVi = " "
        schedule.outline.append(schedule.outline[1])
        #expect(
            Set(schedule.errors().map(\.field)) == [
                "periods[1].window.code", "periods[2].dueDay", "periods[3].window", "outline[0].titleVi", "outline[5].key",
            ])
        #expect(ReportSchedule.cv581.errors().isEmpty)
    }

    @Test(
        "The workflow table: refresh, edit and approve a draft; reopen or send an approved one; nothing after sending",
        arguments: ReportAction.allCases)
    func policy(action: ReportAction) {
        let open = PeriodicReport.State.allCases.filter { ReportPolicy.isOpen(action, in: $0) }
        switch action {
        case .refresh, .edit, .approve: #expect(open == [.draft])
        case .reopen, .submit: #expect(open == [.approved])
        }
        let after = open.map { ReportPolicy.next(action, from: $0) }
        switch action {
        case .refresh, .edit: #expect(after == [.draft])
        case .approve: #expect(after == [.approved])
        case .reopen: #expect(after == [.draft])
        case .submit: #expect(after == [.submitted])
        }
        #expect(ReportPolicy.permission(action) == ((action == .approve || action == .reopen) ? .approveReports : .prepareReports))
    }

    @Test("Late: sent after the due day, or not sent once it has passed")
    func lateness() {
        let rule = ReportSchedule.cv581.periods[2]
        var report = PeriodicReport(
            unitID: UUID(), preparingUnitID: UUID(), year: 2026, period: rule, days: Self.day("2026-06-15")...Self.day("2026-09-14"),
            dueOn: Self.day("2026-09-20"), scheduleVersion: 1, outline: ReportSchedule.cv581.outline, figures: ReportFigures(), tables: [], by: "noivu",
            at: Self.setAt)
        #expect(!report.isLate(today: Self.day("2026-09-20")) && report.isLate(today: Self.day("2026-09-21")))
        report.submittedOn = Self.day("2026-09-19")
        #expect(!report.isLate(today: Self.day("2026-12-01")))
        report.submittedOn = Self.day("2026-09-21")
        #expect(report.isLate(today: Self.day("2026-09-21")))
        #expect(report.emptySections.count == 5)
    }
}
