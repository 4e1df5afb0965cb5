import Foundation
import WorkCalendar

/// Messages to citizens and officers: the templates by version, each account's channels, and delivery of
/// the outbox with retries.
public struct NotificationService: Sendable {
    public var store: any Store

    public init(store: any Store) {
        self.store = store
    }

    // MARK: Templates

    public func templatesHistory() async throws -> NotificationTemplatesHistory {
        try await store.notifications.templatesHistory()
    }

    /// Version 1, the standard wording, where there is none.
    public func bootstrap(now: Date) async throws {
        guard try await store.notifications.templatesHistory().latest == nil else { return }
        let first = NotificationTemplatesVersion(
            version: 1, effectiveFrom: LocalDate(year: 2000, month: 1, day: 1)!, rules: .standard, setBy: "system",
            reason: "Mẫu thông báo mặc định của cchc", setAt: now)
        do {
            try await store.notifications.addTemplates(first, closing: nil)
        } catch let error as DomainError where error.kind == .conflict {}  // Another instance wrote it first.
    }

    /// A new version of the wording from `effectiveFrom`, every wrong placeholder named.
    public func proposeTemplates(
        _ templates: NotificationTemplates, effectiveFrom: LocalDate, reason: String, by user: User, now: Date, expectedLatest: Int?
    ) async throws -> NotificationTemplatesVersion {
        guard user.can(.manageSettings) else { throw DomainError(.forbidden, "auth.forbidden") }
        let (added, closed) = try await store.notifications.templatesHistory().adding(
            templates, ruleErrors: templates.errors(), effectiveFrom: effectiveFrom, reason: reason, setBy: user.username, now: now,
            expectedLatest: expectedLatest)
        try await store.notifications.addTemplates(added, closing: closed)
        return added
    }

    // MARK: Preferences

    public func preferences(of user: User) async throws -> NotificationPreferences? {
        try await store.notifications.preferences(userID: user.id)
    }

    public func savePreferences(
        of user: User, email: String, phone: String, channels: Set<NotificationChannel>, language: String, now: Date
    ) async throws -> NotificationPreferences {
        let preferences = try NotificationPreferences.checked(
            userID: user.id, email: email, phone: phone, channels: channels, language: language, now: now)
        try await store.notifications.save(preferences)
        return preferences
    }

    // MARK: Delivery

    /// How long a claimed message is the claimer's before another instance may try it.
    public static let lease: TimeInterval = 120
    /// A message not sent within this long of what caused it is dropped as stale (after a long outage, or
    /// for a history imported with its events): "received" two weeks late misleads more than it helps.
    public static let maximumAge: TimeInterval = 3 * 86400

    /// Sends what is due: each message rendered under the templates in force now, through its channel's
    /// sender. A channel without a sender fails the message for good, saying so.
    public func deliver(
        now: Date, senders: [NotificationChannel: any NotificationSender], publicURL: String, limit: Int = 100
    ) async throws -> (sent: Int, failed: Int) {
        let messages = try await store.notifications.claimDue(now: now, leaseUntil: now.addingTimeInterval(Self.lease), limit: limit)
        guard !messages.isEmpty else { return (0, 0) }
        guard let templates = try await templatesHistory().inForce(on: VietnamTime.localDate(of: now))?.rules else {
            throw DomainError(.notFound, "notification.templates.none")
        }
        var result = (sent: 0, failed: 0)
        for message in messages {
            let attempts = message.attempts + 1
            do {
                guard now.timeIntervalSince(message.createdAt) <= Self.maximumAge else {
                    throw NotificationDeliveryError("notification.error.stale", isTemporary: false)
                }
                guard let sender = senders[message.channel] else {
                    throw NotificationDeliveryError("notification.error.not_configured.\(message.channel.rawValue)", isTemporary: false)
                }
                try await sender.send(Self.render(message, templates: templates, publicURL: publicURL))
                try await store.notifications.markSent(id: message.id, at: now)
                result.sent += 1
            } catch {
                let temporary = (error as? NotificationDeliveryError)?.isTemporary ?? true
                let retryAt = temporary ? OutboxRetry.nextAttempt(after: attempts, from: now) : nil
                try await store.notifications.markFailed(id: message.id, error: String(describing: error), attempts: attempts, retryAt: retryAt)
                result.failed += 1
            }
        }
        return result
    }

    /// The message's text: its kind's template in its language with the parameters filled, the link made
    /// absolute.
    public static func render(_ message: OutboxMessage, templates: NotificationTemplates, publicURL: String) -> RenderedNotification {
        var parameters = message.parameters
        if let link = parameters["link"], link.hasPrefix("/") { parameters["link"] = publicURL + link }
        let template = templates.template(message.kind, language: message.language) ?? NotificationTemplates.Template(subject: "", body: "")
        return RenderedNotification(
            id: message.id, kind: message.kind, channel: message.channel, recipient: message.recipient,
            subject: NotificationTemplates.fill(template.subject, with: parameters), body: NotificationTemplates.fill(template.body, with: parameters))
    }
}
