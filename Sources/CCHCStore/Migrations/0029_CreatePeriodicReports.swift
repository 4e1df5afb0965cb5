import FluentKit

/// Periodic reports, the whole report in the document; one per unit, year and period.
struct M0029CreatePeriodicReports: AsyncMigration {
    var name: String { "0029_create_periodic_reports" }

    func prepare(on database: any Database) async throws {
        try await database.schema("periodic_reports")
            .id()
            .field("code", .string, .required)
            .field("unit_id", .uuid, .required)
            .field("year", .int, .required)
            .field("period", .string, .required)
            .field("document", .string, .required)
            .field("version", .int, .required)
            .unique(on: "code")
            .unique(on: "unit_id", "year", "period")
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("periodic_reports").delete()
    }
}
