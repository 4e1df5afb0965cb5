import CCHCCore
import Vapor
import WorkCalendar

/// Recording how a procedure version was published and made public (QĐ công bố, posting on the national
/// database, applicants, online payment): the data indicators 1.1–1.3, 3.4 and 4.5a read. In place on the
/// version; the form carries the revision it was read at, so a change made meanwhile is a conflict, not lost.
struct ProcedurePublicationController {
    static let fields = [
        "version", "revision", "decisionNumber", "decisionDate", "legalBasisEffectiveFrom", "postedOn", "citizens", "organisations", "onlinePayment",
    ]

    func register(_ routes: any RoutesBuilder) {
        let managers = routes.access(.permission(.manageProcedures))
        managers.get("procedures", ":code", "publication", use: form)
        managers.post("procedures", ":code", "publication", use: record)
    }

    struct Page: Encodable {
        var code: String
        var name: String
        var version: Int
        var form: FormState
        var cancelHref: String
    }

    func form(_ request: Request) async throws -> Response {
        let procedure = try await chosenVersion(request, version: request.query[Int.self, at: "version"])
        return try await render(request, procedure, form: FormState(values: Self.values(procedure.publication, version: procedure.version)))
    }

    func record(_ request: Request) async throws -> Response {
        let values = request.formValues(Self.fields)
        let procedure = try await chosenVersion(request, version: Int(values["version"] ?? ""))
        var form = FormState(values: values)
        do {
            let publication = try Self.publication(values)
            let saved = try await ProcedureCatalog(store: request.store).recordPublication(
                code: procedure.code, version: procedure.version, publication, expectedRevision: Int(values["revision"] ?? "") ?? -1,
                by: try request.requireUser(), now: request.now)
            return request.redirect(
                to: "/procedures/\(saved.code)?version=\(saved.version)", flash: "flash.procedure_publication_recorded",
                ["code": saved.code, "version": String(saved.version)])
        } catch let error as DomainError where error.kind == .validation || error.kind == .conflict {
            form.show(error, request)
            // What this editor typed stays; saving again, having read the message, records it over the change.
            if error.kind == .conflict, let current = error.arguments["current"] {
                form.values["revision"] = current
                form.general = request.t("procedure.publication.conflict")
            }
            return try await render(request, procedure, form: form, status: Problem(error).status)
        }
    }

    /// The record a submitted form describes, or every unreadable date named.
    static func publication(_ values: [String: String]) throws -> ProcedurePublication {
        var errors: [FieldError] = []
        func date(_ field: String) -> LocalDate? {
            let text = (values[field] ?? "").trimmingCharacters(in: .whitespaces)
            guard !text.isEmpty else { return nil }
            guard let date = LocalDate(flexible: text) else {
                errors.append(FieldError(field, "error.date_invalid"))
                return nil
            }
            return date
        }
        let publication = ProcedurePublication(
            decisionNumber: values["decisionNumber"] ?? "", decisionDate: date("decisionDate"),
            legalBasisEffectiveFrom: date("legalBasisEffectiveFrom"), postedOn: date("postedOn"),
            applicants: ApplicantKind.allCases.filter { values[$0.rawValue] == "on" }, onlinePayment: values["onlinePayment"] == "on")
        try errors.throwIfAny()
        return publication
    }

    static func values(_ publication: ProcedurePublication, version: Int) -> [String: String] {
        var values = [
            "version": String(version), "revision": String(publication.revision), "decisionNumber": publication.decisionNumber,
            "decisionDate": publication.decisionDate?.description ?? "",
            "legalBasisEffectiveFrom": publication.legalBasisEffectiveFrom?.description ?? "", "postedOn": publication.postedOn?.description ?? "",
        ]
        for kind in publication.applicants { values[kind.rawValue] = "on" }
        if publication.onlinePayment { values["onlinePayment"] = "on" }
        return values
    }

    private func chosenVersion(_ request: Request, version: Int?) async throws -> Procedure {
        let code = ProcedureRules.normalizeCode(request.parameters.get("code") ?? "")
        let versions = try await request.store.procedures.versions(code: code)
        guard let procedure = version.map({ version in versions.first { $0.version == version } }) ?? versions.last else {
            throw DomainError.notFound("procedure.not_found", arguments: ["code": code])
        }
        return procedure
    }

    private func render(_ request: Request, _ procedure: Procedure, form: FormState, status: HTTPStatus = .ok) async throws -> Response {
        let page = Page(
            code: procedure.code, name: procedure.name, version: procedure.version, form: form,
            cancelHref: "/procedures/\(procedure.code)?version=\(procedure.version)")
        return try await request.render(
            "procedures/publication", title: request.t("procedure.publication.title", ["code": procedure.code]), page, status: status)
    }
}
