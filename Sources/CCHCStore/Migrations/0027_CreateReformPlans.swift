import FluentKit

/// Reform plans; their key tasks are assigned tasks whose source is the plan.
struct M0027CreateReformPlans: AsyncMigration {
    var name: String { "0027_create_reform_plans" }

    func prepare(on database: any Database) async throws {
        try await database.schema("reform_plans")
            .id()
            .field("code", .string, .required)
            .field("from_year", .int, .required)
            .field("document", .string, .required)
            .field("version", .int, .required)
            .unique(on: "code")
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("reform_plans").delete()
    }
}
