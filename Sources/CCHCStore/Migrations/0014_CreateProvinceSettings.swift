import FluentKit
import SQLKit

/// The province's settings by version (`ProvinceSettings`): what used to be environment variables. The
/// first version is written at start-up from those variables, if a deployment set them, or the defaults.
struct M0014CreateProvinceSettings: AsyncMigration {
    var name: String { "0014_create_province_settings" }

    func prepare(on database: any Database) async throws {
        try await database.schema("province_settings")
            .field("version", .int, .identifier(auto: false))
            .field("effective_from", .string, .required)
            .field("effective_to", .string)
            .field("rules", .string, .required)
            .field("set_by", .string, .required)
            .field("reason", .string, .required)
            .field("set_at", .datetime, .required)
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("province_settings").delete()
    }
}
