import Foundation
import WorkCalendar

/// What a stored dossier document can be read as: the whole dossier, or only its public progress. The code
/// and version have their own columns, which are the truth (a new dossier's document is encoded before its
/// code is drawn, with the code blank).
public protocol DossierReadable: Decodable, Sendable {
    /// The stored document's shape (`Dossier.documentSchemaVersion`).
    var schemaVersion: Int { get }
    var code: String { get set }
    var version: Int { get set }
}

extension Dossier: DossierReadable {}
extension DossierProgress: DossierReadable {}

/// A new dossier as it is to be written: the dossier (its code still blank), its lookup PIN, its first
/// events, the rows of the files it was filed with, and the answer to keep under an idempotency key.
public struct NewDossier: Sendable {
    public var dossier: Dossier
    public var pin: String
    public var events: [DossierEventDraft]
    public var receivingUnitCode: String
    public var files: [DossierFile]
    public var idempotency: IdempotencyClaim<Dossier>?

    public init(
        dossier: Dossier, pin: String, events: [DossierEventDraft], receivingUnitCode: String, files: [DossierFile] = [],
        idempotency: IdempotencyClaim<Dossier>? = nil
    ) {
        self.dossier = dossier
        self.pin = pin
        self.events = events
        self.receivingUnitCode = receivingUnitCode
        self.files = files
        self.idempotency = idempotency
    }
}

/// Every write of a dossier goes through `create`, `save` or `replacePIN`, each one transaction on one
/// write path per database: the dossier row, its events on the audit chain, the units it involves, its
/// files' rows, the projections' counters and any idempotent answer commit together or not at all.
public protocol DossierRepository: Sendable {
    /// Stores a new dossier under the next code of its receiving unit for the day, with its lookup PIN
    /// (kept hashed). `IdempotencyKeyTaken` when its key already has an answer.
    func create(_ new: NewDossier) async throws -> Dossier
    /// Stores dossiers each with its whole history, in one write: each `NewDossier` holds the dossier as its
    /// last event left it and every event from its intake on, and is written as `create` writes one (codes,
    /// row, units, events on the audit chain, every projection's counters event by event). For histories
    /// told in memory by the state machine (`demo synth`): one write per batch, not one per event.
    func createHistories(_ histories: [NewDossier]) async throws -> [Dossier]
    /// Stores the outcome of a transition if the dossier is still at `expectedVersion` (a conflict
    /// otherwise), with the rows of files that came with it.
    func save(_ transition: DossierTransition, expectedVersion: Int, files: [DossierFile]) async throws -> Dossier
    /// Gives the dossier a new lookup PIN (the old one stops working), with an event saying who did it.
    func replacePIN(_ dossier: Dossier, pin: String, event: DossierEventDraft) async throws
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
    /// How many dossiers there are, all statuses.
    func count() async throws -> Int
    /// How many dossiers each work queue holds (`DossierQuery.Queue.counted`), for the queue tabs: read from
    /// the queue counters, or counted where the scope is a union the counters cannot add up.
    func counts(scope: DossierQuery.Scope) async throws -> [DossierQuery.Queue: Int]
    /// The same, always counted from the dossiers' rows (what the counters must equal).
    func countedRows(scope: DossierQuery.Scope) async throws -> [DossierQuery.Queue: Int]
    /// Dossiers whose clock runs, not yet flagged, due at or before `dueBy`.
    func deadlineCandidates(dueBy: Date, overdue: Bool, limit: Int) async throws -> [Dossier]
    /// Dossiers received by units in a period, by code (form 06).
    func register(receivedBy units: Set<UUID>, from: LocalDate, to: LocalDate) async throws -> [Dossier]
    /// Checks every event's number, link and hash, in order.
    func verifyAuditChain() async throws -> AuditVerification
}
