import FluentKit
import SQLKit

/// Days a province changes in the working calendar (a new Government decision), with their legal basis.
/// Rows are never deleted: removing an override stamps it, with who and why.
struct M0006CreateCalendarOverrides: AsyncMigration {
    var name: String { "0006_create_calendar_overrides" }

    func prepare(on database: any Database) async throws {
        try await database.schema("calendar_overrides")
            .id()
            .field("date", .string, .required)
            .field("kind", .string, .required)
            .field("name", .string, .required)
            .field("legal_basis", .string, .required)
            .field("created_by_username", .string, .required)
            .field("created_at", .datetime, .required)
            .field("removed_at", .datetime)
            .field("removed_by_username", .string)
            .field("removal_reason", .string)
            .create()
        let sql = database as! any SQLDatabase
        try await sql.create(index: "calendar_overrides_date_idx").on("calendar_overrides").column("date").run()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("calendar_overrides").delete()
    }
}
