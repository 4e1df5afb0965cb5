import Foundation
import WorkCalendar

/// What the index needs to know about a feedback item, as of one event: the counters are a function of it
/// (`FeedbackCounters`), so an event moves them by the difference between the facts before and after.
public struct FeedbackFacts: Codable, Equatable, Sendable {
    public var unitID: UUID
    public var receivedDay: LocalDate
    /// About rules and procedures, or about officials' conduct (5.1).
    public var classified: Bool
    /// Refused or published; nil while open (a re-raised item is open again).
    public var finishedDay: LocalDate?
    /// The first day it was late, or will be if its current stage is not done by its day.
    public var overdueFrom: LocalDate?
    /// Handled, never late, not rated unhelpful and not raised again (5.3).
    public var satisfied: Bool

    public init(unitID: UUID, receivedDay: LocalDate, classified: Bool, finishedDay: LocalDate?, overdueFrom: LocalDate?, satisfied: Bool) {
        self.unitID = unitID
        self.receivedDay = receivedDay
        self.classified = classified
        self.finishedDay = finishedDay
        self.overdueFrom = overdueFrom
        self.satisfied = satisfied
    }

    /// Finished, and no stage was late by the day it finished.
    public var finishedOnTime: Bool {
        guard let finishedDay else { return false }
        return overdueFrom.map { $0 > finishedDay } ?? true
    }
}

extension Feedback {
    public var facts: FeedbackFacts {
        let finishedDay = finishedAt.map(VietnamTime.localDate(of:))
        return FeedbackFacts(
            unitID: unitID, receivedDay: receivedDay, classified: classification != .other, finishedDay: finishedDay,
            overdueFrom: lateDay ?? stageDue?.adding(days: 1),
            satisfied: finishedDay != nil && lateDay == nil && senderRating != .notHelpful && reopenCount == 0)
    }
}
