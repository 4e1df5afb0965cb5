import Foundation
import WorkCalendar

/// The feedback counters the service index reads (5.1–5.3), per responsible unit and day, kept like the
/// dossiers' (`ServiceIndexCounters`): flows on the day they happened (received, classified and
/// satisfied on the day received; finished on the day finished), and two running counts read up to a
/// period's end (open, and open past a stage's day).
public struct FeedbackCounters: StateProjection {
    public static let name = "feedback"
    public var name: String { Self.name }

    public enum Counter: String, CaseIterable, Sendable {
        case received, classified, satisfied, finished
        case finishedOnTime = "finished_on_time"
        case open
        case openOverdue = "open_overdue"

        public var isRunning: Bool { self == .open || self == .openOverdue }
        /// Its name among the index's counts, apart from the dossiers'.
        public var indexName: String { FeedbackCounters.indexName(of: rawValue) }
    }

    /// A feedback counter's name among the index's counts.
    public static func indexName(of counter: String) -> String { "feedback." + counter }

    public static let flowCounters = Counter.allCases.filter { !$0.isRunning }.map(\.rawValue)
    public static let runningCounters = Counter.allCases.filter(\.isRunning).map(\.rawValue)

    public init() {}

    public typealias Event = FeedbackEventDraft
    public typealias State = FeedbackFacts

    public func counters(_ state: FeedbackFacts) -> [CounterKey: Int] { Self.counters(state) }

    /// What an item with these facts adds to the counters.
    public static func counters(_ facts: FeedbackFacts) -> [CounterKey: Int] {
        var counters: [CounterKey: Int] = [:]
        func add(_ counter: Counter, _ day: LocalDate, _ value: Int = 1) {
            counters[CounterKey(projection: name, counter: counter.rawValue, entity: facts.unitID, day: day), default: 0] += value
        }
        add(.received, facts.receivedDay)
        if facts.classified { add(.classified, facts.receivedDay) }
        if facts.satisfied { add(.satisfied, facts.receivedDay) }
        add(.open, facts.receivedDay)
        if let finished = facts.finishedDay {
            add(.open, finished, -1)
            add(.finished, finished)
            if facts.finishedOnTime { add(.finishedOnTime, finished) }
        }
        if let from = facts.overdueFrom, facts.finishedDay.map({ from <= $0 }) ?? true {
            add(.openOverdue, from)
            if let finished = facts.finishedDay { add(.openOverdue, finished, -1) }
        }
        return CounterKey.withMonthTotals(counters)
    }
}
