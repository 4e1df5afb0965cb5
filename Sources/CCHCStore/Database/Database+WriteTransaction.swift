import FluentKit
import SQLKit
import SQLiteEngine

extension Database {
    var isSQLite: Bool { (self as? any SQLDatabase)?.dialect.name == "sqlite" }

    /// A transaction for reading then writing. On SQLite it starts with BEGIN IMMEDIATE, taking the write lock
    /// at once: a deferred transaction that reads and then writes fails with SQLITE_BUSY when another
    /// connection committed in between, instead of waiting its turn.
    func writeTransaction<T: Sendable>(_ body: @escaping @Sendable (any Database) async throws -> T) async throws -> T {
        guard isSQLite else { return try await transaction(body) }
        return try await withConnection { connection in
            let sql = connection as! any SQLDatabase
            try await sql.raw("BEGIN IMMEDIATE").run()
            do {
                let result = try await body(connection)
                try await sql.raw("COMMIT").run()
                return result
            } catch {
                try? await sql.raw("ROLLBACK").run()
                throw error
            }
        }
    }
}

/// A database and whether it is already inside a transaction, so that repositories can be used both on
/// their own (each write its own transaction) and together inside `Store.transaction`.
struct DatabaseHandle: Sendable {
    let db: any Database
    let inTransaction: Bool
    var shared: SharedStoreState?
    /// Reads for background work that reads for minutes (`FluentStore(database:shared:inBackground:)`).
    var inBackground = false

    var sql: any SQLDatabase { db as! any SQLDatabase }

    /// The first row of a short read by key (one row, through an index). On SQLite outside a transaction it
    /// reads on this thread through the shared `SQLiteReader`; otherwise, or when SQLite is busy, through Fluent.
    func first(_ query: SQLQueryString) async throws -> (any SQLRow)? {
        try await rows(query, limit: 1).first
    }

    /// The rows of a short read by key (a handful, through an index), the same way as `first`.
    func rows(_ query: SQLQueryString, limit: Int) async throws -> [any SQLRow] {
        if !inTransaction, let reader = shared?.reader, let rows = try reader.rows(query, serializedBy: sql, limit: limit) {
            return rows
        }
        return Array(try await sql.raw(query).all().prefix(limit))
    }

    /// The rows of `select`; for background work on SQLite, on the reader's background thread
    /// (`SQLiteReader.backgroundRows`), so that its long reads hold up no request's.
    func all(_ select: SQLSelectBuilder) async throws -> [any SQLRow] {
        if inBackground, !inTransaction, let reader = shared?.reader, let rows = try await reader.backgroundRows(select.query, serializedBy: sql) {
            return rows
        }
        return try await select.all()
    }

    func write<T: Sendable>(_ body: @escaping @Sendable (any Database) async throws -> T) async throws -> T {
        if inTransaction { return try await body(db) }
        guard let gate = shared?.writer?.gate else { return try await db.writeTransaction(body) }
        return try await gate.run { try await db.writeTransaction(body) }
    }

    /// A write that needs no transaction of its own: one statement, or a few whose order is all that matters.
    /// On SQLite outside a transaction it still takes its turn at the writer: left to SQLite's busy handler,
    /// a statement waiting for the lock would hold one of the few pool threads that every connection's
    /// statements run on, and the transaction holding the lock could be left waiting behind it for a thread
    /// until the busy timeout. Elsewhere it runs as it is.
    func writeStatements<T: Sendable>(_ body: @escaping @Sendable (any SQLDatabase) async throws -> T) async throws -> T {
        if !inTransaction, let writer = shared?.writer { return try await writer.transaction(body) }
        return try await body(sql)
    }

    /// `writeStatements` for Fluent's models: on SQLite outside a transaction, a transaction at the gate.
    func writeModels<T: Sendable>(_ body: @escaping @Sendable (any Database) async throws -> T) async throws -> T {
        if !inTransaction, shared?.writer != nil { return try await write(body) }
        return try await body(db)
    }

    /// A write transaction that needs only SQL: on SQLite outside a transaction, whole on the store's writer
    /// thread (in turn at its gate, as `write`'s transactions are); otherwise as `write`.
    func writeSQL<T: Sendable>(_ body: @escaping @Sendable (any SQLDatabase) async throws -> T) async throws -> T {
        if !inTransaction, let writer = shared?.writer { return try await writer.transaction(body) }
        return try await write { db in try await body(db as! any SQLDatabase) }
    }
}
