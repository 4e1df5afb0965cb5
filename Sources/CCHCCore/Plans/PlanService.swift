import Foundation
import WorkCalendar

/// Plans and their key tasks: recorded by Home Affairs, progress reported by the lead unit, completion
/// confirmed (or sent back) by Home Affairs; progress counted per plan, unit and field.
public struct PlanService: Sendable {
    public var store: any Store

    public init(store: any Store) {
        self.store = store
    }

    public func plans(by user: User) async throws -> [ReformPlan] {
        guard user.can(.viewPlans) else { throw DomainError(.forbidden, "auth.forbidden") }
        return try await store.plans.list()
    }

    public func plan(code: String, by user: User) async throws -> (plan: ReformPlan, tasks: [AssignedTask]) {
        guard user.can(.viewPlans), let plan = try await store.plans.find(code: code.trimmed.uppercased()) else {
            throw DomainError.notFound("plan.not_found")
        }
        return (plan, try await tasks(of: plan))
    }

    public func tasks(of plan: ReformPlan) async throws -> [AssignedTask] {
        try await store.tasks.list(TaskQuery(source: TaskSource(.plan, reference: plan.code), limit: 10_000))
    }

    /// Records a plan (Home Affairs): every bad field named; the issuing unit must exist.
    public func record(_ input: PlanInput, by user: User, now: Date) async throws -> ReformPlan {
        guard user.can(.managePlans) else { throw DomainError(.forbidden, "auth.forbidden") }
        var errors = input.errors()
        let targets = input.parsedTargets
        errors += targets.errors
        let indicators = Set(try await store.indicatorSets.history().latest?.rules.indicators.map(\.code) ?? [])
        for binding in targets.bindings where !indicators.contains(binding.indicator) {
            errors.append(FieldError("targets", "plan.target.indicator", ["code": binding.indicator]))
        }
        let tree = try await store.units.tree()
        let unit = tree.unit(code: input.unitCode.trimmed.uppercased())
        if unit == nil, !input.unitCode.trimmed.isEmpty { errors.append(FieldError("unitCode", "feedback.unit.not_found")) }
        try errors.throwIfAny()
        guard let unit, let kind = ReformPlan.Kind(rawValue: input.kind), let signedOn = LocalDate(flexible: input.signedOn.trimmed),
            let from = Int(input.fromYear.trimmed), let to = Int(input.toYear.trimmed)
        else { throw DomainError.validation([FieldError("title", "error.required")]) }
        var plan = ReformPlan(
            kind: kind, title: input.title.trimmed, number: input.number.trimmed, signedOn: signedOn, signer: input.signer.trimmed, unitID: unit.id,
            fromYear: from, toYear: to, targets: targets.texts, createdBy: user.username, createdAt: now)
        plan.targetBindings = targets.bindings.isEmpty ? nil : targets.bindings
        return try await store.plans.create(plan)
    }

    /// A key task of `plan` put to its lead unit (Home Affairs): a lead unit is required, the supporting
    /// units must exist, the deadline falls within the plan's years.
    public func addTask(to code: String, _ input: KeyTaskInput, by user: User, now: Date) async throws -> AssignedTask {
        guard user.can(.managePlans) else { throw DomainError(.forbidden, "auth.forbidden") }
        let (plan, _) = try await plan(code: code, by: user)
        let tree = try await store.units.tree()
        var errors: [FieldError] = []
        if input.title.trimmed.isEmpty { errors.append(FieldError("title", "error.required")) }
        if input.title.trimmed.count > 500 { errors.append(FieldError("title", "error.too_long", ["max": "500"])) }
        if input.expectedProduct.trimmed.count > 1000 { errors.append(FieldError("expectedProduct", "error.too_long", ["max": "1000"])) }
        let lead = tree.unit(code: input.leadUnitCode.trimmed.uppercased())
        if input.leadUnitCode.trimmed.isEmpty {
            errors.append(FieldError("leadUnitCode", "plan.task.lead_required"))
        } else if lead == nil {
            errors.append(FieldError("leadUnitCode", "feedback.unit.not_found"))
        }
        let supporting = input.supportingCodes.map { tree.unit(code: $0) }
        if supporting.contains(where: { $0 == nil }) { errors.append(FieldError("supportingUnitCodes", "feedback.unit.not_found")) }
        let due = LocalDate(flexible: input.dueOn.trimmed)
        if let due {
            if due.year < plan.fromYear || due > plan.lastDay {
                errors.append(FieldError("dueOn", "plan.task.due_outside", ["from": String(plan.fromYear), "to": String(plan.toYear)]))
            }
        } else {
            errors.append(FieldError("dueOn", "error.date_invalid"))
        }
        let field = input.field.trimmed.isEmpty ? nil : Int(input.field.trimmed)
        let fields = try await ParService(store: store).reformFields(year: plan.toYear)
        if !input.field.trimmed.isEmpty, field.map({ !(1...fields.count).contains($0) }) ?? true {
            errors.append(FieldError("field", "error.invalid_value"))
        }
        try errors.throwIfAny()
        guard let lead, let due else { throw DomainError.validation([FieldError("leadUnitCode", "plan.task.lead_required")]) }
        var task = AssignedTask(
            title: input.title.trimmed, detail: input.expectedProduct.trimmed, unitID: lead.id, dueOn: due, source: TaskSource(.plan, reference: plan.code),
            createdBy: user.username, createdAt: now)
        task.plan = PlanTaskDetails(field: field, supportingUnitIDs: supporting.compactMap { $0?.id }, expectedProduct: input.expectedProduct.trimmed)
        return try await store.tasks.create(task)
    }

    /// The lead unit reports how far a key task has come (0–100 %), with a note.
    public func reportProgress(code: String, percent: String, note: String, expectedVersion: Int, by user: User, now: Date) async throws -> AssignedTask {
        try await change(code, expectedVersion: expectedVersion, by: user, now: now, needs: .recordDialogues) { task in
            guard task.state == .open, task.plan != nil else { throw DomainError(.invalidState, "plan.task.not_open") }
            var errors: [FieldError] = []
            let value = Int(percent.trimmed)
            if value.map({ !(0...100).contains($0) }) ?? true { errors.append(FieldError("progress", "error.range", ["min": "0", "max": "100"])) }
            if note.trimmed.count > 2000 { errors.append(FieldError("progressNote", "error.too_long", ["max": "2000"])) }
            try errors.throwIfAny()
            task.plan?.progress = value ?? 0
            task.plan?.progressNote = note.trimmed.nilIfEmpty
        }
    }

    /// Home Affairs confirms a key task the unit reported done (it then counts as done), or sends it back
    /// with the reason (it is open again).
    public func review(code: String, confirm: Bool, reason: String, expectedVersion: Int, by user: User, now: Date) async throws -> AssignedTask {
        try await change(code, expectedVersion: expectedVersion, by: user, now: now, needs: .managePlans) { task in
            guard task.state == .done, task.plan != nil, task.plan?.confirmedBy == nil else { throw DomainError(.invalidState, "plan.task.not_reported") }
            if confirm {
                task.plan?.confirmedBy = user.username
                task.plan?.confirmedAt = now
                task.plan?.returnedReason = nil
                task.plan?.progress = 100
            } else {
                guard !reason.trimmed.isEmpty else { throw DomainError.validation([FieldError("reason", "par.appraisal.reason")]) }
                task.state = .open
                task.doneOn = nil
                task.doneBy = nil
                task.plan?.returnedReason = reason.trimmed
            }
        }
    }

    private func change(
        _ code: String, expectedVersion: Int, by user: User, now: Date, needs permission: Permission, _ apply: (inout AssignedTask) throws -> Void
    ) async throws -> AssignedTask {
        var task = try await TaskService(store: store).view(code: code, by: user)
        guard user.can(permission), user.reachedUnits(for: permission, in: try await store.units.tree())?.contains(task.unitID) ?? true else {
            throw DomainError(.forbidden, "auth.forbidden")
        }
        guard task.version == expectedVersion else { throw DomainError.staleVersion(current: task.version) }
        try apply(&task)
        task.version += 1
        task.updatedAt = now
        try await store.tasks.update(task, expectedVersion: expectedVersion)
        return task
    }
}
