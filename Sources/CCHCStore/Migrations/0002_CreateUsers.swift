import FluentKit
import SQLKit

struct M0002CreateUsers: AsyncMigration {
    var name: String { "0002_create_users" }

    func prepare(on database: any Database) async throws {
        try await database.schema("users")
            .id()
            .field("username", .string, .required)
            .field("full_name", .string, .required)
            .field("password_hash", .string, .required)
            .field("role", .string, .required)
            .field("unit_id", .uuid, .references("units", "id"))
            .field("is_active", .bool, .required)
            .field("is_demo", .bool, .required)
            .field("search_text", .string, .required)
            .field("version", .int, .required)
            .field("password_changed_at", .datetime, .required)
            .field("created_at", .datetime, .required)
            .field("updated_at", .datetime, .required)
            .unique(on: "username")
            .create()
        let sql = database as! any SQLDatabase
        try await sql.create(index: "users_unit_id_idx").on("users").column("unit_id").run()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("users").delete()
    }
}
