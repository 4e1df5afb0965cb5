import CCHCCore
import Vapor

/// Hồ sơ của tôi: a citizen's own dossiers, with what the desk asked for, an online supplement, withdrawal
/// and the rating once the result is returned.
struct MyDossiersController {
    static let supplementFiles = 5

    /// How much one supplement may upload.
    let limits: UploadForm.Limits

    init(uploadMaximumBytes: Int) {
        limits = UploadForm.Limits(fileBytes: uploadMaximumBytes, files: Self.supplementFiles)
    }

    func register(_ routes: any RoutesBuilder) {
        let citizens = routes.access(.permission(.fileOwnDossiers))
        citizens.get("my", "dossiers", use: index)
        citizens.get("my", "dossiers", ":code", use: show)
        citizens.upload("my", "dossiers", ":code", "supplement", limits: limits, use: supplement)
        citizens.post("my", "dossiers", ":code", "withdraw", use: withdraw)
        citizens.post("my", "dossiers", ":code", "rating", use: rate)
    }

    struct IndexPage: Encodable {
        struct Row: Encodable {
            var dossier: DossierRow
            /// What the dossier waits for from the citizen, if anything: a supplement, a payment, a rating.
            var todo: String?
        }

        var rows: [Row]
        /// The queue's name when the list is narrowed to one (from the home page).
        var queueName: String?
        var nextHref: String?
    }

    func index(_ request: Request) async throws -> Response {
        let user = try requireCitizen(request)
        let calendar = try await request.workingCalendar()
        let queue = request.query[String.self, at: "queue"].flatMap(DossierQuery.Queue.init) ?? .all
        let result = try await request.store.dossiers.list(
            DossierQuery(
                scope: .citizen(user.id), queue: queue, cursor: request.query[String.self, at: "cursor"], limit: 50))
        let rows = result.items.map { dossier in
            var row = DossierRow(dossier, calendar: calendar, now: request.now, request: request)
            row.href = "/my/dossiers/\(dossier.code)"
            return IndexPage.Row(dossier: row, todo: Self.todoKey(dossier).map { request.t($0) })
        }
        return try await request.render(
            "my/index", title: request.t("my.title"),
            IndexPage(
                rows: rows, queueName: queue == .all ? nil : request.t(queue.messageKey),
                nextHref: result.nextCursor.map { "/my/dossiers?queue=\(queue.rawValue)&cursor=\($0)" }))
    }

    /// The message key of what `dossier` waits for from its applicant.
    static func todoKey(_ dossier: Dossier) -> String? {
        if Rating.isAwaited(status: dossier.status, rated: dossier.rating != nil) { return "my.todo.rate" }
        return switch dossier.status {
        case .supplementRequested: "my.todo.supplement"
        case .paymentRequested: "my.todo.payment"
        default: nil
        }
    }

    /// One of the supplement form's file inputs, with the number its label shows.
    struct FileSlot: Encodable {
        var index: Int
        var number: Int
    }

    struct ShowPage: Encodable {
        struct Supplement: Encodable {
            var items: [String]
            var reason: String
            var requestedAt: String
        }

        var dossier: PublicDossier
        var version: Int
        var supplement: Supplement?
        var canSupplement: Bool
        var canWithdraw: Bool
        var files: [FileSlot]
        var maximumMB: Int
        var rating: RatingForm?
        var form: FormState
        var failedAction: String?
        /// Who opened this dossier (Decree 13/2023): when, who, which unit, why.
        var accessLog: [AccessRow]
    }

    struct AccessRow: Encodable {
        var at: String
        var officer: String
        var unit: String
        var purpose: String
    }

    func show(_ request: Request) async throws -> Response {
        try await render(request, try await ownDossier(request))
    }

    /// What the desk asked for, sent online: a note and files, read as they arrive, committed with the
    /// supplement by its use case (or discarded if it is refused).
    func supplement(_ request: Request) async throws -> Response {
        let dossier = try await ownDossier(request)
        let user = try requireCitizen(request)
        let fileFields = Dictionary(uniqueKeysWithValues: (0..<Self.supplementFiles).map { ("file\($0)", DossierFile.supplementIndex) })
        let upload = try await UploadForm.read(
            request, fileFields: fileFields, owner: user.username, limits: limits, csrfToken: CSRFProtection.expectedToken(request))
        let values = upload.fields.filter { ["note", "version"].contains($0.key) }
        let staged = fileFields.keys.sorted().compactMap { upload.files[$0] }
        do {
            if let refused = upload.errors.values.first {
                await request.application.services.files.discard(staged)
                throw DomainError.validation([FieldError("file0", refused.code, refused.arguments)])
            }
            let saved = try await request.dossierService().supplement(
                dossier, note: values["note"] ?? "", staged: staged, expectedVersion: Int(values["version"] ?? "") ?? 0, by: .citizen(user),
                now: request.now, naming: { request.t("filing.supplement_file", ["name": $0.originalName]) })
            return request.redirect(to: "/my/dossiers/\(saved.code)", flash: "flash.supplement_sent", ["code": saved.code])
        } catch let error as DomainError where error.kind != .notFound {
            var form = FormState(values: values)
            form.show(error, request) { $0.hasPrefix("files.") ? "file0" : $0 }
            return try await render(request, try await ownDossier(request), form: form, failedAction: "supplement", status: Problem(error).status)
        }
    }

    func withdraw(_ request: Request) async throws -> Response {
        let dossier = try await ownDossier(request)
        let values = request.formValues(["reason", "version"])
        do {
            let saved = try await request.dossierService().act(
                on: dossier, .withdraw(reason: values["reason"] ?? ""), expectedVersion: Int(values["version"] ?? "") ?? 0,
                by: .citizen(try requireCitizen(request)), now: request.now)
            return request.redirect(to: "/my/dossiers/\(saved.code)", flash: "flash.dossier_withdrawn", ["code": saved.code])
        } catch let error as DomainError where error.kind != .notFound {
            var form = FormState(values: values)
            form.show(error, request)
            return try await render(request, dossier, form: form, failedAction: "withdraw", status: Problem(error).status)
        }
    }

    func rate(_ request: Request) async throws -> Response {
        let dossier = try await ownDossier(request)
        let values = request.formValues(["satisfaction", "comment", "version"] + Rating.indicators.map { "score_\($0)" })
        do {
            let action = try DossierActionInput(kind: DossierAction.Kind.rate.rawValue, fields: values).action(
                officeHours: try await request.provinceSettings().rules.officeHours, now: request.now)
            let saved = try await request.dossierService().act(
                on: dossier, action, expectedVersion: Int(values["version"] ?? "") ?? 0, by: .citizen(try requireCitizen(request)), now: request.now)
            return request.redirect(to: "/my/dossiers/\(saved.code)", flash: "flash.dossier_rated", ["code": saved.code])
        } catch let error as DomainError where error.kind != .notFound {
            var form = FormState(values: values)
            form.show(error, request)
            return try await render(request, dossier, form: form, failedAction: "rate", status: Problem(error).status)
        }
    }

    private func requireCitizen(_ request: Request) throws -> User {
        let user = try request.requireUser()
        guard user.has(.citizen) else { throw DomainError(.forbidden, "my.citizens_only") }
        return user
    }

    private func ownDossier(_ request: Request) async throws -> Dossier {
        let user = try requireCitizen(request)
        let code = request.parameters.get("code") ?? ""
        guard let dossier = try await request.store.dossiers.find(code: code), dossier.citizenUserID == user.id else {
            throw DomainError.notFound("dossier.not_found", arguments: ["code": code])
        }
        return dossier
    }

    private func render(
        _ request: Request, _ dossier: Dossier, form: FormState = FormState(), failedAction: String? = nil, status: HTTPStatus = .ok
    ) async throws -> Response {
        let user = try requireCitizen(request)
        let (procedure, tree) = try await request.store.procedureAndUnits(for: dossier)
        let available = DossierPolicy.available(
            to: .citizen(user), on: dossier, procedure: procedure, tree: tree, settings: try await request.provinceSettings().rules.dossierRules)
        let view = PublicDossier(DossierProgress(dossier), procedure: procedure, tree: tree, calendar: try await request.workingCalendar(), request: request)
        let openRequest = dossier.supplementRequests.last.flatMap { $0.receivedAt == nil ? $0 : nil }
        let page = ShowPage(
            dossier: view, version: dossier.version,
            supplement: openRequest.map { .init(items: $0.items, reason: $0.reason, requestedAt: DisplayFormat.dateTime($0.requestedAt)) },
            canSupplement: available.contains(.receiveSupplement), canWithdraw: available.contains(.withdraw),
            files: (0..<Self.supplementFiles).map { FileSlot(index: $0, number: $0 + 1) },
            maximumMB: request.config.uploadMaximumMB,
            rating: available.contains(.rate) ? RatingForm(failedAction == "rate" ? form : FormState(), request) : nil,
            form: form, failedAction: failedAction,
            accessLog: try await PersonalDataService(store: request.store).accessLog(of: dossier).map {
                AccessRow(at: DisplayFormat.dateTime($0.at), officer: $0.fullName, unit: $0.unitName, purpose: request.t($0.purpose.messageKey))
            })
        return try await request.render("my/show", title: "\(request.t("dossier.title")) \(dossier.code)", page, status: status)
    }
}
