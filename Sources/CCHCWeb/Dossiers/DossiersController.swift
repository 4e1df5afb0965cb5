import CCHCCore
import CCHCStore
import Vapor
import WorkCalendar

/// The officers' side of the one-stop desk: queues, the dossier page with its timeline, and actions.
struct DossiersController {
    func register(_ routes: any RoutesBuilder) {
        let viewers = routes.access(.permission(.viewDossiers))
        viewers.get("dossiers", use: queue)
        viewers.get("dossiers", ":code", use: show)
        viewers.get("dossiers", ":code", "files", ":id", use: download)
        routes.access(.permission(.handleDossiers)).post("dossiers", ":code", "actions", use: act)
        routes.access(.permission(.handleDossiers)).post("dossiers", ":code", "service-data", use: recordServiceData)
    }

    // MARK: - Queues

    struct Tab: Encodable {
        var key: String
        var label: String
        var count: Int?
        var href: String
        var current: Bool
    }

    struct QueuePage: Encodable {
        var tabs: [Tab]
        var queue: String
        var q: String
        var procedureCode: String
        var fields: [SelectOption]
        var statuses: [SelectOption]
        var from: String
        var to: String
        var rows: [DossierRow]
        var nextHref: String?
        var canIntake: Bool
        var scopeNote: String
        var filterError: String?
    }

    func queue(_ request: Request) async throws -> Response {
        let user = try request.requireUser()
        let tree = try await request.store.units.tree()
        let calendar = try await request.workingCalendar()
        let queue = request.query[String.self, at: "queue"].flatMap(DossierQuery.Queue.init) ?? .inProgress
        let scope = DossierAccess.scope(for: user, queue: queue, tree: tree)
        let q = request.query[String.self, at: "q"] ?? ""
        let procedureCode = request.query[String.self, at: "procedure"] ?? ""
        let field = request.query[String.self, at: "field"] ?? ""
        let statusText = request.query[String.self, at: "status"] ?? ""
        let fromText = request.query[String.self, at: "from"] ?? ""
        let toText = request.query[String.self, at: "to"] ?? ""
        let from = LocalDate(flexible: fromText), to = LocalDate(flexible: toText)
        let filterError = (!fromText.isEmpty && from == nil) || (!toText.isEmpty && to == nil) ? request.t("error.date_invalid") : nil
        let result = try await request.store.dossiers.list(
            DossierQuery(
                scope: scope, queue: queue, procedureCode: procedureCode, field: field,
                status: Int(statusText).flatMap(DossierStatus.init(rawValue:)), receivedFrom: from, receivedTo: to, text: q,
                cursor: request.query[String.self, at: "cursor"], limit: 50))
        // The tabs count the work queues, whichever list is open.
        let counts = try await request.store.dossiers.counts(scope: DossierAccess.workScope(for: user, tree: tree))
        let now = request.now
        var parameters = [
            ("queue", queue.rawValue), ("q", q), ("procedure", procedureCode), ("field", field), ("status", statusText), ("from", fromText), ("to", toText),
        ]
        let tabs = DossierQuery.Queue.allCases.map { tab in
            Tab(key: tab.rawValue, label: request.t(tab.messageKey), count: counts[tab], href: "/dossiers?queue=\(tab.rawValue)", current: tab == queue)
        }
        let fields = try await request.store.procedures.fields()
        let page = QueuePage(
            tabs: tabs, queue: queue.rawValue, q: q, procedureCode: procedureCode,
            fields: [SelectOption(value: "", label: request.t("dossiers.filter.all_fields"), selected: field.isEmpty)]
                + fields.map { SelectOption(value: $0, label: $0, selected: $0 == field) },
            statuses: [SelectOption(value: "", label: request.t("dossiers.filter.all_statuses"), selected: statusText.isEmpty)]
                + DossierStatus.allCases.map {
                    SelectOption(value: String($0.rawValue), label: "\($0.rawValue). \(request.t($0.messageKey))", selected: String($0.rawValue) == statusText)
                },
            from: from?.description ?? fromText, to: to?.description ?? toText,
            rows: result.items.map { DossierRow($0, calendar: calendar, now: now, request: request) },
            nextHref: result.nextCursor.map { cursor in
                parameters.append(("cursor", cursor))
                return "/dossiers?" + parameters.map { "\($0.0)=\(Request.percentEncoded($0.1))" }.joined(separator: "&")
            },
            canIntake: DossierPolicy.mayReceive(user),
            scopeNote: request.t("dossiers.scope.\(Self.scopeKey(scope))"), filterError: filterError)
        return try await request.render("dossiers/index", title: request.t("dossiers.title"), page)
    }

    static func scopeKey(_ scope: DossierQuery.Scope) -> String {
        switch scope {
        case .province: "province"
        case .receivedBy: "received"
        case .heldBy, .involving: "held"
        case .citizen: "citizen"
        case .union: "roles"
        }
    }

    // MARK: - One dossier

    func show(_ request: Request) async throws -> Response {
        let dossier = try await request.visibleDossier(request.parameters.get("code") ?? "")
        return try await DossierView.render(dossier, request)
    }

    func act(_ request: Request) async throws -> Response {
        let dossier = try await request.visibleDossier(request.parameters.get("code") ?? "")
        let fields = try request.form.fields
        let kind = fields["action"] ?? ""
        let version = Int(fields["version"] ?? "") ?? 0
        do {
            let action = try DossierActionInput(kind: kind, fields: fields).action(
                officeHours: try await request.provinceSettings().rules.officeHours, now: request.now)
            let saved = try await request.dossierService().act(on: dossier, action, expectedVersion: version, by: try request.dossierActor(), now: request.now)
            return request.redirect(
                to: "/dossiers/\(saved.code)", flash: "flash.dossier_action", ["action": request.t("dossier.action.\(kind)"), "code": saved.code])
        } catch let error as DomainError where error.kind != .notFound {
            var form = FormState(values: fields)
            form.show(error, request)
            let current = try await request.store.dossiers.find(id: dossier.id) ?? dossier
            return try await DossierView.render(current, request, failedAction: kind, form: form, status: Problem(error).status)
        }
    }

    /// The service index's data of a dossier, as the checkboxes of the dossier page left it.
    func recordServiceData(_ request: Request) async throws -> Response {
        let dossier = try await request.visibleDossier(request.parameters.get("code") ?? "")
        let fields = try request.form.fields
        let data = ServiceDataFields.data(setting: Set(ServiceDataFields.names.filter { fields[$0] == "on" }))
        do {
            let saved = try await request.dossierService().recordServiceData(
                data, on: dossier, expectedVersion: Int(fields["version"] ?? "") ?? 0, by: try request.dossierActor(), now: request.now)
            return request.redirect(to: "/dossiers/\(saved.code)", flash: "flash.service_data_saved", ["code": saved.code])
        } catch let error as DomainError where error.kind != .notFound {
            var form = FormState(values: fields)
            form.show(error, request)
            let current = try await request.store.dossiers.find(id: dossier.id) ?? dossier
            return try await DossierView.render(current, request, failedAction: nil, form: form, status: Problem(error).status)
        }
    }

    func download(_ request: Request) async throws -> Response {
        let dossier = try await request.visibleDossier(request.parameters.get("code") ?? "")
        guard let id = request.parameters.get("id").flatMap(UUID.init(uuidString:)),
            let file = try await request.store.dossierFiles.find(id: id), file.dossierID == dossier.id
        else { throw DomainError.notFound("upload.not_found") }
        return try await request.download(file, named: file.originalName)
    }
}
