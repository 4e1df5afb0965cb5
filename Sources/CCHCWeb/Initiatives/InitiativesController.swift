import CCHCCore
import Foundation
import Vapor

/// Sáng kiến, mô hình CCHC: the register by unit, status and replication; a unit registers its own, Home
/// Affairs recognises them and records where they were taken up.
struct InitiativesController {
    static let fields = ["kind", "title", "summary", "unitCode", "year"]
    static let updateFields = ["status", "recognition", "replicatedTo", "version"]

    func register(_ routes: any RoutesBuilder) {
        let readers = routes.access(.permission(.viewPlans))
        readers.get("initiatives", use: index)
        // A unit's leader for its unit, Home Affairs for any (`InitiativeService.register`).
        readers.post("initiatives", use: create)
        readers.get("initiatives", ":code", use: show)
        routes.access(.permission(.managePlans)).post("initiatives", ":code", use: update)
    }

    struct Row: Encodable {
        var code: String
        var title: String
        var kind: String
        var unitName: String
        var year: Int
        var status: String
        var replicated: String
    }

    struct IndexPage: Encodable {
        var rows: [Row]
        var recognised: Int
        var replicatedUnits: Int
        var canRegister: Bool
        var kinds: [SelectOption]
        var form: FormState
    }

    func index(_ request: Request) async throws -> Response {
        try await renderIndex(request, form: FormState(values: ["year": String(request.today.year), "kind": "initiative"]))
    }

    func renderIndex(_ request: Request, form: FormState, status: HTTPStatus = .ok) async throws -> Response {
        let user = try request.requireUser()
        let tree = try await request.store.units.tree()
        let initiatives = try await InitiativeService(store: request.store).initiatives(year: nil, by: user)
        let page = IndexPage(
            rows: initiatives.map { Self.row($0, tree: tree, request: request) }, recognised: initiatives.filter { $0.status == .recognised }.count,
            replicatedUnits: Set(initiatives.flatMap(\.replicatedTo)).count, canRegister: user.can(.recordDialogues) || user.can(.managePlans),
            kinds: Initiative.Kind.allCases.map {
                SelectOption(value: $0.rawValue, label: request.t($0.messageKey), selected: $0.rawValue == form.values["kind"])
            }, form: form)
        return try await request.render("initiatives/index", title: request.t("initiative.title"), page, status: status)
    }

    static func row(_ initiative: Initiative, tree: UnitTree, request: Request) -> Row {
        Row(
            code: initiative.code, title: initiative.title, kind: request.t(initiative.kind.messageKey), unitName: tree.unit(id: initiative.unitID)?.name ?? "",
            year: initiative.year, status: request.t(initiative.status.messageKey),
            replicated: initiative.replicatedTo.compactMap { tree.unit(id: $0)?.name }.joined(separator: "; "))
    }

    func create(_ request: Request) async throws -> Response {
        let values = request.formValues(Self.fields)
        do {
            let initiative = try await InitiativeService(store: request.store).register(
                kind: values["kind"] ?? "", title: values["title"] ?? "", summary: values["summary"] ?? "", unitCode: values["unitCode"] ?? "",
                year: values["year"] ?? "", by: try request.requireUser(), now: request.now)
            return request.redirect(to: "/initiatives/\(initiative.code)", flash: "flash.initiative_registered", ["code": initiative.code])
        } catch let error as DomainError where error.kind == .validation {
            var form = FormState(values: values)
            form.show(error, request)
            return try await renderIndex(request, form: form, status: .unprocessableEntity)
        }
    }

    struct ShowPage: Encodable {
        var row: Row
        var version: Int
        var summary: String
        var recognition: String?
        var canUpdate: Bool
        var statuses: [SelectOption]
        var form: FormState
    }

    func show(_ request: Request) async throws -> Response {
        try await renderShow(request, form: nil)
    }

    func renderShow(_ request: Request, form: FormState?, status: HTTPStatus = .ok) async throws -> Response {
        let user = try request.requireUser()
        let initiative = try await InitiativeService(store: request.store).initiative(code: request.parameters.get("code") ?? "", by: user)
        let tree = try await request.store.units.tree()
        let form =
            form
            ?? FormState(values: [
                "status": initiative.status.rawValue, "recognition": initiative.recognition ?? "",
                "replicatedTo": initiative.replicatedTo.compactMap { tree.unit(id: $0)?.code }.joined(separator: ", "),
            ])
        let page = ShowPage(
            row: Self.row(initiative, tree: tree, request: request), version: initiative.version, summary: initiative.summary,
            recognition: initiative.recognition, canUpdate: user.can(.managePlans),
            statuses: Initiative.Status.allCases.map {
                SelectOption(value: $0.rawValue, label: request.t($0.messageKey), selected: $0.rawValue == form.values["status"])
            }, form: form)
        return try await request.render("initiatives/show", title: initiative.title, page, status: status)
    }

    func update(_ request: Request) async throws -> Response {
        let values = request.formValues(Self.updateFields)
        do {
            let initiative = try await InitiativeService(store: request.store).update(
                code: request.parameters.get("code") ?? "", status: values["status"] ?? "", recognition: values["recognition"] ?? "",
                replicatedTo: values["replicatedTo"] ?? "", expectedVersion: Int(values["version"] ?? "") ?? -1, by: try request.requireUser(),
                now: request.now)
            return request.redirect(to: "/initiatives/\(initiative.code)", flash: "flash.initiative_saved", ["code": initiative.code])
        } catch let error as DomainError where error.kind == .validation || error.kind == .conflict {
            var form = FormState(values: values)
            form.show(error, request)
            return try await renderShow(request, form: form, status: Problem(error).status)
        }
    }
}
