import CCHCCore
import Foundation
import Synchronization
import WorkCalendar

/// The dossier repository a generated story writes to: it keeps each dossier the story creates, and every
/// transition the state machine then makes of it, in memory (with the same version checks), and reads from
/// the store underneath. `histories` are then written at once (`DossierRepository.createHistories`): the same
/// rows, events and counters as one write per event, at a fraction of the writes.
final class HistoryRecorder: DossierRepository {
    private let base: any DossierRepository
    /// In the order the dossiers were created: their codes are given in that order when written.
    private let recorded = Mutex<(order: [UUID], byID: [UUID: NewDossier])>(([], [:]))

    init(base: any DossierRepository) {
        self.base = base
    }

    var histories: [NewDossier] {
        recorded.withLock { recorded in recorded.order.compactMap { recorded.byID[$0] } }
    }

    func create(_ new: NewDossier) async throws -> Dossier {
        recorded.withLock { recorded in
            recorded.order.append(new.dossier.id)
            recorded.byID[new.dossier.id] = new
        }
        return new.dossier
    }

    func createHistories(_ histories: [NewDossier]) async throws -> [Dossier] {
        for history in histories { _ = try await create(history) }
        return histories.map(\.dossier)
    }

    func save(_ transition: DossierTransition, expectedVersion: Int, files: [DossierFile]) async throws -> Dossier {
        try recorded.withLock { recorded in
            guard var history = recorded.byID[transition.dossier.id] else {
                throw DomainError.notFound("dossier.not_found", arguments: ["code": transition.dossier.code])
            }
            guard history.dossier.version == expectedVersion else { throw DomainError.staleVersion(current: history.dossier.version) }
            // A history is written without files: a story that attached one would lose it.
            guard files.isEmpty else { throw DomainError(.invalidState, "dossier.action.forbidden") }
            history.dossier = transition.dossier
            history.events.append(transition.event)
            recorded.byID[transition.dossier.id] = history
        }
        return transition.dossier
    }

    func replacePIN(_ dossier: Dossier, pin: String, event: DossierEventDraft) async throws {
        // A story never prints a receipt again.
        throw DomainError(.forbidden, "dossier.action.forbidden")
    }

    // The rest reads what is stored already.
    func find(id: UUID) async throws -> Dossier? { try await base.find(id: id) }
    func find(code: String) async throws -> Dossier? { try await base.find(code: code) }
    func lookUp<Read: DossierReadable>(
        _ type: Read.Type, code: String, pin: String, failuresOf key: String, in scope: String, since: Date
    ) async throws -> (dossier: Read?, failures: Int) {
        try await base.lookUp(type, code: code, pin: pin, failuresOf: key, in: scope, since: since)
    }
    func events(dossierID: UUID) async throws -> [DossierEvent] { try await base.events(dossierID: dossierID) }
    func list(_ query: DossierQuery) async throws -> ResultPage<Dossier> { try await base.list(query) }
    func count() async throws -> Int { try await base.count() }
    func counts(scope: DossierQuery.Scope) async throws -> [DossierQuery.Queue: Int] { try await base.counts(scope: scope) }
    func countedRows(scope: DossierQuery.Scope) async throws -> [DossierQuery.Queue: Int] { try await base.countedRows(scope: scope) }
    func deadlineCandidates(dueBy: Date, overdue: Bool, limit: Int) async throws -> [Dossier] {
        try await base.deadlineCandidates(dueBy: dueBy, overdue: overdue, limit: limit)
    }
    func register(receivedBy units: Set<UUID>, from: LocalDate, to: LocalDate) async throws -> [Dossier] {
        try await base.register(receivedBy: units, from: from, to: to)
    }
    func verifyAuditChain() async throws -> AuditVerification { try await base.verifyAuditChain() }
}
