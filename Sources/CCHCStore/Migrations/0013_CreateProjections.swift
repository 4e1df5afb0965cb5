import CCHCCore
import FluentKit
import SQLKit

/// The counters projections keep (`ProjectionCounters`), computed from the events already stored.
struct M0013CreateProjections: AsyncMigration {
    var name: String { "0013_create_projections" }

    func prepare(on database: any Database) async throws {
        try await database.schema(ProjectionCounters.table)
            .field("projection", .string, .required)
            .field("counter", .string, .required)
            .field("entity", .string, .required)
            .field("subject", .string, .required)
            .field("day", .string, .required)
            .field("value", .int64, .required)
            .unique(on: "projection", "counter", "entity", "subject", "day")
            .create()
        try await database.transaction { database in
            let sql = database as! any SQLDatabase
            try await ProjectionRebuild.write(
                try ProjectionSelection(DossierProjections.all.map(\.name)), on: sql, flushingEvery: FluentProjectionRepository.flushKeys
            ) { _, _ in }
        }
    }

    func revert(on database: any Database) async throws {
        try await database.schema(ProjectionCounters.table).delete()
    }
}
