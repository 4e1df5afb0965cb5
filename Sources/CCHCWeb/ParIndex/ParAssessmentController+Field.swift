import CCHCCore
import Foundation
import Vapor

extension ParAssessmentController {
    func field(_ request: Request) async throws -> Response {
        try await renderField(request, form: FormState())
    }

    func renderField(_ request: Request, form: FormState, kept: [Int: StagedFile] = [:], status: HTTPStatus = .ok) async throws -> Response {
        let user = try request.requireUser()
        let (code, unit) = Self.names(request)
        let service = ParService(store: request.store)
        let view = try await service.assessment(campaign: code, unitCode: unit, by: user)
        // The figures cchc would fill in, shown while the assessment is open: its points at risk.
        let figures =
            view.assessment.state == .draft || view.assessment.state == .submitted
            ? try await service.liveFigures(view.criteria.set, units: [view.unit], year: view.campaign.year, now: request.now)[view.unit.id] ?? [:] : [:]
        let page = try ParFieldPage(
            view, field: request.parameters.get("field") ?? "", user: user, tree: try await request.store.units.tree(), figures: figures, form: form,
            kept: kept, request: request)
        return try await request.render("par/field", title: "\(page.fieldCode). \(page.fieldName): \(view.unit.name)", page, status: status)
    }

    /// Saves the field's self-assessed items with the files chosen for them (`file<n>`, the item's place in
    /// the field). A file refused by its content or size, and every bad value, come back beside their
    /// items with what was typed; files that passed stay staged and are offered again.
    func score(_ request: Request) async throws -> Response {
        let user = try request.requireUser()
        let (code, unit) = Self.names(request)
        let service = ParService(store: request.store, files: request.application.services.files)
        let view = try await service.assessment(campaign: code, unitCode: unit, by: user)
        guard let field = view.criteria.set.fields.first(where: { $0.code == request.parameters.get("field") }) else { throw Abort(.notFound) }
        let leaves = field.leaves
        let fileFields = Dictionary(uniqueKeysWithValues: leaves.indices.map { ("file\($0)", $0) })
        let owner = UploadForm.owner(request)
        let upload = try await UploadForm.read(
            request, fileFields: fileFields, owner: owner, limits: limits, csrfToken: CSRFProtection.expectedToken(request))
        let staged = try await upload.files(by: fileFields, owner: owner, storage: request.application.services.files)
        var inputs: [String: ParEntryInput] = [:]
        for leaf in leaves where leaf.method?.isSelfAssessed == true && upload.fields["items.\(leaf.code).present"] == "1" {
            let value = { (name: String) in upload.fields["items.\(leaf.code).\(name)"] ?? "" }
            inputs[leaf.code] = ParEntryInput(
                value: value("value"), notApplicable: value("notApplicable") == "1", explanation: value("explanation"), links: value("links"))
        }
        var byLeaf: [String: [StagedFile]] = [:]
        for (index, file) in staged { byLeaf[leaves[index].code, default: []].append(file) }
        do {
            let fileErrors = upload.errors.compactMap { name, error -> FieldError? in
                fileFields[name].map { FieldError("items.\(leaves[$0].code).files", error.code, error.arguments) }
            }
            try fileErrors.throwIfAny()
            _ = try await service.score(
                campaign: code, unitCode: unit, inputs, staged: byLeaf, expectedVersion: Int(upload.fields["version"] ?? "") ?? -1, by: user, now: request.now)
            return request.redirect(to: Self.path(view, field: field.code), flash: "flash.par_scored")
        } catch let error as DomainError where error.kind == .validation || error.kind == .conflict {
            var form = FormState(values: upload.fields.filter { $0.key.hasPrefix("items.") })
            form.show(error, request)
            return try await renderField(request, form: form, kept: staged, status: Problem(error).status)
        }
    }

    func appraise(_ request: Request) async throws -> Response {
        let values = request.formValues(["decision", "value", "notApplicable", "reason", "dueOn", "version"])
        let decision: ParDecision =
            switch values["decision"] {
            case "adjust": .adjust(value: values["value"] ?? "", notApplicable: values["notApplicable"] == "1", reason: values["reason"] ?? "")
            case "send_back": .sendBack(reason: values["reason"] ?? "", dueOn: values["dueOn"] ?? "")
            default: .accept(reason: values["reason"] ?? "")
            }
        return try await itemAction(request, values: values) { service, code, unit, item, version, user in
            try await service.appraise(campaign: code, unitCode: unit, leaf: item, decision, expectedVersion: version, by: user, now: request.now)
        }
    }

    func answer(_ request: Request) async throws -> Response {
        try await itemAction(request, values: request.formValues(["version"])) { service, code, unit, item, version, user in
            try await service.answer(campaign: code, unitCode: unit, leaf: item, expectedVersion: version, by: user, now: request.now)
        }
    }

    func fill(_ request: Request) async throws -> Response {
        let values = request.formValues(["value", "source", "version"])
        return try await itemAction(request, values: values) { service, code, unit, item, version, user in
            try await service.fill(
                campaign: code, unitCode: unit, leaf: item, value: values["value"] ?? "", source: values["source"] ?? "", expectedVersion: version, by: user,
                now: request.now)
        }
    }

    /// An action on one item: back to its field's page, or the page again with the action's errors and
    /// values beside that item (`action.<item>.<name>`).
    private func itemAction(
        _ request: Request, values: [String: String],
        _ act: (ParService, String, String, String, Int, User) async throws -> ParAssessment
    ) async throws -> Response {
        let user = try request.requireUser()
        let (code, unit) = Self.names(request)
        let item = request.parameters.get("item") ?? ""
        let service = ParService(store: request.store)
        let view = try await service.assessment(campaign: code, unitCode: unit, by: user)
        guard let field = view.criteria.set.leaves.first(where: { $0.item.code == item })?.field else { throw Abort(.notFound) }
        request.parameters.set("field", to: field.code)
        do {
            _ = try await act(service, code, unit, item, Int(values["version"] ?? "") ?? -1, user)
            return request.redirect(to: Self.path(view, field: field.code) + "#item-\(item)", flash: "flash.par_item_saved", ["item": item])
        } catch let error as DomainError where error.kind == .validation || error.kind == .conflict {
            let prefix = "action.\(item)."
            var form = FormState(values: Dictionary(uniqueKeysWithValues: values.map { (prefix + $0.key, $0.value) }))
            let renamed = DomainError(
                error.kind, error.code, arguments: error.arguments, fields: error.fields.map { FieldError(prefix + $0.field, $0.code, $0.arguments) })
            form.show(renamed, request)
            return try await renderField(request, form: form, status: Problem(error).status)
        }
    }
}
