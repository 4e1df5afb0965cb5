import FluentKit
import Foundation
import Logging
import SQLKit
import Synchronization

/// Runs background work (the deadline job, the notification sender) on one instance at a time.
///
/// On PostgreSQL the leader is the instance holding a transaction-scoped advisory lock
/// (`pg_try_advisory_xact_lock`) in a transaction it keeps open while it leads; the runs themselves use other
/// connections. When that process dies, its connection closes, the transaction ends and the lock with it;
/// another instance takes it on its next try, one interval later. Nothing can leak: a lock held by a
/// transaction ends with it, whatever happens. On SQLite a single process owns the file and always leads.
public struct JobLeadership: Sendable {
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

    /// Fluent runs a transaction's body in a task of its own, which the caller's cancellation does not
    /// reach: the body watches `stop` instead, set when the caller is cancelled.
    private func leadOnPostgres(
        every interval: Duration, failure: String, runs: Int, _ body: @escaping @Sendable (Int) async throws -> Void
    ) async throws -> Int {
        let (key, name, logger) = (self.key, self.name, self.logger)
        let stop = StopFlag()
        return try await withTaskCancellationHandler {
            try await database.transaction { db in
                let sql = db as! any SQLDatabase
                let held = try await sql.raw("SELECT pg_try_advisory_xact_lock(\(bind: key)) AS held").first()?.decode(column: "held", as: Bool.self)
                guard held == true else { return runs }
                logger.notice("Leading a background job", metadata: ["job": "\(name)"])
                defer { logger.notice("No longer leading a background job", metadata: ["job": "\(name)"]) }
                var runs = runs
                while !stop.isSet {
                    // The connection holding the lock still answers; if it does not, leadership is lost.
                    try await sql.raw("SELECT 1").run()
                    try await run(body, runs, failure: failure)
                    runs += 1
                    await stop.sleep(for: interval)
                }
                return runs
            }
        } onCancel: {
            stop.set()
        }
    }

    private func run(_ body: @Sendable (Int) async throws -> Void, _ runs: Int, failure: String) async throws {
        do {
            try await body(runs)
        } catch {
            logger.error("\(failure)", metadata: ["error": "\(String(reflecting: error))"])
        }
    }
}

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
