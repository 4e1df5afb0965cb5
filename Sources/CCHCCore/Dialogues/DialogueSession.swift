import Foundation
import WorkCalendar

/// Hội nghị đối thoại: a unit's head meets citizens or businesses, hears their questions, answers what can be
/// answered on the spot and sends the rest on, as a feedback item for the responsible unit or as a task with
/// a deadline. The record is what the steering committee reads and the province's requirement counts.
public struct DialogueSession: Codable, Equatable, Identifiable, Sendable {
    public var id: UUID
    /// `DT-yymmdd-nnnn`.
    public var code: String
    public var version: Int
    public var unitID: UUID
    public var heldOn: LocalDate
    public var place: String
    /// The head who chaired it, and their title.
    public var chairName: String
    public var chairTitle: String
    public var audience: DialogueAudience
    public var participants: [DialogueParticipants]
    public var questions: [DialogueQuestion]
    /// What the chair concluded.
    public var conclusion: String
    public var recordedBy: String
    public var recordedAt: Date
    public var updatedAt: Date
    /// The last correction of the record: who made it, and when.
    public var amendedBy: String?
    public var amendedAt: Date?

    public var participantCount: Int { participants.reduce(0) { $0 + $1.count } }
    public var quarter: Quarter { Quarter(of: heldOn) }
}

public enum DialogueAudience: String, Codable, CaseIterable, Sendable {
    case citizens
    case businesses
    case both

    public var messageKey: String { "dialogue.audience.\(rawValue)" }
}

/// How many of a group took part.
public struct DialogueParticipants: Codable, Equatable, Sendable {
    public enum Group: String, Codable, CaseIterable, Sendable {
        case citizens
        case businesses
        case officials
        case other

        public var messageKey: String { "dialogue.group.\(rawValue)" }
    }

    public var group: Group
    public var count: Int

    public init(_ group: Group, _ count: Int) {
        self.group = group
        self.count = count
    }
}

/// A question raised, with the answer given on the spot and where it went next.
public struct DialogueQuestion: Codable, Equatable, Identifiable, Sendable {
    public var id: UUID
    public var askedBy: String
    public var organisation: String?
    public var text: String
    public var answer: String?
    public var followUp: DialogueFollowUp?

    public init(id: UUID = UUID(), askedBy: String, organisation: String? = nil, text: String, answer: String? = nil, followUp: DialogueFollowUp? = nil) {
        self.id = id
        self.askedBy = askedBy
        self.organisation = organisation
        self.text = text
        self.answer = answer
        self.followUp = followUp
    }
}

/// What a question became: a feedback item (its code) or a task (its code).
public enum DialogueFollowUp: Codable, Equatable, Sendable {
    case feedback(code: String)
    case task(code: String)
}

/// A calendar quarter: the period the province's requirement counts sessions in.
public struct Quarter: Hashable, Comparable, Sendable {
    public var year: Int
    public var number: Int

    public init(year: Int, number: Int) {
        self.year = year
        self.number = number
    }

    public init(of day: LocalDate) {
        self.init(year: day.year, number: (day.month - 1) / 3 + 1)
    }

    public var firstDay: LocalDate { LocalDate(year: year, month: (number - 1) * 3 + 1, day: 1)! }
    public var lastDay: LocalDate { Quarter(year: number == 4 ? year + 1 : year, number: number % 4 + 1).firstDay.adding(days: -1) }

    public static func < (lhs: Quarter, rhs: Quarter) -> Bool { (lhs.year, lhs.number) < (rhs.year, rhs.number) }
}
