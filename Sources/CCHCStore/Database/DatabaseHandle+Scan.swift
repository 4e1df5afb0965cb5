import FluentPostgresDriver
import NIOPosix
import SQLKit
import SQLiteEngine

extension DatabaseHandle {
    /// The rows of a read that returns thousands (a period's counters), read without the per-row costs of
    /// the drivers' `SQLRow`s (docs/benchmarks.md, the service index's dashboard):
    /// - on SQLite outside a transaction, on one of the thread pool's threads through the shared
    ///   `SQLiteReader`: sqlite-nio hands every row to the event loop on its own, a wake-up per row;
    /// - on PostgreSQL, integers and text decoded by type from PostgresNIO's rows, where PostgresKit's
    ///   rows decode every value through `Decodable`.
    /// Otherwise (in a transaction, SQLite busy, a bind of another type) through SQLKit as any read.
    func scan(_ select: SQLSelectBuilder) async throws -> [any SQLRow] {
        let query = select.query
        if !inTransaction, let reader = shared?.reader {
            let sql = self.sql
            if let rows = try await NIOThreadPool.singleton.runIfActive({ try reader.rows(query, serializedBy: sql) }) { return rows }
        } else if let postgres = db as? any PostgresDatabase, let statement = PostgresScan.statement(query, serializedBy: sql) {
            return try await postgres.withConnection { connection in
                connection.query(statement, logger: db.logger).map { result in
                    let names = result.rows.first.map { $0.makeRandomAccess().map(\.columnName) } ?? []
                    return result.rows.map { PostgresScanRow($0, names: names) }
                }
            }.get()
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

/// A PostgreSQL row whose integers and text are decoded by their type, its columns found by position in
/// the names every row of the result shares (a lookup by name hashed the name for every value read);
/// anything else as PostgresKit does.
struct PostgresScanRow: SQLRow {
    let row: PostgresRow
    let allColumns: [String]
    private let cells: PostgresRandomAccessRow

    init(_ row: PostgresRow, names: [String]) {
        self.row = row
        allColumns = names
        cells = row.makeRandomAccess()
    }

    func contains(column: String) -> Bool { allColumns.contains(column) }

    func decodeNil(column: String) throws -> Bool { try cell(column).bytes == nil }

    func decode<D: Decodable>(column: String, as type: D.Type) throws -> D {
        if type == Int.self { return try cell(column).decode(Int.self) as! D }
        if type == String.self { return try cell(column).decode(String.self) as! D }
        if type == Int?.self { return try cell(column).decode(Int?.self) as! D }
        return try row.sql().decode(column: column, as: type)
    }

    private func cell(_ column: String) throws -> PostgresCell {
        guard let index = allColumns.firstIndex(of: column) else { throw MissingColumn(column: column) }
        return cells[index]
    }

    struct MissingColumn: Error {
        var column: String
    }
}
