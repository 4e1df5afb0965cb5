import Foundation
import WorkCalendar

/// How a feedback item moves: each action's effect and the deadlines it sets, counted in working days of
/// `calendar` under `rules` (the version in force on the day it was received). Who may take an action in
/// which state is `FeedbackPolicy`'s question, asked before this.
public struct FeedbackMachine: Sendable {
    public var rules: FeedbackRules
    public var calendar: WorkingCalendar

    public init(rules: FeedbackRules, calendar: WorkingCalendar) {
        self.rules = rules
        self.calendar = calendar
    }

    public static let maximumText = 5000

    /// The day a stage starting on `day` must be done by.
    func due(_ workingDays: Int, from day: LocalDate) -> LocalDate {
        calendar.workingDay(workingDays, from: day)
    }

    /// The deadline to accept or refuse it, once received.
    public func received(_ feedback: Feedback) -> Feedback {
        var received = feedback
        received.state = .received
        received.stageDue = due(rules.acceptWithin, from: feedback.receivedDay)
        return received
    }

    /// `feedback` after `action` on `now`, with the event's payload; validation errors name the field.
    public func apply(_ action: FeedbackAction, to feedback: Feedback, now: Date) throws -> (Feedback, FeedbackEventPayload) {
        let today = VietnamTime.localDate(of: now)
        var next = feedback
        next.version += 1
        next.updatedAt = now
        let payload: FeedbackEventPayload
        switch action {
        case .accept(let classification):
            next.markLate(ifAfter: feedback.stageDue, on: today)
            next.state = .accepted
            next.classification = classification
            next.stageDue = due(rules.answerWithin, from: today)
            next.askDue = due(rules.askWithin, from: today)
            payload = .accepted(classification: classification)
        case .refuse(let reason):
            next.markLate(ifAfter: feedback.stageDue, on: today)
            next.state = .refused
            next.refusalReason = try Self.text(reason, field: "reason")
            next.stageDue = nil
            next.finishedAt = now
            payload = .refused(reason: next.refusalReason ?? "")
        case .transfer(let unitID):
            guard unitID != feedback.unitID else { throw DomainError.validation([FieldError("unit", "feedback.transfer.same_unit")]) }
            next.unitID = unitID
            payload = .transferred(from: feedback.unitID, to: unitID)
        case .askInfo(let question):
            next.question = try Self.text(question, field: "question")
            next.markLate(ifAfter: feedback.askDue, on: today)
            next.markLate(ifAfter: feedback.stageDue, on: today)
            next.pausedDaysLeft = feedback.stageDue.map { workingDays(after: today, through: $0) } ?? rules.answerWithin
            next.state = .awaitingInfo
            next.stageDue = nil
            payload = .askedInfo(question: next.question ?? "")
        case .reply(let text):
            next.senderReply = try Self.text(text, field: "reply")
            next.state = .accepted
            next.stageDue = due(feedback.pausedDaysLeft ?? rules.answerWithin, from: today)
            next.pausedDaysLeft = nil
            payload = .replied(text: next.senderReply ?? "")
        case .answer(let text):
            next.answer = try Self.text(text, field: "answer")
            next.markLate(ifAfter: feedback.stageDue, on: today)
            next.state = .answered
            next.answeredAt = now
            next.stageDue = due(rules.publishWithin, from: today)
            payload = .answered(text: next.answer ?? "")
        case .publish:
            next.markLate(ifAfter: feedback.stageDue, on: today)
            next.state = .published
            next.stageDue = nil
            next.publishedAt = now
            next.finishedAt = now
            payload = .published
        case .reopen(let reason):
            next.reopenReason = try Self.text(reason, field: "reason")
            next.reopenCount += 1
            next.state = .accepted
            next.finishedAt = nil
            next.stageDue = due(rules.answerWithin, from: today)
            next.askDue = due(rules.askWithin, from: today)
            payload = .reopened(reason: next.reopenReason ?? "")
        case .rate(let rating):
            next.senderRating = rating
            payload = .rated(rating)
        }
        return (next, payload)
    }

    /// Working days after `start` up to and including `end`: what is left of a stage's time.
    func workingDays(after start: LocalDate, through end: LocalDate) -> Int {
        guard start < end else { return 0 }
        var count = 0
        var day = start.adding(days: 1)
        while day <= end {
            if calendar.isWorkingDay(day) { count += 1 }
            day = day.adding(days: 1)
        }
        return count
    }

    static func text(_ text: String, field: String) throws -> String {
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        if trimmed.isEmpty { throw DomainError.validation([FieldError(field, "error.required")]) }
        if trimmed.count > maximumText { throw DomainError.validation([FieldError(field, "error.too_long", ["max": String(maximumText)])]) }
        return trimmed
    }
}

extension Feedback {
    /// Records that a stage due on `due` was done on `today`, late if after it; the first late day stays.
    mutating func markLate(ifAfter due: LocalDate?, on today: LocalDate) {
        guard let due, today > due else { return }
        let late = due.adding(days: 1)
        lateDay = lateDay.map { min($0, late) } ?? late
    }
}
