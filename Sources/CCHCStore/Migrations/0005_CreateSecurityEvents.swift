import FluentKit
import SQLKit

/// Login attempts, locks, role changes, tokens. Also the source of login throttling, hence the indexes.
struct M0005CreateSecurityEvents: AsyncMigration {
    var name: String { "0005_create_security_events" }

    func prepare(on database: any Database) async throws {
        try await database.schema("security_events")
            .id()
            .field("kind", .string, .required)
            .field("occurred_at", .datetime, .required)
            .field("username", .string)
            .field("user_id", .uuid)
            .field("actor_id", .uuid)
            .field("actor_username", .string)
            .field("address", .string)
            .field("detail", .string, .required)
            .create()
        let sql = database as! any SQLDatabase
        try await sql.create(index: "security_events_username_idx").on("security_events")
            .column("username").column("kind").column("occurred_at").run()
        try await sql.create(index: "security_events_address_idx").on("security_events")
            .column("address").column("kind").column("occurred_at").run()
        try await sql.create(index: "security_events_occurred_at_idx").on("security_events").column("occurred_at").run()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("security_events").delete()
    }
}
