import FluentKit
import SQLKit

/// Feedback attachments' rows: the item's document lists its files; this table is what file recovery asks
/// after a crash (a staged file whose row committed is moved into place, any other is removed).
struct M0024CreateFeedbackFiles: AsyncMigration {
    var name: String { "0024_create_feedback_files" }

    func prepare(on database: any Database) async throws {
        try await database.schema("feedback_files")
            .id()
            .field("feedback_id", .uuid, .required)
            .field("storage_path", .string, .required)
            .field("sha256", .string, .required)
            .field("uploaded_at", .datetime, .required)
            .create()
        try await (database as! any SQLDatabase).create(index: "feedback_files_feedback_idx").on("feedback_files").column("feedback_id").run()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("feedback_files").delete()
    }
}
