import Foundation
import WorkCalendar

extension DossierService {
    /// A dossier just taken in, and the lookup PIN printed on its receipt (kept only as a hash).
    public typealias Intake = (dossier: Dossier, pin: String)

    /// Takes a dossier in through the channel it names: `takeIn` at the counter and by post, `fileOnline`
    /// online (without files).
    public func intake(_ request: IntakeRequest, by actor: DossierActor, now: Date) async throws -> Intake {
        request.channel == .online
            ? try await fileOnline(request, staged: [:], by: actor, now: now) : try await takeIn(request, by: actor, now: now)
    }

    /// At the counter or by post: the desk accepts it at once (status 2) and the clock starts.
    public func takeIn(
        _ request: IntakeRequest, by actor: DossierActor, now: Date, pin: String = LookupPIN.generate(), idempotency: IdempotencyClaim<Dossier>? = nil
    ) async throws -> Intake {
        guard request.channel != .online else { throw DomainError.validation([FieldError("channel", "error.invalid_value")]) }
        return try await intake(request, staged: [], by: actor, now: now, pin: pin, idempotency: idempotency)
    }

    /// Online, by a citizen or anyone: it waits for a desk to accept it (status 1). `staged` holds the
    /// uploaded files by component; they are committed with the dossier, kept in staging when the filing is
    /// sent back with errors (the form offers them again), and discarded on any other failure.
    public func fileOnline(
        _ request: IntakeRequest, staged: [Int: StagedFile], by actor: DossierActor, now: Date, pin: String = LookupPIN.generate(),
        idempotency: IdempotencyClaim<Dossier>? = nil
    ) async throws -> Intake {
        var request = request
        request.channel = .online
        for (index, file) in staged {
            if let position = request.components.firstIndex(where: { $0.index == index }) {
                request.components[position].fileIDs = [file.id]
            } else {
                request.components.append(IntakeRequest.Component(index: index, fileIDs: [file.id]))
            }
        }
        return try await intake(request, staged: Array(staged.values), by: actor, now: now, pin: pin, idempotency: idempotency)
    }

    private func intake(
        _ request: IntakeRequest, staged: [StagedFile], by actor: DossierActor, now: Date, pin: String, idempotency: IdempotencyClaim<Dossier>?
    ) async throws -> Intake {
        do {
            let procedure = try await store.procedures.current(code: ProcedureRules.normalizeCode(request.procedureCode), on: VietnamTime.localDate(of: now))
            return try await intake(
                request, by: actor, now: now, procedure: procedure, tree: try await store.units.tree(), pin: pin, staged: staged, idempotency: idempotency)
        } catch let error as DomainError where error.kind == .validation {
            throw error
        } catch {
            await files.discard(staged)
            throw error
        }
    }

    /// Intake with the procedure and unit tree already at hand (bulk loads), and optionally a chosen PIN.
    public func intake(
        _ request: IntakeRequest, by actor: DossierActor, now: Date, procedure: Procedure?, tree: UnitTree, pin: String = LookupPIN.generate(),
        staged: [StagedFile] = [], idempotency: IdempotencyClaim<Dossier>? = nil
    ) async throws -> Intake {
        var dossier = try DossierIntake.prepare(request, procedure: procedure, tree: tree, actor: actor, now: now)
        let first = DossierEventPayload.Intake(channel: request.channel, procedureCode: dossier.procedureCode, components: dossier.components.count)
        var events = [
            DossierEventDraft(
                request.channel == .online ? .submit(first) : .receive(first), before: nil, after: dossier, by: actor,
                as: actor.user.map { _ in .role(request.channel == .online ? .citizen : .deskOfficer) }, at: now)
        ]
        if request.channel != .online, let procedure {
            let accepted = try DossierMachine.apply(.accept, to: dossier, by: actor, context: context(for: dossier, procedure: procedure, tree: tree, now: now))
            dossier = accepted.dossier
            events.append(accepted.event)
        }
        guard let unitCode = tree.unit(id: dossier.receivingUnitID)?.code else { throw DomainError.notFound("unit.not_found") }
        let rows = staged.map { $0.record(dossierID: dossier.id, storagePath: files.storagePath(of: $0)) }
        let stored = try await store.dossiers.create(
            NewDossier(
                dossier: dossier, pin: pin, events: events, receivingUnitCode: unitCode, files: rows, idempotency: idempotency))
        // The dossier committed with its files' rows: a move that fails now (a full disk) is finished by
        // recovery, which moves staged files whose rows exist; discarding them here would lose them.
        try? await files.commit(staged)
        return (stored, pin)
    }
}
