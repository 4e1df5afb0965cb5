import FluentKit
import FluentPostgresDriver
import FluentSQLiteDriver
import Foundation
import NIOCore
import SQLiteEngine

/// Which database cchc runs on: an embedded SQLite file by default, PostgreSQL when `DATABASE_URL` is set.
public enum DatabaseTarget: Sendable, Equatable {
    case sqlite(path: String, synchronous: SQLiteSynchronous)
    /// `schema` selects a PostgreSQL schema (search_path); nil uses the server's default.
    case postgres(url: String, schema: String?)

    public static let databaseID = DatabaseID(string: "cchc")

    public var isSQLite: Bool {
        if case .sqlite = self { return true }
        return false
    }

    /// A description safe for logs and error messages: no password.
    public var redactedDescription: String {
        switch self {
        case .sqlite(let path, let synchronous):
            return "SQLite \(path) (synchronous=\(synchronous.rawValue))"
        case .postgres(let url, let schema):
            var redacted = url
            if var components = URLComponents(string: url) {
                if components.password != nil { components.password = "***" }
                redacted = components.string ?? "postgres://…"
            }
            return "PostgreSQL \(redacted)" + (schema.map { " schema \($0)" } ?? "")
        }
    }

    /// `poolTimeout`: how long a request waits for a free connection before it fails (503).
    public func configurationFactory(maxConnectionsPerEventLoop: Int = 4, poolTimeout: TimeAmount = .seconds(10)) throws -> DatabaseConfigurationFactory {
        switch self {
        case .sqlite(let path, _):
            return .sqlite(.file(path), connectionPoolTimeout: poolTimeout, sqlLogLevel: .trace)
        case .postgres(let url, let schema):
            var configuration = try SQLPostgresConfiguration(url: url)
            if let schema { configuration.searchPath = [schema] }
            return .postgres(
                configuration: configuration, maxConnectionsPerEventLoop: maxConnectionsPerEventLoop, connectionPoolTimeout: poolTimeout,
                sqlLogLevel: .trace)
        }
    }
}
