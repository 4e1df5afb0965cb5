import CCHCTestSupport
import FluentKit
import Foundation
import SQLKit
import Synchronization
import Testing

@testable import CCHCStore

@Suite("Background jobs led by one instance at a time")
struct JobLeadershipTests {
    /// Two would-be leaders of the same job on one database, each counting its runs.
    final class Runs: Sendable {
        let counts = Mutex<[String: Int]>([:])
        func add(_ name: String) { counts.withLock { $0[name, default: 0] += 1 } }
        subscript(_ name: String) -> Int { counts.withLock { $0[name, default: 0] } }

        /// Waits (up to a generous limit, for a loaded machine) until `condition` holds.
        func wait(until condition: (Runs) -> Bool) async throws {
            let end = ContinuousClock.now + .seconds(30)
            while !condition(self), ContinuousClock.now < end { try await Task.sleep(for: .milliseconds(20)) }
        }
    }

    @Test(
        "On PostgreSQL exactly one instance runs a job; when it stops, the other takes over on its next try; on SQLite the one process leads",
        arguments: TestDatabases.kinds)
    func oneLeader(kind: DatabaseKind) async throws {
        try await TestDatabases.withStore(kind) { _, database in
            let runs = Runs()
            func candidate(_ name: String) -> Task<Void, Never> {
                Task {
                    await JobLeadership(database: database, name: "cchc.test-job.\(kind)", logger: database.logger).lead(
                        every: .milliseconds(50), failure: ""
                    ) { _ in runs.add(name) }
                }
            }
            let first = candidate("first")
            try await runs.wait { $0["first"] >= 3 }
            let second = candidate("second")
            let before = runs["first"]
            try await runs.wait { $0["first"] >= before + 5 && (kind == .postgres || $0["second"] >= 3) }
            #expect(runs["first"] >= before + 5)
            // On PostgreSQL the second waits while the first leads; SQLite has one process, which leads.
            #expect(kind == .postgres ? runs["second"] == 0 : runs["second"] >= 3)
            first.cancel()
            await first.value
            let firstTotal = runs["first"]
            try await runs.wait { $0["second"] >= 3 }
            #expect(runs["first"] == firstTotal && runs["second"] >= 3)
            second.cancel()
            await second.value
        }
    }

    @Test(
        "PostgreSQL: when the database ends the leader's session (a restart, a failover), it leads again on a new connection, and still stops when asked",
        .enabled(if: TestDatabases.postgresURL != nil))
    func sessionEnded() async throws {
        try await TestDatabases.withStore(.postgres) { _, database in
            let runs = Runs()
            let name = "cchc.test-job.ended"
            let leader = Task {
                await JobLeadership(database: database, name: name, logger: database.logger).lead(every: .milliseconds(50), failure: "") { _ in
                    runs.add("leader")
                }
            }
            try await runs.wait { $0["leader"] >= 3 }
            let sql = database as! any SQLDatabase
            let key = JobLeadership.key(for: name)
            // The lock's key is split into two 32-bit halves in pg_locks.
            let ended = try await sql.raw(
                """
                SELECT pg_terminate_backend(pid) AS ended FROM pg_locks
                WHERE locktype = 'advisory' AND classid = \(bind: Int64(UInt64(bitPattern: key) >> 32)) \
                AND objid = \(bind: Int64(UInt64(bitPattern: key) & 0xffff_ffff))
                """
            ).all()
            #expect(ended.count == 1)
            let before = runs["leader"]
            try await runs.wait { $0["leader"] >= before + 3 }
            #expect(runs["leader"] >= before + 3)
            leader.cancel()
            await leader.value
        }
    }
}
