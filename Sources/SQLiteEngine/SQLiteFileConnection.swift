import Foundation
import NIOCore
import SQLKit
import SQLiteKit
// The SQLite that sqlite-nio compiles in (its symbols carry a `sqlite_nio_` prefix). Using the same copy as
// Fluent keeps one SQLite library in the process: two copies would not see each other's POSIX locks.
import VaporCSQLite

/// One row: the column names and values of one result, decoded as sqlite-kit decodes its own rows.
public struct SQLiteFileRow: SQLRow {
    /// One for every row: a new one would make a `JSONDecoder` for each value read.
    private static let decoder = SQLiteDataDecoder()
    let names: [String]
    let values: [SQLiteData]

    public var allColumns: [String] { names }

    public func contains(column: String) -> Bool { names.contains(column) }

    public func decodeNil(column: String) throws -> Bool {
        guard let index = names.firstIndex(of: column) else { return true }
        return values[index] == .null
    }

    public func decode<D: Decodable>(column: String, as type: D.Type) throws -> D {
        guard let index = names.firstIndex(of: column) else { throw SQLiteFileError(message: "no column \(column)") }
        // Integers and text, most of what is read, without the decoder: on the thousands of counter rows of
        // a period, `SQLiteDataDecoder` was a tenth of a dashboard's time (docs/benchmarks.md).
        switch values[index] {
        case .integer(let value) where type == Int.self || type == Int?.self: return value as! D
        case .text(let value) where type == String.self || type == String?.self: return value as! D
        default: return try Self.decoder.decode(type, from: values[index])
        }
    }
}

/// One SQLite connection of our own to the database file, with its prepared statements; used by one thread
/// at a time (the reader's pool or the writer's thread hands it out).
final class SQLiteFileConnection: @unchecked Sendable {
    private var handle: OpaquePointer?
    private var statements: [String: OpaquePointer] = [:]
    /// Enough for the few fixed statements used here; past it the cache starts again.
    private static let maximumStatements = 32
    // SQLITE_TRANSIENT: SQLite copies a bound value before the call returns.
    private static let transient = unsafeBitCast(-1 as Int, to: sqlite3_destructor_type.self)

    /// `writer`: a connection that may write, with the store's `synchronous` level and foreign keys on, which
    /// waits as Fluent's connections do (`SQLiteWriter.busyTimeoutMilliseconds`) for another
    /// connection's write to end. Otherwise a read-only connection that reports busy at once.
    init(path: String, writer synchronous: SQLiteSynchronous? = nil) throws {
        // No CREATE flag: a missing file is an error here, not a new empty database.
        let flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX | SQLITE_OPEN_EXRESCODE
        let status = sqlite_nio_sqlite3_open_v2(path, &handle, flags, nil)
        guard status == SQLITE_OK else {
            let error = SQLiteFileError(handle, status)
            sqlite_nio_sqlite3_close_v2(handle)
            throw error
        }
        if let synchronous {
            sqlite_nio_sqlite3_busy_timeout(handle, Int32(SQLiteWriter.busyTimeoutMilliseconds))
            try execute("PRAGMA foreign_keys = ON")
            try execute("PRAGMA synchronous = \(synchronous.rawValue)")
            for pragma in SQLiteWriter.writePragmas { try execute(pragma) }
        } else {
            try execute("PRAGMA query_only = ON")
        }
    }

    deinit {
        for statement in statements.values { sqlite_nio_sqlite3_finalize(statement) }
        sqlite_nio_sqlite3_close_v2(handle)
    }

    /// The rows of `query` as `database` serializes it for SQLite, at most `limit`, or nil when SQLite is busy.
    func rows(_ query: any SQLExpression, serializedBy database: any SQLDatabase, limit: Int = .max) throws -> [SQLiteFileRow]? {
        let (sql, binds) = database.serialize(query)
        let encoder = SQLiteDataEncoder()
        return try rows(sql, binds: try binds.map { try encoder.encode($0) }, limit: limit)
    }

    func rows(_ sql: String, binds: [SQLiteData], limit: Int = .max) throws -> [SQLiteFileRow]? {
        let statement = try prepared(sql)
        // Every parameter is bound anew below; clearing the bindings would make SQLite prepare the statement again.
        defer { sqlite_nio_sqlite3_reset(statement) }
        for (offset, value) in binds.enumerated() {
            try check(bind(value, at: Int32(offset + 1), to: statement))
        }
        let count = sqlite_nio_sqlite3_column_count(statement)
        let names = (0..<count).map { String(cString: sqlite_nio_sqlite3_column_name(statement, $0)) }
        var rows: [SQLiteFileRow] = []
        while rows.count < limit {
            let status = sqlite_nio_sqlite3_step(statement)
            if status == SQLITE_DONE { break }
            if status & 0xff == SQLITE_BUSY || status & 0xff == SQLITE_LOCKED { return nil }
            guard status == SQLITE_ROW else { throw SQLiteFileError(handle, status) }
            rows.append(SQLiteFileRow(names: names, values: (0..<count).map { value(at: $0, of: statement) }))
        }
        return rows
    }

    private func prepared(_ sql: String) throws -> OpaquePointer {
        if let statement = statements[sql] { return statement }
        if statements.count >= Self.maximumStatements {
            for statement in statements.values { sqlite_nio_sqlite3_finalize(statement) }
            statements = [:]
        }
        var statement: OpaquePointer?
        try check(sqlite_nio_sqlite3_prepare_v3(handle, sql, -1, UInt32(SQLITE_PREPARE_PERSISTENT), &statement, nil))
        guard let statement else { throw SQLiteFileError(message: "empty statement") }
        statements[sql] = statement
        return statement
    }

    func execute(_ sql: String) throws {
        try check(sqlite_nio_sqlite3_exec(handle, sql, nil, nil, nil))
    }

    private func check(_ status: Int32) throws {
        guard status == SQLITE_OK else { throw SQLiteFileError(handle, status) }
    }

    private func bind(_ value: SQLiteData, at index: Int32, to statement: OpaquePointer) -> Int32 {
        switch value {
        case .integer(let value): sqlite_nio_sqlite3_bind_int64(statement, index, Int64(value))
        case .float(let value): sqlite_nio_sqlite3_bind_double(statement, index, value)
        case .text(let value):
            sqlite_nio_sqlite3_bind_text64(statement, index, value, UInt64(value.utf8.count), Self.transient, UInt8(SQLITE_UTF8))
        case .blob(let value):
            value.withUnsafeReadableBytes {
                sqlite_nio_sqlite3_bind_blob64(statement, index, $0.baseAddress, UInt64($0.count), Self.transient)
            }
        case .null: sqlite_nio_sqlite3_bind_null(statement, index)
        }
    }

    private func value(at column: Int32, of statement: OpaquePointer) -> SQLiteData {
        switch sqlite_nio_sqlite3_column_type(statement, column) {
        case SQLITE_INTEGER: return .integer(Int(sqlite_nio_sqlite3_column_int64(statement, column)))
        case SQLITE_FLOAT: return .float(sqlite_nio_sqlite3_column_double(statement, column))
        case SQLITE_TEXT:
            guard let text = sqlite_nio_sqlite3_column_text(statement, column) else { return .null }
            let length = Int(sqlite_nio_sqlite3_column_bytes(statement, column))
            return .text(String(decoding: UnsafeBufferPointer(start: text, count: length), as: UTF8.self))
        case SQLITE_BLOB:
            let length = Int(sqlite_nio_sqlite3_column_bytes(statement, column))
            var buffer = ByteBufferAllocator().buffer(capacity: length)
            if let bytes = sqlite_nio_sqlite3_column_blob(statement, column) {
                buffer.writeBytes(UnsafeRawBufferPointer(start: bytes, count: length))
            }
            return .blob(buffer)
        default: return .null
        }
    }
}

/// SQLite refused a statement on one of our own connections: the code and SQLite's message.
public struct SQLiteFileError: Error, CustomStringConvertible {
    var code: Int32 = SQLITE_ERROR
    var message: String

    init(message: String) {
        self.message = message
    }

    /// Other writes held the database for longer than a write may wait (the write gate's patience, or the
    /// connection's busy timeout).
    static let busy = SQLiteFileError(code: SQLITE_BUSY, message: "other writes held the database past the wait allowed")

    init(code: Int32, message: String) {
        self.code = code
        self.message = message
    }

    init(_ handle: OpaquePointer?, _ code: Int32) {
        self.code = code
        message = handle.flatMap { sqlite_nio_sqlite3_errmsg($0) }.map { String(cString: $0) } ?? String(cString: sqlite_nio_sqlite3_errstr(code))
    }

    public var description: String { "SQLite error \(code): \(message)" }

    // The connections report extended codes (SQLITE_OPEN_EXRESCODE); the primary code is the low byte.
    public var isBusy: Bool { code & 0xff == SQLITE_BUSY }
    public var isConstraintViolation: Bool { code & 0xff == SQLITE_CONSTRAINT }
}
