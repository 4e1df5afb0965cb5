import Foundation
import WorkCalendar

/// Which rules a dossier's transitions run under, a pure function of the province's settings by version
/// and the working calendar: deadlines are counted under the version in force when a dossier's clock
/// started (recorded on it), the lifecycle rules in force on the day apply to each action.
public struct DossierRuleBook: Sendable {
    public var settings: ProvinceSettingsHistory
    /// The days worked, with the province's calendar overrides; office hours come from the settings.
    public var calendar: WorkingCalendar

    public init(settings: ProvinceSettingsHistory, calendar: WorkingCalendar) {
        self.settings = settings
        self.calendar = calendar
    }

    /// The working calendar and the settings in force on `day`: what deadlines counted that day use.
    public func clock(on day: LocalDate) -> DossierClock { clock(for: settings.settings(on: day)) }

    func clock(for version: ProvinceSettingsVersion) -> DossierClock {
        DossierClock(calendar: calendar.with(officeHours: version.rules.officeHours), policy: version.rules.deadlinePolicy)
    }

    /// The settings in force at `now`, for the rules that apply to each action.
    public func rules(now: Date) -> DossierSettings {
        settings.settings(on: VietnamTime.localDate(of: now)).rules.dossierRules
    }

    /// What a transition of `dossier` at `now` needs.
    public func context(for dossier: Dossier, procedure: Procedure, tree: UnitTree, now: Date) -> DossierContext {
        let today = VietnamTime.localDate(of: now)
        let counting = settings.settings(number: dossier.settingsVersion, orOn: today)
        // Version 0 is the standard settings where none are stored: nothing a dossier could name.
        return DossierContext(
            now: now, procedure: procedure, tree: tree, clock: clock(for: counting), settingsVersion: counting.version == 0 ? nil : counting.version,
            settings: settings.settings(on: today).rules.dossierRules)
    }
}

/// The dossier use cases, called alike by the pages and the API: take a dossier in at the counter, file
/// one online, act on one, send a supplement, rate one, re-issue a PIN, flag deadlines. Each loads what it
/// needs, runs the pure rules (`DossierIntake`, `DossierMachine`, `DossierRuleBook`) and has the store
/// write the outcome in one transaction; files staged for it are committed with the record or discarded
/// (`FileStorage`).
public struct DossierService: Sendable {
    public var store: any Store
    public var files: any FileStorage
    public var ruleBook: DossierRuleBook

    public init(store: any Store, files: any FileStorage, settings: ProvinceSettingsHistory, calendar: WorkingCalendar) {
        self.store = store
        self.files = files
        ruleBook = DossierRuleBook(settings: settings, calendar: calendar)
    }

    /// The province's settings by version.
    public var settings: ProvinceSettingsHistory {
        get { ruleBook.settings }
        set { ruleBook.settings = newValue }
    }

    public func clock(on day: LocalDate) -> DossierClock { ruleBook.clock(on: day) }

    public func rules(now: Date) -> DossierSettings { ruleBook.rules(now: now) }

    public func context(for dossier: Dossier, procedure: Procedure, tree: UnitTree, now: Date) -> DossierContext {
        ruleBook.context(for: dossier, procedure: procedure, tree: tree, now: now)
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

    /// An action with the dossier's procedure version and the unit tree already at hand; `staged` files
    /// come with it (a supplement's) and are committed with it or discarded.
    public func act(
        on dossier: Dossier, _ action: DossierAction, expectedVersion: Int, by actor: DossierActor, now: Date, procedure: Procedure, tree: UnitTree,
        staged: [StagedFile] = []
    ) async throws -> Dossier {
        let saved: Dossier
        do {
            guard dossier.version == expectedVersion else { throw DomainError.staleVersion(current: dossier.version) }
            let transition = try DossierMachine.apply(
                action, to: dossier, by: actor, context: context(for: dossier, procedure: procedure, tree: tree, now: now))
            let rows = staged.map { $0.record(dossierID: dossier.id, storagePath: files.storagePath(of: $0)) }
            saved = try await store.dossiers.save(transition, expectedVersion: expectedVersion, files: rows)
        } catch {
            await files.discard(staged)
            throw error
        }
        // Committed with the files' rows: a move that fails now is finished by recovery, not discarded.
        try? await files.commit(staged)
        return saved
    }

    /// A new lookup PIN for a receipt printed again: only the desk that received the dossier may issue one,
    /// and the old PIN stops working (the stored one is a hash and cannot be shown again).
    public func reissuePIN(for dossier: Dossier, by actor: DossierActor, now: Date) async throws -> String {
        let (procedure, tree) = try await store.procedureAndUnits(for: dossier)
        guard case .allowed(let player) = DossierPolicy.decide(.reissuePIN, by: actor, on: dossier, procedure: procedure, tree: tree) else {
            throw DomainError(.forbidden, "dossier.action.forbidden")
        }
        let pin = LookupPIN.generate()
        let event = DossierEventDraft(.reissuePIN, before: dossier.status, after: dossier, by: actor, as: player, at: now)
        try await store.dossiers.replacePIN(dossier, pin: pin, event: event)
        return pin
    }

    /// Records what the service index asks beyond the desk's work (synced to the portal, scanned, reused,
    /// verified, paid online, e-result), replacing what was recorded before; an event says who and what.
    public func recordServiceData(
        _ data: DossierServiceData, on dossier: Dossier, expectedVersion: Int, by actor: DossierActor, now: Date
    ) async throws -> Dossier {
        let (procedure, tree) = try await store.procedureAndUnits(for: dossier)
        return try await recordServiceData(data, on: dossier, expectedVersion: expectedVersion, by: actor, now: now, procedure: procedure, tree: tree)
    }

    /// The same with the dossier's procedure version and the unit tree already at hand.
    public func recordServiceData(
        _ data: DossierServiceData, on dossier: Dossier, expectedVersion: Int, by actor: DossierActor, now: Date, procedure: Procedure, tree: UnitTree
    ) async throws -> Dossier {
        let player: DossierPolicy.Player
        // Who may comes first (403), then whether the caller saw the latest version (409).
        switch DossierPolicy.decide(.recordServiceData, by: actor, on: dossier, procedure: procedure, tree: tree) {
        case .allowed(let allowed): player = allowed
        case .forbidden(let code): throw DomainError(.forbidden, code, arguments: ["action": DossierPolicy.Operation.recordServiceData.name])
        case .notNow(let code): throw DomainError(.invalidState, code, arguments: ["action": DossierPolicy.Operation.recordServiceData.name])
        }
        guard dossier.version == expectedVersion else { throw DomainError.staleVersion(current: dossier.version) }
        var next = dossier
        next.serviceData = data
        next.version += 1
        next.updatedAt = now
        let event = DossierEventDraft(.recordServiceData(data), before: dossier.status, after: next, by: actor, as: player, at: now)
        return try await store.dossiers.save(
            DossierTransition(dossier: next, event: event, before: DossierFacts(dossier)), expectedVersion: expectedVersion, files: [])
    }

    /// Flags dossiers nearing their deadline or past it, by the nearing window in force now. Each flag is a
    /// transition with a version check, so several instances running this at once flag each dossier once.
    /// Returns how many were flagged.
    public func flagDeadlines(now: Date, batch: Int = 500) async throws -> (nearing: Int, overdue: Int) {
        let calendar = clock(on: VietnamTime.localDate(of: now)).calendar
        let nearingBy = calendar.instant(atWorkingClock: calendar.workingClock(at: now) + rules(now: now).nearingDueWorkingSeconds)
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
}
