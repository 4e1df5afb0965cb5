import Foundation
import WorkCalendar

/// How the index judges one dossier from its facts (DOMAIN.md §4, the awkward dossiers): the days it
/// was accepted, finished and became due, whether it finished in time. The counters and the direct
/// count from the dossiers (drill-downs, checks) both read it, so they cannot disagree on a rule.
public struct ServiceIndexJudgement: Equatable, Sendable {
    public var accepted: LocalDate
    public var finished: LocalDate?
    /// The day of the deadline the rate is judged on: the law's, not the one an apology moved.
    public var due: LocalDate?
    public var finishedOnTime: Bool
    public var elapsedHours: Int

    /// Nil for a dossier never accepted (refused at the desk, or still waiting): the index does not count it.
    public init?(_ facts: DossierFacts) {
        guard let acceptedAt = facts.acceptedAt else { return nil }
        accepted = VietnamTime.localDate(of: acceptedAt)
        let judgedDue = facts.originalDueAt ?? facts.dueAt
        due = judgedDue.map(VietnamTime.localDate(of:))
        if let finishedAt = facts.finishedAt {
            finished = VietnamTime.localDate(of: finishedAt)
            // A supplement's wait is already out of the due date; a second request makes the dossier late
            // whatever the date. No due date: the procedure sets no time limit, so it cannot be late.
            finishedOnTime = facts.supplementRequests <= 1 && judgedDue.map { finishedAt <= $0 } ?? true
            elapsedHours = max(0, Int(finishedAt.timeIntervalSince(acceptedAt) / 3600))
        } else {
            finished = nil
            finishedOnTime = false
            elapsedHours = 0
        }
    }

    /// The first day at whose end the dossier is open and past its due date, if there is one before it finishes.
    public var overdueFrom: LocalDate? {
        guard let due else { return nil }
        let start = max(accepted, due)
        if let finished, finished <= start { return nil }
        return start
    }

    public func isOpen(atEndOf day: LocalDate) -> Bool { accepted <= day && (finished.map { $0 > day } ?? true) }

    public func isOverdue(atEndOf day: LocalDate) -> Bool { isOpen(atEndOf: day) && (due.map { $0 <= day } ?? false) }

    public func finished(in days: ClosedRange<LocalDate>) -> Bool { finished.map(days.contains) ?? false }
}
