import Foundation
import Logging
import NIOCore
import NIOPosix
import SQLKit
import SQLiteKit
import Synchronization

/// Write transactions on the SQLite file, each run whole on a thread and a connection of the writer's own.
///
/// Why it exists: through sqlite-nio every statement of a transaction is a round trip from the event loop
/// to a thread pool and back, and between statements the transaction waits for a busy event loop. A batch
/// of intakes is six statements (begin, code counter, dossiers, audit head, events, commit), so the write
/// lock was held for several event-loop turns and the next batch waited behind it; intake ran at under half
/// the rate of a bare SQLite loop (docs/benchmarks.md). Here the whole transaction, fsync included, runs on
/// one thread that nothing else uses: one hop there, one back.
///
/// The transaction's code is the same async code that runs through Fluent elsewhere: it sees an
/// `SQLDatabase` whose statements run at once on the writer's thread. It must not wait on anything else.
public final class SQLiteWriter: Sendable {
    /// How long a write waits for another connection's write to end, here and on Fluent's connections
    /// (`DatabasePreparation`), before it fails instead of hanging.
    public static let busyTimeoutMilliseconds = 10_000

    /// Started by the first transaction: most commands of the program never write a dossier.
    private let startedThread = Mutex<ExecutorThread?>(nil)
    private let database: Database
    /// Taken by every write of this process on the file: the writer's transactions, Fluent's through
    /// `DatabaseHandle.write`, and single statements through `DatabaseHandle.writeStatements`.
    public let gate: WriteGate

    /// `patience`: how long a write waits for its turn before it fails as `SQLiteFileError.busy`.
    public init(path: String, synchronous: SQLiteSynchronous, patience: Duration = .milliseconds(busyTimeoutMilliseconds)) {
        database = Database(path: path, synchronous: synchronous)
        gate = WriteGate(patience: patience)
    }

    private var thread: ExecutorThread {
        startedThread.withLock { thread in
            if let thread { return thread }
            let started = ExecutorThread(name: "cchc-sqlite-writer")
            thread = started
            return started
        }
    }

    /// Runs `body` in one BEGIN IMMEDIATE … COMMIT on the writer's connection, rolled back if it throws,
    /// when the writes asked for before it have finished. A transaction started inside another is refused.
    public func transaction<T: Sendable>(_ body: @Sendable (any SQLDatabase) async throws -> T) async throws -> T {
        try await gate.run {
            try await withTaskExecutorPreference(thread) {
                let connection = try database.connection()
                try connection.execute("BEGIN IMMEDIATE")
                do {
                    let result = try await body(database)
                    try connection.execute("COMMIT")
                    return result
                } catch {
                    try? connection.execute("ROLLBACK")
                    throw error
                }
            }
        }
    }

    /// The writer's connection as SQLKit sees it: each statement runs at once, on the calling thread.
    private final class Database: SQLDatabase, @unchecked Sendable {
        let path: String
        let synchronous: SQLiteSynchronous
        /// Opened on first use, on the writer's thread; only that thread touches it.
        private var opened: SQLiteFileConnection?
        let logger = Logger(label: "cchc.sqlite-writer")
        var eventLoop: any EventLoop { MultiThreadedEventLoopGroup.singleton.any() }
        let dialect: any SQLDialect = SQLiteDialect()

        init(path: String, synchronous: SQLiteSynchronous) {
            self.path = path
            self.synchronous = synchronous
        }

        func connection() throws -> SQLiteFileConnection {
            if let opened { return opened }
            let connection = try SQLiteFileConnection(path: path, writer: synchronous)
            opened = connection
            return connection
        }

        func execute(sql query: any SQLExpression, _ onRow: @escaping @Sendable (any SQLRow) -> ()) -> EventLoopFuture<Void> {
            do {
                try run(query, onRow)
                return eventLoop.makeSucceededVoidFuture()
            } catch {
                return eventLoop.makeFailedFuture(error)
            }
        }

        func execute(sql query: any SQLExpression, _ onRow: @escaping @Sendable (any SQLRow) -> ()) async throws {
            try run(query, onRow)
        }

        private func run(_ query: any SQLExpression, _ onRow: (any SQLRow) -> ()) throws {
            // Nil is busy past the connection's timeout: another writer held the lock all that time.
            guard let rows = try connection().rows(query, serializedBy: self) else { throw SQLiteFileError.busy }
            rows.forEach(onRow)
        }
    }
}
