import CCHCCore
import Vapor
import WorkCalendar

/// Nhiệm vụ được giao: the tasks put to the units a user reaches (today from dialogues), open ones first by
/// their day with overdue marks; the unit reports one done with what it did.
struct TasksController {
    func register(_ routes: any RoutesBuilder) {
        let readers = routes.access(.permission(.viewDialogues))
        readers.get("tasks", use: index)
        readers.get("tasks", ":code", use: show)
        routes.access(.permission(.recordDialogues)).post("tasks", ":code", "done", use: complete)
        routes.access(.permission(.recordDialogues)).post("tasks", ":code", "progress", use: progress)
        routes.access(.permission(.managePlans)).post("tasks", ":code", "review", use: review)
    }

    struct Row: Encodable {
        var code: String
        var title: String
        var unitName: String
        var dueOn: String
        var state: String
        var stateName: String
        var urgency: String
        var source: String
    }

    struct IndexPage: Encodable {
        var rows: [Row]
        var states: [SelectOption]
    }

    func index(_ request: Request) async throws -> Response {
        let state = TaskState(rawValue: request.query[String.self, at: "state"] ?? "")
        let tasks = try await TaskService(store: request.store).list(TaskQuery(state: state), by: try request.requireUser())
        let tree = try await request.store.units.tree()
        let calendar = try await request.workingCalendar()
        let today = request.today
        let rows = tasks.map { task in
            Row(
                code: task.code, title: task.title, unitName: tree.unit(id: task.unitID)?.name ?? "", dueOn: task.dueOn.vietnameseFormat,
                state: task.state.rawValue, stateName: request.t(task.state.messageKey),
                urgency: task.isOverdue(today: today) ? "overdue" : task.isNearingDue(today: today, calendar: calendar) ? "nearing" : "",
                source: "\(request.t("task.source.\(task.source.kind.rawValue)")) \(task.source.reference)")
        }
        let states =
            [SelectOption(value: "", label: request.t("task.state.all"), selected: state == nil)]
            + TaskState.allCases.map { SelectOption(value: $0.rawValue, label: request.t($0.messageKey), selected: $0 == state) }
        return try await request.render("tasks/index", title: request.t("task.title"), IndexPage(rows: rows, states: states))
    }

    struct ShowPage: Encodable {
        var code: String
        var version: Int
        var title: String
        var detail: String
        var unitName: String
        var dueOn: String
        var stateName: String
        var overdue: Bool
        var late: Bool
        var sourceLabel: String
        var sourceHref: String
        var sourceCode: String
        var doneOn: String?
        var doneBy: String?
        var doneNote: String?
        var canComplete: Bool
        /// A report typed for a task someone else finished meanwhile: shown, not lost.
        var typedNote: String?
        var plan: PlanPart?
        var form: FormState
    }

    func show(_ request: Request) async throws -> Response {
        let task = try await TaskService(store: request.store).view(code: request.parameters.get("code") ?? "", by: try request.requireUser())
        return try await render(request, task, form: FormState())
    }

    func complete(_ request: Request) async throws -> Response {
        let user = try request.requireUser()
        let code = request.parameters.get("code") ?? ""
        let values = request.formValues(["note", "version"])
        let service = TaskService(store: request.store)
        do {
            let done = try await service.complete(
                code: code, note: values["note"] ?? "", expectedVersion: Int(values["version"] ?? "") ?? -1, by: user, now: request.now)
            return request.redirect(to: "/tasks/\(done.code)", flash: "flash.task_done", ["code": done.code])
        } catch let error as DomainError where error.kind != .notFound && error.kind != .forbidden {
            var form = FormState(values: values)
            form.show(error, request)
            return try await render(request, try await service.view(code: code, by: user), form: form, status: Problem(error).status)
        }
    }

    func render(_ request: Request, _ task: AssignedTask, form: FormState, status: HTTPStatus = .ok) async throws -> Response {
        let tree = try await request.store.units.tree()
        let user = try request.requireUser()
        let canComplete =
            task.state == .open && user.can(.recordDialogues) && (user.reachedUnits(for: .recordDialogues, in: tree)?.contains(task.unitID) ?? true)
        let page = ShowPage(
            code: task.code, version: task.version, title: task.title, detail: task.detail, unitName: tree.unit(id: task.unitID)?.name ?? "",
            dueOn: task.dueOn.vietnameseFormat, stateName: request.t(task.state.messageKey), overdue: task.isOverdue(today: request.today),
            late: task.wasLate, sourceLabel: request.t("task.source.\(task.source.kind.rawValue)"),
            sourceHref: "\(task.source.kind.pathPrefix)/\(task.source.reference)",
            sourceCode: task.source.reference, doneOn: task.doneOn?.vietnameseFormat, doneBy: task.doneBy, doneNote: task.doneNote,
            canComplete: canComplete, typedNote: canComplete ? nil : form.values["note"].flatMap { $0.isEmpty ? nil : $0 },
            plan: PlanPart(task, fields: try await Self.reformFields(of: task, request), user: user, tree: tree, form: form, request: request),
            form: form)
        return try await request.render("tasks/show", title: "\(request.t("task.one")) \(task.code)", page, status: status)
    }

    /// The field names a plan's task is read with: those of the provincial set up to the plan's last year.
    static func reformFields(of task: AssignedTask, _ request: Request) async throws -> [String] {
        guard task.source.kind == .plan, let plan = try await request.store.plans.find(code: task.source.reference) else { return [] }
        return try await ParService(store: request.store).reformFields(year: plan.toYear)
    }
}
