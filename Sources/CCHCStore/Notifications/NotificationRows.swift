import CCHCCore
import Foundation
import SQLKit

/// Turns notification requests into outbox rows inside the caller's transaction: one row per recipient and
/// accepted channel, the recipients resolved from the accounts' saved choices.
enum NotificationRows {
    static let table = "notification_outbox"

    struct Recipient {
        var channel: NotificationChannel
        var address: String
        var language: String
    }

    static func enqueue(_ requests: [NotificationRequest], at now: Date, on sql: any SQLDatabase) async throws {
        try await enqueue(requests.map { ($0, now) }, on: sql)
    }

    /// Requests each asked for at its own time, written in one statement.
    static func enqueue(_ requests: [(NotificationRequest, Date)], on sql: any SQLDatabase) async throws {
        guard !requests.isEmpty else { return }
        var rows: [(NotificationRequest, Recipient, Date)] = []
        for (request, at) in requests {
            for recipient in try await recipients(of: request.audience, on: sql) { rows.append((request, recipient, at)) }
        }
        guard !rows.isEmpty else { return }
        let insert = sql.insert(into: table).columns(
            "id", "kind", "channel", "recipient", "language", "parameters", "once_key", "state", "attempts", "next_attempt_at", "created_at")
        for (request, recipient, now) in rows {
            insert.values(
                SQLBind(UUID()), SQLBind(request.kind.rawValue), SQLBind(recipient.channel.rawValue), SQLBind(recipient.address),
                SQLBind(recipient.language), SQLBind(try JSONCoding.string(request.parameters)),
                SQLBind(request.onceKey.map { "\($0)|\(recipient.channel.rawValue)|\(recipient.address)" }),
                SQLBind(OutboxMessage.State.pending.rawValue), SQLBind(0), SQLBind(now), SQLBind(now))
        }
        try await sql.raw("\(insert.query) ON CONFLICT (once_key) DO NOTHING").run()
    }

    static func recipients(of audience: NotificationRequest.Audience, on sql: any SQLDatabase) async throws -> [Recipient] {
        switch audience {
        case .citizen(let contact):
            if let account = contact.accountID,
                let saved = try await sql.select().column("*").from(FluentNotificationRepository.preferencesTable).where("user_id", .equal, account)
                    .first()
            {
                return try recipients(of: FluentNotificationRepository.preferences(from: saved))
            }
            var found: [Recipient] = []
            if !contact.email.isEmpty { found.append(Recipient(channel: .email, address: contact.email, language: "vi")) }
            if !contact.phone.isEmpty { found.append(Recipient(channel: .sms, address: contact.phone, language: "vi")) }
            return found
        case .unitStaff(let unitID, let roles):
            let names = roles.map(\.rawValue)
            let rows = try await sql.raw(
                """
                SELECT p.* FROM notification_preferences p JOIN users u ON u.id = p.user_id WHERE u.is_active = \(bind: true) AND \
                ((u.unit_id = \(bind: unitID) AND u.role IN (\(binds: names))) OR \
                u.id IN (SELECT user_id FROM user_roles WHERE unit_id = \(bind: unitID) AND role IN (\(binds: names)))) ORDER BY p.user_id
                """
            ).all()
            return try rows.flatMap { try recipients(of: FluentNotificationRepository.preferences(from: $0)) }
        }
    }

    private static func recipients(of preferences: NotificationPreferences) -> [Recipient] {
        preferences.addresses.map { Recipient(channel: $0.0, address: $0.1, language: preferences.language) }
    }
}
