import FluentKit
import SQLKit

/// How each procedure version was published and made public (`ProcedurePublication`, as JSON), and its
/// revision, which a change must name and which the catalogue's cache fingerprint reads.
struct M0018ProcedurePublication: AsyncMigration {
    var name: String { "0018_procedure_publication" }

    func prepare(on database: any Database) async throws {
        let sql = database as! any SQLDatabase
        try await sql.raw("ALTER TABLE procedures ADD COLUMN publication TEXT NOT NULL DEFAULT '{}'").run()
        try await sql.raw("ALTER TABLE procedures ADD COLUMN publication_revision INTEGER NOT NULL DEFAULT 0").run()
    }

    func revert(on database: any Database) async throws {
        let sql = database as! any SQLDatabase
        try await sql.raw("ALTER TABLE procedures DROP COLUMN publication_revision").run()
        try await sql.raw("ALTER TABLE procedures DROP COLUMN publication").run()
    }
}
