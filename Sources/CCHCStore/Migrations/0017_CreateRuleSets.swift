import FluentKit
import SQLKit

/// Versioned rule sets that are wholly data, one table for all of them, told apart by `kind`: the service
/// index's indicator sets first (`service_index`), later the PAR criteria and the questionnaires. Also
/// indexes the dossiers' acceptance time, which the index's drill-downs narrow by, and the counters by day.
struct M0017CreateRuleSets: AsyncMigration {
    var name: String { "0017_create_rule_sets" }

    func prepare(on database: any Database) async throws {
        try await database.schema("rule_sets")
            .field("kind", .string, .required)
            .field("version", .int, .required)
            .field("effective_from", .string, .required)
            .field("effective_to", .string)
            .field("rules", .string, .required)
            .field("set_by", .string, .required)
            .field("reason", .string, .required)
            .field("set_at", .datetime, .required)
            .unique(on: "kind", "version")
            .create()
        guard let sql = database as? any SQLDatabase else { return }
        try await sql.create(index: "dossiers_competent_accepted").on("dossiers").column("competent_unit_id").column("accepted_at").run()
        // A period's sums read each counter's rows by day (`periodSums`).
        try await sql.create(index: "projection_counters_by_day").on("projection_counters").column("projection").column("counter").column("day").run()
    }

    func revert(on database: any Database) async throws {
        if let sql = database as? any SQLDatabase {
            try await sql.drop(index: "projection_counters_by_day").run()
            try await sql.drop(index: "dossiers_competent_accepted").run()
        }
        try await database.schema("rule_sets").delete()
    }
}
