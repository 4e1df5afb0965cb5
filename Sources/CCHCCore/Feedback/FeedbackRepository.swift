import Foundation
import WorkCalendar

/// A new item and the PIN its sender follows it by (only its hash is stored).
public struct SubmittedFeedback: Sendable {
    public var feedback: Feedback
    public var pin: String

    public init(feedback: Feedback, pin: String) {
        self.feedback = feedback
        self.pin = pin
    }
}

/// Which feedback items a list holds.
public struct FeedbackQuery: Sendable {
    /// nil: every unit.
    public var units: Set<UUID>?
    /// Empty: every state.
    public var states: [FeedbackState]
    /// Only those whose current stage's day is before this one (overdue on the day after it).
    public var stageDueBefore: LocalDate?
    /// Accent-free words that every item listed contains (`SearchText.fold`).
    public var text: String?
    /// Only those a citizen's account sent.
    public var senderAccountID: UUID?
    /// Newest first, after this cursor.
    public var cursor: String?
    public var limit: Int

    public init(
        units: Set<UUID>? = nil, states: [FeedbackState] = [], stageDueBefore: LocalDate? = nil, text: String? = nil, cursor: String? = nil,
        limit: Int = 50
    ) {
        self.units = units
        self.states = states
        self.stageDueBefore = stageDueBefore
        self.text = text
        self.senderAccountID = nil
        self.cursor = cursor
        self.limit = limit
    }
}

public protocol FeedbackRepository: Sendable {
    /// Writes a new item under the next code of its day, its PIN's hash, its first event on the feedback
    /// chain and the counters, in one transaction; with `idempotency`, the answer under the key too.
    func create(_ submitted: SubmittedFeedback, event: FeedbackEventDraft, idempotency: IdempotencyClaim<SubmittedFeedback>?) async throws -> SubmittedFeedback
    /// Writes the item's new state if it is still at `expectedVersion` (a conflict otherwise), with its event
    /// and the counters' changes from `before`.
    func update(_ feedback: Feedback, expectedVersion: Int, before: FeedbackFacts, event: FeedbackEventDraft) async throws
    func find(code: String) async throws -> Feedback?
    /// Whether an attachment with this id has its row (a staged file whose item committed).
    func attachmentExists(id: UUID) async throws -> Bool
    /// The item, if `pin` is its PIN.
    func find(code: String, pin: String) async throws -> Feedback?
    func events(of feedbackID: UUID) async throws -> [FeedbackEvent]
    func list(_ query: FeedbackQuery) async throws -> ResultPage<Feedback>
    /// Recomputes the feedback chain and names the first event that does not fit.
    func verifyAuditChain() async throws -> AuditVerification
}
