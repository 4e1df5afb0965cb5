import FluentKit
import SQLKit

/// The tables of cchc's PostgreSQL schema and their rows: what a backup records and a restore checks, and
/// how a restore tells an empty database from one in use. (SQLite's are read from the file itself, by
/// `SQLiteBackup.rowCounts`.)
public enum DatabaseInventory {
    /// The base tables of the schema the connection uses (its search path's first), by name.
    public static func tables(_ db: any Database, schema: String?) async throws -> [String] {
        let sql = db as! any SQLDatabase
        let owner: SQLQueryString = schema.map { "\(bind: $0)" } ?? "current_schema()"
        let rows = try await sql.raw(
            "SELECT table_name AS name FROM information_schema.tables WHERE table_schema = \(owner) AND table_type = 'BASE TABLE'"
        ).all()
        return try rows.map { try $0.decode(column: "name", as: String.self) }.sorted()
    }

    /// Rows by table, all counted in one snapshot when called inside a repeatable-read transaction.
    public static func rowCounts(_ db: any Database, schema: String?) async throws -> [String: Int] {
        let sql = db as! any SQLDatabase
        var counts: [String: Int] = [:]
        for table in try await tables(db, schema: schema) {
            counts[table] = try await sql.raw("SELECT COUNT(*) AS n FROM \(ident: table)").first()?.decode(column: "n", as: Int.self) ?? 0
        }
        return counts
    }

    /// Runs `body` in a repeatable-read transaction whose snapshot is exported (`pg_export_snapshot`), so that
    /// `pg_dump --snapshot` sees exactly what `body` counts while the server goes on writing.
    public static func withExportedSnapshot<T: Sendable>(
        _ db: any Database, _ body: @escaping @Sendable (_ snapshot: String, _ db: any Database) async throws -> T
    ) async throws -> T {
        try await db.transaction { tx in
            let sql = tx as! any SQLDatabase
            try await sql.raw("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ").run()
            let snapshot = try await sql.raw("SELECT pg_export_snapshot() AS id").first()?.decode(column: "id", as: String.self) ?? ""
            return try await body(snapshot, tx)
        }
    }

    /// Drops `schema` when it holds nothing (a plain DROP fails otherwise): a restore's dump creates it.
    public static func dropEmptySchema(_ db: any Database, schema: String) async throws {
        try await (db as! any SQLDatabase).raw("DROP SCHEMA IF EXISTS \(ident: schema)").run()
    }
}
