import FluentKit
import SQLKit

/// Surveys: campaigns (their targets and sample as a document), invitations (a token until it is spent),
/// and ballots. A ballot row holds no token, no dossier, no person and no time of day: its id is random,
/// and an invitation records only that it was spent, not when, so no stored path leads from an answer
/// back to whoever was invited.
struct M0022CreateSurveys: AsyncMigration {
    var name: String { "0022_create_surveys" }

    func prepare(on database: any Database) async throws {
        try await database.schema("survey_campaigns")
            .field("id", .uuid, .identifier(auto: false))
            .field("code", .string, .required)
            .field("audience", .string, .required)
            .field("state", .string, .required)
            .field("period_to", .string, .required)
            .field("document", .string, .required)
            .field("version", .int, .required)
            .field("created_at", .datetime, .required)
            .unique(on: "code")
            .create()
        try await database.schema("survey_invitations")
            .field("id", .uuid, .identifier(auto: false))
            .field("campaign_id", .uuid, .required, .references("survey_campaigns", "id"))
            .field("unit_id", .uuid, .required)
            .field("dossier_code", .string)
            .field("group_name", .string)
            .field("token", .string)
            .field("spent", .bool, .required)
            .unique(on: "token")
            .create()
        try await database.schema("survey_ballots")
            .field("id", .uuid, .identifier(auto: false))
            .field("campaign_id", .uuid, .required, .references("survey_campaigns", "id"))
            .field("unit_id", .uuid, .required)
            .field("day", .string, .required)
            .field("channel", .string, .required)
            .field("document", .string, .required)
            .create()
        let sql = database as! any SQLDatabase
        try await sql.create(index: "survey_invitations_campaign_idx").on("survey_invitations").column("campaign_id").column("unit_id").run()
        try await sql.create(index: "survey_ballots_campaign_idx").on("survey_ballots").column("campaign_id").column("unit_id").run()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("survey_ballots").delete()
        try await database.schema("survey_invitations").delete()
        try await database.schema("survey_campaigns").delete()
    }
}
