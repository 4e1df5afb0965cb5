import Foundation
import WorkCalendar

/// Which dossiers a list shows.
public struct DossierQuery: Sendable {
    /// The officer queues (DOMAIN.md §3; issue 4 §7).
    public enum Queue: String, CaseIterable, Sendable {
        case awaitingAcceptance = "awaiting_acceptance"
        case inProgress = "in_progress"
        case nearingDue = "nearing_due"
        case overdue
        case awaitingSupplement = "awaiting_supplement"
        case awaitingPayment = "awaiting_payment"
        case readyToReturn = "ready_to_return"
        case finished
        case all

        /// The statuses the queue shows.
        public var statuses: Set<DossierStatus>? {
            switch self {
            case .awaitingAcceptance: [.submitted]
            case .inProgress: [.accepted, .processing]
            case .nearingDue, .overdue: [.accepted, .processing]
            case .awaitingSupplement: [.supplementRequested]
            case .awaitingPayment: [.paymentRequested]
            case .readyToReturn: [.resultReady]
            case .finished: [.refused, .withdrawn, .stopped, .returned]
            case .all: nil
            }
        }

        /// Whether a dossier with these facts is in the queue: the rule `statuses` and the flags state in
        /// SQL for the lists, stated once more for the queue counters (a test holds the two together).
        public func contains(_ facts: DossierFacts) -> Bool {
            guard statuses?.contains(facts.status) ?? true else { return false }
            switch self {
            case .nearingDue: return facts.nearingDue && !facts.overdue
            case .overdue: return facts.overdue
            default: return true
            }
        }

        /// The queues whose counts are shown (the work to do).
        public static let counted: [Queue] = [.awaitingAcceptance, .inProgress, .nearingDue, .overdue, .awaitingSupplement, .awaitingPayment, .readyToReturn]

        /// Queues of dossiers whose clock runs list the most urgent first. A dossier waiting for a supplement
        /// may have no deadline yet (asked for before acceptance), so that queue lists the oldest first.
        public var sortsByDeadline: Bool {
            [.inProgress, .nearingDue, .overdue, .awaitingPayment].contains(self)
        }

        /// Oldest or most urgent first for the work queues; newest first for the finished and "all" lists.
        public var sortsAscending: Bool {
            sortsByDeadline || self == .awaitingAcceptance || self == .readyToReturn || self == .awaitingSupplement
        }

        public var messageKey: String { "dossier.queue.\(rawValue)" }
    }

    /// Whose dossiers: those received by these units, those held now by these units, or those any of
    /// these units received, holds or decides.
    public enum Scope: Sendable {
        case province
        case receivedBy(Set<UUID>)
        case heldBy(Set<UUID>)
        case involving(Set<UUID>)
        case citizen(UUID)
        /// Any of these (an account with several roles).
        case union([Scope])
    }

    public var scope: Scope
    public var queue: Queue
    public var procedureCode: String?
    public var field: String?
    public var status: DossierStatus?
    /// Received on or after / on or before (Vietnamese days).
    public var receivedFrom: LocalDate?
    public var receivedTo: LocalDate?
    /// A dossier code, or words of the applicant's name (accent-insensitive).
    public var text: String?
    public var cursor: String?
    public var limit: Int

    public init(
        scope: Scope, queue: Queue = .all, procedureCode: String? = nil, field: String? = nil, status: DossierStatus? = nil,
        receivedFrom: LocalDate? = nil, receivedTo: LocalDate? = nil, text: String? = nil, cursor: String? = nil, limit: Int = 50
    ) {
        self.scope = scope
        self.queue = queue
        self.procedureCode = procedureCode
        self.field = field
        self.status = status
        self.receivedFrom = receivedFrom
        self.receivedTo = receivedTo
        self.text = text
        self.cursor = cursor
        self.limit = limit
    }
}

extension DossierQuery.Scope {
    /// Whether the scope names `unit` (the province names every unit; a citizen's scope none).
    public func includes(unit: UUID) -> Bool {
        switch self {
        case .province: true
        case .receivedBy(let ids), .heldBy(let ids), .involving(let ids): ids.contains(unit)
        case .citizen: false
        case .union(let scopes): scopes.contains { $0.includes(unit: unit) }
        }
    }
}
