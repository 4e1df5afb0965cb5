import FluentKit
import SQLKit

/// Procedures, one row per version. Components and steps are JSON documents: they are read and written
/// with the procedure, never queried on their own.
struct M0007CreateProcedures: AsyncMigration {
    var name: String { "0007_create_procedures" }

    func prepare(on database: any Database) async throws {
        try await database.schema("procedures")
            .id()
            .field("code", .string, .required)
            .field("version", .int, .required)
            .field("name", .string, .required)
            .field("field", .string, .required)
            .field("competent_unit_id", .uuid, .references("units", "id"))
            .field("receiving_unit_ids", .string, .required)
            .field("time_unit", .string, .required)
            .field("time_value", .int, .required)
            .field("cutoff", .int)
            .field("supplement_rule", .string, .required)
            .field("fee", .int, .required)
            .field("fee_note", .string, .required)
            .field("components", .string, .required)
            .field("steps", .string, .required)
            .field("online_level", .string, .required)
            .field("effective_from", .string, .required)
            .field("effective_to", .string)
            .field("search_text", .string, .required)
            .field("created_at", .datetime, .required)
            .field("updated_at", .datetime, .required)
            .unique(on: "code", "version")
            .create()
        let sql = database as! any SQLDatabase
        try await sql.create(index: "procedures_field_idx").on("procedures").column("field").run()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("procedures").delete()
    }
}
