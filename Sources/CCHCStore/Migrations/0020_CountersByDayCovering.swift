import FluentKit
import SQLKit

/// The counters' by-day index carries every column a period's or a trend's sums read, so that they are
/// answered from the index alone: through the narrower index, each of the period's rows was looked up in the
/// table again (the largest part of SQLite's time in a dashboard read). Subject before entity: a trend's sums
/// per month and procedure then come in the index's order, with no sort.
struct M0020CountersByDayCovering: AsyncMigration {
    var name: String { "0020_counters_by_day_covering" }

    func prepare(on database: any Database) async throws {
        let sql = database as! any SQLDatabase
        try await sql.create(index: "projection_counters_by_day_covering").on("projection_counters")
            .column("projection").column("counter").column("day").column("subject").column("entity").column("value").run()
        try await sql.drop(index: "projection_counters_by_day").run()
    }

    func revert(on database: any Database) async throws {
        let sql = database as! any SQLDatabase
        try await sql.create(index: "projection_counters_by_day").on("projection_counters").column("projection").column("counter").column("day").run()
        try await sql.drop(index: "projection_counters_by_day_covering").run()
    }
}
