import CCHCCore
import Foundation
import Vapor
import WorkCalendar

/// Kế hoạch CCHC: plans with their key tasks' progress ("17/40"), per lead unit and per field of reform,
/// overdue and nearing tasks; Home Affairs records plans and puts key tasks to units.
struct PlansController {
    static let planFields = ["kind", "title", "number", "signedOn", "signer", "unitCode", "fromYear", "toYear", "targets"]
    static let taskFields = ["title", "leadUnitCode", "supportingUnitCodes", "dueOn", "field", "expectedProduct"]

    func register(_ routes: any RoutesBuilder) {
        let readers = routes.access(.permission(.viewPlans))
        let managers = routes.access(.permission(.managePlans))
        readers.get("plans", use: index)
        managers.post("plans", use: record)
        readers.get("plans", ":code", use: show)
        managers.post("plans", ":code", "tasks", use: addTask)
    }

    struct IndexPage: Encodable {
        struct Row: Encodable {
            var code: String
            var title: String
            var kind: String
            var years: String
            var number: String
            var progress: String
            var share: Int
            var overdue: Int
        }

        var rows: [Row]
        var canManage: Bool
        var kinds: [SelectOption]
        var form: FormState
    }

    func index(_ request: Request) async throws -> Response {
        let year = request.today.year
        return try await renderIndex(
            request, form: FormState(values: ["kind": "annual", "fromYear": String(year), "toYear": String(year), "signedOn": request.today.description]))
    }

    func renderIndex(_ request: Request, form: FormState, status: HTTPStatus = .ok) async throws -> Response {
        let user = try request.requireUser()
        let service = PlanService(store: request.store)
        let calendar = try await request.workingCalendar()
        var rows: [IndexPage.Row] = []
        for plan in try await service.plans(by: user) {
            let progress = PlanProgress(try await service.tasks(of: plan), today: request.today, calendar: calendar).all
            rows.append(
                .init(
                    code: plan.code, title: plan.title, kind: request.t(plan.kind.messageKey),
                    years: plan.fromYear == plan.toYear ? String(plan.fromYear) : "\(plan.fromYear)–\(plan.toYear)",
                    number: "\(plan.number), \(plan.signedOn.vietnameseFormat)", progress: progress.text, share: Int((progress.share * 100).rounded()),
                    overdue: progress.overdue))
        }
        let chosen = form.values["kind"] ?? ""
        let page = IndexPage(
            rows: rows, canManage: user.can(.managePlans),
            kinds: ReformPlan.Kind.allCases.map { SelectOption(value: $0.rawValue, label: request.t($0.messageKey), selected: $0.rawValue == chosen) },
            form: form)
        return try await request.render("plans/index", title: request.t("plan.title"), page, status: status)
    }

    func record(_ request: Request) async throws -> Response {
        let values = request.formValues(Self.planFields)
        let value = { (name: String) in values[name] ?? "" }
        let input = PlanInput(
            kind: value("kind"), title: value("title"), number: value("number"), signedOn: value("signedOn"), signer: value("signer"),
            unitCode: value("unitCode"), fromYear: value("fromYear"), toYear: value("toYear"), targets: value("targets"))
        do {
            let plan = try await PlanService(store: request.store).record(input, by: try request.requireUser(), now: request.now)
            return request.redirect(to: "/plans/\(plan.code)", flash: "flash.plan_recorded", ["code": plan.code])
        } catch let error as DomainError where error.kind == .validation {
            var form = FormState(values: values)
            form.show(error, request)
            return try await renderIndex(request, form: form, status: .unprocessableEntity)
        }
    }

    func addTask(_ request: Request) async throws -> Response {
        let values = request.formValues(Self.taskFields)
        let value = { (name: String) in values[name] ?? "" }
        let code = request.parameters.get("code") ?? ""
        let input = KeyTaskInput(
            title: value("title"), leadUnitCode: value("leadUnitCode"), supportingUnitCodes: value("supportingUnitCodes"), dueOn: value("dueOn"),
            field: value("field"), expectedProduct: value("expectedProduct"))
        do {
            let task = try await PlanService(store: request.store).addTask(to: code, input, by: try request.requireUser(), now: request.now)
            return request.redirect(to: "/plans/\(code.uppercased())", flash: "flash.plan_task_added", ["code": task.code])
        } catch let error as DomainError where error.kind == .validation {
            var form = FormState(values: values)
            form.show(error, request)
            return try await renderShow(request, form: form, status: .unprocessableEntity)
        }
    }
}
