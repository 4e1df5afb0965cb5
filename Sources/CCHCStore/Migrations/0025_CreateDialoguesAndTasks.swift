import FluentKit
import SQLKit

/// Dialogue sessions and the tasks put to units: each a JSON document with the columns its lists filter on.
struct M0025CreateDialoguesAndTasks: AsyncMigration {
    var name: String { "0025_create_dialogues_and_tasks" }

    func prepare(on database: any Database) async throws {
        try await database.schema("dialogue_sessions")
            .id()
            .field("code", .string, .required)
            .field("unit_id", .uuid, .required)
            .field("held_on", .string, .required)
            .field("document", .string, .required)
            .field("version", .int, .required)
            .field("updated_at", .datetime, .required)
            .unique(on: "code")
            .create()
        try await database.schema("assigned_tasks")
            .id()
            .field("code", .string, .required)
            .field("unit_id", .uuid, .required)
            .field("state", .string, .required)
            .field("due_on", .string, .required)
            .field("source_kind", .string, .required)
            .field("source_reference", .string, .required)
            .field("document", .string, .required)
            .field("version", .int, .required)
            .field("updated_at", .datetime, .required)
            .unique(on: "code")
            .create()
        let sql = database as! any SQLDatabase
        try await sql.create(index: "dialogue_sessions_unit_day").on("dialogue_sessions").column("unit_id").column("held_on").run()
        try await sql.create(index: "assigned_tasks_unit_state").on("assigned_tasks").column("unit_id").column("state").column("due_on").run()
        try await sql.create(index: "assigned_tasks_source").on("assigned_tasks").column("source_kind").column("source_reference").run()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("assigned_tasks").delete()
        try await database.schema("dialogue_sessions").delete()
    }
}
