import FluentKit
import SQLKit

/// Who set each procedure version and why, as every versioned rule records.
struct M0016ProcedureProvenance: AsyncMigration {
    var name: String { "0016_procedure_provenance" }

    func prepare(on database: any Database) async throws {
        let sql = database as! any SQLDatabase
        try await sql.raw("ALTER TABLE procedures ADD COLUMN set_by TEXT NOT NULL DEFAULT ''").run()
        try await sql.raw("ALTER TABLE procedures ADD COLUMN change_reason TEXT NOT NULL DEFAULT ''").run()
    }

    func revert(on database: any Database) async throws {
        let sql = database as! any SQLDatabase
        try await sql.raw("ALTER TABLE procedures DROP COLUMN change_reason").run()
        try await sql.raw("ALTER TABLE procedures DROP COLUMN set_by").run()
    }
}
