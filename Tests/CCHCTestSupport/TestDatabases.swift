import CCHCStore
import FluentKit
import Foundation
import Logging
import NIOCore
import NIOPosix
import SQLKit
import SQLiteEngine

/// The databases the store and web tests run on: SQLite always, PostgreSQL too when
/// CCHC_TEST_POSTGRES_URL is set (as `.ci/run` does). Every test gets its own fresh database: a new
/// SQLite file, or a new PostgreSQL schema dropped afterwards.
public enum DatabaseKind: String, CaseIterable, Sendable, CustomStringConvertible {
    case sqlite, postgres

    public var description: String { rawValue }
}

public enum TestDatabases {
    public static var postgresURL: String? {
        ProcessInfo.processInfo.environment["CCHC_TEST_POSTGRES_URL"].flatMap { $0.isEmpty ? nil : $0 }
    }

    /// The kinds to run each database test on.
    public static var kinds: [DatabaseKind] {
        postgresURL == nil ? [.sqlite] : [.sqlite, .postgres]
    }

    /// A target no other test uses.
    public static func freshTarget(_ kind: DatabaseKind, synchronous: SQLiteSynchronous = .full) -> DatabaseTarget {
        let id = UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: "").prefix(16)
        switch kind {
        case .sqlite:
            let folder = FileManager.default.temporaryDirectory.appendingPathComponent("cchc-tests/\(id)")
            return .sqlite(path: folder.appendingPathComponent("cchc.sqlite").path, synchronous: synchronous)
        case .postgres:
            guard let url = postgresURL else { preconditionFailure("CCHC_TEST_POSTGRES_URL is not set") }
            return .postgres(url: url, schema: "test_\(id)")
        }
    }

    /// Removes what `freshTarget` created. PostgreSQL needs a live connection to drop its schema.
    public static func dispose(_ target: DatabaseTarget, using db: (any Database)?) async {
        switch target {
        case .sqlite(let path, _):
            try? FileManager.default.removeItem(at: URL(fileURLWithPath: path).deletingLastPathComponent())
        case .postgres(_, let schema):
            if let schema, let sql = db as? any SQLDatabase {
                try? await sql.raw("DROP SCHEMA IF EXISTS \(ident: schema) CASCADE").run()
            }
        }
    }

    public static let logger = Logger(label: "cchc.tests")

    /// The whole suite runs in parallel on two cores: a test may wait long for a connection without anything being wrong.
    public static let poolTimeout: TimeAmount = .seconds(120)

    /// State shared by the stores over `target`, its SQLite writes as patient at the gate as a request is for a
    /// connection (`poolTimeout`): the production default (10 s) is for a server, not for the whole suite at once.
    public static func sharedState(_ target: DatabaseTarget) -> SharedStoreState {
        SharedStoreState(database: target, writePatience: .nanoseconds(poolTimeout.nanoseconds))
    }

    /// A migrated fresh database of `kind`, torn down after `body`.
    public static func withDatabase<T: Sendable>(
        _ kind: DatabaseKind, migrate: Bool = true,
        _ body: (_ databases: Databases, _ db: any Database, _ target: DatabaseTarget) async throws -> T
    ) async throws -> T {
        let target = freshTarget(kind)
        if case .sqlite(let path, _) = target {
            try FileManager.default.createDirectory(
                at: URL(fileURLWithPath: path).deletingLastPathComponent(), withIntermediateDirectories: true)
        }
        let databases = Databases(threadPool: .singleton, on: MultiThreadedEventLoopGroup.singleton)
        databases.use(try target.configurationFactory(poolTimeout: poolTimeout), as: DatabaseTarget.databaseID, isDefault: true)
        let db = databases.database(logger: logger, on: databases.eventLoopGroup.any())!
        do {
            try await DatabasePreparation.prepare(target, databases: databases, logger: logger)
            if migrate { try await migrator(databases).prepareBatch().get() }
            let result = try await body(databases, db, target)
            await dispose(target, using: db)
            await databases.shutdownAsync()
            return result
        } catch {
            await dispose(target, using: db)
            await databases.shutdownAsync()
            throw error
        }
    }

    /// Fluent's migrator over cchc's migrations, its bookkeeping table set up.
    public static func migrator(_ databases: Databases) async throws -> Migrator {
        let migrations = Migrations()
        SchemaMigrations.register(in: migrations)
        let migrator = Migrator(databases: databases, migrations: migrations, logger: logger, on: databases.eventLoopGroup.any())
        try await migrator.setupIfNeeded().get()
        return migrator
    }

    /// A store over a fresh migrated database.
    public static func withStore<T: Sendable>(_ kind: DatabaseKind, _ body: (FluentStore, any Database) async throws -> T) async throws -> T {
        try await withDatabase(kind) { _, db, _ in try await body(FluentStore(database: db), db) }
    }
}
