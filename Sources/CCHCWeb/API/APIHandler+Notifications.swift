import CCHCCore
import Foundation
import WorkCalendar

extension APIHandler {
    func getNotificationPreferences(_ input: Operations.GetNotificationPreferences.Input) async throws -> Operations.GetNotificationPreferences.Output {
        let request = try self.request
        let user = try request.requireUser()
        let saved = try await NotificationService(store: request.store).preferences(of: user)
        return .ok(.init(body: .json(.init(saved, language: request.language.rawValue))))
    }

    func setNotificationPreferences(_ input: Operations.SetNotificationPreferences.Input) async throws -> Operations.SetNotificationPreferences.Output {
        let request = try self.request
        let body =
            switch input.body {
            case .json(let json): json
            }
        // The document's limits, checked before the addresses are cleaned (cleaning could shorten them).
        var malformed: [FieldError] = []
        if body.email.count > 254 { malformed.append(FieldError("email", "error.too_long", ["max": "254"])) }
        if body.phone.count > 20 { malformed.append(FieldError("phone", "error.too_long", ["max": "20"])) }
        if Set(body.channels).count != body.channels.count { malformed.append(FieldError("channels", "error.invalid_value")) }
        if !malformed.isEmpty { throw Problem.malformed(malformed) }
        let saved = try await NotificationService(store: request.store).savePreferences(
            of: try request.requireUser(), email: body.email, phone: body.phone,
            channels: Set(body.channels.compactMap { NotificationChannel(rawValue: $0.rawValue) }), language: body.language.rawValue, now: request.now)
        return .ok(.init(body: .json(.init(saved, language: saved.language))))
    }

    func getNotificationTemplates(_ input: Operations.GetNotificationTemplates.Input) async throws -> Operations.GetNotificationTemplates.Output {
        let request = try self.request
        let history = try await request.store.notifications.templatesHistory()
        let today = request.today
        return .ok(
            .init(
                body: .json(
                    .init(
                        current: history.inForce(on: today).map { .init($0, today: today) }, versions: history.versions.map { .init($0, today: today) }))))
    }

    func createNotificationTemplatesVersion(
        _ input: Operations.CreateNotificationTemplatesVersion.Input
    ) async throws -> Operations.CreateNotificationTemplatesVersion.Output {
        let request = try self.request
        let body =
            switch input.body {
            case .json(let json): json
            }
        var malformed: [FieldError] = []
        if LocalDate(body.effectiveFrom) == nil { malformed.append(FieldError("effectiveFrom", "error.date_invalid")) }
        if !(1...24).contains(body.templates.count) { malformed.append(FieldError("templates", "error.invalid_value")) }
        for (index, template) in body.templates.enumerated() {
            if template.subject.count > NotificationTemplates.maximumSubjectLength {
                malformed.append(FieldError("templates.\(index).subject", "error.too_long", ["max": String(NotificationTemplates.maximumSubjectLength)]))
            }
            if template.body.isEmpty || template.body.count > NotificationTemplates.maximumBodyLength {
                malformed.append(FieldError("templates.\(index).body", "error.too_long", ["max": String(NotificationTemplates.maximumBodyLength)]))
            }
        }
        guard malformed.isEmpty, let from = LocalDate(body.effectiveFrom) else { throw Problem.malformed(malformed) }
        let service = NotificationService(store: request.store)
        var rules = try await service.templatesHistory().latest?.rules ?? .standard
        for template in body.templates {
            rules.templates[template.kind.rawValue, default: [:]][template.language.rawValue] = .init(subject: template.subject, body: template.body)
        }
        let added = try await service.proposeTemplates(
            rules, effectiveFrom: from, reason: body.reason, by: try request.requireUser(), now: request.now,
            expectedLatest: body.expectedLatestVersion == 0 ? nil : body.expectedLatestVersion)
        return .created(.init(body: .json(.init(added, today: request.today))))
    }
}

extension Components.Schemas.NotificationPreferences {
    init(_ saved: NotificationPreferences?, language: String) {
        self.init(
            saved: saved != nil, email: saved?.email ?? "", phone: saved?.phone ?? "",
            channels: NotificationChannel.allCases.filter { saved?.channels.contains($0) ?? false }.compactMap { .init(rawValue: $0.rawValue) },
            language: .init(rawValue: saved?.language ?? language) ?? .vi)
    }
}

extension Components.Schemas.NotificationTemplatesVersion {
    init(_ version: NotificationTemplatesVersion, today: LocalDate) {
        let templates = NotificationKind.allCases.flatMap { kind in
            NotificationTemplates.languages.compactMap { language -> Components.Schemas.NotificationTemplate? in
                guard let wording = version.rules.templates[kind.rawValue]?[language], let kind = Components.Schemas.NotificationKind(rawValue: kind.rawValue),
                    let language = Components.Schemas.NotificationLanguage(rawValue: language)
                else { return nil }
                return .init(kind: kind, language: language, subject: wording.subject, body: wording.body)
            }
        }
        self.init(
            version: version.version, effectiveFrom: version.effectiveFrom.description, effectiveTo: version.effectiveTo?.description,
            setBy: version.setBy, reason: version.reason, setAt: version.setAt, inForce: version.isInForce(on: today), templates: templates)
    }
}
