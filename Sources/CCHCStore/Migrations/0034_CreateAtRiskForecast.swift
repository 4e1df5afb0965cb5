import FluentKit

/// The latest at-risk report (one row), so that only the instance leading the deadline job computes it.
struct M0034CreateAtRiskForecast: AsyncMigration {
    var name: String { "0034_create_at_risk_forecast" }

    func prepare(on database: any Database) async throws {
        try await database.schema("at_risk_forecast")
            .field("id", .int, .identifier(auto: false))
            .field("computed_at", .datetime, .required)
            .field("report", .string, .required)
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("at_risk_forecast").delete()
    }
}
