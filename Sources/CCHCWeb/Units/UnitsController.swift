import CCHCCore
import Vapor
import WorkCalendar

/// Unit pages: the tree, search, a unit's page; for administrators also create, edit, close.
struct UnitsController {
    func register(_ routes: any RoutesBuilder) {
        let viewers = routes.access(.permission(.viewUnits))
        let managers = routes.access(.permission(.manageUnits))
        viewers.get("units", use: index)
        managers.get("units", "new", use: newForm)
        managers.post("units", use: create)
        viewers.get("units", ":code", use: show)
        managers.get("units", ":code", "edit", use: editForm)
        managers.post("units", ":code", use: update)
        managers.get("units", ":code", "close", use: closeForm)
        managers.post("units", ":code", "close", use: close)
    }

    static let formFields = ["code", "name", "shortName", "kind", "parentCode", "effectiveFrom", "version"]

    // MARK: - List and tree

    struct IndexPage: Encodable {
        var q: String
        var kind: String
        var status: String
        var asOf: String
        var kinds: [SelectOption]
        var statuses: [SelectOption]
        var isSearch: Bool
        var rows: [UnitRow]
        var total: Int
        var nextHref: String?
        var canManage: Bool
        var asOfError: String?
    }

    func index(_ request: Request) async throws -> Response {
        let today = VietnamTime.localDate(of: request.now)
        let q = request.query[String.self, at: "q"]?.trimmingCharacters(in: .whitespaces) ?? ""
        let kindText = request.query[String.self, at: "kind"] ?? ""
        let kind = UnitKind(rawValue: kindText)
        let status = request.query[String.self, at: "status"].flatMap(UnitQuery.Status.init) ?? .open
        let asOfText = request.query[String.self, at: "asOf"] ?? ""
        let asOf = LocalDate(flexible: asOfText) ?? today
        let tree = try await request.store.units.tree()
        var page = IndexPage(
            q: q, kind: kind?.rawValue ?? "", status: status.rawValue,
            asOf: asOfText.isEmpty ? "" : asOf.description,
            kinds: [SelectOption(value: "", label: request.t("units.filter.all_kinds"), selected: kind == nil)]
                + request.unitKindOptions(selected: kind?.rawValue),
            statuses: UnitQuery.Status.allCases.map {
                SelectOption(value: $0.rawValue, label: request.t("units.status.\($0.rawValue)"), selected: $0 == status)
            },
            isSearch: !q.isEmpty || kind != nil || status == .closed, rows: [], total: 0,
            canManage: request.currentUser?.can(.manageUnits) ?? false,
            asOfError: !asOfText.isEmpty && LocalDate(flexible: asOfText) == nil ? request.t("error.date_invalid") : nil)
        if page.isSearch {
            let result = try await request.store.units.search(
                UnitQuery(
                    text: q, kind: kind, status: status, asOf: asOf,
                    cursor: request.query[String.self, at: "cursor"], limit: 100))
            page.rows = result.items.map { UnitRow($0, tree: tree, today: today, request: request) }
            page.nextHref = result.nextCursor.map { cursor in
                "/units?"
                    + [("q", q), ("kind", kind?.rawValue ?? ""), ("status", status.rawValue), ("asOf", page.asOf), ("cursor", cursor)]
                    .map { "\($0.0)=\(Request.percentEncoded($0.1))" }.joined(separator: "&")
            }
        } else {
            page.rows = UnitRow.flatten(tree.nested(asOf: status == .all ? nil : asOf), tree: tree, today: today, request: request)
        }
        page.total = page.rows.count
        return try await request.render("units/index", title: request.t("units.title"), page)
    }

    // MARK: - One unit

    struct ShowPage: Encodable {
        var unit: UnitRow
        var version: Int
        var children: [UnitRow]
        var predecessors: [UnitRow]
        var ancestors: [UnitRow]
        var canManage: Bool
    }

    func show(_ request: Request) async throws -> Response {
        let tree = try await request.store.units.tree()
        let unit = try Self.unit(request, in: tree)
        let today = VietnamTime.localDate(of: request.now)
        let row = { (unit: OrgUnit) in UnitRow(unit, tree: tree, today: today, request: request) }
        let page = ShowPage(
            unit: row(unit), version: unit.version,
            children: tree.children(of: unit.id).map(row),
            predecessors: tree.units.filter { $0.successorID == unit.id }.map(row),
            ancestors: tree.ancestors(of: unit.id).reversed().map(row),
            canManage: request.currentUser?.can(.manageUnits) ?? false)
        return try await request.render("units/show", title: unit.name, page)
    }

    // MARK: - Create and edit

    struct FormPage: Encodable {
        var isNew: Bool
        var action: String
        var form: FormState
        var kinds: [SelectOption]
        var parents: [SelectOption]
        var cancelHref: String
    }

    func newForm(_ request: Request) async throws -> Response {
        let today = VietnamTime.localDate(of: request.now)
        let form = FormState(values: [
            "effectiveFrom": today.description, "kind": UnitKind.department.rawValue,
            "parentCode": request.query[String.self, at: "parent"] ?? "",
        ])
        return try await renderForm(request, form: form, code: nil)
    }

    func create(_ request: Request) async throws -> Response {
        var form = FormState(values: request.formValues(Self.formFields))
        let values = form.values
        var status: HTTPStatus = .unprocessableEntity
        do {
            let draft = try await UnitInput(
                code: values["code"] ?? "", name: values["name"] ?? "", shortName: values["shortName"] ?? "",
                kind: values["kind"] ?? "", parentCode: values["parentCode"], effectiveFrom: values["effectiveFrom"] ?? ""
            ).draft(request)
            let unit = try await request.store.units.create(draft, now: request.now)
            return request.redirect(to: "/units/\(unit.code)", flash: "flash.unit_created", ["code": unit.code])
        } catch let error as DomainError {
            form.show(error, request)
            status = Problem(error).status
        }
        return try await renderForm(request, form: form, code: nil, status: status)
    }

    func editForm(_ request: Request) async throws -> Response {
        let tree = try await request.store.units.tree()
        let unit = try Self.unit(request, in: tree)
        let form = FormState(values: [
            "code": unit.code, "name": unit.name, "shortName": unit.shortName, "kind": unit.kind.rawValue,
            "parentCode": tree.parent(of: unit)?.code ?? "", "effectiveFrom": unit.effectiveFrom.description,
            "version": String(unit.version),
        ])
        return try await renderForm(request, form: form, code: unit.code)
    }

    func update(_ request: Request) async throws -> Response {
        let code = request.parameters.get("code") ?? ""
        var form = FormState(values: request.formValues(Self.formFields))
        form.values["code"] = code
        let values = form.values
        let version = Int(values["version"] ?? "") ?? 0
        var status: HTTPStatus = .unprocessableEntity
        do {
            let changes = try await UnitChangeInput(
                name: values["name"] ?? "", shortName: values["shortName"] ?? "", kind: values["kind"] ?? "",
                parentCode: .some(values["parentCode"]), effectiveFrom: values["effectiveFrom"] ?? ""
            ).changes(code: code, expectedVersion: version, request)
            let unit = try await request.store.units.update(code: code, expectedVersion: version, changes: changes, now: request.now)
            return request.redirect(to: "/units/\(unit.code)", flash: "flash.unit_saved", ["code": unit.code])
        } catch let error as DomainError {
            form.show(error, request)
            status = Problem(error).status
        }
        return try await renderForm(request, form: form, code: code, status: status)
    }

    private func renderForm(_ request: Request, form: FormState, code: String?, status: HTTPStatus = .ok) async throws -> Response {
        let tree = try await request.store.units.tree()
        let today = VietnamTime.localDate(of: request.now)
        let page = FormPage(
            isNew: code == nil, action: code.map { "/units/\($0)" } ?? "/units", form: form,
            kinds: request.unitKindOptions(selected: form.values["kind"]),
            parents: request.unitOptions(tree, selected: form.values["parentCode"], today: today, excluding: code),
            cancelHref: code.map { "/units/\($0)" } ?? "/units")
        let title = code == nil ? request.t("units.new.title") : request.t("units.edit.title", ["code": code ?? ""])
        return try await request.render("units/form", title: title, page, status: status)
    }

    // MARK: - Close

    struct ClosePage: Encodable {
        var unit: UnitRow
        var form: FormState
        var successors: [SelectOption]
    }

    func closeForm(_ request: Request) async throws -> Response {
        let tree = try await request.store.units.tree()
        let unit = try Self.unit(request, in: tree)
        let form = FormState(values: ["version": String(unit.version), "closedOn": "", "successorCode": ""])
        return try await renderClose(request, unit: unit, tree: tree, form: form)
    }

    func close(_ request: Request) async throws -> Response {
        let tree = try await request.store.units.tree()
        let unit = try Self.unit(request, in: tree)
        var form = FormState(values: request.formValues(["version", "closedOn", "successorCode"]))
        var status: HTTPStatus = .unprocessableEntity
        if let closedOn = LocalDate(flexible: form.values["closedOn"] ?? "") {
            let successor = form.values["successorCode"].flatMap { $0.isEmpty ? nil : $0 }
            do {
                let closed = try await request.store.units.close(
                    code: unit.code, expectedVersion: Int(form.values["version"] ?? "") ?? 0, on: closedOn,
                    successorCode: successor, now: request.now)
                return request.redirect(to: "/units/\(closed.code)", flash: "flash.unit_closed", ["code": closed.code])
            } catch let error as DomainError {
                form.show(error, request)
                status = Problem(error).status
            }
        } else {
            form.add("closedOn", "error.date_invalid", request)
        }
        return try await renderClose(request, unit: unit, tree: tree, form: form, status: status)
    }

    private func renderClose(_ request: Request, unit: OrgUnit, tree: UnitTree, form: FormState, status: HTTPStatus = .ok) async throws -> Response {
        let today = VietnamTime.localDate(of: request.now)
        let page = ClosePage(
            unit: UnitRow(unit, tree: tree, today: today, request: request), form: form,
            successors: request.unitOptions(tree, selected: form.values["successorCode"], today: today, excluding: unit.code))
        return try await request.render("units/close", title: request.t("units.close.title", ["code": unit.code]), page, status: status)
    }

    static func unit(_ request: Request, in tree: UnitTree) throws -> OrgUnit {
        let code = request.parameters.get("code") ?? ""
        guard let unit = tree.unit(code: UnitCode.normalize(code)) else {
            throw DomainError.notFound("unit.not_found", arguments: ["code": code])
        }
        return unit
    }
}
