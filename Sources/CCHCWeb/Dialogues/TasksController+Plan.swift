import CCHCCore
import Vapor

extension TasksController {
    /// A plan's key task on its page: field, supporting units, expected product, progress, and the forms for
    /// the lead unit (progress) and Home Affairs (confirm or send back a task reported done).
    struct PlanPart: Encodable {
        var field: String?
        var supporting: String
        var expectedProduct: String
        var progress: Int
        var progressNote: String?
        var awaiting: Bool
        var confirmed: String?
        var returnedReason: String?
        var canReport: Bool
        var canReview: Bool

        init?(_ task: AssignedTask, fields: [String], user: User, tree: UnitTree, form: FormState, request: Request) {
            guard let plan = task.plan else { return nil }
            field = plan.field.map { fields.indices.contains($0 - 1) ? "\($0). \(fields[$0 - 1])" : String($0) }
            supporting = plan.supportingUnitIDs.compactMap { tree.unit(id: $0)?.name }.joined(separator: "; ")
            expectedProduct = plan.expectedProduct
            progress = Int(form.values["progress"] ?? "") ?? plan.progress
            progressNote = form.values["progressNote"] ?? plan.progressNote
            awaiting = task.state == .done && plan.confirmedBy == nil
            confirmed = plan.confirmedBy.map { by in
                request.t("plan.task.confirmed_by", ["name": by, "at": plan.confirmedAt.map(DisplayFormat.dateTime) ?? ""])
            }
            returnedReason = plan.returnedReason
            canReport = task.state == .open && user.can(.recordDialogues) && (user.reachedUnits(for: .recordDialogues, in: tree)?.contains(task.unitID) ?? true)
            canReview = awaiting && user.can(.managePlans)
        }
    }

    func progress(_ request: Request) async throws -> Response {
        let values = request.formValues(["progress", "progressNote", "version"])
        return try await planStep(request, values: values) { service, code, version, user in
            try await service.reportProgress(
                code: code, percent: values["progress"] ?? "", note: values["progressNote"] ?? "", expectedVersion: version, by: user, now: request.now)
        }
    }

    func review(_ request: Request) async throws -> Response {
        let values = request.formValues(["decision", "reason", "version"])
        return try await planStep(request, values: values) { service, code, version, user in
            try await service.review(
                code: code, confirm: values["decision"] != "send_back", reason: values["reason"] ?? "", expectedVersion: version, by: user, now: request.now)
        }
    }

    private func planStep(
        _ request: Request, values: [String: String], _ act: (PlanService, String, Int, User) async throws -> AssignedTask
    ) async throws -> Response {
        let user = try request.requireUser()
        let code = request.parameters.get("code") ?? ""
        do {
            let task = try await act(PlanService(store: request.store), code, Int(values["version"] ?? "") ?? -1, user)
            return request.redirect(to: "/tasks/\(task.code)", flash: "flash.task_saved", ["code": task.code])
        } catch let error as DomainError where error.kind != .notFound && error.kind != .forbidden {
            var form = FormState(values: values)
            form.show(error, request)
            return try await render(request, try await TaskService(store: request.store).view(code: code, by: user), form: form, status: Problem(error).status)
        }
    }
}
