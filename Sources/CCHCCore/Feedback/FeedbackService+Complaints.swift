import Foundation

extension FeedbackService {
    /// Feedback about a dossier is a complaint: the dossier records it, with an event of its own, in the
    /// feedback's transaction, so that indicator 5.4 counts the dossier from that moment and drills down to
    /// the item. Any feedback sent about the dossier counts, whatever its answer (DOMAIN.md §4: "a complaint").
    func submitComplaint(
        _ submitted: SubmittedFeedback, event: FeedbackEventDraft, about dossierCode: String, idempotency: IdempotencyClaim<SubmittedFeedback>?,
        now: Date
    ) async throws -> SubmittedFeedback {
        var attempt = 1
        while true {
            do {
                return try await store.transaction { store in
                    let sent = try await store.feedback.create(submitted, event: event, idempotency: idempotency)
                    try await Self.recordComplaint(sent.feedback.code, on: dossierCode, by: sent.feedback.sender.name, store: store, now: now)
                    return sent
                }
            } catch let error as DomainError where error.kind == .conflict && attempt < 3 {
                // An officer moved the dossier meanwhile: everything was rolled back; read it again.
                attempt += 1
            }
        }
    }

    static func recordComplaint(_ feedbackCode: String, on dossierCode: String, by sender: String, store: any Store, now: Date) async throws {
        guard let dossier = try await store.dossiers.find(code: dossierCode) else {
            throw DomainError.notFound("dossier.not_found", arguments: ["code": dossierCode])
        }
        var next = dossier
        next.complaints = (dossier.complaints ?? []) + [feedbackCode]
        next.version += 1
        next.updatedAt = now
        let event = DossierEventDraft(
            payload: .recordComplaint(.init(feedbackCode: feedbackCode)), statusBefore: dossier.status, statusAfter: next.status, actorUsername: "",
            actorName: sender, actorRole: "sender", unitID: nil, occurredAt: now, facts: DossierFacts(next))
        _ = try await store.dossiers.save(
            DossierTransition(dossier: next, event: event, before: DossierFacts(dossier)), expectedVersion: dossier.version, files: [])
    }
}
