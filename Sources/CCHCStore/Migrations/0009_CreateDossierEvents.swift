import FluentKit
import SQLKit

/// Append-only events of every dossier, numbered in one sequence and chained by hash. The chain's head
/// (last number and hash) lives in its own one-row table, so that a missing tail is detected too.
struct M0009CreateDossierEvents: AsyncMigration {
    var name: String { "0009_create_dossier_events" }

    func prepare(on database: any Database) async throws {
        try await database.schema("dossier_events")
            .id()
            .field("sequence", .int64, .required)
            .field("dossier_id", .uuid, .required, .references("dossiers", "id"))
            .field("action", .string, .required)
            .field("status_before", .int)
            .field("status_after", .int, .required)
            .field("actor_username", .string, .required)
            .field("actor_name", .string, .required)
            .field("actor_role", .string)
            .field("unit_id", .uuid)
            .field("occurred_at", .datetime, .required)
            .field("occurred_ms", .int64, .required)
            .field("details", .string, .required)
            .field("previous_hash", .string, .required)
            .field("hash", .string, .required)
            .unique(on: "sequence")
            .create()
        let sql = database as! any SQLDatabase
        try await sql.create(index: "dossier_events_dossier_idx").on("dossier_events").column("dossier_id").column("sequence").run()

        try await database.schema("audit_chain")
            .field("id", .int, .identifier(auto: false))
            .field("last_sequence", .int64, .required)
            .field("last_hash", .string, .required)
            .create()
        try await sql.insert(into: "audit_chain").columns("id", "last_sequence", "last_hash")
            .values(SQLBind(1), SQLBind(0), SQLBind(String(repeating: "0", count: 64))).run()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("audit_chain").delete()
        try await database.schema("dossier_events").delete()
    }
}
