import Foundation
import WorkCalendar

/// Province settings the lifecycle reads; the law leaves them open (DOMAIN.md §3.2).
public struct DossierSettings: Equatable, Sendable {
    /// How many supplement requests a dossier may receive: the applicant should get one list of everything.
    public var maximumSupplementRequests: Int
    /// Whether an apology must be made before the original deadline passes.
    public var apologyBeforeDeadline: Bool
    /// How long before the deadline a dossier counts as nearing it, in working seconds.
    public var nearingDueWorkingSeconds: Int

    public init(maximumSupplementRequests: Int = 1, apologyBeforeDeadline: Bool = false, nearingDueWorkingSeconds: Int = 8 * 3600) {
        self.maximumSupplementRequests = maximumSupplementRequests
        self.apologyBeforeDeadline = apologyBeforeDeadline
        self.nearingDueWorkingSeconds = nearingDueWorkingSeconds
    }
}

/// What a transition needs to know besides the dossier.
public struct DossierContext: Sendable {
    public var now: Date
    public var procedure: Procedure
    public var tree: UnitTree
    /// The calendar and counting rules of the province settings the dossier's deadlines are counted under.
    public var clock: DossierClock
    /// That settings version's number, recorded on the dossier when its clock starts.
    public var settingsVersion: Int?
    /// The lifecycle rules in force now (supplement limit, apology timing, nearing window).
    public var settings: DossierSettings

    public init(
        now: Date, procedure: Procedure, tree: UnitTree, clock: DossierClock, settingsVersion: Int? = nil, settings: DossierSettings = DossierSettings()
    ) {
        self.now = now
        self.procedure = procedure
        self.tree = tree
        self.clock = clock
        self.settingsVersion = settingsVersion
        self.settings = settings
    }
}

public struct DossierTransition: Equatable, Sendable {
    public var dossier: Dossier
    public var event: DossierEventDraft
    /// The facts the dossier had before, which the projections compare with the event's.
    public var before: DossierFacts
}

/// The dossier lifecycle as a pure function: a dossier, an action, an actor and the context in; the new
/// dossier and its event out, or a `DomainError` saying why not (forbidden, not now, or bad input).
public enum DossierMachine {
    public static func apply(_ action: DossierAction, to dossier: Dossier, by actor: DossierActor, context: DossierContext) throws -> DossierTransition {
        let player: DossierPolicy.Player
        switch DossierPolicy.decide(action.kind, by: actor, on: dossier, procedure: context.procedure, tree: context.tree) {
        case .forbidden(let code):
            throw DomainError(.forbidden, code, arguments: ["action": action.kind.rawValue])
        case .notNow(let code):
            throw DomainError(.invalidState, code, arguments: ["action": action.kind.rawValue, "status": dossier.status.name])
        case .allowed(let acting):
            player = acting
        }
        var next = dossier
        let now = context.now
        let payload: DossierEventPayload
        let procedure = context.procedure

        switch action {
        case .accept:
            next.acceptedAt = now
            next.clockStartedAt = now
            next.status = .accepted
            next.currentStep = 0
            next.visits = [StepVisit(step: 0, unitID: unitID(of: 0, next, procedure), startedAt: now)]
            next.settingsVersion = context.settingsVersion
            recomputeDeadlines(&next, context: context)
            payload = .accept(
                .init(
                    dueAt: next.dueAt, appointment: next.dueAt.map(context.clock.calendar.appointment(for:)), settingsVersion: next.settingsVersion))

        case .refuse(let reason):
            try requireText(reason, field: "reason")
            next.status = .refused
            next.closure = Closure(reason: reason, at: now, by: actor.displayName)
            endVisit(&next, now: now, context: context, grade: false)
            payload = .refuse(.init(reason: reason))

        case .requestSupplement(let items, let reason):
            let cleaned = items.map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
            var errors: [FieldError] = []
            if cleaned.isEmpty { errors.append(FieldError("items", "dossier.supplement.items_required")) }
            if reason.trimmingCharacters(in: .whitespaces).isEmpty { errors.append(FieldError("reason", "error.required")) }
            try errors.throwIfAny()
            if DossierPolicy.usedUp(.requestSupplement, on: dossier, settings: context.settings) {
                throw DomainError(.invalidState, "dossier.supplement.limit", arguments: ["count": String(context.settings.maximumSupplementRequests)])
            }
            next.supplementRequests.append(SupplementRequest(items: cleaned, reason: reason, requestedAt: now, requestedBy: actor.displayName))
            next.resumeStatus = dossier.status
            next.status = .supplementRequested
            if dossier.clockStartedAt != nil { next.pauses.append(Pause(start: now, end: nil, reason: .supplement)) }
            payload = .requestSupplement(.init(items: cleaned, reason: reason))

        case .receiveSupplement(let note):
            next.status = dossier.resumeStatus ?? .submitted
            next.resumeStatus = nil
            if !next.supplementRequests.isEmpty { next.supplementRequests[next.supplementRequests.count - 1].receivedAt = now }
            closePause(&next, now: now)
            let restarts = procedure.supplementRule == .restart && dossier.clockStartedAt != nil
            if restarts {
                next.clockStartedAt = now
                next.pauses = []
            }
            recomputeDeadlines(&next, context: context)
            payload = .receiveSupplement(.init(note: note, clockRestarted: restarts))

        case .forward(let toStep, let note):
            guard let current = dossier.currentStep else { throw DomainError(.invalidState, "dossier.action.not_in_status") }
            let target = toStep ?? current + 1
            guard target > current else {
                throw DomainError.validation([FieldError("toStep", "dossier.forward.backwards")])
            }
            guard target < procedure.steps.count else {
                if toStep == nil { throw DomainError(.invalidState, "dossier.forward.last_step") }
                throw DomainError.validation([FieldError("toStep", "dossier.step.unknown")])
            }
            let grading = endVisit(&next, now: now, context: context, grade: true)
            next.currentStep = target
            next.visits.append(StepVisit(step: target, unitID: unitID(of: target, next, procedure), startedAt: now))
            next.status = .processing
            payload = .forward(
                .init(
                    fromStep: current, toStep: target, toUnitCode: context.tree.unit(id: unitID(of: target, next, procedure))?.code ?? "",
                    stepTimeliness: grading?.timeliness, note: note))

        case .returnToStep(let target, let reason):
            guard let current = dossier.currentStep, target >= 0, target < current else {
                throw DomainError.validation([FieldError("toStep", "dossier.return.target")])
            }
            try requireText(reason, field: "reason")
            let grading = endVisit(&next, now: now, context: context, grade: true)
            next.currentStep = target
            next.visits.append(StepVisit(step: target, unitID: unitID(of: target, next, procedure), startedAt: now, note: reason))
            payload = .returnToStep(.init(fromStep: current, toStep: target, reason: reason, stepTimeliness: grading?.timeliness))

        case .requestPayment(let amount, let description):
            var errors: [FieldError] = []
            if amount <= 0 { errors.append(FieldError("amount", "dossier.payment.amount")) }
            if description.trimmingCharacters(in: .whitespaces).isEmpty { errors.append(FieldError("description", "error.required")) }
            try errors.throwIfAny()
            next.payment = PaymentRequest(amount: amount, description: description, requestedAt: now)
            next.resumeStatus = dossier.status
            next.status = .paymentRequested
            next.pauses.append(Pause(start: now, end: nil, reason: .payment))
            payload = .requestPayment(.init(amount: amount, description: description))

        case .recordPayment(let reference):
            next.payment?.paidAt = now
            next.payment?.reference = reference.isEmpty ? nil : reference
            next.status = dossier.resumeStatus ?? .processing
            next.resumeStatus = nil
            closePause(&next, now: now)
            recomputeDeadlines(&next, context: context)
            payload = .recordPayment(.init(reference: reference))

        case .markResultReady(let note):
            endVisit(&next, now: now, context: context, grade: true)
            next.status = .resultReady
            next.result = ResultDelivery(readyAt: now)
            // Graded against the deadline the law set: an apology tells the applicant a new date, it does
            // not make a late dossier on time.
            var grading: Grading?
            if let due = next.originalDueAt ?? next.dueAt {
                let graded = context.clock.calendar.grade(completedAt: now, deadline: due)
                grading = graded
                next.timeliness = graded.timeliness
                if graded.timeliness == .late, next.lateAttribution == nil { attributeLateness(&next, due: due) }
            }
            payload = .markResultReady(.init(timeliness: grading?.timeliness, workingSeconds: grading?.workingSeconds, note: note))

        case .returnResult(let to, let method):
            try requireText(to, field: "returnedTo")
            next.status = .returned
            next.result?.returnedAt = now
            next.result?.returnedTo = to
            next.result?.method = method
            payload = .returnResult(.init(returnedTo: to, method: method))

        case .withdraw(let reason):
            next.status = .withdrawn
            next.closure = Closure(reason: reason, at: now, by: actor.displayName)
            closePause(&next, now: now)
            endVisit(&next, now: now, context: context, grade: false)
            payload = .withdraw(.init(reason: reason))

        case .stop(let reason):
            try requireText(reason, field: "reason")
            next.status = .stopped
            next.closure = Closure(reason: reason, at: now, by: actor.displayName)
            closePause(&next, now: now)
            endVisit(&next, now: now, context: context, grade: false)
            payload = .stop(.init(reason: reason))

        case .apologize(let reason, let newDueAt):
            guard !DossierPolicy.usedUp(.apologize, on: dossier, settings: context.settings) else { throw DomainError(.invalidState, "dossier.apology.once") }
            try requireText(reason, field: "reason")
            if let due = dossier.dueAt {
                if newDueAt <= due || newDueAt <= now {
                    throw DomainError.validation([FieldError("newDueAt", "dossier.apology.date_later")])
                }
                if context.settings.apologyBeforeDeadline, now > due {
                    throw DomainError(.invalidState, "dossier.apology.too_late")
                }
            }
            guard let user = actor.user else { throw DomainError(.forbidden, "dossier.action.forbidden") }
            let unit = dossier.lateAttribution?.unitID ?? dossier.currentUnitID
            next.apology = Apology(reason: reason, newDueAt: newDueAt, unitID: unit, signedBy: user.fullName, signedByUsername: user.username, signedAt: now)
            next.apologyDraft = nil
            recomputeDeadlines(&next, context: context)
            payload = .apologize(.init(reason: reason, newDueAt: newDueAt, appointment: context.clock.calendar.appointment(for: next.dueAt ?? newDueAt)))

        case .rate(let rating):
            guard !DossierPolicy.usedUp(.rate, on: dossier, settings: context.settings) else { throw DomainError(.conflict, "dossier.rating.once") }
            try Rating.errors(scores: rating.scores, comment: rating.comment).throwIfAny()
            next.rating = rating
            payload = .rate(.init(total: rating.total, satisfaction: rating.satisfaction))

        case .flagNearingDue:
            guard !dossier.nearingDue else { throw DomainError(.invalidState, "dossier.flag.already") }
            next.nearingDue = true
            payload = .flagNearingDue

        case .flagOverdue:
            guard !dossier.overdue, let due = dossier.dueAt, now > due else { throw DomainError(.invalidState, "dossier.flag.already") }
            next.overdue = true
            next.nearingDue = true
            attributeLateness(&next, due: due)
            if let attribution = next.lateAttribution {
                next.apologyDraft = draftApology(for: next, attribution: attribution, context: context)
            }
            payload = .flagOverdue(
                .init(
                    unitCode: next.lateAttribution.map { context.tree.unit(id: $0.unitID)?.code ?? "" }, step: next.lateAttribution?.step))
        }

        next.version = dossier.version + 1
        next.updatedAt = now
        let event = DossierEventDraft(payload, before: dossier.status, after: next, by: actor, as: player, at: now)
        return DossierTransition(dossier: next, event: event, before: DossierFacts(dossier))
    }

    /// The unit that holds a step for this dossier.
    public static func unitID(of step: Int, _ dossier: some DossierRouting, _ procedure: Procedure) -> UUID {
        switch procedure.steps[step].holder {
        case .receivingUnit: dossier.receivingUnitID
        case .competentUnit: dossier.competentUnitID
        case .unit(let id): id
        }
    }

    /// Ends the visit in progress, graded against its step's deadline when it ends normally.
    @discardableResult
    static func endVisit(_ dossier: inout Dossier, now: Date, context: DossierContext, grade: Bool) -> Grading? {
        guard let index = dossier.visits.indices.last, dossier.visits[index].endedAt == nil else { return nil }
        dossier.visits[index].endedAt = now
        let step = dossier.visits[index].step
        guard grade, step < dossier.stepDueAt.count else { return nil }
        let grading = context.clock.calendar.grade(completedAt: now, deadline: dossier.stepDueAt[step])
        dossier.visits[index].timeliness = grading.timeliness
        dossier.visits[index].workingSeconds = grading.workingSeconds
        return grading
    }

    /// Sets the deadlines anew after a change of time. A dossier flagged as nearing its deadline whose
    /// deadline has since moved out of that window (a restarted clock, an apology's new date; a pause leaves
    /// the time left as it was) is no longer nearing it; the deadline job flags it again when it comes close.
    /// Overdue stays: a dossier that was late remains late.
    static func recomputeDeadlines(_ dossier: inout Dossier, context: DossierContext) {
        context.clock.recompute(&dossier, procedure: context.procedure, now: context.now)
        guard dossier.nearingDue, !dossier.overdue, let due = dossier.dueAt else { return }
        if context.clock.calendar.workingSeconds(from: context.now, to: due) > context.settings.nearingDueWorkingSeconds {
            dossier.nearingDue = false
        }
    }

    static func closePause(_ dossier: inout Dossier, now: Date) {
        if let index = dossier.pauses.indices.last, dossier.pauses[index].end == nil {
            dossier.pauses[index].end = now
        }
    }

    /// The step and unit in charge at the moment the deadline passed.
    static func attributeLateness(_ dossier: inout Dossier, due: Date) {
        let holder = dossier.visits.last { $0.startedAt <= due && ($0.endedAt.map { $0 > due } ?? true) } ?? dossier.visits.last
        guard let holder else { return }
        dossier.lateAttribution = LateAttribution(unitID: holder.unitID, step: holder.step, dueAt: due)
    }

    /// A letter for the late unit's head: the reason to complete, and a new date one more allowance of the
    /// late step away (at least a working day).
    static func draftApology(for dossier: Dossier, attribution: LateAttribution, context: DossierContext) -> ApologyDraft {
        let procedure = context.procedure
        let allowance = attribution.step < procedure.steps.count ? procedure.steps[attribution.step].allowance : 8
        let extra: ProcessingTime = procedure.allowanceUnit == .calendarDays ? .calendarDays(max(1, allowance)) : .workingHours(max(8, allowance))
        let proposed = context.clock.calendar.deadline(from: max(context.now, attribution.dueAt), extra)
        let stepName = attribution.step < procedure.steps.count ? procedure.steps[attribution.step].name : ""
        return ApologyDraft(
            unitID: attribution.unitID, reason: "Hồ sơ chưa được giải quyết đúng hạn ở bước \"\(stepName)\".",
            proposedDueAt: proposed, draftedAt: context.now)
    }

    static func requireText(_ text: String, field: String) throws {
        if text.trimmingCharacters(in: .whitespaces).isEmpty { throw DomainError.validation([FieldError(field, "error.required")]) }
    }
}
