import CCHCCore
import CCHCTestSupport
import FluentKit
import Foundation
import SQLKit
import Testing

@testable import CCHCStore
@testable import SQLiteEngine

/// The SQLite writer runs whole transactions on a connection and a thread of its own: each commits as a
/// whole or not at all, takes turns with Fluent's write transactions and its own, and Fluent sees its
/// commits at once.
@Suite("Write transactions on the SQLite writer's own connection")
struct SQLiteWriterTests {
    struct Refused: Error {}

    func record(_ key: String, on sql: any SQLDatabase) async throws {
        try await sql.raw("INSERT INTO throttle_events (id, scope, key, occurred_at) VALUES (\(bind: UUID()), 'test', \(bind: key), \(bind: Date()))").run()
    }

    func count(_ db: any Database) async throws -> Int {
        try await (db as! any SQLDatabase).raw("SELECT count(*) AS n FROM throttle_events WHERE scope = 'test'").first()?.decode(column: "n", as: Int.self)
            ?? -1
    }

    @Test("A transaction commits whole or not at all, and Fluent reads the commit at once")
    func commitsOrRollsBack() async throws {
        try await TestDatabases.withDatabase(.sqlite) { _, db, target in
            let writer = try #require(TestDatabases.sharedState(target).writer)
            await #expect(throws: Refused.self) {
                try await writer.transaction { sql in
                    try await record("first", on: sql)
                    throw Refused()
                }
            }
            #expect(try await count(db) == 0)
            let read = try await writer.transaction { sql in
                try await record("first", on: sql)
                try await record("second", on: sql)
                // Its own writes are visible inside the transaction.
                return try await sql.raw("SELECT count(*) AS n FROM throttle_events").first()?.decode(column: "n", as: Int.self)
            }
            #expect(read == 2)
            #expect(try await count(db) == 2)
            // A statement the database refuses fails the transaction, with SQLite's reason.
            await #expect(throws: SQLiteFileError.self) {
                try await writer.transaction { sql in try await sql.raw("INSERT INTO no_such_table VALUES (1)").run() }
            }
            // A nested transaction is refused rather than run on the same connection or left waiting for itself.
            await #expect(throws: SQLiteFileError.self) {
                try await writer.transaction { _ in try await writer.transaction { sql in try await record("nested", on: sql) } }
            }
            #expect(try await count(db) == 2)
        }
    }

    @Test("While Fluent holds the write lock the writer waits for it, then commits")
    func waitsForFluentWriters() async throws {
        try await TestDatabases.withDatabase(.sqlite) { _, db, target in
            let writer = try #require(TestDatabases.sharedState(target).writer)
            let (locked, holdsLock) = AsyncStream.makeStream(of: Void.self)
            try await withThrowingTaskGroup(of: Void.self) { group in
                group.addTask {
                    try await db.writeTransaction { db in
                        // After its first write the transaction holds SQLite's write lock until it commits.
                        try await record("fluent", on: db as! any SQLDatabase)
                        holdsLock.yield()
                        try await Task.sleep(for: .milliseconds(300))
                    }
                }
                for await _ in locked { break }
                group.addTask { try await writer.transaction { sql in try await record("writer", on: sql) } }
                try await group.waitForAll()
            }
            // The writer's row came second: it waited for Fluent's commit instead of failing as busy.
            let keys = try await (db as! any SQLDatabase).raw("SELECT key FROM throttle_events WHERE scope = 'test' ORDER BY rowid").all()
                .map { try $0.decode(column: "key", as: String.self) }
            #expect(keys == ["fluent", "writer"])
        }
    }

    @Test("Transactions asked for at once, on the writer and through Fluent, take turns and all commit")
    func writersTakeTurns() async throws {
        try await TestDatabases.withDatabase(.sqlite) { _, db, target in
            let shared = TestDatabases.sharedState(target)
            // On SQLite, `writeSQL` outside a transaction goes through the writer.
            _ = try #require(shared.writer)
            let handle = DatabaseHandle(db: db, inTransaction: false, shared: shared)
            try await withThrowingTaskGroup(of: Void.self) { group in
                for index in 0..<40 {
                    group.addTask {
                        if index.isMultiple(of: 4) {
                            try await handle.write { db in try await record("fluent \(index)", on: db as! any SQLDatabase) }
                        } else {
                            try await handle.writeSQL { sql in try await record("writer \(index)", on: sql) }
                        }
                    }
                }
                try await group.waitForAll()
            }
            #expect(try await count(db) == 40)
        }
    }

    @Test("Writes of one statement wait their turn at the writer, not in SQLite's busy handler on the pool's threads")
    func statementsWaitAtTheGate() async throws {
        try await TestDatabases.withDatabase(.sqlite) { _, db, target in
            let shared = TestDatabases.sharedState(target)
            let writer = try #require(shared.writer)
            let handle = DatabaseHandle(db: db, inTransaction: false, shared: shared)
            let throttle = FluentThrottleRepository(handle: handle)
            // More writes than the pool that runs every Fluent statement has threads: had they waited for the lock
            // in the busy handler, the transaction holding it could not have run its next statement.
            let others = 4 * ProcessInfo.processInfo.activeProcessorCount
            let (holding, holds) = AsyncStream.makeStream(of: Void.self)
            try await withThrowingTaskGroup(of: Void.self) { group in
                group.addTask {
                    try await handle.write { db in
                        try await record("holder", on: db as! any SQLDatabase)
                        holds.yield()
                        for _ in 0..<1000 where writer.waiting < others { try await Task.sleep(for: .milliseconds(10)) }
                        #expect(writer.waiting == others)
                        try await record("holder again", on: db as! any SQLDatabase)
                    }
                }
                for await _ in holding { break }
                for index in 0..<others {
                    group.addTask { try await throttle.record(scope: "test", key: "statement \(index)", at: Date()) }
                }
                try await group.waitForAll()
            }
            #expect(try await count(db) == others + 2)
        }
    }

    @Test("Transactions asked for while another is written share a commit; one that throws is undone alone; a write inside one is refused")
    func groupCommit() async throws {
        try await TestDatabases.withDatabase(.sqlite) { _, db, target in
            let writer = try #require(TestDatabases.sharedState(target).writer)
            let (holding, holds) = AsyncStream.makeStream(of: Void.self)
            let (released, release) = AsyncStream.makeStream(of: Void.self)
            let results = try await withThrowingTaskGroup(of: Bool.self) { group in
                // The first holds the writer until the others are queued behind it: they go in one batch.
                group.addTask {
                    try await writer.transaction { sql in
                        try await record("holder", on: sql)
                        holds.yield()
                        for await _ in released { break }
                    }
                    return true
                }
                for await _ in holding { break }
                for index in 0..<30 {
                    group.addTask {
                        do {
                            try await writer.transaction { sql in
                                try await record("batched \(index)", on: sql)
                                if index % 3 == 0 { throw Refused() }
                            }
                            return true
                        } catch is Refused {
                            return false
                        }
                    }
                }
                for _ in 0..<1000 where writer.waiting < 31 { try await Task.sleep(for: .milliseconds(10)) }
                #expect(writer.waiting == 31)
                release.yield()
                return try await group.reduce(into: [Bool]()) { $0.append($1) }
            }
            #expect(results.filter { $0 }.count == 21 && results.filter { !$0 }.count == 10)
            // The refused ones left nothing; the rest, batched or not, are all there.
            #expect(try await count(db) == 21)
            await #expect(throws: SQLiteFileError.self) {
                try await writer.transaction { _ in try await writer.transaction { sql in try await record("nested", on: sql) } }
            }
            #expect(try await count(db) == 21 && writer.waiting == 0)
        }
    }
}
