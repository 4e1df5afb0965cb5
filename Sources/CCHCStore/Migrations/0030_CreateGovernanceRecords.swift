import FluentKit
import SQLKit

/// Records kept whole as documents and numbered within their year (`YearlyRecord`): steering-committee
/// decisions and meetings, inspections, initiatives, told apart by `kind` (the code's prefix).
struct M0030CreateGovernanceRecords: AsyncMigration {
    var name: String { "0030_create_governance_records" }

    func prepare(on database: any Database) async throws {
        try await database.schema("governance_records")
            .id()
            .field("kind", .string, .required)
            .field("code", .string, .required)
            .field("year", .int, .required)
            .field("document", .string, .required)
            .field("version", .int, .required)
            .unique(on: "code")
            .create()
        guard let sql = database as? any SQLDatabase else { return }
        try await sql.create(index: "governance_records_by_kind").on("governance_records").column("kind").column("year").run()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("governance_records").delete()
    }
}
