import FluentKit
import SQLKit

/// A citizen's own feedback (`/my/feedback`) is listed by the account that sent it.
struct M0023FeedbackBySender: AsyncMigration {
    var name: String { "0023_feedback_by_sender" }

    func prepare(on database: any Database) async throws {
        try await (database as! any SQLDatabase).create(index: "feedback_sender_code").on("feedback").column("sender_account_id").column("code").run()
    }

    func revert(on database: any Database) async throws {
        try await (database as! any SQLDatabase).drop(index: "feedback_sender_code").run()
    }
}
