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
        // On SQLite rows as they are, in the by-day index's order (read so with no sort), consecutive rows of one
        // (counter, month, subject) added up here: SQLite grouped them by their text three times slower than it
        // read them, and a dictionary keyed by that text was most of the rest. PostgreSQL groups them itself:
        // there each row costs more to receive and decode than to add up in SQL (`ProjectionSQL`).
        func rows(_ counters: [String]) -> SQLSelectBuilder {
            let select = handle.sql.select().column("counter").column("subject").column("day")
                .from(ProjectionCounters.table).where("projection", .equal, projection).where("counter", .in, month(counters))
            if let entities { select.where("entity", .in, entities.map(ProjectionCounters.entity).sorted()) }
            return ProjectionSQL.groupsInSQL(handle)
                ? select.column(ProjectionSQL.sum, as: "value").groupBy("counter").groupBy("day").groupBy("subject")
                : select.column("value").orderBy("counter").orderBy("day").orderBy("subject")
        }
        let inRange = rows(flows + running).where("day", .greaterThanOrEqual, first.description).where("day", .lessThanOrEqual, last.description)
        // The running counters' totals of the months before the first, added up, stand at the first one's start.
        let before = rows(running).where("day", .lessThan, first.description)
        let columns = ["counter", "subject", "day", "value"]
        var sums: [LocalDate: [CounterSum]] = [:]
        var days: [String: LocalDate] = [:]  // a dozen months on thousands of rows: each parsed once
        var names = DailyCounterNames()
        func add(_ rows: [any SQLRow], on fixed: LocalDate?) throws {
            var current: (counter: String, day: String, subject: String, value: Int)?
            func close() {
                guard let current, let day = fixed ?? days[current.day] ?? LocalDate(current.day) else { return }
                days[current.day] = day
                sums[day, default: []].append(
                    CounterSum(counter: names.daily(current.counter), entity: nil, subject: current.subject, value: current.value))
            }
            for row in rows {
                let counter = try row.decode(column: "counter", as: String.self), day = try row.decode(column: "day", as: String.self)
                let subject = try row.decode(column: "subject", as: String.self), value = try row.decode(column: "value", as: Int.self)
                if current?.counter == counter, current?.day == day, current?.subject == subject {
                    current?.value += value
                } else {
                    close()
                    current = (counter, day, subject, value)
                }
            }
            close()
        }
        if !running.isEmpty { try add(try await handle.scan(before, columns: columns), on: first) }
        try add(try await handle.scan(inRange, columns: columns), on: nil)
        let runningNames = Set(running)
        var result: [LocalDate: [CounterSum]] = [:]
        var changes: [LocalDate: [CounterSum]] = [:]
        for (day, monthSums) in sums {
            for sum in monthSums {
                if runningNames.contains(sum.counter) { changes[day, default: []].append(sum) } else { result[day, default: []].append(sum) }
            }
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
