import CCHCCore
import Foundation
import Vapor

/// Yêu cầu tuân thủ: Home Affairs puts a requirement to many units; each unit answers with its evidence; the
/// page reads "19/19" and lists who is missing.
struct ComplianceController {
    func register(_ routes: any RoutesBuilder) {
        let readers = routes.access(.permission(.viewPlans))
        readers.get("plans", "requirements", use: index)
        routes.access(.permission(.managePlans)).post("plans", "requirements", use: create)
        readers.get("plans", "requirements", ":code", use: show)
        routes.access(.permission(.recordDialogues)).post("plans", "requirements", ":code", "answer", use: answer)
    }

    struct IndexPage: Encodable {
        struct Row: Encodable {
            var code: String
            var title: String
            var dueOn: String
            var progress: String
            var complete: Bool
        }

        var rows: [Row]
        var canManage: Bool
        var form: FormState
    }

    func index(_ request: Request) async throws -> Response {
        try await renderIndex(request, form: FormState(values: ["audience": "departments", "dueOn": request.today.description]))
    }

    private func renderIndex(_ request: Request, form: FormState, status: HTTPStatus = .ok) async throws -> Response {
        let user = try request.requireUser()
        let rows = try await ComplianceService(store: request.store).list(by: user).map { requirement in
            IndexPage.Row(
                code: requirement.code, title: requirement.title, dueOn: requirement.dueOn.vietnameseFormat, progress: requirement.text,
                complete: requirement.missing.isEmpty)
        }
        return try await request.render(
            "compliance/index", title: request.t("compliance.title"), IndexPage(rows: rows, canManage: user.can(.managePlans), form: form), status: status)
    }

    func create(_ request: Request) async throws -> Response {
        let values = request.formValues(["title", "dueOn", "audience", "unitCodes"])
        do {
            let requirement = try await ComplianceService(store: request.store).create(
                title: values["title"] ?? "", dueOn: values["dueOn"] ?? "", audience: values["audience"] ?? "", unitCodes: values["unitCodes"] ?? "",
                by: try request.requireUser(), now: request.now)
            return request.redirect(to: "/plans/requirements/\(requirement.code)", flash: "flash.compliance_created", ["code": requirement.code])
        } catch let error as DomainError where error.kind == .validation {
            var form = FormState(values: values)
            form.show(error, request)
            return try await renderIndex(request, form: form, status: .unprocessableEntity)
        }
    }

    struct ShowPage: Encodable {
        struct Row: Encodable {
            var unitCode: String
            var unitName: String
            var state: String
            var done: Bool
            var note: String?
            var link: String?
            var answeredBy: String?
            var canAnswer: Bool
        }

        var code: String
        var version: Int
        var title: String
        var dueOn: String
        var progress: String
        var missing: [String]
        var rows: [Row]
        var form: FormState
    }

    func show(_ request: Request) async throws -> Response {
        try await renderShow(request, form: FormState())
    }

    private func renderShow(_ request: Request, form: FormState, status: HTTPStatus = .ok) async throws -> Response {
        let user = try request.requireUser()
        let requirement = try await ComplianceService(store: request.store).requirement(code: request.parameters.get("code") ?? "", by: user)
        let tree = try await request.store.units.tree()
        let reached = user.can(.recordDialogues) ? user.reachedUnits(for: .recordDialogues, in: tree) : []
        let rows = requirement.unitIDs.compactMap { tree.unit(id: $0) }.sorted { $0.code < $1.code }.map { unit in
            let answer = requirement.answer(of: unit.id)
            var row = ShowPage.Row(
                unitCode: unit.code, unitName: unit.name,
                state: request.t(answer.map { $0.done ? "compliance.done" : "compliance.not_done" } ?? "compliance.no_answer"), done: answer?.done == true,
                note: answer?.note, link: answer?.link, answeredBy: answer.map { "\($0.answeredBy), \(DisplayFormat.dateTime($0.answeredAt))" },
                canAnswer: reached?.contains(unit.id) ?? true)
            // The answer that came back with an error keeps what was typed.
            if form.values["unitCode"]?.uppercased() == unit.code {
                (row.done, row.note, row.link) = (form.values["done"] == "1", form.values["note"], form.values["link"])
            }
            return row
        }
        let page = ShowPage(
            code: requirement.code, version: requirement.version, title: requirement.title, dueOn: requirement.dueOn.vietnameseFormat,
            progress: requirement.text, missing: requirement.missing.compactMap { tree.unit(id: $0)?.name }.sorted(), rows: rows, form: form)
        return try await request.render("compliance/show", title: requirement.title, page, status: status)
    }

    func answer(_ request: Request) async throws -> Response {
        let values = request.formValues(["unitCode", "done", "note", "link", "version"])
        let code = request.parameters.get("code") ?? ""
        do {
            _ = try await ComplianceService(store: request.store).answer(
                code: code, unitCode: values["unitCode"] ?? "", done: values["done"] == "1", note: values["note"] ?? "", link: values["link"] ?? "",
                expectedVersion: Int(values["version"] ?? "") ?? -1, by: try request.requireUser(), now: request.now)
            return request.redirect(to: "/plans/requirements/\(code.uppercased())", flash: "flash.compliance_answered")
        } catch let error as DomainError where error.kind == .validation || error.kind == .conflict {
            var form = FormState(values: values)
            form.show(error, request)
            return try await renderShow(request, form: form, status: Problem(error).status)
        }
    }
}
