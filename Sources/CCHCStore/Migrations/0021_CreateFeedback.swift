import FluentKit
import SQLKit

/// Feedback (phản ánh, kiến nghị): the items with the columns their queues filter on and their whole state
/// as a document, and their events on a hash chain of their own (head: `audit_chain` row 2).
struct M0021CreateFeedback: AsyncMigration {
    var name: String { "0021_create_feedback" }

    func prepare(on database: any Database) async throws {
        try await database.schema("feedback")
            .field("id", .uuid, .identifier(auto: false))
            .field("code", .string, .required)
            .field("state", .string, .required)
            .field("unit_id", .uuid, .required)
            .field("classification", .string, .required)
            .field("received_at", .datetime, .required)
            .field("stage_due", .string)
            .field("search_text", .string, .required)
            .field("sender_account_id", .uuid)
            .field("pin_hash", .string, .required)
            .field("document", .string, .required)
            .field("version", .int, .required)
            .field("created_at", .datetime, .required)
            .field("updated_at", .datetime, .required)
            .unique(on: "code")
            .create()
        try await database.schema("feedback_events")
            .field("id", .uuid, .identifier(auto: false))
            .field("sequence", .int64, .required)
            .field("feedback_id", .uuid, .required, .references("feedback", "id"))
            .field("action", .string, .required)
            .field("state_before", .string)
            .field("state_after", .string, .required)
            .field("actor_username", .string, .required)
            .field("actor_name", .string, .required)
            .field("actor_role", .string)
            .field("occurred_at", .datetime, .required)
            .field("occurred_ms", .int64, .required)
            .field("schema_version", .int, .required)
            .field("payload", .string, .required)
            .field("facts", .string, .required)
            .field("previous_hash", .string, .required)
            .field("hash", .string, .required)
            .unique(on: "sequence")
            .create()
        let sql = database as! any SQLDatabase
        try await sql.create(index: "feedback_events_feedback_idx").on("feedback_events").column("feedback_id").column("sequence").run()
        try await sql.create(index: "feedback_unit_state").on("feedback").column("unit_id").column("state").column("code").run()
        try await sql.create(index: "feedback_state_code").on("feedback").column("state").column("code").run()
        try await sql.insert(into: "audit_chain").columns("id", "last_sequence", "last_hash")
            .values(SQLBind(FeedbackChain.headRow), SQLBind(0), SQLBind(AuditChain.genesis)).run()
    }

    func revert(on database: any Database) async throws {
        let sql = database as! any SQLDatabase
        try await sql.delete(from: "audit_chain").where("id", .equal, FeedbackChain.headRow).run()
        try await database.schema("feedback_events").delete()
        try await database.schema("feedback").delete()
    }
}
