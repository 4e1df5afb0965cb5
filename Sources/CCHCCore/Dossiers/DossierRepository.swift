import Foundation
import WorkCalendar

/// An event as stored: numbered in one sequence for the whole province and chained by hash, each event's
/// hash covering its content and the hash of the event before it.
public struct DossierEvent: Identifiable, Equatable, Sendable {
    public var id: UUID
    public var sequence: Int
    public var dossierID: UUID
    public var draft: DossierEventDraft
    public var previousHash: String
    public var hash: String

    public init(id: UUID, sequence: Int, dossierID: UUID, draft: DossierEventDraft, previousHash: String, hash: String) {
        self.id = id
        self.sequence = sequence
        self.dossierID = dossierID
        self.draft = draft
        self.previousHash = previousHash
        self.hash = hash
    }
}

/// The outcome of checking the chain of events.
public struct AuditVerification: Equatable, Sendable {
    public var eventsChecked: Int
    /// The first event whose hash, link or number does not match, and what is wrong with it.
    public var firstBroken: (sequence: Int, problem: String)?

    public var isIntact: Bool { firstBroken == nil }

    public init(eventsChecked: Int, firstBroken: (sequence: Int, problem: String)?) {
        self.eventsChecked = eventsChecked
        self.firstBroken = firstBroken
    }

    public static func == (lhs: AuditVerification, rhs: AuditVerification) -> Bool {
        lhs.eventsChecked == rhs.eventsChecked && lhs.firstBroken?.sequence == rhs.firstBroken?.sequence
            && lhs.firstBroken?.problem == rhs.firstBroken?.problem
    }
}

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

        /// Open queues list the most urgent first; the others the newest first.
        public var sortsByDeadline: Bool {
            [.inProgress, .nearingDue, .overdue, .awaitingSupplement, .awaitingPayment].contains(self)
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

/// What a stored dossier document can be read as: the whole dossier, or only its public progress. The code
/// and version have their own columns, which are the truth (a new dossier's document is encoded before its
/// code is drawn, with the code blank).
public protocol DossierReadable: Decodable, Sendable {
    var code: String { get set }
    var version: Int { get set }
}

extension Dossier: DossierReadable {}
extension DossierProgress: DossierReadable {}

public protocol DossierRepository: Sendable {
    /// Stores a new dossier under the next code of its receiving unit for the day, with its lookup PIN
    /// (kept hashed) and its first events, in one transaction.
    func create(_ dossier: Dossier, pin: String, events: [DossierEventDraft], receivingUnitCode: String) async throws -> Dossier
    /// Stores the outcome of a transition if the dossier is still at `expectedVersion`; a conflict otherwise.
    func save(_ transition: DossierTransition, expectedVersion: Int) async throws -> Dossier
    /// Gives the dossier a new lookup PIN (the old one stops working), with an event saying who did it.
    func replacePIN(dossierID: UUID, pin: String, event: DossierEventDraft) async throws
    func find(id: UUID) async throws -> Dossier?
    func find(code: String) async throws -> Dossier?
    /// The public lookup's one read: the dossier (whole or its progress) when code and PIN match (nil for a
    /// wrong code or PIN alike), and how many failed attempts `key` has in the throttle `scope` since `since`.
    /// The code matches in any case; both come trimmed (`DossierLookup` does that).
    func lookUp<Read: DossierReadable>(
        _ type: Read.Type, code: String, pin: String, failuresOf key: String, in scope: String, since: Date
    ) async throws -> (dossier: Read?, failures: Int)
    func events(dossierID: UUID) async throws -> [DossierEvent]
    func list(_ query: DossierQuery) async throws -> ResultPage<Dossier>
    /// How many dossiers each open queue holds, for the queue tabs.
    /// How many dossiers there are, all statuses.
    func count() async throws -> Int
    func counts(scope: DossierQuery.Scope) async throws -> [DossierQuery.Queue: Int]
    /// Dossiers whose clock runs, not yet flagged, due at or before `dueBy`.
    func deadlineCandidates(dueBy: Date, overdue: Bool, limit: Int) async throws -> [Dossier]
    /// Dossiers received by units in a period, by code (form 06).
    func register(receivedBy units: Set<UUID>, from: LocalDate, to: LocalDate) async throws -> [Dossier]
    /// Checks every event's number, link and hash, in order.
    func verifyAuditChain() async throws -> AuditVerification
}
