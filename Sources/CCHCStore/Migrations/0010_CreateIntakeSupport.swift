import FluentKit
import SQLKit

/// What intake needs besides the dossier: the daily code counters, uploaded files, idempotency keys for
/// API retries, and the counters that rate-limit guessing at public lookups.
struct M0010CreateIntakeSupport: AsyncMigration {
    var name: String { "0010_create_intake_support" }

    func prepare(on database: any Database) async throws {
        try await database.schema("dossier_code_counters")
            .field("unit_code", .string, .required)
            .field("day", .string, .required)
            .field("last_value", .int, .required)
            .unique(on: "unit_code", "day")
            .create()

        try await database.schema("dossier_files")
            .id()
            .field("dossier_id", .uuid)
            .field("component_index", .int, .required)
            .field("original_name", .string, .required)
            .field("content_type", .string, .required)
            .field("size", .int, .required)
            .field("sha256", .string, .required)
            .field("storage_path", .string, .required)
            .field("uploaded_by", .string, .required)
            .field("uploaded_at", .datetime, .required)
            .create()
        let sql = database as! any SQLDatabase
        try await sql.create(index: "dossier_files_dossier_idx").on("dossier_files").column("dossier_id").run()

        try await database.schema("idempotency_keys")
            .id()
            .field("owner", .string, .required)
            .field("key", .string, .required)
            .field("request_hash", .string, .required)
            .field("status", .int, .required)
            .field("response", .string, .required)
            .field("created_at", .datetime, .required)
            .unique(on: "owner", "key")
            .create()

        try await database.schema("throttle_events")
            .id()
            .field("scope", .string, .required)
            .field("key", .string, .required)
            .field("occurred_at", .datetime, .required)
            .create()
        try await sql.create(index: "throttle_events_idx").on("throttle_events").column("scope").column("key").column("occurred_at").run()
    }

    func revert(on database: any Database) async throws {
        for table in ["throttle_events", "idempotency_keys", "dossier_files", "dossier_code_counters"] {
            try await database.schema(table).delete()
        }
    }
}
