import Foundation

extension DossierService {
    /// The applicant sends what the desk asked for: a note and files, listed in the event's note by name.
    /// The files are committed with the transition or discarded.
    public func supplement(
        _ dossier: Dossier, note: String, staged: [StagedFile], expectedVersion: Int, by actor: DossierActor, now: Date,
        naming: (StagedFile) -> String
    ) async throws -> Dossier {
        let text = ([note.trimmingCharacters(in: .whitespacesAndNewlines)] + staged.map(naming)).filter { !$0.isEmpty }.joined(separator: "; ")
        guard !text.isEmpty else {
            await files.discard(staged)
            throw DomainError.validation([FieldError("file0", "filing.supplement_empty")])
        }
        let (procedure, tree) = try await store.procedureAndUnits(for: dossier)
        return try await act(
            on: dossier, .receiveSupplement(note: text), expectedVersion: expectedVersion, by: actor, now: now, procedure: procedure, tree: tree,
            staged: staged)
    }

    /// A rating by whoever holds the receipt's code and PIN (checked and throttled by `lookup`).
    public func rate(code: String, pin: String, rating: Rating, lookup: DossierLookup, address: String, now: Date) async throws -> Dossier {
        let dossier = try await lookup.find(code: code, pin: pin, address: address, now: now)
        return try await act(on: dossier, .rate(rating), expectedVersion: dossier.version, by: .applicant, now: now)
    }
}
