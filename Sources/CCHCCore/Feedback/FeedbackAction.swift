import Foundation

/// What can be done to a feedback item once received. The unit's officers handle it; its sender (by code
/// and PIN, or their account) replies, raises it again and rates the answer.
public enum FeedbackAction: Equatable, Sendable {
    case accept(FeedbackClass)
    case refuse(reason: String)
    /// To the unit that must handle it instead; the stage's clock keeps running.
    case transfer(to: UUID)
    case askInfo(question: String)
    case reply(String)
    case answer(String)
    case publish
    case reopen(reason: String)
    case rate(FeedbackRating)

    public enum Kind: String, CaseIterable, Codable, Sendable {
        case accept, refuse, transfer
        case askInfo = "ask_info"
        case reply, answer, publish, reopen, rate

        public var messageKey: String { "feedback.action.\(rawValue)" }
        /// Taken by the sender rather than an officer.
        public var isSender: Bool { self == .reply || self == .reopen || self == .rate }
    }

    public var kind: Kind {
        switch self {
        case .accept: .accept
        case .refuse: .refuse
        case .transfer: .transfer
        case .askInfo: .askInfo
        case .reply: .reply
        case .answer: .answer
        case .publish: .publish
        case .reopen: .reopen
        case .rate: .rate
        }
    }
}

/// What a feedback event records besides who and when: one case per kind of change, with its own fields.
public enum FeedbackEventPayload: Codable, Equatable, Sendable {
    public static let schemaVersion = 1

    case submitted(topic: FeedbackTopic, classification: FeedbackClass, unitID: UUID)
    case accepted(classification: FeedbackClass)
    case refused(reason: String)
    case transferred(from: UUID, to: UUID)
    case askedInfo(question: String)
    case replied(text: String)
    case answered(text: String)
    case published
    case reopened(reason: String)
    case rated(FeedbackRating)

    /// The action's name as events and the API show it.
    public var action: String {
        switch self {
        case .submitted: "submit"
        case .accepted: FeedbackAction.Kind.accept.rawValue
        case .refused: FeedbackAction.Kind.refuse.rawValue
        case .transferred: FeedbackAction.Kind.transfer.rawValue
        case .askedInfo: FeedbackAction.Kind.askInfo.rawValue
        case .replied: FeedbackAction.Kind.reply.rawValue
        case .answered: FeedbackAction.Kind.answer.rawValue
        case .published: FeedbackAction.Kind.publish.rawValue
        case .reopened: FeedbackAction.Kind.reopen.rawValue
        case .rated: FeedbackAction.Kind.rate.rawValue
        }
    }

    /// The words a person wrote with it (a reason, a question, an answer), if any.
    public var text: String? {
        switch self {
        case .refused(let text), .askedInfo(let text), .replied(let text), .answered(let text), .reopened(let text): text
        default: nil
        }
    }
}

/// A feedback event before the store numbers and hashes it.
public struct FeedbackEventDraft: Equatable, Sendable {
    public var payload: FeedbackEventPayload
    public var stateBefore: FeedbackState?
    public var stateAfter: FeedbackState
    public var actorUsername: String
    public var actorName: String
    public var actorRole: String?
    public var occurredAt: Date
    /// The item's facts after the event, which the projection reads.
    public var facts: FeedbackFacts

    public init(
        payload: FeedbackEventPayload, stateBefore: FeedbackState?, stateAfter: FeedbackState, actorUsername: String, actorName: String,
        actorRole: String?, occurredAt: Date, facts: FeedbackFacts
    ) {
        self.payload = payload
        self.stateBefore = stateBefore
        self.stateAfter = stateAfter
        self.actorUsername = actorUsername
        self.actorName = actorName
        self.actorRole = actorRole
        self.occurredAt = occurredAt
        self.facts = facts
    }
}

/// A stored feedback event, numbered and hash-chained.
public struct FeedbackEvent: Equatable, Sendable {
    public var sequence: Int
    public var feedbackID: UUID
    public var draft: FeedbackEventDraft
    public var previousHash: String
    public var hash: String

    public init(sequence: Int, feedbackID: UUID, draft: FeedbackEventDraft, previousHash: String, hash: String) {
        self.sequence = sequence
        self.feedbackID = feedbackID
        self.draft = draft
        self.previousHash = previousHash
        self.hash = hash
    }
}
