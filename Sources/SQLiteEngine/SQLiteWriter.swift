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
    /// The pragmas of every connection that writes, here and Fluent's: 16 MiB of pages kept (SQLite's default
    /// is 2 MiB), so that a transaction's index pages are not read again, nor spilled to the log before it
    /// commits. Statement journals stay in temporary files: in memory (`temp_store = MEMORY`) a rebuild's
    /// delete of 600,000 counter rows held 300 MB (docs/benchmarks.md).
    public static let writePragmas = ["PRAGMA cache_size = -16384"]

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

    /// Runs `body` in a BEGIN IMMEDIATE … COMMIT on the writer's connection, when the writes asked for
    /// before it have finished; what `body` wrote is undone if it throws. A transaction started inside
    /// another is refused.
    ///
    /// Group commit: the transactions asked for while one batch is being written wait, then go together
    /// into the next BEGIN … COMMIT, each inside a savepoint of its own (one that throws is rolled back to
    /// it, alone), so that one commit and one fsync serve them all. Each caller is answered once the
    /// commit is done; if the commit fails, every transaction of the batch fails with it. The intake queue
    /// batches dossiers the same way one level up; this serves every other write (feedback, survey
    /// answers, officers' actions).
    public func transaction<T: Sendable>(_ body: @escaping @Sendable (any SQLDatabase) async throws -> T) async throws -> T {
        guard Self.writing != ObjectIdentifier(self) else {
            throw SQLiteFileError(message: "a write was started inside another write of this process")
        }
        return try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<T, any Error>) in
            let entry = Pending(fail: { continuation.resume(throwing: $0) }) { database, connection in
                do {
                    try connection.execute("SAVEPOINT cchc_write")
                    do {
                        let result = try await body(database)
                        try connection.execute("RELEASE cchc_write")
                        return Outcome(committed: { continuation.resume(returning: result) }, failed: { continuation.resume(throwing: $0) })
                    } catch {
                        try connection.execute("ROLLBACK TO cchc_write")
                        try connection.execute("RELEASE cchc_write")
                        return Outcome(committed: { continuation.resume(throwing: error) }, failed: { _ in continuation.resume(throwing: error) })
                    }
                } catch {
                    // The savepoint itself failed: the connection cannot go on with this batch.
                    return Outcome(committed: { continuation.resume(throwing: error) }, failed: { continuation.resume(throwing: $0) }, breaksBatch: true)
                }
            }
            let starts = queue.withLock { queue -> Bool in
                queue.waiting.append(entry)
                queue.unanswered += 1
                if queue.draining { return false }
                queue.draining = true
                return true
            }
            if starts { Task { await drain() } }
        }
    }

    /// The most transactions one commit carries, so that a batch holds the write lock briefly.
    static let maximumBatch = 64

    /// Set while the writer runs a batch's transactions: a write started from inside one is refused.
    @TaskLocal private static var writing: ObjectIdentifier?

    /// One waiting transaction: runs its body in its savepoint and says how to answer its caller once the
    /// batch is committed or has failed.
    private struct Pending: Sendable {
        let fail: @Sendable (any Error) -> Void
        let run: @Sendable (Database, SQLiteFileConnection) async -> Outcome
    }

    private struct Outcome: Sendable {
        let committed: @Sendable () -> Void
        let failed: @Sendable (any Error) -> Void
        var breaksBatch = false
    }

    private let queue = Mutex<(waiting: [Pending], draining: Bool, unanswered: Int)>(([], false, 0))

    /// Transactions asked for and not yet answered: waiting for a batch, or in one not yet committed.
    public var waiting: Int { queue.withLock { $0.unanswered } }

    private func drain() async {
        while true {
            let batch = queue.withLock { queue -> [Pending] in
                let batch = Array(queue.waiting.prefix(Self.maximumBatch))
                queue.waiting.removeFirst(batch.count)
                if batch.isEmpty { queue.draining = false }
                return batch
            }
            if batch.isEmpty { return }
            let (outcomes, failure) = await write(batch)
            queue.withLock { $0.unanswered -= batch.count }
            if let failure {
                for outcome in outcomes { outcome.failed(failure) }
                // Those that never ran (the gate was not reached, or a savepoint broke the batch) fail with it.
                for entry in batch.dropFirst(outcomes.count) { entry.fail(failure) }
            } else {
                for outcome in outcomes { outcome.committed() }
            }
        }
    }

    /// The batch in one transaction: each entry's outcome, and why the transaction failed if it did.
    private func write(_ batch: [Pending]) async -> ([Outcome], (any Error)?) {
        do {
            return try await gate.run {
                try await withTaskExecutorPreference(thread) {
                    try await Self.$writing.withValue(ObjectIdentifier(self)) {
                        let connection = try database.connection()
                        try connection.execute("BEGIN IMMEDIATE")
                        var outcomes: [Outcome] = []
                        for entry in batch {
                            let outcome = await entry.run(database, connection)
                            outcomes.append(outcome)
                            if outcome.breaksBatch {
                                try? connection.execute("ROLLBACK")
                                return (outcomes, SQLiteFileError(message: "a savepoint of the batch failed"))
                            }
                        }
                        do {
                            try connection.execute("COMMIT")
                        } catch {
                            try? connection.execute("ROLLBACK")
                            return (outcomes, error)
                        }
                        return (outcomes, nil)
                    }
                }
            }
        } catch {
            // The gate's patience ran out, or the transaction could not begin: nothing ran.
            return ([], error)
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
