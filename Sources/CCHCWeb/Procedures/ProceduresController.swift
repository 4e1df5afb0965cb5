import CCHCCore
import Vapor
import WorkCalendar

/// The procedure catalogue: anyone may browse it; reform staff add procedures and new versions.
struct ProceduresController {
    func register(_ routes: any RoutesBuilder) {
        let everyone = routes.access(.everyone)
        everyone.get("procedures", use: index)
        everyone.get("procedures", ":code", use: show)
        let managers = routes.access(.permission(.manageProcedures))
        managers.get("procedures", "new", use: newForm)
        managers.post("procedures", use: create)
        managers.get("procedures", ":code", "edit", use: editForm)
        managers.post("procedures", ":code", use: update)
    }

    // MARK: - Catalogue

    struct Row: Encodable {
        var code: String
        var href: String
        var name: String
        var field: String
        var time: String
        var fee: String
        var online: String
        var onlineLevel: String
    }

    struct IndexPage: Encodable {
        var q: String
        var fields: [SelectOption]
        var onlineOnly: Bool
        var rows: [Row]
        var nextHref: String?
        var canManage: Bool
    }

    func index(_ request: Request) async throws -> Response {
        let q = request.query[String.self, at: "q"] ?? ""
        let field = request.query[String.self, at: "field"] ?? ""
        let onlineOnly = request.query[String.self, at: "online"] == "1"
        let result = try await request.store.procedures.search(
            ProcedureQuery(
                text: q, field: field, inForceOn: request.today, onlineOnly: onlineOnly, cursor: request.query[String.self, at: "cursor"], limit: 50))
        let fields = try await request.store.procedures.fields()
        let page = IndexPage(
            q: q,
            fields: [SelectOption(value: "", label: request.t("dossiers.filter.all_fields"), selected: field.isEmpty)]
                + fields.map { SelectOption(value: $0, label: $0, selected: $0 == field) },
            onlineOnly: onlineOnly, rows: result.items.map { Row($0, request) },
            nextHref: result.nextCursor.map {
                "/procedures?q=\(Request.percentEncoded(q))&field=\(Request.percentEncoded(field))&online=\(onlineOnly ? "1" : "")&cursor=\($0)"
            },
            canManage: request.currentUser?.can(.manageProcedures) ?? false)
        return try await request.render("procedures/index", title: request.t("procedures.title"), page)
    }

    struct ShowPage: Encodable {
        struct Component: Encodable {
            var name: String
            var counts: String
            var required: Bool
            var mayPresentOriginal: Bool
        }

        struct Step: Encodable {
            var number: Int
            var name: String
            var holder: String
            var role: String
            var allowance: String
        }

        struct Version: Encodable {
            var version: Int
            var period: String
            var isShown: Bool
            /// Who set it and why, where recorded.
            var provenance: String?
        }

        var code: String
        var name: String
        var field: String
        var version: Int
        var facts: [DossierView.Fact]
        var components: [Component]
        var steps: [Step]
        var versions: [Version]
        /// How this version was published and made public, and the required parts it does not state.
        var publication: [DossierView.Fact]
        var missingParts: String?
        var canFileOnline: Bool
        var canManage: Bool
        var notInForce: Bool
    }

    func show(_ request: Request) async throws -> Response {
        let code = ProcedureRules.normalizeCode(request.parameters.get("code") ?? "")
        let versions = try await request.store.procedures.versions(code: code)
        guard !versions.isEmpty else { throw DomainError.notFound("procedure.not_found", arguments: ["code": code]) }
        let requested = request.query[Int.self, at: "version"]
        let inForce = versions.inForce(on: request.today)
        let procedure = versions.first { $0.version == requested } ?? inForce ?? versions.last!
        let tree = try await request.store.units.tree()
        func unitName(_ id: UUID) -> String { tree.unit(id: id)?.name ?? "—" }
        let competent = procedure.competentUnitID.map(unitName) ?? request.t("procedure.local_government")
        let facts = [
            DossierView.Fact(label: request.t("procedure.field"), value: procedure.field),
            DossierView.Fact(label: request.t("procedure.competent_unit"), value: competent),
            DossierView.Fact(label: request.t("procedure.receiving_units"), value: procedure.receivingUnitIDs.map(unitName).joined(separator: "; ")),
            DossierView.Fact(
                label: request.t("procedure.time"),
                value: ProcedureText.time(procedure, request)
                    + (procedure.cutoff.map { " · " + request.t("procedure.cutoff_note", ["time": OfficeHours.clock($0)]) } ?? "")),
            DossierView.Fact(label: request.t("procedure.fee"), value: ProcedureText.fee(procedure, request)),
            DossierView.Fact(label: request.t("procedure.online_level"), value: request.t(procedure.onlineLevel.messageKey)),
            DossierView.Fact(label: request.t("procedure.supplement_rule"), value: request.t("procedure.supplement.\(procedure.supplementRule.rawValue)")),
            DossierView.Fact(label: request.t("procedure.effective"), value: Self.period(procedure, request)),
        ]
        let page = ShowPage(
            code: procedure.code, name: procedure.name, field: procedure.field, version: procedure.version, facts: facts,
            components: procedure.components.map {
                .init(name: $0.name, counts: IntakeForm.counts($0, request), required: $0.required, mayPresentOriginal: $0.mayPresentOriginal)
            },
            steps: procedure.steps.enumerated().map { index, step in
                let holder: String =
                    switch step.holder {
                    case .receivingUnit: request.t("procedure.holder.receiving")
                    case .competentUnit: competent
                    case .unit(let id): unitName(id)
                    }
                return .init(
                    number: index + 1, name: step.name, holder: holder, role: request.t(step.role.messageKey),
                    allowance: ProcedureText.allowance(step.allowance, procedure, request))
            },
            versions: versions.reversed().map {
                .init(version: $0.version, period: Self.period($0, request), isShown: $0.version == procedure.version, provenance: Self.provenance($0))
            },
            publication: Self.publicationFacts(procedure, request),
            missingParts: ProcedureText.missingParts(procedure, request),
            canFileOnline: procedure.onlineLevel.acceptsOnlineFiling && procedure.id == inForce?.id,
            canManage: request.currentUser?.can(.manageProcedures) ?? false, notInForce: procedure.id != inForce?.id)
        return try await request.render("procedures/show", title: procedure.name, page)
    }

    static func provenance(_ procedure: Procedure) -> String? {
        let parts = [procedure.setBy, procedure.changeReason].filter { !$0.isEmpty }
        return parts.isEmpty ? nil : parts.joined(separator: ": ")
    }

    static func period(_ procedure: Procedure, _ request: Request) -> String {
        request.t(
            procedure.effectiveTo == nil ? "procedure.period_open" : "procedure.period",
            [
                "from": procedure.effectiveFrom.vietnameseFormat, "to": procedure.effectiveTo?.adding(days: -1).vietnameseFormat ?? "",
            ])
    }

    // MARK: - Editing

    struct EditPage: Encodable {
        var isNew: Bool
        var action: String
        var cancelHref: String
        var form: FormState
        var rows: ProcedureForm
        var timeUnits: [SelectOption]
        var supplementRules: [SelectOption]
        var onlineLevels: [SelectOption]
        var latestVersion: Int?
    }

    func newForm(_ request: Request) async throws -> Response {
        let blank = ProcedureDraft(
            code: "", name: "", field: "", competentUnitCode: "", receivingUnitCodes: [], timeUnit: .workingDays, timeValue: 0,
            components: [], steps: [], effectiveFrom: request.today)
        return try await renderEdit(request, isNew: true, code: nil, form: FormState(values: ProcedureForm.values(blank)), latestVersion: nil)
    }

    func editForm(_ request: Request) async throws -> Response {
        let latest = try await latestVersion(request)
        var draft = ProcedureDraft(latest, tree: try await request.store.units.tree())
        draft.effectiveFrom = max(request.today, latest.effectiveFrom.adding(days: 1))
        draft.changeReason = ""
        var values = ProcedureForm.values(draft)
        values["expectedVersion"] = String(latest.version)
        return try await renderEdit(request, isNew: false, code: latest.code, form: FormState(values: values), latestVersion: latest.version)
    }

    func create(_ request: Request) async throws -> Response {
        let values = submittedValues(request)
        do {
            let procedure = try await ProcedureCatalog(store: request.store).create(
                try ProcedureForm.draft(values), by: try request.requireUser().username, now: request.now)
            return request.redirect(to: "/procedures/\(procedure.code)", flash: "flash.procedure_created", ["code": procedure.code])
        } catch let error as DomainError where error.kind == .validation || error.kind == .conflict {
            var form = FormState(values: values)
            form.show(error, request) { ProcedureForm.formField($0, values: values) }
            return try await renderEdit(request, isNew: true, code: nil, form: form, latestVersion: nil, status: Problem(error).status)
        }
    }

    func update(_ request: Request) async throws -> Response {
        let latest = try await latestVersion(request)
        var values = submittedValues(request)
        values["code"] = latest.code
        do {
            guard let expected = Int(values["expectedVersion"] ?? "") else { throw DomainError.staleVersion(current: latest.version) }
            let procedure = try await ProcedureCatalog(store: request.store).newVersion(
                code: latest.code, try ProcedureForm.draft(values), expectedLatestVersion: expected, by: try request.requireUser().username,
                now: request.now)
            return request.redirect(
                to: "/procedures/\(procedure.code)?version=\(procedure.version)", flash: "flash.procedure_versioned",
                [
                    "code": procedure.code, "version": String(procedure.version),
                ])
        } catch let error as DomainError where error.kind == .validation || error.kind == .conflict {
            var form = FormState(values: values)
            form.show(error, request) { ProcedureForm.formField($0, values: values) }
            return try await renderEdit(request, isNew: false, code: latest.code, form: form, latestVersion: latest.version, status: Problem(error).status)
        }
    }

    private func latestVersion(_ request: Request) async throws -> Procedure {
        let code = ProcedureRules.normalizeCode(request.parameters.get("code") ?? "")
        guard let latest = try await request.store.procedures.versions(code: code).last else {
            throw DomainError.notFound("procedure.not_found", arguments: ["code": code])
        }
        return latest
    }

    private func submittedValues(_ request: Request) -> [String: String] {
        let counts = ProcedureForm.rowCounts(request.formValues(["componentRows", "stepRows"]))
        return request.formValues(ProcedureForm.fieldNames(componentRows: counts.components, stepRows: counts.steps))
    }

    private func renderEdit(
        _ request: Request, isNew: Bool, code: String?, form: FormState, latestVersion: Int?, status: HTTPStatus = .ok
    ) async throws -> Response {
        let values = form.values
        let page = EditPage(
            isNew: isNew, action: isNew ? "/procedures" : "/procedures/\(code ?? "")",
            cancelHref: isNew ? "/procedures" : "/procedures/\(code ?? "")", form: form,
            rows: ProcedureForm(values: values, errors: form.errors, request: request),
            timeUnits: ProcedureDraft.TimeUnit.allCases.map {
                SelectOption(value: $0.rawValue, label: request.t("procedure.time_unit.\($0.rawValue)"), selected: $0.rawValue == values["timeUnit"])
            },
            supplementRules: SupplementRule.allCases.map {
                SelectOption(value: $0.rawValue, label: request.t("procedure.supplement.\($0.rawValue)"), selected: $0.rawValue == values["supplementRule"])
            },
            onlineLevels: OnlineLevel.allCases.map {
                SelectOption(value: $0.rawValue, label: request.t($0.messageKey), selected: $0.rawValue == values["onlineLevel"])
            },
            latestVersion: latestVersion)
        let title = isNew ? request.t("procedures.new") : request.t("procedures.edit", ["code": code ?? ""])
        return try await request.render("procedures/form", title: title, page, status: status)
    }
}

extension ProceduresController.Row {
    init(_ procedure: Procedure, _ request: Request) {
        self.init(
            code: procedure.code, href: "/procedures/\(procedure.code)", name: procedure.name, field: procedure.field,
            time: ProcedureText.time(procedure, request), fee: ProcedureText.fee(procedure, request),
            online: request.t(procedure.onlineLevel.messageKey), onlineLevel: procedure.onlineLevel.rawValue)
    }
}
