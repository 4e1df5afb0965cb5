import Foundation
import WorkCalendar

/// Taking dossiers in and acting on them: loads what a transition needs, runs the pure state machine, and
/// stores the outcome with its events in one transaction.
public struct DossierService: Sendable {
    public var store: any Store
    public var clock: DossierClock
    public var settings: DossierSettings

    public init(store: any Store, clock: DossierClock, settings: DossierSettings) {
        self.store = store
        self.clock = clock
        self.settings = settings
    }

    /// Takes a dossier in. Online filings wait for acceptance (status 1); at the counter or by post the desk
    /// accepts it at once (status 2) and the clock starts. Returns the stored dossier and its lookup PIN.
    public func intake(_ request: IntakeRequest, by actor: DossierActor, now: Date) async throws -> (dossier: Dossier, pin: String) {
        let procedure = try await store.procedures.current(code: ProcedureRules.normalizeCode(request.procedureCode), on: VietnamTime.localDate(of: now))
        return try await intake(request, by: actor, now: now, procedure: procedure, tree: try await store.units.tree())
    }

    /// Intake with the procedure and unit tree already at hand (bulk loads), and optionally a chosen PIN.
    public func intake(
        _ request: IntakeRequest, by actor: DossierActor, now: Date, procedure: Procedure?, tree: UnitTree, pin: String = LookupPIN.generate()
    ) async throws -> (dossier: Dossier, pin: String) {
        var dossier = try DossierIntake.prepare(request, procedure: procedure, tree: tree, actor: actor, now: now)
        var events = [DossierEventDraft(
            action: request.channel == .online ? "submit" : "receive", statusBefore: nil, statusAfter: .submitted,
            actorUsername: actor.username, actorName: actor.displayName, actorRole: actor.user?.role.rawValue,
            unitID: actor.user?.unitID, occurredAt: now,
            details: ["channel": request.channel.rawValue, "procedure": dossier.procedureCode, "components": String(dossier.components.count)])]
        if request.channel != .online, let procedure {
            let accepted = try DossierMachine.apply(.accept, to: dossier, by: actor, context: context(procedure, tree, now))
            dossier = accepted.dossier
            events.append(accepted.event)
        }
        guard let unitCode = tree.unit(id: dossier.receivingUnitID)?.code else { throw DomainError.notFound("unit.not_found") }
        return (try await store.dossiers.create(dossier, pin: pin, events: events, receivingUnitCode: unitCode), pin)
    }

    /// Takes an action on a dossier the actor saw at `expectedVersion`. A stale version is a conflict
    /// before anything else is checked.
    public func act(on code: String, _ action: DossierAction, expectedVersion: Int, by actor: DossierActor, now: Date) async throws -> Dossier {
        guard let dossier = try await store.dossiers.find(code: code) else {
            throw DomainError.notFound("dossier.not_found", arguments: ["code": code])
        }
        return try await act(on: dossier, action, expectedVersion: expectedVersion, by: actor, now: now)
    }

    public func act(on dossier: Dossier, _ action: DossierAction, expectedVersion: Int, by actor: DossierActor, now: Date) async throws -> Dossier {
        guard dossier.version == expectedVersion else { throw DomainError.staleVersion(current: dossier.version) }
        let (procedure, tree) = try await store.procedureAndUnits(for: dossier)
        return try await act(on: dossier, action, expectedVersion: expectedVersion, by: actor, now: now, procedure: procedure, tree: tree)
    }

    /// An action with the dossier's procedure version and the unit tree already at hand.
    public func act(
        on dossier: Dossier, _ action: DossierAction, expectedVersion: Int, by actor: DossierActor, now: Date, procedure: Procedure, tree: UnitTree
    ) async throws -> Dossier {
        guard dossier.version == expectedVersion else { throw DomainError.staleVersion(current: dossier.version) }
        let transition = try DossierMachine.apply(action, to: dossier, by: actor, context: context(procedure, tree, now))
        return try await store.dossiers.save(transition, expectedVersion: expectedVersion)
    }

    /// A new lookup PIN for a receipt printed again: only the desk that received the dossier may issue one,
    /// and the old PIN stops working (the stored one is a hash and cannot be shown again).
    public func reissuePIN(for dossier: Dossier, by actor: DossierActor, now: Date) async throws -> String {
        let (procedure, tree) = try await store.procedureAndUnits(for: dossier)
        guard DossierPolicy.qualifies(actor, as: .desk, for: dossier, procedure: procedure, tree: tree) else {
            throw DomainError(.forbidden, "dossier.action.forbidden")
        }
        let pin = LookupPIN.generate()
        try await store.dossiers.replacePIN(dossierID: dossier.id, pin: pin, event: DossierEventDraft(
            action: "reissue_pin", statusBefore: dossier.status, statusAfter: dossier.status, actorUsername: actor.username,
            actorName: actor.displayName, actorRole: actor.user?.role.rawValue, unitID: actor.user?.unitID, occurredAt: now, details: [:]))
        return pin
    }

    /// Flags dossiers nearing their deadline or past it. Each flag is a transition with a version check,
    /// so several instances running this at once flag each dossier once. Returns how many were flagged.
    public func flagDeadlines(now: Date, batch: Int = 500) async throws -> (nearing: Int, overdue: Int) {
        let calendar = clock.calendar
        let nearingBy = calendar.instant(atWorkingClock: calendar.workingClock(at: now) + settings.nearingDueWorkingSeconds)
        var counts = (nearing: 0, overdue: 0)
        for (overdue, dueBy) in [(true, now), (false, nearingBy)] {
            for dossier in try await store.dossiers.deadlineCandidates(dueBy: dueBy, overdue: overdue, limit: batch) {
                do {
                    _ = try await act(on: dossier, overdue ? .flagOverdue : .flagNearingDue, expectedVersion: dossier.version, by: .system, now: now)
                    if overdue { counts.overdue += 1 } else { counts.nearing += 1 }
                } catch let error as DomainError where error.kind == .conflict || error.kind == .invalidState {
                    // Another instance got there first, or the dossier moved on: nothing to do.
                }
            }
        }
        return counts
    }

    func context(_ procedure: Procedure, _ tree: UnitTree, _ now: Date) -> DossierContext {
        DossierContext(now: now, procedure: procedure, tree: tree, clock: clock, settings: settings)
    }
}
