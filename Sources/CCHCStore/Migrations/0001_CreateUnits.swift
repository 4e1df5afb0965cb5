import FluentKit
import SQLKit

struct M0001CreateUnits: AsyncMigration {
    var name: String { "0001_create_units" }

    func prepare(on database: any Database) async throws {
        try await database.schema("units")
            .id()
            .field("code", .string, .required)
            .field("name", .string, .required)
            .field("short_name", .string, .required)
            .field("kind", .string, .required)
            .field("parent_id", .uuid, .references("units", "id"))
            .field("effective_from", .string, .required)
            .field("effective_to", .string)
            .field("successor_id", .uuid, .references("units", "id"))
            .field("search_text", .string, .required)
            .field("version", .int, .required)
            .field("created_at", .datetime, .required)
            .field("updated_at", .datetime, .required)
            .unique(on: "code")
            .create()
        let sql = database as! any SQLDatabase
        try await sql.create(index: "units_parent_id_idx").on("units").column("parent_id").run()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("units").delete()
    }
}
