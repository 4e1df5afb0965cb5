import FluentKit
import SQLKit

/// Second factors (TOTP) and the stage of each session: a password alone leaves a session waiting for the
/// code, or for an administrator to set one up where the province requires it.
struct M0033CreateTwoFactor: AsyncMigration {
    var name: String { "0033_create_two_factor" }

    func prepare(on database: any Database) async throws {
        try await database.schema("two_factor")
            .field("user_id", .uuid, .identifier(auto: false))
            .field("secret", .string, .required)
            .field("created_at", .datetime, .required)
            .field("confirmed_at", .datetime)
            .field("last_step", .int64, .required)
            .create()
        try await database.schema("two_factor_recovery_codes")
            .field("user_id", .uuid, .required)
            .field("code_hash", .string, .required)
            .unique(on: "user_id", "code_hash")
            .create()
        try await database.schema("sessions")
            .field("stage", .string, .required, .sql(.default("signed_in")))
            .update()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("sessions").deleteField("stage").update()
        try await database.schema("two_factor_recovery_codes").delete()
        try await database.schema("two_factor").delete()
    }
}
