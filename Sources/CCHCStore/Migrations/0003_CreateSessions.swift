import FluentKit
import SQLKit

/// Browser sessions live in the database so that several app instances behind one address share them.
struct M0003CreateSessions: AsyncMigration {
    var name: String { "0003_create_sessions" }

    func prepare(on database: any Database) async throws {
        try await database.schema("sessions")
            .id()
            .field("token_hash", .string, .required)
            .field("user_id", .uuid, .required, .references("users", "id"))
            .field("csrf_token", .string, .required)
            .field("address", .string)
            .field("user_agent", .string)
            .field("created_at", .datetime, .required)
            .field("expires_at", .datetime, .required)
            .field("last_seen_at", .datetime, .required)
            .unique(on: "token_hash")
            .create()
        let sql = database as! any SQLDatabase
        try await sql.create(index: "sessions_user_id_idx").on("sessions").column("user_id").run()
        try await sql.create(index: "sessions_expires_at_idx").on("sessions").column("expires_at").run()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("sessions").delete()
    }
}
