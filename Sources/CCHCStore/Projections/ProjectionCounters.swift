import CCHCCore
import Foundation
import SQLKit
import WorkCalendar

/// The table every projection's counters live in: one row per (projection, counter, entity, subject,
/// day), its value moved by upserts in the transaction of the event that moves it.
enum ProjectionCounters {
    static let table = "projection_counters"
    /// Rows per statement: six binds each, well under both databases' limits.
    static let chunk = 500

    /// Adds the changes, merged first (one row per key, in one order for every writer).
    static func apply(_ changes: [CounterChange], on sql: any SQLDatabase) async throws {
        let merged = CounterChange.merged(changes)
        var start = 0
        while start < merged.count {
            let slice = merged[start..<min(start + chunk, merged.count)]
            let insert = sql.insert(into: table).columns("projection", "counter", "entity", "subject", "day", "value")
            for change in slice { insert.values(row(change.key, change.delta)) }
            try await sql.raw(
                """
                \(insert.query) ON CONFLICT (projection, counter, entity, subject, day) \
                DO UPDATE SET value = \(ident: table).value + excluded.value
                """
            ).run()
            start += chunk
        }
    }

    static func row(_ key: CounterKey, _ value: Int) -> [any SQLExpression] {
        [
            SQLBind(key.projection), SQLBind(key.counter), SQLBind(entity(key.entity)), SQLBind(key.subject), SQLBind(key.day?.description ?? ""),
            SQLBind(value),
        ]
    }

    /// Entities are stored as text, the same on both databases; the province as a whole as "".
    static func entity(_ id: UUID?) -> String { id?.uuidString ?? "" }

    /// Every counter of the given projections, as stored.
    static func all(_ projections: [String], on sql: any SQLDatabase) async throws -> [CounterKey: Int] {
        var counters: [CounterKey: Int] = [:]
        for row in try await sql.select().columns("projection", "counter", "entity", "subject", "day", "value").from(table)
            .where("projection", .in, projections).all()
        {
            let entity = try row.decode(column: "entity", as: String.self)
            let day = try row.decode(column: "day", as: String.self)
            let key = CounterKey(
                projection: try row.decode(column: "projection", as: String.self), counter: try row.decode(column: "counter", as: String.self),
                entity: entity.isEmpty ? nil : UUID(uuidString: entity), subject: try row.decode(column: "subject", as: String.self),
                day: day.isEmpty ? nil : LocalDate(day))
            counters[key, default: 0] += try row.decode(column: "value", as: Int.self)
        }
        return counters
    }
}
