import FluentKit
import SQLKit

/// Serves a one-status list in order of receipt (newest first) from an index range: the at-risk forecast
/// learns from the most recently received finished dossiers, and without it each page of that list sorted
/// every finished dossier (nine in ten of them in a year-old province).
struct M0019DossiersByStatusAndReceipt: AsyncMigration {
    var name: String { "0019_dossiers_by_status_and_receipt" }

    func prepare(on database: any Database) async throws {
        let sql = database as! any SQLDatabase
        try await sql.create(index: "dossiers_status_submitted_idx").on("dossiers").column("status").column("submitted_at").column("id").run()
    }

    func revert(on database: any Database) async throws {
        try await (database as! any SQLDatabase).drop(index: "dossiers_status_submitted_idx").run()
    }
}
