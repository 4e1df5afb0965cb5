import CCHCStore
import CCHCTestSupport
import FluentKit
import Foundation
import NIOPosix
import SQLKit
import SQLiteEngine
import Testing

@Suite("Migrations")
struct MigrationTests {
    @Test("Every migration goes up, down and up again", arguments: TestDatabases.kinds)
    func upDownUp(kind: DatabaseKind) async throws {
        try await TestDatabases.withDatabase(kind, migrate: false) { databases, db, _ in
            let migrator = try await TestDatabases.migrator(databases)
            #expect(try await SchemaMigrations.pending(on: db) == SchemaMigrations.names)

            try await migrator.prepareBatch().get()
            #expect(try await SchemaMigrations.pending(on: db).isEmpty)
            #expect(try await tables(db).isSuperset(of: ["units", "users", "sessions", "api_tokens", "security_events"]))

            try await migrator.revertAllBatches().get()
            #expect(try await tables(db).isDisjoint(with: ["units", "users", "sessions", "api_tokens", "security_events"]))
            #expect(try await SchemaMigrations.pending(on: db) == SchemaMigrations.names)

            try await migrator.prepareBatch().get()
            #expect(try await SchemaMigrations.pending(on: db).isEmpty)
        }
    }

    @Test("Migration names are numbered in order and unique")
    func numbering() {
        let names = SchemaMigrations.names
        #expect(Set(names).count == names.count)
        for (index, name) in names.enumerated() {
            #expect(name.hasPrefix(String(format: "%04d_", index + 1)), "\(name)")
        }
    }

    @Test("A database migrated by a newer cchc is recognised", arguments: TestDatabases.kinds)
    func newerDatabase(kind: DatabaseKind) async throws {
        try await TestDatabases.withStore(kind) { _, db in
            #expect(try await SchemaMigrations.unknownApplied(on: db).isEmpty)
            try await (db as! any SQLDatabase).insert(into: "_fluent_migrations")
                .columns("id", "name", "batch", "created_at", "updated_at")
                .values(SQLBind(UUID()), SQLBind("9999_from_the_future"), SQLBind(99), SQLBind(Date()), SQLBind(Date()))
                .run()
            #expect(try await SchemaMigrations.unknownApplied(on: db) == ["9999_from_the_future"])
        }
    }

    private func tables(_ db: any Database) async throws -> Set<String> {
        let sql = db as! any SQLDatabase
        let query: SQLQueryString =
            sql.dialect.name == "sqlite"
            ? "SELECT name AS t FROM sqlite_master WHERE type = 'table'"
            : "SELECT table_name AS t FROM information_schema.tables WHERE table_schema = current_schema()"
        return Set(try await sql.raw(query).all().map { try $0.decode(column: "t", as: String.self) })
    }
}

@Suite("SQLite settings")
struct SQLiteSettingsTests {
    @Test(
        "WAL, foreign keys, the configured synchronous level and a busy timeout on every pooled connection",
        arguments: [SQLiteSynchronous.full, .normal])
    func pragmas(synchronous: SQLiteSynchronous) async throws {
        let target = TestDatabases.freshTarget(.sqlite, synchronous: synchronous)
        guard case .sqlite(let path, _) = target else { return }
        try FileManager.default.createDirectory(at: URL(fileURLWithPath: path).deletingLastPathComponent(), withIntermediateDirectories: true)
        let databases = Databases(threadPool: .singleton, on: MultiThreadedEventLoopGroup.singleton)
        databases.use(try target.configurationFactory(), as: DatabaseTarget.databaseID, isDefault: true)
        try await DatabasePreparation.prepare(target, databases: databases, logger: TestDatabases.logger)
        for eventLoop in databases.eventLoopGroup.makeIterator() {
            let sql = databases.database(logger: TestDatabases.logger, on: eventLoop) as! any SQLDatabase
            #expect(try await sql.raw("PRAGMA journal_mode").first()?.decode(column: "journal_mode", as: String.self) == "wal")
            #expect(try await sql.raw("PRAGMA synchronous").first()?.decode(column: "synchronous", as: Int.self) == synchronous.level)
            #expect(try await sql.raw("PRAGMA foreign_keys").first()?.decode(column: "foreign_keys", as: Int.self) == 1)
            // SQLite's sleeping busy timeout in place of sqlite-nio's handler that retries at once, for ever.
            #expect(try await sql.raw("PRAGMA busy_timeout").first()?.decode(column: "timeout", as: Int.self) == DatabasePreparation.busyTimeoutMilliseconds)
            // 16 MiB of pages, as on the writer's connection (below).
            #expect(try await sql.raw("PRAGMA cache_size").first()?.decode(column: "cache_size", as: Int.self) == -16384)
        }
        let writer = SQLiteWriter(path: path, synchronous: synchronous)
        let writerCache = try await writer.transaction { sql in
            try await sql.raw("PRAGMA cache_size").first()?.decode(column: "cache_size", as: Int.self)
        }
        #expect(writerCache == -16384)
        await TestDatabases.dispose(target, using: nil)
        await databases.shutdownAsync()
    }
}
