import FluentKit
import SQLKit

/// The PAR Index: criteria set versions per year and level, campaigns, each unit's assessment (a document
/// with every leaf's scores and evidence), its events, the rows of its evidence files (for file recovery),
/// and the published national tables.
struct M0026CreateParIndex: AsyncMigration {
    var name: String { "0026_create_par_index" }

    func prepare(on database: any Database) async throws {
        try await database.schema("par_criteria_sets")
            .field("year", .int, .required)
            .field("level", .string, .required)
            .field("version", .int, .required)
            .field("document", .string, .required)
            .field("set_by", .string, .required)
            .field("reason", .string, .required)
            .field("set_at", .datetime, .required)
            .unique(on: "year", "level", "version")
            .create()
        try await database.schema("par_campaigns")
            .id()
            .field("code", .string, .required)
            .field("year", .int, .required)
            .field("document", .string, .required)
            .field("version", .int, .required)
            .unique(on: "code")
            .create()
        try await database.schema("par_assessments")
            .id()
            .field("campaign_id", .uuid, .required)
            .field("unit_id", .uuid, .required)
            .field("document", .string, .required)
            .field("version", .int, .required)
            .field("updated_at", .datetime, .required)
            .unique(on: "campaign_id", "unit_id")
            .create()
        try await database.schema("par_events")
            .id()
            .field("assessment_id", .uuid, .required)
            .field("at", .datetime, .required)
            .field("document", .string, .required)
            .create()
        try await database.schema("par_evidence_files")
            .id()
            .field("assessment_id", .uuid, .required)
            .create()
        try await database.schema("par_national_tables")
            .field("year", .int, .required)
            .field("document", .string, .required)
            .unique(on: "year")
            .create()
        let sql = database as! any SQLDatabase
        try await sql.create(index: "par_events_assessment").on("par_events").column("assessment_id").column("at").run()
    }

    func revert(on database: any Database) async throws {
        for table in ["par_national_tables", "par_evidence_files", "par_events", "par_assessments", "par_campaigns", "par_criteria_sets"] {
            try await database.schema(table).delete()
        }
    }
}
