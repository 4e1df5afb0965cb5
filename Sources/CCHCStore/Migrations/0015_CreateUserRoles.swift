import FluentKit
import SQLKit

/// The roles an account holds beyond its main one (`users.role`, `users.unit_id`), in order.
struct M0015CreateUserRoles: AsyncMigration {
    var name: String { "0015_create_user_roles" }

    func prepare(on database: any Database) async throws {
        try await database.schema("user_roles")
            .field("user_id", .uuid, .required, .references("users", "id"))
            .field("position", .int, .required)
            .field("role", .string, .required)
            .field("unit_id", .uuid, .references("units", "id"))
            .unique(on: "user_id", "position")
            .create()
        let sql = database as! any SQLDatabase
        try await sql.create(index: "user_roles_role_idx").on("user_roles").column("role").column("unit_id").run()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("user_roles").delete()
    }
}
