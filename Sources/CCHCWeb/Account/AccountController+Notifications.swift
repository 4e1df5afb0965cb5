import CCHCCore
import Vapor

extension AccountController {
    /// Where and how the signed-in user accepts messages: e-mail, text messages, both or neither.
    struct NotificationsPage: Encodable {
        var form: FormState
        var channels: [SelectOption]
        var languages: [SelectOption]
        var isCitizen: Bool
    }

    func notifications(_ request: Request) async throws -> Response {
        let user = try request.requireUser()
        let saved = try await NotificationService(store: request.store).preferences(of: user)
        var values = ["email": saved?.email ?? "", "phone": saved?.phone ?? "", "language": saved?.language ?? request.language.rawValue]
        for channel in saved?.channels ?? [] { values["channel_\(channel.rawValue)"] = "on" }
        return try await renderNotifications(request, form: FormState(values: values))
    }

    func saveNotifications(_ request: Request) async throws -> Response {
        let user = try request.requireUser()
        let fields = try request.form.fields
        let names = ["email", "phone", "language"] + NotificationChannel.allCases.map { "channel_\($0.rawValue)" }
        let values = fields.filter { names.contains($0.key) }
        let channels = Set(NotificationChannel.allCases.filter { values["channel_\($0.rawValue)"] == "on" })
        do {
            _ = try await NotificationService(store: request.store).savePreferences(
                of: user, email: values["email"] ?? "", phone: values["phone"] ?? "", channels: channels, language: values["language"] ?? "vi",
                now: request.now)
            return request.redirect(to: "/account/notifications", flash: "flash.notifications_saved")
        } catch let error as DomainError where error.kind == .validation {
            var form = FormState(values: values)
            form.show(error, request)
            return try await renderNotifications(request, form: form, status: .unprocessableEntity)
        }
    }

    private func renderNotifications(_ request: Request, form: FormState, status: HTTPStatus = .ok) async throws -> Response {
        let user = try request.requireUser()
        let page = NotificationsPage(
            form: form,
            channels: NotificationChannel.allCases.map {
                SelectOption(value: $0.rawValue, label: request.t($0.messageKey), selected: form.values["channel_\($0.rawValue)"] == "on")
            },
            languages: NotificationTemplates.languages.map {
                SelectOption(value: $0, label: request.t("notification.language.\($0)"), selected: form.values["language"] == $0)
            },
            isCitizen: user.role == .citizen)
        return try await request.render("account/notifications", title: request.t("notification.preferences.title"), page, status: status)
    }
}
