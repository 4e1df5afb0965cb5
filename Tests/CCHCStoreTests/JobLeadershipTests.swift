import CCHCTestSupport
import FluentKit
import Foundation
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
}
