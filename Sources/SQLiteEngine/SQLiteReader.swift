import Foundation
import NIOConcurrencyHelpers
import SQLKit
import SQLiteKit
import Synchronization

/// Short reads by key on the SQLite file, run on the caller's thread over connections of its own, with
/// each statement prepared once per connection.
///
/// Why it exists: sqlite-nio runs every statement on a thread pool, prepares it anew and hands the row
/// back to the event loop; for a one-row read through an index that hand-off costs several times the read
/// (docs/benchmarks.md: about 120 µs of CPU against 20 µs). So the public lookup and the session and token
/// checks, which run on nearly every request, read here, on the caller's thread (an event loop, which waits
/// for the statement). Reads of many rows (a period's counters) also read here, but on a thread of the
/// thread pool (`DatabaseHandle.scan`): sqlite-nio would hand each of their rows to the event loop alone.
///
/// Readers see committed data only (WAL lets them read while a write is in progress); reads inside a
/// transaction must use the transaction's connection instead. When SQLite answers busy (rare in WAL mode:
/// crash recovery, a connection in exclusive mode) the read reports `nil` and the caller uses Fluent.
///
/// Background work that reads for minutes (the at-risk forecast reads every open dossier) reads on a thread
/// of its own (`backgroundRows`): on the thread pool, or on Fluent's connection of an event loop, each of its
/// reads held up the requests' reads queued behind it (seconds each at ten million dossiers).
public final class SQLiteReader: Sendable {
    let path: String
    private let idle = NIOLockedValueBox<[SQLiteFileConnection]>([])
    /// Connections kept for reuse; more than the threads that may read at once is never needed.
    private let keepIdle = 16
    /// Started by the first background read.
    private let startedBackgroundThread = Mutex<ExecutorThread?>(nil)

    public init(path: String) {
        self.path = path
    }

    /// Connections waiting for the next read.
    var idleConnections: Int { idle.withLockedValue { $0.count } }

    /// The rows of `query` (serialized for SQLite by `database`), at most `limit`, or nil when SQLite is busy.
    public func rows(_ query: any SQLExpression, serializedBy database: any SQLDatabase, limit: Int = .max) throws -> [SQLiteFileRow]? {
        try withConnection { try $0.rows(query, serializedBy: database, limit: limit) }
    }

    public func rows(_ sql: String, binds: [SQLiteData], limit: Int = .max) throws -> [SQLiteFileRow]? {
        try withConnection { try $0.rows(sql, binds: binds, limit: limit) }
    }

    /// The rows of `query` read on the background reads' thread, one read at a time, or nil when SQLite is busy.
    public func backgroundRows(_ query: any SQLExpression, serializedBy database: any SQLDatabase) async throws -> [SQLiteFileRow]? {
        let thread = startedBackgroundThread.withLock { thread in
            if let thread { return thread }
            let started = ExecutorThread(name: "cchc-sqlite-background")
            thread = started
            return started
        }
        return try await withTaskExecutorPreference(thread) { try self.rows(query, serializedBy: database) }
    }

    private func withConnection<T>(_ body: (SQLiteFileConnection) throws -> T) throws -> T {
        let connection = try idle.withLockedValue { $0.popLast() } ?? SQLiteFileConnection(path: path)
        defer {
            idle.withLockedValue { if $0.count < keepIdle { $0.append(connection) } }
        }
        return try body(connection)
    }
}
