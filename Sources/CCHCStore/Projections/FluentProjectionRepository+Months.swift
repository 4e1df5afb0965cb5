import CCHCCore
import Foundation
import SQLKit
import WorkCalendar

extension FluentProjectionRepository {
    func monthSums(
        projection: String, months: ClosedRange<LocalDate>, flows: [String], running: [String], within entities: Set<UUID>?
    ) async throws -> [LocalDate: [CounterSum]] {
        let (first, last) = (months.lowerBound.firstOfMonth, months.upperBound.firstOfMonth)
        let month = { (names: [String]) in names.map(CounterKey.monthTotal(of:)) }
        func sums(_ counters: [String]) -> SQLSelectBuilder {
            let select = handle.sql.select().column("counter").column("subject").column(SQLRaw("CAST(SUM(value) AS BIGINT)"), as: "value")
                .from(ProjectionCounters.table).where("projection", .equal, projection).where("counter", .in, month(counters))
            if let entities { select.where("entity", .in, entities.map(ProjectionCounters.entity).sorted()) }
            return select
        }
        // Grouped in the order of the counters' by-day index (counter, day, subject): no sort.
        let inRange = sums(flows + running).column("day").where("day", .greaterThanOrEqual, first.description)
            .where("day", .lessThanOrEqual, last.description).groupBy("counter").groupBy("day").groupBy("subject")
        // The running counters' totals of the months before the first, added up, stand at the first one's start.
        let before = sums(running).where("day", .lessThan, first.description).groupBy("counter").groupBy("subject")
        func sum(_ row: any SQLRow) throws -> CounterSum {
            CounterSum(
                counter: CounterKey.dailyCounter(of: try row.decode(column: "counter", as: String.self)), entity: nil,
                subject: try row.decode(column: "subject", as: String.self), value: try row.decode(column: "value", as: Int.self))
        }
        let runningNames = Set(running)
        var result: [LocalDate: [CounterSum]] = [:]
        var changes: [LocalDate: [CounterSum]] = [first: running.isEmpty ? [] : try await before.all().map(sum)]
        var days: [String: LocalDate] = [:]  // a dozen months on thousands of rows: each parsed once
        for row in try await inRange.all() {
            let text = try row.decode(column: "day", as: String.self)
            guard let day = days[text] ?? LocalDate(text) else { continue }
            days[text] = day
            let counted = try sum(row)
            if runningNames.contains(counted.counter) { changes[day, default: []].append(counted) } else { result[day, default: []].append(counted) }
        }
        // A running counter stands, at a month's end, at the sum of its changes up to that month.
        var standing: [String: CounterSum] = [:]
        var day = first
        while day <= last {
            for change in changes[day] ?? [] {
                standing["\(change.counter)|\(change.subject)", default: CounterSum(counter: change.counter, entity: nil, subject: change.subject, value: 0)]
                    .value += change.value
            }
            result[day, default: []] += standing.values
            day = LocalDate(dayNumber: day.lastOfMonth.dayNumber + 1)
        }
        return result
    }
}
