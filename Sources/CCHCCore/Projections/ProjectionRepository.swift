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
    /// Each counter of a projection per entity and subject: the `flows` summed over `days`, the `running`
    /// ones over every day up to its end (what they stood at that evening). Whole months are read from the
    /// month totals (`CounterKey.monthSuffix`) as `PeriodPlan` says, so a long period reads months, not days.
    func periodSums(projection: String, days: ClosedRange<LocalDate>, flows: [String], running: [String]) async throws -> [CounterSum]
    /// Each month's sums from `months.lowerBound`'s month to `months.upperBound`'s in one reading, by the
    /// month's first day, over `entities` (nil: every one) added together (`entity` nil), per subject: only
    /// month totals are read (the running counters' up to each month, added up here), so a unit's trend
    /// over a year costs one query, not twelve.
    func monthSums(
        projection: String, months: ClosedRange<LocalDate>, flows: [String], running: [String], within entities: Set<UUID>?
    ) async throws -> [LocalDate: [CounterSum]]
    /// The total of each of `counters` of a projection, over `entities` (nil: every one) and the days of
    /// `days` (nil: every day, and counters kept without a day).
    func sums(projection: String, counters: [String], entities: Set<UUID>?, days: ClosedRange<LocalDate>?) async throws -> [String: Int]
    /// Recomputes the named dossier projections (every one when empty) from the stored events, replacing
    /// their counters, under the write lock. `progress` gets the events accounted for so far and the total.
    /// Returns how many counters each now holds.
    func rebuild(_ names: [String], progress: @escaping @Sendable (Int, Int) -> Void) async throws -> [String: Int]
    /// Recomputes them the same way without writing, and lists every counter that differs.
    func check(_ names: [String], progress: @escaping @Sendable (Int, Int) -> Void) async throws -> [CounterDifference]
}

/// Which rows a period's sums read: the whole months inside it from the month totals, the days at its
/// edges from the daily rows; for running counters, every month before the end's month from the totals and
/// that month's days up to the end (its total too when the period ends on the month's last day, which is
/// every month, quarter and year). `sums` is the same reading done in memory, the reference for the stores.
public struct PeriodPlan: Equatable, Sendable {
    /// Month totals of the flows, by their first days (nil: the period holds no whole month).
    public var flowMonths: ClosedRange<LocalDate>?
    /// Days of the flows read from the daily rows.
    public var flowDays: [ClosedRange<LocalDate>]
    /// Month totals of the running counters dated before this day.
    public var runningMonthsBefore: LocalDate
    /// Days of the running counters read from the daily rows (nil: none, the end closes its month).
    public var runningDays: ClosedRange<LocalDate>?

    public init(_ days: ClosedRange<LocalDate>) {
        let (start, end) = (days.lowerBound, days.upperBound)
        let firstWhole = start.day == 1 ? start : LocalDate(dayNumber: start.lastOfMonth.dayNumber + 1)
        let lastWhole = end == end.lastOfMonth ? end : LocalDate(dayNumber: end.firstOfMonth.dayNumber - 1)
        if firstWhole <= lastWhole {
            flowMonths = firstWhole...lastWhole.firstOfMonth
            flowDays = []
            if start < firstWhole { flowDays.append(start...LocalDate(dayNumber: firstWhole.dayNumber - 1)) }
            if lastWhole < end { flowDays.append(LocalDate(dayNumber: lastWhole.dayNumber + 1)...end) }
        } else {
            flowMonths = nil
            flowDays = [days]
        }
        if end == end.lastOfMonth {
            runningMonthsBefore = LocalDate(dayNumber: end.dayNumber + 1)
            runningDays = nil
        } else {
            runningMonthsBefore = end.firstOfMonth
            runningDays = end.firstOfMonth...end
        }
    }

    /// Sums `counters` as the store's `periodSums` does.
    public func sums(_ counters: [CounterKey: Int], flows: Set<String>, running: Set<String>) -> [CounterSum] {
        var totals: [String: CounterSum] = [:]
        for (key, value) in counters {
            guard let day = key.day else { continue }
            let base = CounterKey.dailyCounter(of: key.counter)
            let counted: Bool
            switch (flows.contains(base), running.contains(base), key.isMonthTotal) {
            case (true, _, true): counted = flowMonths?.contains(day) ?? false
            case (true, _, false): counted = flowDays.contains { $0.contains(day) }
            case (_, true, true): counted = day < runningMonthsBefore
            case (_, true, false): counted = runningDays?.contains(day) ?? false
            default: counted = false
            }
            guard counted else { continue }
            let id = "\(base)|\(key.entity?.uuidString ?? "")|\(key.subject)"
            totals[id, default: CounterSum(counter: base, entity: key.entity, subject: key.subject, value: 0)].value += value
        }
        return Array(totals.values)
    }
}
