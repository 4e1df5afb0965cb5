import FluentPostgresDriver
import NIOPosix
import SQLKit
import SQLiteEngine

extension DatabaseHandle {
    /// The rows of a read that returns thousands (a period's counters), read without the per-row costs of
    /// the drivers' `SQLRow`s (docs/benchmarks.md, the service index's dashboard). `columns` names the
    /// select's columns, each a code or a count that is never null:
    /// - on SQLite outside a transaction, on one of the thread pool's threads through the shared
    ///   `SQLiteReader`: sqlite-nio hands every row to the event loop on its own, a wake-up per row;
    /// - on PostgreSQL, packed by the server into one text value (`PackedRows`): receiving and decoding a
    ///   data row per result row was most of the read's time on the client.
    /// Otherwise (in a transaction, SQLite busy, a bind of another type, a value the packing cannot carry)
    /// through SQLKit as any read.
    func scan(_ select: SQLSelectBuilder, columns: [String]) async throws -> [any SQLRow] {
        let query = select.query
        if !inTransaction, let reader = shared?.reader {
            let sql = self.sql
            if let rows = try await NIOThreadPool.singleton.runIfActive({ try reader.rows(query, serializedBy: sql) }) { return rows }
        } else if let postgres = db as? any PostgresDatabase,
            let statement = PostgresScan.statement(PackedRows.query(query, columns: columns), serializedBy: sql)
        {
            let packed = try await postgres.withConnection { connection in
                connection.query(statement, logger: db.logger).flatMapThrowing { result in
                    try result.rows.first?.makeRandomAccess()[0].decode(String?.self) ?? nil
                }
            }.get()
            if let rows = PackedRows(packed, columns: columns) { return rows.rows }
        }
        return try await select.all()
    }
}

enum PostgresScan {
    /// `query` as PostgreSQL's statement, when every bind is of a type passed as it is.
    static func statement(_ query: any SQLExpression, serializedBy database: any SQLDatabase) -> PostgresQuery? {
        let (text, values) = database.serialize(query)
        var binds = PostgresBindings(capacity: values.count)
        for value in values {
            switch value {
            case let value as String: binds.append(value)
            case let value as Int: binds.append(value)
            case let value as Bool: binds.append(value)
            case let value as Double: binds.append(value)
            default: return nil
            }
        }
        return PostgresQuery(unsafeSQL: text, binds: binds)
    }
}
