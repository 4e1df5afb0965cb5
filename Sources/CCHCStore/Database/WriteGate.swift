import Synchronization

/// One transaction at a time, in the order they were asked for, for the SQLite writer's thread.
///
/// SQLite lets one connection write at a time and the others wait in its busy handler, which sleeps in
/// growing steps (up to 100 ms) before it tries again, so under load the unlucky ones wait far longer than
/// the work ahead of them: officer actions from eight clients, each on its own Fluent connection, had a
/// median of 7 ms and a 99th percentile of 600 ms (docs/benchmarks.md). Queued here instead, a transaction
/// starts the moment the one before it commits. The busy handler still arbitrates between the writer and
/// Fluent's connections, and other processes on the file.
///
/// A task-local marks the task holding the gate, so that a transaction started inside another is refused
/// instead of waiting for itself. Fluent runs its closures in tasks of their own, which do not see it: that
/// is why Fluent's transactions do not take the gate.
final class WriteGate: Sendable {
    private struct State {
        var busy = false
        var waiting: [CheckedContinuation<Void, Never>] = []
    }

    private let state = Mutex(State())

    /// The gate this task holds, so that a nested request fails instead of waiting for itself forever.
    @TaskLocal private static var held: ObjectIdentifier?

    /// Runs `body` once every writer that asked before has finished; other writers wait until it returns.
    func run<T: Sendable>(_ body: () async throws -> T) async throws -> T {
        guard Self.held != ObjectIdentifier(self) else {
            throw SQLiteFileError(message: "a write was started inside another write of this process")
        }
        await enter()
        defer { leave() }
        return try await Self.$held.withValue(ObjectIdentifier(self)) { try await body() }
    }

    private func enter() async {
        if state.withLock({ state in defer { state.busy = true }; return !state.busy }) { return }
        await withCheckedContinuation { continuation in
            // Whoever held the gate may have left between the check above and here.
            let enters = state.withLock { state in
                if !state.busy {
                    state.busy = true
                    return true
                }
                state.waiting.append(continuation)
                return false
            }
            if enters { continuation.resume() }
        }
    }

    /// Hands the gate to the longest waiting writer, or opens it.
    private func leave() {
        let next = state.withLock { state -> CheckedContinuation<Void, Never>? in
            guard !state.waiting.isEmpty else {
                state.busy = false
                return nil
            }
            return state.waiting.removeFirst()
        }
        next?.resume()
    }
}
