import Synchronization
import Testing

@testable import CCHCStore
@testable import SQLiteEngine

/// The gate in front of a process's SQLite writes: in order, one at a time, a nested request refused,
/// and a bounded wait.
@Suite("The write gate")
struct WriteGateTests {
    /// What the writes saw: the order they ran in, and how many ran at once at the most.
    final class Log: Sendable {
        let order = Mutex<[Int]>([])
        let inside = Mutex(0)
        let most = Mutex(0)
    }

    /// Holds `gate` until `release` yields, signalling `held` once it has it.
    func hold(_ gate: WriteGate, held: AsyncStream<Void>.Continuation, release: AsyncStream<Void>) async throws {
        try await gate.run {
            held.yield()
            for await _ in release { break }
        }
    }

    func waitUntil(_ gate: WriteGate, hasWaiting count: Int) async {
        while gate.waiting < count { await Task.yield() }
    }

    @Test("Writes waiting for the gate get it in the order they asked, one at a time")
    func inOrder() async throws {
        let gate = WriteGate(patience: .seconds(30))
        let log = Log()
        let (held, holding) = AsyncStream.makeStream(of: Void.self)
        let (release, releasing) = AsyncStream.makeStream(of: Void.self)
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { try await hold(gate, held: holding, release: release) }
            for await _ in held { break }
            for index in 0..<5 {
                group.addTask {
                    try await gate.run {
                        let now = log.inside.withLock {
                            $0 += 1; return $0
                        }
                        log.most.withLock { $0 = max($0, now) }
                        log.order.withLock { $0.append(index) }
                        await Task.yield()
                        log.inside.withLock { $0 -= 1 }
                    }
                }
                await waitUntil(gate, hasWaiting: index + 1)
            }
            releasing.yield()
            try await group.waitForAll()
        }
        #expect(log.order.withLock { $0 } == [0, 1, 2, 3, 4])
        #expect(log.most.withLock { $0 } == 1)
        #expect(gate.waiting == 0)
    }

    @Test("A nested write in the same task is refused at once; a write kept waiting past the patience fails, and the gate works on")
    func refusals() async throws {
        let gate = WriteGate(patience: .milliseconds(100))
        await #expect(throws: SQLiteFileError.self) {
            try await gate.run { try await gate.run {} }
        }
        let (held, holding) = AsyncStream.makeStream(of: Void.self)
        let (release, releasing) = AsyncStream.makeStream(of: Void.self)
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { try await hold(gate, held: holding, release: release) }
            for await _ in held { break }
            // A separate task, as Fluent's closures are: it does not see the holder's task-local.
            await #expect {
                try await Task { try await gate.run {} }.value
            } throws: { $0.isDatabaseBusy }
            #expect(gate.waiting == 0)
            releasing.yield()
            try await group.waitForAll()
        }
        #expect(try await gate.run { 42 } == 42)
    }
}
