import CCHCCore
import Vapor
import WorkCalendar

/// Thông báo: the wording of every message by version, the channels the deployment configured, and the
/// outbox (what went, what waits, what failed and why). Reform staff and the steering committee read it;
/// an administrator sets a new wording from a day, with why.
struct NotificationsController {
    static let path = "/admin/notifications"

    func register(_ routes: any RoutesBuilder) {
        routes.access(.permission(.viewSettings)).get("admin", "notifications", use: index)
        let admins = routes.access(.permission(.manageSettings))
        admins.get("admin", "notifications", "templates", ":kind", use: edit)
        admins.post("admin", "notifications", "templates", ":kind", use: save)
    }

    struct TemplateRow: Encodable {
        var kind: String
        var name: String
        var audience: String
        var placeholders: String
        var subject: String
        var body: String
        var englishBody: String?
    }

    struct VersionRow: Encodable {
        var version: Int
        var from: String
        var inForce: Bool
        var setBy: String
        var setAt: String
        var reason: String
    }

    struct MessageRow: Encodable {
        var createdAt: String
        var kind: String
        var channel: String
        var recipient: String
        var state: String
        var stateName: String
        var attempts: Int
        var error: String?
    }

    struct Page: Encodable {
        var channels: [String]
        var counts: [String]
        var version: Int
        var versionFrom: String
        var versions: [VersionRow]
        var templates: [TemplateRow]
        var messages: [MessageRow]
        var canEdit: Bool
    }

    func index(_ request: Request) async throws -> Response {
        let history = try await request.store.notifications.templatesHistory()
        let current = history.inForce(on: request.today)
        let config = request.application.config.notifications
        let counts = try await request.store.notifications.stateCounts()
        let page = Page(
            channels: [
                request.t("notification.channel.email") + ": "
                    + (config.smtp.map { "\($0.implicitTLS ? "smtps" : "smtp")://\($0.host):\($0.port)" } ?? request.t("notification.not_configured")),
                request.t("notification.channel.sms") + ": "
                    + (config.webhook.map { URI(string: $0.url).host ?? $0.url } ?? request.t("notification.not_configured")),
            ],
            counts: [OutboxMessage.State.pending, .sent, .failed].map { request.t("notification.state.\($0.rawValue)") + ": \(counts[$0] ?? 0)" },
            version: current?.version ?? 0, versionFrom: current?.effectiveFrom.vietnameseFormat ?? "—",
            versions: history.versions.reversed().map { version in
                VersionRow(
                    version: version.version, from: version.effectiveFrom.vietnameseFormat, inForce: version.isInForce(on: request.today),
                    setBy: version.setBy, setAt: DisplayFormat.dateTime(version.setAt), reason: version.reason)
            },
            templates: NotificationKind.allCases.map { kind in
                let rules = current?.rules
                return TemplateRow(
                    kind: kind.rawValue, name: request.t(kind.messageKey),
                    audience: request.t(kind.isForCitizens ? "notification.audience.citizen" : "notification.audience.officer"),
                    placeholders: kind.placeholders.sorted().map { "{\($0)}" }.joined(separator: " "),
                    subject: rules?.templates[kind.rawValue]?["vi"]?.subject ?? "", body: rules?.templates[kind.rawValue]?["vi"]?.body ?? "",
                    englishBody: rules?.templates[kind.rawValue]?["en"]?.body)
            },
            messages: try await request.store.notifications.recent(limit: 50).map { message in
                MessageRow(
                    createdAt: DisplayFormat.dateTime(message.createdAt), kind: request.t(message.kind.messageKey),
                    channel: request.t(message.channel.messageKey), recipient: message.maskedRecipient, state: message.state.rawValue,
                    stateName: request.t("notification.state.\(message.state.rawValue)"), attempts: message.attempts,
                    error: message.lastError.map { Self.errorText($0, request) })
            },
            canEdit: request.currentUser?.can(.manageSettings) ?? false)
        return try await request.render("notifications/index", title: request.t("notification.title"), page)
    }

    /// A reason cchc gave, translated; a server's or gateway's own words after a translated lead.
    static func errorText(_ stored: String, _ request: Request) -> String {
        stored.hasPrefix("notification.error.") ? request.t(stored) : request.t("notification.error.server") + " " + stored
    }

    // MARK: - Editing one kind's wording

    struct EditPage: Encodable {
        var kind: String
        var name: String
        var placeholders: String
        var form: FormState
    }

    static let fieldNames = ["viSubject", "viBody", "enSubject", "enBody", "effectiveFrom", "reason", "expectedLatestVersion"]

    func edit(_ request: Request) async throws -> Response {
        let kind = try Self.kind(request)
        let history = try await request.store.notifications.templatesHistory()
        let rules = history.inForce(on: request.today)?.rules ?? .standard
        let form = FormState(values: [
            "viSubject": rules.templates[kind.rawValue]?["vi"]?.subject ?? "", "viBody": rules.templates[kind.rawValue]?["vi"]?.body ?? "",
            "enSubject": rules.templates[kind.rawValue]?["en"]?.subject ?? "", "enBody": rules.templates[kind.rawValue]?["en"]?.body ?? "",
            "effectiveFrom": request.today.description, "expectedLatestVersion": String(history.latest?.version ?? 0), "reason": "",
        ])
        return try await renderEdit(request, kind: kind, form: form)
    }

    func save(_ request: Request) async throws -> Response {
        let kind = try Self.kind(request)
        let user = try request.requireUser()
        let values = try request.form.fields.filter { Self.fieldNames.contains($0.key) }
        let history = try await request.store.notifications.templatesHistory()
        var rules = history.latest?.rules ?? .standard
        var wording: [String: NotificationTemplates.Template] = [
            "vi": .init(subject: values["viSubject"] ?? "", body: values["viBody"] ?? "")
        ]
        if !(values["enBody"] ?? "").trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
            wording["en"] = .init(subject: values["enSubject"] ?? "", body: values["enBody"] ?? "")
        }
        rules.templates[kind.rawValue] = wording
        do {
            guard let from = LocalDate(flexible: values["effectiveFrom"] ?? "") else {
                throw DomainError.validation([FieldError("effectiveFrom", "error.date_invalid")])
            }
            let expected = Int(values["expectedLatestVersion"] ?? "") ?? 0
            let added = try await NotificationService(store: request.store).proposeTemplates(
                rules, effectiveFrom: from, reason: values["reason"] ?? "", by: user, now: request.now, expectedLatest: expected == 0 ? nil : expected)
            return request.redirect(
                to: Self.path, flash: "flash.settings_saved", ["version": String(added.version), "date": added.effectiveFrom.vietnameseFormat])
        } catch let error as DomainError where error.kind == .validation || error.kind == .conflict {
            var form = FormState(values: values)
            form.show(Self.formError(error, kind: kind), request)
            return try await renderEdit(request, kind: kind, form: form, status: Problem(error).status)
        }
    }

    /// The core names `templates.KIND.vi.body`; the form's field is `viBody`. Errors of other kinds (a
    /// version set before a kind existed) are left as they are.
    static func formError(_ error: DomainError, kind: NotificationKind) -> DomainError {
        guard error.kind == .validation else { return error }
        let prefix = "templates.\(kind.rawValue)."
        return DomainError.validation(
            error.fields.map { field in
                guard field.field.hasPrefix(prefix) else { return field }
                let parts = field.field.dropFirst(prefix.count).split(separator: ".")
                guard parts.count == 2 else { return field }
                return FieldError(parts[0] + parts[1].prefix(1).uppercased() + parts[1].dropFirst(), field.code, field.arguments)
            })
    }

    private static func kind(_ request: Request) throws -> NotificationKind {
        guard let kind = request.parameters.get("kind").flatMap(NotificationKind.init(rawValue:)) else {
            throw DomainError.notFound("notification.kind.not_found")
        }
        return kind
    }

    private func renderEdit(_ request: Request, kind: NotificationKind, form: FormState, status: HTTPStatus = .ok) async throws -> Response {
        let page = EditPage(
            kind: kind.rawValue, name: request.t(kind.messageKey), placeholders: kind.placeholders.sorted().map { "{\($0)}" }.joined(separator: " "),
            form: form)
        return try await request.render("notifications/edit", title: request.t("notification.edit_title", ["name": page.name]), page, status: status)
    }
}
