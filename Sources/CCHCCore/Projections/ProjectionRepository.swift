import Foundation
import WorkCalendar

/// A counter that a rebuild found different from the one kept incrementally.
public struct CounterDifference: Equatable, Sendable {
    public var key: CounterKey
    public var stored: Int
    public var rebuilt: Int

    public init(key: CounterKey, stored: Int, rebuilt: Int) {
        self.key = key
        self.stored = stored
        self.rebuilt = rebuilt
    }
}

/// A counter summed over a span of days, per entity and subject.
public struct CounterSum: Equatable, Sendable {
    public var counter: String
    public var entity: UUID?
    public var subject: String
    public var value: Int

    public init(counter: String, entity: UUID?, subject: String, value: Int) {
        self.counter = counter
        self.entity = entity
        self.subject = subject
        self.value = value
    }
}

public protocol ProjectionRepository: Sendable {
    /// Each counter of a projection per entity and subject: flow counters summed over `days`, the
    /// `running` ones over every day up to its end (what they stood at that evening).
    func periodSums(projection: String, days: ClosedRange<LocalDate>, running: [String]) async throws -> [CounterSum]
    /// The total of each of `counters` of a projection, over `entities` (nil: every one) and the days of
    /// `days` (nil: every day, and counters kept without a day).
    func sums(projection: String, counters: [String], entities: Set<UUID>?, days: ClosedRange<LocalDate>?) async throws -> [String: Int]
    /// Recomputes the named dossier projections (every one when empty) from the stored events, replacing
    /// their counters, under the write lock. `progress` gets the events read so far and the total.
    /// Returns how many counters each now holds.
    func rebuild(_ names: [String], progress: @escaping @Sendable (Int, Int) -> Void) async throws -> [String: Int]
    /// Recomputes them the same way without writing, and lists every counter that differs.
    func check(_ names: [String], progress: @escaping @Sendable (Int, Int) -> Void) async throws -> [CounterDifference]
}
