import FluentKit
import Foundation
import Logging
import NIOCore
import SQLKit

/// What a fresh connection needs before use, and the checks made before serving.
public enum DatabasePreparation {
    /// SQLite: WAL mode and the configured `synchronous` level on every pooled connection (the driver keeps
    /// one connection per event loop for the life of the pool, so setting them once per loop is enough).
    /// PostgreSQL: the configured schema exists.
    public static func prepare(_ target: DatabaseTarget, databases: Databases, logger: Logger) async throws {
        switch target {
        case .sqlite(_, let synchronous):
            for eventLoop in databases.eventLoopGroup.makeIterator() {
                guard let db = databases.database(DatabaseTarget.databaseID, logger: logger, on: eventLoop) as? any SQLDatabase
                else { continue }
                try await db.raw("PRAGMA journal_mode = WAL").run()
                try await db.raw("PRAGMA synchronous = \(unsafeRaw: synchronous.rawValue)").run()
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
