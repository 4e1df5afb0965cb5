import FluentKit
import SQLKit

/// The notification outbox (one row per message, recipient and channel) and the channels each account
/// accepts. `once_key` is unique, so a reminder found again by the next run of a job adds nothing.
struct M0031CreateNotifications: AsyncMigration {
    var name: String { "0031_create_notifications" }

    func prepare(on database: any Database) async throws {
        try await database.schema("notification_outbox")
            .id()
            .field("kind", .string, .required)
            .field("channel", .string, .required)
            .field("recipient", .string, .required)
            .field("language", .string, .required)
            .field("parameters", .string, .required)
            .field("once_key", .string)
            .field("state", .string, .required)
            .field("attempts", .int, .required)
            .field("next_attempt_at", .datetime, .required)
            .field("leased_until", .datetime)
            .field("created_at", .datetime, .required)
            .field("sent_at", .datetime)
            .field("last_error", .string)
            .unique(on: "once_key")
            .create()
        try await database.schema("notification_preferences")
            .field("user_id", .uuid, .identifier(auto: false))
            .field("email", .string, .required)
            .field("phone", .string, .required)
            .field("channels", .string, .required)
            .field("language", .string, .required)
            .field("updated_at", .datetime, .required)
            .create()
        guard let sql = database as? any SQLDatabase else { return }
        try await sql.create(index: "notification_outbox_due").on("notification_outbox").column("state").column("next_attempt_at").run()
        try await sql.create(index: "notification_outbox_created").on("notification_outbox").column("created_at").run()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("notification_preferences").delete()
        try await database.schema("notification_outbox").delete()
    }
}
