import FluentKit
import SQLKit

/// Dossiers: the columns queues filter and sort on, and the whole present state as a JSON document.
struct M0008CreateDossiers: AsyncMigration {
    var name: String { "0008_create_dossiers" }

    func prepare(on database: any Database) async throws {
        try await database.schema("dossiers")
            .id()
            .field("code", .string, .required)
            .field("procedure_id", .uuid, .required, .references("procedures", "id"))
            .field("procedure_code", .string, .required)
            .field("field", .string, .required)
            .field("channel", .string, .required)
            .field("status", .int, .required)
            .field("applicant_name", .string, .required)
            .field("citizen_user_id", .uuid)
            .field("receiving_point_id", .uuid)
            .field("receiving_unit_id", .uuid, .required, .references("units", "id"))
            .field("competent_unit_id", .uuid, .required)
            .field("current_unit_id", .uuid, .required)
            .field("submitted_at", .datetime, .required)
            .field("submitted_day", .string, .required)
            .field("accepted_at", .datetime)
            .field("due_at", .datetime)
            .field("nearing_due", .bool, .required)
            .field("overdue", .bool, .required)
            .field("timeliness", .string)
            .field("late_unit_id", .uuid)
            .field("search_text", .string, .required)
            .field("pin_hash", .string, .required)
            .field("document", .string, .required)
            .field("version", .int, .required)
            .field("created_at", .datetime, .required)
            .field("updated_at", .datetime, .required)
            .unique(on: "code")
            .create()
        let sql = database as! any SQLDatabase
        for (name, columns) in [
            // The queues' filters, counts and order come from these two indexes alone (no table rows read),
            // which keeps a queue page fast for a centre with a million dossiers.
            ("dossiers_received_queue_idx", ["receiving_unit_id", "status", "overdue", "nearing_due", "due_at", "id"]),
            ("dossiers_held_queue_idx", ["current_unit_id", "status", "overdue", "nearing_due", "due_at", "id"]),
            ("dossiers_received_day_idx", ["receiving_unit_id", "submitted_at"]),
            ("dossiers_deadline_idx", ["status", "due_at"]),
            ("dossiers_citizen_idx", ["citizen_user_id", "submitted_at"]),
        ] {
            var builder = sql.create(index: name).on("dossiers")
            for column in columns { builder = builder.column(column) }
            try await builder.run()
        }
    }

    func revert(on database: any Database) async throws {
        try await database.schema("dossiers").delete()
    }
}
