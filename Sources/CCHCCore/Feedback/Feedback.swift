import Foundation
import WorkCalendar

/// A phản ánh, kiến nghị (PAKN): what a citizen or a business tells the province about a procedure, a unit,
/// a dossier or an official's conduct, and how the responsible unit handled it. Each stage runs against a
/// deadline in working days (`FeedbackRules`); every change is an event on its own hash chain.
public struct Feedback: Codable, Equatable, Sendable {
    /// How many files one item may carry.
    public static let maximumAttachments = 3

    public var id: UUID
    /// What the sender follows it by, with the PIN they were given (`PA-yymmdd-nnnn`).
    public var code: String
    public var version: Int
    public var state: FeedbackState
    public var topic: FeedbackTopic
    public var classification: FeedbackClass
    /// The procedure, dossier or official it is about, as the sender named it.
    public var procedureCode: String?
    public var dossierCode: String?
    public var officialName: String?
    /// The unit that must handle it: the one named, the dossier's competent unit, or the procedure's.
    public var unitID: UUID
    public var sender: FeedbackSender
    public var title: String
    public var content: String
    public var receivedAt: Date
    /// The version of `FeedbackRules` its deadlines were counted under (the one in force when received).
    public var rulesVersion: Int
    /// The day the current stage must be done by; nil while the sender is asked for more, or once finished.
    public var stageDue: LocalDate?
    /// The day the unit must ask for more information by, if it asks (from acceptance).
    public var askDue: LocalDate?
    /// The first day a stage was done late; nil while every stage so far was on time.
    public var lateDay: LocalDate?
    /// Working days left of the answer's time when the sender was asked for more (the clock stops).
    public var pausedDaysLeft: Int?
    public var refusalReason: String?
    public var question: String?
    public var senderReply: String?
    /// Why the sender raised it again, the last time.
    public var reopenReason: String?
    public var answer: String?
    public var answeredBy: String?
    public var answeredAt: Date?
    /// First refused or published: where the handling ended.
    public var finishedAt: Date?
    public var publishedAt: Date?
    /// How often the sender raised it again after an answer.
    public var reopenCount: Int
    public var senderRating: FeedbackRating?
    /// The sender's files (nil in items stored before attachments existed).
    public var attachments: [RecordAttachment]?
    public var createdAt: Date
    public var updatedAt: Date

    /// Folded text of the title, the content and the answer, for searches without accents.
    public var searchText: String {
        SearchText.fold([code, title, content, answer ?? ""].joined(separator: " "))
    }

    public var receivedDay: LocalDate { VietnamTime.localDate(of: receivedAt) }

    /// Open and its current stage's day has passed (`today` in Vietnam).
    public func isOverdue(today: LocalDate) -> Bool {
        stageDue.map { today > $0 } ?? false
    }

    /// The stage's day is today or the next working day.
    public func isNearingDue(today: LocalDate, calendar: WorkingCalendar) -> Bool {
        guard let due = stageDue, !isOverdue(today: today) else { return false }
        return due <= calendar.workingDay(1, from: today)
    }
}

/// Where a feedback item stands.
public enum FeedbackState: String, Codable, CaseIterable, Sendable {
    case received
    case accepted
    case refused
    /// The unit asked the sender for more; the answer's clock stops until they reply.
    case awaitingInfo = "awaiting_info"
    case answered
    case published

    public var messageKey: String { "feedback.state.\(rawValue)" }
    /// No stage is left to do (a re-raise opens it again).
    public var isClosed: Bool { self == .refused || self == .published }
}

/// What it is about, as the sender chose.
public enum FeedbackTopic: String, Codable, CaseIterable, Sendable {
    case procedure
    case unit
    case dossier
    case official
    case other

    public var messageKey: String { "feedback.topic.\(rawValue)" }
}

/// The classification indicator 5.1 counts: about rules and procedures, about officials' conduct, or other.
public enum FeedbackClass: String, Codable, CaseIterable, Sendable {
    case rules
    case conduct
    case other

    public var messageKey: String { "feedback.class.\(rawValue)" }
}

/// The sender's own judgement of the answer.
public enum FeedbackRating: String, Codable, CaseIterable, Sendable {
    case helpful
    case notHelpful = "not_helpful"

    public var messageKey: String { "feedback.rating.\(rawValue)" }
}

/// Who sent it: a name and at least one way to reach them; an account fills both in.
public struct FeedbackSender: Codable, Equatable, Sendable {
    public var name: String
    public var phone: String?
    public var email: String?
    public var accountID: UUID?

    public init(name: String, phone: String? = nil, email: String? = nil, accountID: UUID? = nil) {
        self.name = name
        self.phone = phone
        self.email = email
        self.accountID = accountID
    }
}
