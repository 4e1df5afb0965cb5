import FluentKit
import FluentPostgresDriver
import Foundation
import Logging
import SQLKit
import Synchronization

/// Runs background work (the deadline job, the notification sender) on one instance at a time.
///
/// On PostgreSQL the leader is the instance holding a session advisory lock (`pg_try_advisory_lock`) on a
/// connection it keeps from a pool of its own (`databaseID`) while it leads; the runs themselves use the
/// requests' connections. When that process dies, or the database restarts, the session ends and the lock
/// with it; another instance (or this one, on a new connection) takes it on its next try, one interval
/// later. Nothing can leak: the leader unlocks before it gives the connection back, and closes the
/// connection instead when it cannot. On SQLite a single process owns the file and always leads.
///
/// Why not a transaction-scoped lock in a Fluent transaction: PostgresNIO (1.33) never answers a statement
/// sent on a connection the server has already closed, so the COMMIT or ROLLBACK of a transaction held
/// across a database restart waits forever, and with it the job and the server's shutdown. The connection
/// is checked (`isClosed`) before each statement instead, and no statement is needed to end a session lock.
public struct JobLeadership: Sendable {
    /// The pool the leaders' connections come from on PostgreSQL, apart from the requests' pool.
    public static let databaseID = DatabaseID(string: "cchc-jobs")
    /// Background jobs that lead this way (the deadline job, the notification sender): the size of that pool
    /// per event loop, so that every job's lock finds a connection whichever loop it lands on.
    public static let jobCount = 2

    public let database: any Database
    public let name: String
    /// The lock's number, the same on every instance for the same job.
    public let key: Int64
    public let logger: Logger

    public init(database: any Database, name: String, logger: Logger) {
        self.database = database
        self.name = name
        self.key = Self.key(for: name)
        self.logger = logger
    }

    /// A stable number for a job's name (FNV-1a), the same on every instance and build.
    static func key(for name: String) -> Int64 {
        Int64(bitPattern: name.utf8.reduce(0xcbf2_9ce4_8422_2325) { ($0 ^ UInt64($1)) &* 0x0100_0000_01b3 })
    }

    /// Calls `body` (told how many runs this instance made) every `interval` while this instance leads, and
    /// tries to lead every `interval` while it does not, until cancelled. A failed run is logged with
    /// `failure`; a lost connection ends the leadership, and the next try starts over.
    public func lead(every interval: Duration, failure: String, _ body: @escaping @Sendable (Int) async throws -> Void) async {
        var runs = 0
        while !Task.isCancelled {
            do {
                if (database as? any SQLDatabase)?.dialect.name == "postgresql" {
                    runs = try await leadOnPostgres(every: interval, failure: failure, runs: runs, body)
                } else {
                    try await run(body, runs, failure: failure)
                    runs += 1
                }
            } catch {
                logger.warning("Leadership of a background job lost", metadata: ["key": "\(key)", "error": "\(String(reflecting: error))"])
            }
            try? await Task.sleep(for: interval)
        }
    }

    /// Holds the lock on one connection of the leadership pool while `stop` is not set. A lost connection
    /// (or any failure) closes it, so that a connection holding a lock never goes back to the pool.
    private func leadOnPostgres(
        every interval: Duration, failure: String, runs: Int, _ body: @escaping @Sendable (Int) async throws -> Void
    ) async throws -> Int {
        guard let postgres = database as? any PostgresDatabase else { throw LeadershipLost() }
        let stop = StopFlag()
        return try await withTaskCancellationHandler {
            try await postgres.withConnection { connection in
                let promise = connection.eventLoop.makePromise(of: Int.self)
                promise.completeWithTask {
                    do {
                        return try await hold(connection, stop: stop, every: interval, failure: failure, runs: runs, body)
                    } catch {
                        try? await connection.close().get()
                        throw error
                    }
                }
                return promise.futureResult
            }.get()
        } onCancel: {
            stop.set()
        }
    }

    private func hold(
        _ connection: PostgresConnection, stop: StopFlag, every interval: Duration, failure: String, runs: Int,
        _ body: @escaping @Sendable (Int) async throws -> Void
    ) async throws -> Int {
        let sql = connection.sql()
        func statement(_ query: SQLQueryString) async throws -> (any SQLRow)? {
            guard !connection.isClosed else { throw LeadershipLost() }
            return try await sql.raw(query).first()
        }
        let held = try await statement("SELECT pg_try_advisory_lock(\(bind: key)) AS held")?.decode(column: "held", as: Bool.self)
        guard held == true else { return runs }
        logger.notice("Leading a background job", metadata: ["job": "\(name)"])
        defer { logger.notice("No longer leading a background job", metadata: ["job": "\(name)"]) }
        var runs = runs
        while !stop.isSet {
            // The connection holding the lock still answers; if it does not, leadership is lost.
            _ = try await statement("SELECT 1 AS alive")
            try await run(body, runs, failure: failure)
            runs += 1
            await stop.sleep(for: interval)
        }
        _ = try await statement("SELECT pg_advisory_unlock(\(bind: key)) AS released")
        return runs
    }

    private func run(_ body: @Sendable (Int) async throws -> Void, _ runs: Int, failure: String) async throws {
        do {
            try await body(runs)
        } catch {
            logger.error("\(failure)", metadata: ["error": "\(String(reflecting: error))"])
        }
    }
}

/// The connection that held (or was to take) a leader's lock is gone.
struct LeadershipLost: Error {}

/// Set once, when the work it watches over should stop; a sleep it ends early.
final class StopFlag: Sendable {
    private let value = Mutex(false)

    var isSet: Bool { value.withLock { $0 } }

    func set() { value.withLock { $0 = true } }

    /// Sleeps for `duration`, or less once the flag is set (checked every tenth of a second).
    func sleep(for duration: Duration) async {
        let end = ContinuousClock.now + duration
        while !isSet, ContinuousClock.now < end {
            try? await Task.sleep(for: min(.milliseconds(100), end - ContinuousClock.now))
        }
    }
}
