import CCHCCore

/// Counters being recomputed from events, handed to `flush` whenever they hold `limit` keys: a rebuild's
/// memory is then bounded by the limit, not by the counters it makes (units × procedures × days, which at
/// a province's scale are millions). The flushed totals are added to the table, so a key flushed twice sums.
struct RecomputedTotals {
    private(set) var pending: [CounterKey: Int] = [:]
    let limit: Int
    private let write: ([CounterKey: Int]) async throws -> Void

    /// Totals kept whole in memory: a check compares them all with the table.
    init() {
        self.init(limit: .max) { _ in }
    }

    init(limit: Int, write: @escaping ([CounterKey: Int]) async throws -> Void) {
        self.limit = limit
        self.write = write
    }

    mutating func add(_ change: CounterChange) {
        pending[change.key, default: 0] += change.delta
    }

    /// Hands the totals on once they hold `limit` keys (called after each event).
    mutating func flushIfFull() async throws {
        if pending.count >= limit { try await flush() }
    }

    mutating func flush() async throws {
        guard !pending.isEmpty else { return }
        try await write(pending)
        pending = [:]
    }
}
