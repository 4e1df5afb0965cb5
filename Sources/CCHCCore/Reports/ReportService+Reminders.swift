import Foundation
import WorkCalendar

extension ReportService {
    /// Days before a report's due day from which its unit is reminded (and the home page marks it nearing).
    public static let reminderDays = 7

    /// Asks, once per unit and period, that the leaders of each reporting unit that has not sent a report
    /// due within `reminderDays` be reminded; returns how many reminders were asked for (a reminder asked
    /// before adds nothing).
    @discardableResult
    public func remindDueReports(now: Date) async throws -> Int {
        let today = VietnamTime.localDate(of: now)
        guard let owed = try await scheduleHistory().owed(year: today.year) else { return 0 }
        let dueSoon = owed.periods.filter { $0.dueOn >= today && $0.dueOn.dayNumber - today.dayNumber <= Self.reminderDays }
        guard !dueSoon.isEmpty else { return 0 }
        let tree = try await store.units.tree()
        let sent = try await store.reports.list(year: today.year, period: nil).filter { $0.state == .submitted }
        var requests: [NotificationRequest] = []
        for unit in Self.reportingUnits(tree, today: today) {
            for due in dueSoon where !sent.contains(where: { $0.unitID == unit.id && $0.periodCode == due.rule.window.code }) {
                let key = "\(today.year)-\(due.rule.window.code)"
                requests.append(
                    NotificationRequest(
                        kind: .reportDue, audience: .unitStaff(unitID: unit.id, roles: [.unitLeader]),
                        parameters: ["report": due.rule.window.nameVi, "dueDate": due.dueOn.vietnameseFormat, "link": "/reports"],
                        onceKey: "report_due|\(unit.id)|\(key)"))
            }
        }
        try await store.notifications.enqueue(requests, at: now)
        return requests.count
    }
}
