import CCHCCore
import Foundation
import Vapor
import WorkCalendar

extension HomeController {
    /// Something due: a task of the officer's unit, or a periodic report the unit has not sent.
    struct Reminder: Encodable {
        var href: String
        var label: String
        var dueOn: String
        /// "overdue", "nearing" or "".
        var urgency: String
    }

    /// Days before a report's due day from which it shows as nearing.
    static let reportNearingDays = ReportService.reminderDays

    /// The open tasks of the user's own unit (and, for a unit's head, the units under it), soonest first, and
    /// this year's reports the user's unit (for Home Affairs: the province) owes and has not sent.
    static func reminders(of user: User, _ request: Request) async throws -> [Reminder] {
        guard let unitID = user.unitID, user.can(.viewDialogues) else { return [] }
        let tree = try await request.store.units.tree()
        let today = request.today
        let calendar = try await request.workingCalendar()
        let units = user.can(.recordDialogues) && user.role.reach == .unitSubtree ? tree.subtreeIDs(of: unitID) : [unitID]
        var reminders = try await request.store.tasks.list(TaskQuery(units: units, state: .open, limit: 20)).map { task in
            Reminder(
                href: "/tasks/\(task.code)", label: "\(request.t("task.source.\(task.source.kind.rawValue)")): \(task.title)",
                dueOn: task.dueOn.vietnameseFormat,
                urgency: task.isOverdue(today: today) ? "overdue" : task.isNearingDue(today: today, calendar: calendar) ? "nearing" : "")
        }
        if user.can(.prepareReports) {
            let reporting = user.role.reach == .province ? tree.roots.first : tree.unit(id: unitID)
            if let reporting, let owed = try await ReportService(store: request.store).scheduleHistory().owed(year: today.year) {
                let reports = try await request.store.reports.list(year: today.year, period: nil).filter { $0.unitID == reporting.id }
                for due in owed.periods where due.days.lowerBound <= today {
                    let report = reports.first { $0.periodCode == due.rule.window.code }
                    guard report?.state != .submitted else { continue }
                    reminders.append(
                        Reminder(
                            href: report.map { "/reports/\($0.code)" } ?? "/reports", label: "\(due.rule.window.nameVi) — \(reporting.name)",
                            dueOn: due.dueOn.vietnameseFormat,
                            urgency: today > due.dueOn ? "overdue" : due.dueOn.dayNumber - today.dayNumber <= Self.reportNearingDays ? "nearing" : ""))
                }
            }
        }
        return reminders
    }
}
