import FluentKit

/// Requirements put to many units, with each unit's answer in the document.
struct M0028CreateComplianceRequirements: AsyncMigration {
    var name: String { "0028_create_compliance_requirements" }

    func prepare(on database: any Database) async throws {
        try await database.schema("compliance_requirements")
            .id()
            .field("code", .string, .required)
            .field("year", .int, .required)
            .field("document", .string, .required)
            .field("version", .int, .required)
            .unique(on: "code")
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("compliance_requirements").delete()
    }
}
