import Foundation
import WorkCalendar

/// One counter of a derived table: a named count for an entity (a unit, an account), optionally per
/// subject (a procedure code, a field) and per day. Projections keep such counters current from events;
/// dashboards read them instead of scanning the records.
public struct CounterKey: Hashable, Sendable {
    public var projection: String
    public var counter: String
    /// A unit's or an account's id, or nil for the whole province.
    public var entity: UUID?
    public var subject: String
    public var day: LocalDate?

    public init(projection: String, counter: String, entity: UUID?, subject: String = "", day: LocalDate? = nil) {
        self.projection = projection
        self.counter = counter
        self.entity = entity
        self.subject = subject
        self.day = day
    }
}

extension CounterKey {
    /// A counter named `x` + this holds month totals of `x`, dated on each month's first day
    /// (`ProjectionRepository.periodSums` reads whole months from them).
    public static let monthSuffix = "@month"

    public var isMonthTotal: Bool { counter.hasSuffix(Self.monthSuffix) }

    /// The name of `counter`'s month totals.
    public static func monthTotal(of counter: String) -> String { counter + monthSuffix }

    /// `counters` with each day's value again in its month's total, so that a long period reads months
    /// rather than days; zeros left out.
    public static func withMonthTotals(_ counters: [CounterKey: Int]) -> [CounterKey: Int] {
        var result = counters
        for (key, value) in counters where value != 0 {
            guard let day = key.day else { continue }
            var month = key
            month.counter = monthTotal(of: key.counter)
            month.day = day.firstOfMonth
            result[month, default: 0] += value
        }
        return result.filter { $0.value != 0 }
    }

    /// The counter a month total adds up (a daily counter's own name for itself).
    public static func dailyCounter(of counter: String) -> String {
        counter.hasSuffix(monthSuffix) ? String(counter.dropLast(monthSuffix.count)) : counter
    }
}

/// How much a counter moves.
public struct CounterChange: Equatable, Sendable {
    public var key: CounterKey
    public var delta: Int

    public init(_ key: CounterKey, _ delta: Int) {
        self.key = key
        self.delta = delta
    }

    /// Changes of the same key added up; those that cancel out dropped. Sorted, so that two writers
    /// touch the same counters in the same order.
    public static func merged(_ changes: [CounterChange]) -> [CounterChange] {
        var totals: [CounterKey: Int] = [:]
        for change in changes { totals[change.key, default: 0] += change.delta }
        // Each key's text made once, not twice per comparison: a rebuild's flush sorts a hundred thousand.
        return totals.filter { $0.value != 0 }.map { (order: $0.key.sortKey, change: CounterChange($0.key, $0.value)) }
            .sorted { $0.order < $1.order }.map(\.change)
    }
}

extension CounterKey {
    /// The key as text, the order every writer touches counters in.
    public var sortKey: String {
        "\(projection)|\(counter)|\(entity?.uuidString ?? "")|\(subject)|\(day?.description ?? "")"
    }
}

/// A derived table kept current from an event stream: a pure function from one event and the state
/// before and after it to the counters that move. The store applies it in the same transaction as the
/// event, and `cchc projections rebuild` folds it over the stored events; a new projection is added to its
/// stream's list (`DossierProjections.all`) without touching the write path.
public protocol Projection<Event, State>: Sendable {
    associatedtype Event
    associatedtype State

    /// Unique among all projections; the counters' first key.
    var name: String { get }

    func changes(for event: Event, before: State?, after: State) -> [CounterChange]
}

/// A projection whose counters follow from the state alone: what an item adds is `counters(state)`, and an
/// event moves them from the state before's to the state after's. Over a whole history the moves add up to
/// the last state's counters, so a rebuild needs each item's last event, not every one.
public protocol StateProjection<Event, State>: Projection {
    func counters(_ state: State) -> [CounterKey: Int]
}

extension StateProjection {
    public func changes(for event: Event, before: State?, after: State) -> [CounterChange] {
        var totals = counters(after)
        if let before {
            for (key, value) in counters(before) { totals[key, default: 0] -= value }
        }
        return totals.filter { $0.value != 0 }.map { CounterChange($0.key, $0.value) }
    }
}
