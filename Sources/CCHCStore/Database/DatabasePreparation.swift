import FluentKit
import Foundation
import Logging
import NIOCore
import SQLKit
import SQLiteEngine

/// What a fresh connection needs before use, and the checks made before serving.
public enum DatabasePreparation {
    /// How long a write on Fluent's SQLite connections, or on `SQLiteWriter`'s, waits for another
    /// connection's write to end.
    public static let busyTimeoutMilliseconds = SQLiteWriter.busyTimeoutMilliseconds

    /// SQLite: WAL mode, the configured `synchronous` level and a busy timeout on every pooled connection (the
    /// driver keeps one connection per event loop for the life of the pool, so setting them once per loop is
    /// enough). sqlite-nio's own busy handler retries at once and for ever, so a write waiting behind
    /// `SQLiteWriter`'s transaction kept a thread-pool thread spinning; the timeout replaces it with SQLite's
    /// sleeping retries, up to `busyTimeoutMilliseconds`, after which the write fails instead of hanging.
    /// PostgreSQL: the configured schema exists.
    public static func prepare(_ target: DatabaseTarget, databases: Databases, logger: Logger) async throws {
        switch target {
        case .sqlite(_, let synchronous):
            for eventLoop in databases.eventLoopGroup.makeIterator() {
                guard let db = databases.database(DatabaseTarget.databaseID, logger: logger, on: eventLoop) as? any SQLDatabase
                else { continue }
                try await db.raw("PRAGMA journal_mode = WAL").run()
                try await db.raw("PRAGMA synchronous = \(unsafeRaw: synchronous.rawValue)").run()
                for pragma in SQLiteWriter.writePragmas { try await db.raw(SQLQueryString(pragma)).run() }
                _ = try await db.raw("PRAGMA busy_timeout = \(unsafeRaw: String(busyTimeoutMilliseconds))").all()
            }
        case .postgres(_, let schema):
            guard let schema, let db = databases.database(DatabaseTarget.databaseID, logger: logger, on: databases.eventLoopGroup.any()) as? any SQLDatabase
            else { return }
            try await db.raw("CREATE SCHEMA IF NOT EXISTS \(ident: schema)").run()
        }
    }

    /// Runs a trivial query, turning a driver's error into one plain sentence.
    public static func ping(_ db: any Database) async throws {
        guard let sql = db as? any SQLDatabase else { return }
        _ = try await sql.raw("SELECT 1 AS ok").all()
    }
}
