import FluentKit
import SQLKit

/// Who opened which citizen's dossier, when and why (Decree 13/2023/NĐ-CP): one row per officer, dossier,
/// day and purpose.
struct M0032CreatePersonalDataAccess: AsyncMigration {
    var name: String { "0032_create_personal_data_access" }

    func prepare(on database: any Database) async throws {
        try await database.schema("personal_data_access")
            .id()
            .field("dossier_id", .uuid, .required)
            .field("dossier_code", .string, .required)
            .field("user_id", .uuid, .required)
            .field("username", .string, .required)
            .field("full_name", .string, .required)
            .field("unit_name", .string, .required)
            .field("purpose", .string, .required)
            .field("day", .string, .required)
            .field("at", .datetime, .required)
            .unique(on: "dossier_id", "user_id", "day", "purpose")
            .create()
        guard let sql = database as? any SQLDatabase else { return }
        try await sql.create(index: "personal_data_access_at").on("personal_data_access").column("at").run()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("personal_data_access").delete()
    }
}
