import Synchronization

/// One write at a time, in the order they were asked for, for the writes of one process on one SQLite
/// file: the writer's transactions, Fluent's, and single statements.
///
/// SQLite lets one connection write at a time and the others wait in its busy handler, which sleeps in
/// growing steps (up to 100 ms) before it tries again, so under load the unlucky ones wait far longer than
/// the work ahead of them: officer actions from eight clients, each on its own Fluent connection, had a
/// median of 7 ms and a 99th percentile of 600 ms (docs/benchmarks.md). Queued here instead, a transaction
/// starts the moment the one before it commits. The busy handler is left for other processes on the file
/// (the command line, a second instance).
///
/// A transaction started inside another cannot get the gate. When both run in one task (the writer's
/// transactions) a task-local sees it and the second is refused at once; Fluent runs its closures in tasks
/// of their own, which do not see the task-local, so a write waits at most `patience` (the time a request
/// may wait for a database connection) and then fails as `SQLiteFileError.busy`.
public final class WriteGate: Sendable {
    private struct Waiter {
        let id: UInt64
        let continuation: CheckedContinuation<Void, any Error>
        let timer: Task<Void, Never>
    }

    private struct State {
        var busy = false
        var waiting: [Waiter] = []
        var lastID: UInt64 = 0
    }

    private let state = Mutex(State())
    let patience: Duration

    /// The gate this task holds.
    @TaskLocal private static var held: ObjectIdentifier?

    init(patience: Duration) {
        self.patience = patience
    }

    /// Runs `body` once every write that asked before has finished; other writes wait until it returns.
    public func run<T: Sendable>(_ body: () async throws -> T) async throws -> T {
        guard Self.held != ObjectIdentifier(self) else {
            throw SQLiteFileError(message: "a write was started inside another write of this process")
        }
        try await enter()
        defer { leave() }
        return try await Self.$held.withValue(ObjectIdentifier(self)) { try await body() }
    }

    private func enter() async throws {
        let id = state.withLock { state -> UInt64? in
            if !state.busy {
                state.busy = true
                return nil
            }
            state.lastID += 1
            return state.lastID
        }
        guard let id else { return }
        try await withCheckedThrowingContinuation { continuation in
            let timer = Task { [patience] in
                try? await Task.sleep(for: patience)
                if !Task.isCancelled { self.giveUp(id) }
            }
            // Whoever held the gate may have left since the first look.
            let enters = state.withLock { state in
                if !state.busy {
                    state.busy = true
                    return true
                }
                state.waiting.append(Waiter(id: id, continuation: continuation, timer: timer))
                return false
            }
            if enters {
                timer.cancel()
                continuation.resume()
            }
        }
    }

    /// Hands the gate to the longest waiting write, or opens it.
    private func leave() {
        let next = state.withLock { state -> Waiter? in
            guard !state.waiting.isEmpty else {
                state.busy = false
                return nil
            }
            return state.waiting.removeFirst()
        }
        guard let next else { return }
        next.timer.cancel()
        next.continuation.resume()
    }

    /// How many writes are waiting.
    public var waiting: Int { state.withLock { $0.waiting.count } }

    /// Fails a write that has waited `patience`, unless it got the gate meanwhile.
    private func giveUp(_ id: UInt64) {
        let waiter = state.withLock { state -> Waiter? in
            guard let index = state.waiting.firstIndex(where: { $0.id == id }) else { return nil }
            return state.waiting.remove(at: index)
        }
        waiter?.continuation.resume(throwing: SQLiteFileError.busy)
    }
}
