import CCHCCore
import Vapor

/// Nộp hồ sơ trực tuyến: a citizen (logged in or not) fills in the applicant, uploads a file for each
/// component and gets the code and PIN. Files that passed their checks are kept when the form comes back
/// with errors, so nothing has to be uploaded twice.
struct OnlineFilingController {
    static let anonymousFilingsPerHour = 20
    static let throttleScope = "filing"
    /// The most components a procedure's online form offers a file for.
    static let filesPerFiling = 8

    /// How much one filing may upload (each file at most the configured size).
    let limits: UploadForm.Limits

    init(uploadMaximumBytes: Int) {
        limits = UploadForm.Limits(fileBytes: uploadMaximumBytes, files: Self.filesPerFiling)
    }

    func register(_ routes: any RoutesBuilder) {
        let everyone = routes.access(.everyone)
        everyone.get("procedures", ":code", "file", use: form)
        everyone.upload("procedures", ":code", "file", limits: limits, use: file)
        everyone.get("filed", ":code", use: confirmation)
    }

    struct Page: Encodable {
        struct Component: Encodable {
            var index: Int
            var name: String
            var required: Bool
            var asked: String
            var kept: UploadForm.KeptFile?
            var error: String?
        }

        var procedure: CounterIntakeController.ProcedureSummary
        var action: String
        var receivingUnits: [SelectOption]
        var components: [Component]
        var maximumMB: Int
        var form: FormState
        var signedIn: Bool
    }

    func form(_ request: Request) async throws -> Response {
        let procedure = try await onlineProcedure(request)
        var values: [String: String] = [:]
        if let user = request.currentUser, user.has(.citizen) {
            values = ["fullName": user.fullName]
        }
        return try await render(request, procedure, form: FormState(values: values), kept: [:])
    }

    /// The filing, read as it arrives: files go to staging, then the dossier and their rows are written
    /// together by the online filing use case. Files that passed their checks stay in staging when the form
    /// comes back with errors, so nothing has to be uploaded twice.
    func file(_ request: Request) async throws -> Response {
        let procedure = try await onlineProcedure(request)
        let actor: DossierActor = request.currentUser.map(DossierActor.person) ?? .applicant
        if actor == .applicant {
            let since = request.now.addingTimeInterval(-3600)
            if try await request.store.throttle.count(scope: Self.throttleScope, key: request.throttleKey, since: since) >= Self.anonymousFilingsPerHour {
                throw DomainError(.rateLimited, "dossier.filing.too_many")
            }
        }
        let owner = UploadForm.owner(request)
        let fileFields = Dictionary(uniqueKeysWithValues: procedure.components.indices.prefix(limits.files).map { ("file\($0)", $0) })
        let upload = try await UploadForm.read(
            request, fileFields: fileFields, owner: owner, limits: limits, csrfToken: CSRFProtection.expectedToken(request))
        let names = ["receivingUnitCode"] + IntakeForm.applicantFields
        let values = upload.fields.filter { names.contains($0.key) }
        let staged = try await upload.files(by: fileFields, owner: owner, storage: request.application.services.files)
        let intake = IntakeRequest(
            procedureCode: procedure.code, channel: .online, applicant: IntakeForm.applicant(values), components: [],
            receivingUnitCode: values["receivingUnitCode"] ?? "")
        do {
            if !upload.errors.isEmpty {
                throw IntakeForm.validationError(
                    Array(upload.errors.values), intake, procedure: procedure, tree: try await request.store.units.tree(), actor: actor, now: request.now)
            }
            let taken = try await request.dossierService().fileOnline(intake, staged: staged, by: actor, now: request.now)
            if actor == .applicant {
                try await request.store.throttle.record(scope: Self.throttleScope, key: request.throttleKey, at: request.now)
            }
            let response = request.redirect(to: "/filed/\(taken.dossier.code)")
            NewPIN.set(taken.pin, for: taken.dossier.code, on: response, request)
            return response
        } catch let error as DomainError where error.kind == .validation {
            var form = FormState(values: values)
            form.show(error, request, renaming: IntakeForm.formField)
            return try await render(request, procedure, form: form, kept: staged, status: .unprocessableEntity)
        }
    }

    struct ConfirmationPage: Encodable {
        var dossier: PublicDossier
        var pin: String
        var lookupURL: String
    }

    /// The code and PIN of a dossier just filed. The PIN comes from the filer's cookie and is checked as a
    /// lookup is (a wrong one counts against the address, a locked address is refused): the page shows
    /// nothing a public lookup with that PIN would not.
    func confirmation(_ request: Request) async throws -> Response {
        let code = request.parameters.get("code") ?? ""
        guard let pin = NewPIN.get(for: code, request) else {
            return request.redirect(to: "/lookup?code=\(Request.percentEncoded(code))")
        }
        let progress: DossierProgress
        do {
            progress = try await request.dossierLookup.progress(code: code, pin: pin, address: request.throttleKey, now: request.now)
        } catch let error as DomainError where error.kind == .notFound {
            return request.redirect(to: "/lookup?code=\(Request.percentEncoded(code))")
        }
        let page = ConfirmationPage(dossier: try await request.publicDossier(progress), pin: pin, lookupURL: request.lookupURL(code: progress.code))
        return try await request.render("procedures/filed", title: request.t("filing.done_title"), page)
    }

    private func onlineProcedure(_ request: Request) async throws -> Procedure {
        let code = ProcedureRules.normalizeCode(request.parameters.get("code") ?? "")
        guard let procedure = try await request.store.procedures.current(code: code, on: request.today) else {
            throw DomainError.notFound("procedure.not_found", arguments: ["code": code])
        }
        guard procedure.onlineLevel.acceptsOnlineFiling else { throw DomainError(.invalidState, "dossier.channel.online_unavailable") }
        return procedure
    }

    private func render(_ request: Request, _ procedure: Procedure, form: FormState, kept: [Int: StagedFile], status: HTTPStatus = .ok) async throws -> Response
    {
        let tree = try await request.store.units.tree()
        let chosen = form.values["receivingUnitCode"] ?? ""
        let units = procedure.receivingUnitIDs.compactMap { tree.unit(id: $0) }.filter { $0.isEffective(on: request.today) }
        let page = Page(
            procedure: .init(procedure, request), action: "/procedures/\(procedure.code)/file",
            receivingUnits: units.enumerated().map { index, unit in
                SelectOption(value: unit.code, label: unit.name, selected: chosen.isEmpty ? index == 0 : unit.code == chosen)
            },
            components: procedure.components.enumerated().map { index, component in
                Page.Component(
                    index: index, name: component.name, required: component.required, asked: IntakeForm.counts(component, request),
                    kept: kept[index].map(UploadForm.KeptFile.init), error: form.errors["c\(index)"])
            },
            maximumMB: request.config.uploadMaximumMB, form: form, signedIn: request.currentUser != nil)
        return try await request.render("procedures/file", title: request.t("filing.title", ["name": procedure.name]), page, status: status)
    }
}
