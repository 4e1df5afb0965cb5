import CCHCCore
import Foundation
import SQLKit

struct FluentNotificationRepository: NotificationRepository {
    let handle: DatabaseHandle
    static let preferencesTable = "notification_preferences"
    private var templates: RuleSetTable<NotificationTemplates> {
        RuleSetTable(table: "rule_sets", kind: "notification_templates", handle: handle)
    }

    func enqueue(_ requests: [NotificationRequest], at now: Date) async throws {
        guard !requests.isEmpty else { return }
        try await handle.writeSQL { sql in try await NotificationRows.enqueue(requests, at: now, on: sql) }
    }

    // MARK: Preferences

    func preferences(userID: UUID) async throws -> NotificationPreferences? {
        try await handle.sql.select().column("*").from(Self.preferencesTable).where("user_id", .equal, userID).first().map(Self.preferences(from:))
    }

    func save(_ preferences: NotificationPreferences) async throws {
        let channels = NotificationChannel.allCases.filter(preferences.channels.contains).map(\.rawValue).joined(separator: ",")
        try await handle.writeSQL { sql in
            try await sql.raw(
                """
                INSERT INTO notification_preferences (user_id, email, phone, channels, language, updated_at) VALUES \
                (\(bind: preferences.userID), \(bind: preferences.email), \(bind: preferences.phone), \(bind: channels), \
                \(bind: preferences.language), \(bind: preferences.updatedAt)) ON CONFLICT (user_id) DO UPDATE SET \
                email = excluded.email, phone = excluded.phone, channels = excluded.channels, language = excluded.language, \
                updated_at = excluded.updated_at
                """
            ).run()
        }
    }

    static func preferences(from row: any SQLRow) throws -> NotificationPreferences {
        let channels = try row.decode(column: "channels", as: String.self).split(separator: ",").compactMap { NotificationChannel(rawValue: String($0)) }
        return NotificationPreferences(
            userID: try row.decode(column: "user_id", as: UUID.self), email: try row.decode(column: "email", as: String.self),
            phone: try row.decode(column: "phone", as: String.self), channels: Set(channels), language: try row.decode(column: "language", as: String.self),
            updatedAt: try row.decode(column: "updated_at", as: Date.self))
    }

    // MARK: Templates

    func templatesHistory() async throws -> NotificationTemplatesHistory {
        NotificationTemplatesHistory(try await templates.versions())
    }

    func addTemplates(_ added: NotificationTemplatesVersion, closing closed: NotificationTemplatesVersion?) async throws {
        try await templates.add(added, closing: closed)
    }

    // MARK: Outbox

    func claimDue(now: Date, leaseUntil: Date, limit: Int) async throws -> [OutboxMessage] {
        try await handle.writeSQL { sql in
            let due = try await sql.select().column("*").from(NotificationRows.table)
                .where("state", .equal, OutboxMessage.State.pending.rawValue).where("next_attempt_at", .lessThanOrEqual, now)
                .where { $0.where("leased_until", .is, SQLLiteral.null).orWhere("leased_until", .lessThan, now) }
                .orderBy("next_attempt_at").limit(limit).all()
            var claimed: [OutboxMessage] = []
            for row in due {
                let message = try Self.message(from: row)
                let taken = try await sql.update(NotificationRows.table).set("leased_until", to: leaseUntil).where("id", .equal, message.id)
                    .where { $0.where("leased_until", .is, SQLLiteral.null).orWhere("leased_until", .lessThan, now) }
                    .returning("id").all()
                if !taken.isEmpty { claimed.append(message) }
            }
            return claimed
        }
    }

    func markSent(id: UUID, at: Date) async throws {
        try await handle.writeSQL { sql in
            try await sql.update(NotificationRows.table).set("state", to: OutboxMessage.State.sent.rawValue).set("sent_at", to: at)
                .set("attempts", to: SQLRaw("attempts + 1")).set("leased_until", to: SQLLiteral.null).set("last_error", to: SQLLiteral.null)
                .where("id", .equal, id).run()
        }
    }

    func markFailed(id: UUID, error: String, attempts: Int, retryAt: Date?) async throws {
        try await handle.writeSQL { sql in
            let update = sql.update(NotificationRows.table).set("attempts", to: attempts).set("last_error", to: String(error.prefix(500)))
                .set("leased_until", to: SQLLiteral.null)
            if let retryAt {
                update.set("next_attempt_at", to: retryAt)
            } else {
                update.set("state", to: OutboxMessage.State.failed.rawValue)
            }
            try await update.where("id", .equal, id).run()
        }
    }

    func recent(limit: Int) async throws -> [OutboxMessage] {
        try await handle.sql.select().column("*").from(NotificationRows.table).orderBy("created_at", .descending).limit(limit).all()
            .map(Self.message(from:))
    }

    func stateCounts() async throws -> [OutboxMessage.State: Int] {
        let rows = try await handle.sql.select().column("state").column(SQLFunction("COUNT", args: SQLLiteral.all), as: "n")
            .from(NotificationRows.table).groupBy("state").all()
        var counts: [OutboxMessage.State: Int] = [:]
        for row in rows {
            if let state = OutboxMessage.State(rawValue: try row.decode(column: "state", as: String.self)) {
                counts[state] = try row.decode(column: "n", as: Int.self)
            }
        }
        return counts
    }

    func deleteFinished(before cutoff: Date) async throws -> Int {
        try await handle.writeSQL { sql in
            try await sql.delete(from: NotificationRows.table).where("state", .notEqual, OutboxMessage.State.pending.rawValue)
                .where("created_at", .lessThan, cutoff).returning("id").all().count
        }
    }

    static func message(from row: any SQLRow) throws -> OutboxMessage {
        let id = try row.decode(column: "id", as: UUID.self)
        guard let kind = NotificationKind(rawValue: try row.decode(column: "kind", as: String.self)),
            let channel = NotificationChannel(rawValue: try row.decode(column: "channel", as: String.self)),
            let state = OutboxMessage.State(rawValue: try row.decode(column: "state", as: String.self))
        else { throw StoreError.corruptRow(table: NotificationRows.table, id: id) }
        return OutboxMessage(
            id: id, kind: kind, channel: channel, recipient: try row.decode(column: "recipient", as: String.self),
            language: try row.decode(column: "language", as: String.self),
            parameters: try JSONCoding.decode([String: String].self, try row.decode(column: "parameters", as: String.self)),
            createdAt: try row.decode(column: "created_at", as: Date.self), attempts: try row.decode(column: "attempts", as: Int.self),
            nextAttemptAt: try row.decode(column: "next_attempt_at", as: Date.self), state: state,
            sentAt: try row.decode(column: "sent_at", as: Date?.self), lastError: try row.decode(column: "last_error", as: String?.self))
    }
}
