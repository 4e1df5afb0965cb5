import CCHCCore
import Foundation
import SQLKit
import WorkCalendar

struct FluentProjectionRepository: ProjectionRepository {
    let handle: DatabaseHandle
    /// How many counters a rebuild holds in memory before adding them to the table (`RecomputedTotals`).
    var rebuildFlushKeys = Self.flushKeys
    static let flushKeys = 100_000

    func sums(projection: String, counters: [String], entities: Set<UUID>?, days: ClosedRange<LocalDate>?) async throws -> [String: Int] {
        guard !counters.isEmpty else { return [:] }
        if let entities, entities.isEmpty { return [:] }
        let select = handle.sql.select().column("counter").column(ProjectionSQL.sum, as: "total")
            .from(ProjectionCounters.table).where("projection", .equal, projection).where("counter", .in, counters)
        if let entities { select.where("entity", .in, entities.map(ProjectionCounters.entity).sorted()) }
        if let days {
            select.where("day", .greaterThanOrEqual, days.lowerBound.description).where("day", .lessThanOrEqual, days.upperBound.description)
        }
        var sums: [String: Int] = [:]
        for row in try await select.groupBy("counter").all() {
            sums[try row.decode(column: "counter", as: String.self)] = try row.decode(column: "total", as: Int?.self) ?? 0
        }
        return sums
    }

    func periodSums(projection: String, days: ClosedRange<LocalDate>, flows: [String], running: [String]) async throws -> [CounterSum] {
        let plan = PeriodPlan(days)
        let month = { (names: [String]) in names.map(CounterKey.monthTotal(of:)) }
        // Each range of the (projection, counter, day) index is a branch of a UNION ALL: joined by OR in one
        // WHERE, SQLite read every row of the projection instead (ten times the rows of a quarter).
        var ranges: [(counters: [String], days: ClosedRange<LocalDate>?, before: LocalDate?)] = []
        if !flows.isEmpty {
            if let months = plan.flowMonths { ranges.append((month(flows), months, nil)) }
            ranges += plan.flowDays.map { (flows, $0, nil) }
        }
        if !running.isEmpty {
            ranges.append((month(running), nil, plan.runningMonthsBefore))
            if let days = plan.runningDays { ranges.append((running, days, nil)) }
        }
        func branch(
            _ select: any SQLSubqueryClauseBuilder, _ range: (counters: [String], days: ClosedRange<LocalDate>?, before: LocalDate?)
        )
            -> any SQLSubqueryClauseBuilder
        {
            select.column("counter").column("entity").column("subject").column("value").from(ProjectionCounters.table)
                .where("projection", .equal, projection).where("counter", .in, range.counters)
            if let days = range.days {
                select.where("day", .greaterThanOrEqual, days.lowerBound.description).where("day", .lessThanOrEqual, days.upperBound.description)
            }
            if let before = range.before { select.where("day", .lessThan, before.description) }
            return select
        }
        guard let first = ranges.first else { return [] }
        let union = SQLSubquery.union { branch($0, first) }
        for range in ranges.dropFirst() { _ = union.union(all: { branch($0, range) }) }
        // A month total and its daily counter add up under the daily counter's name. On SQLite here rather
        // than by a GROUP BY: SQLite took three times as long to group a quarter's rows by their text as to
        // read them. PostgreSQL groups them itself (`ProjectionSQL`).
        let ranged = SQLAlias(union.finish(), as: SQLIdentifier("ranges"))
        let select = handle.sql.select().from(ranged)
        let grouped = ProjectionSQL.groupsInSQL(handle)
        if grouped {
            let daily = SQLFunction("REPLACE", args: SQLColumn("counter"), SQLLiteral.string(CounterKey.monthSuffix), SQLLiteral.string(""))
            select.column(daily, as: "counter").column("entity").column("subject").column(ProjectionSQL.sum, as: "value")
                .groupBy(daily).groupBy("entity").groupBy("subject")
        } else {
            select.column("*")
        }
        let rows = try await handle.scan(select, columns: ["counter", "entity", "subject", "value"])
        func text(_ row: any SQLRow, _ column: String) throws -> String { try row.decode(column: column, as: String.self) }
        var entities = EntityIDs()
        if grouped {
            // Grouped in SQL: each (counter, entity, subject) comes once.
            return try rows.map { row in
                CounterSum(
                    counter: try text(row, "counter"), entity: entities.id(try text(row, "entity")), subject: try text(row, "subject"),
                    value: try row.decode(column: "value", as: Int.self))
            }
        }
        var sums = CounterSums()
        for row in rows {
            sums.add(
                try text(row, "counter"), entity: try text(row, "entity"), subject: try text(row, "subject"),
                value: try row.decode(column: "value", as: Int.self))
        }
        return sums.totals.map { key, value in CounterSum(counter: key.counter, entity: entities.id(key.entity), subject: key.subject, value: value) }
    }

    func rebuild(_ names: [String], progress: @escaping @Sendable (Int, Int) -> Void) async throws -> [String: Int] {
        let selection = try ProjectionSelection(names)
        return try await handle.writeSQL { sql in
            try await ProjectionRebuild.lockWriters(on: sql)
            try await sql.delete(from: ProjectionCounters.table).where("projection", .in, selection.names).run()
            try await ProjectionRebuild.write(selection, on: sql, flushingEvery: rebuildFlushKeys, progress: progress)
            var counts = Dictionary(uniqueKeysWithValues: selection.names.map { ($0, 0) })
            let rows = try await sql.select().column("projection").column(SQLFunction("COUNT", args: SQLLiteral.all), as: "n")
                .from(ProjectionCounters.table).where("projection", .in, selection.names).groupBy("projection").all()
            for row in rows { counts[try row.decode(column: "projection", as: String.self)] = try row.decode(column: "n", as: Int.self) }
            return counts
        }
    }

    func check(_ names: [String], progress: @escaping @Sendable (Int, Int) -> Void) async throws -> [CounterDifference] {
        let selection = try ProjectionSelection(names)
        return try await handle.writeSQL { sql in
            try await ProjectionRebuild.lockWriters(on: sql)
            var totals = RecomputedTotals()
            try await ProjectionRebuild.recompute(selection, into: &totals, on: sql, progress: progress)
            let rebuilt = totals.pending
            let stored = try await ProjectionCounters.all(selection.names, on: sql)
            return Set(rebuilt.keys).union(stored.keys).compactMap { key in
                let (was, now) = (stored[key] ?? 0, rebuilt[key] ?? 0)
                return was == now ? nil : CounterDifference(key: key, stored: was, rebuilt: now)
            }.sorted { $0.key.sortKey < $1.key.sortKey }
        }
    }
}

/// The projections a rebuild or a check covers: some of the dossier events' and, or only, the feedback's.
struct ProjectionSelection {
    var dossier: [any Projection<DossierEventDraft, DossierFacts>]
    var feedback: Bool

    var names: [String] { dossier.map(\.name) + (feedback ? [FeedbackCounters.name] : []) }

    /// Every projection when `names` is empty.
    init(_ names: [String]) throws {
        guard !names.isEmpty else {
            (dossier, feedback) = (DossierProjections.all, true)
            return
        }
        feedback = names.contains(FeedbackCounters.name)
        dossier = try names.filter { $0 != FeedbackCounters.name }.map { name in
            guard let projection = DossierProjections.all.first(where: { $0.name == name }) else {
                let known = DossierProjections.all.map(\.name) + [FeedbackCounters.name]
                throw DomainError(.notFound, "projection.not_found", arguments: ["name": name, "known": known.joined(separator: ", ")])
            }
            return projection
        }
    }
}

/// How the counters' reads are written for each database.
enum ProjectionSQL {
    /// The sum of the rows' values, cast back to an integer: PostgreSQL sums a bigint as a numeric.
    static let sum = SQLRaw("CAST(SUM(value) AS BIGINT)")

    /// Whether a read of many counter rows adds them up in SQL: on PostgreSQL each row returned costs more to
    /// receive and decode (about 1.6 µs) than to group in the server; SQLite groups text slowly and hands
    /// rows over cheaply (docs/benchmarks.md).
    static func groupsInSQL(_ handle: DatabaseHandle) -> Bool { !handle.db.isSQLite }
}

/// Counter rows added up per (daily counter, entity, subject) as they are read.
struct CounterSums {
    struct Key: Hashable {
        var counter: String
        var entity: String
        var subject: String
    }

    private(set) var totals: [Key: Int] = [:]
    private var names = DailyCounterNames()

    mutating func add(_ counter: String, entity: String, subject: String, value: Int) {
        totals[Key(counter: names.daily(counter), entity: entity, subject: subject), default: 0] += value
    }
}

/// Each counter's name without its month suffix (`CounterKey.dailyCounter`), worked out once per name, not
/// once per row.
struct DailyCounterNames {
    private var names: [String: String] = [:]

    mutating func daily(_ counter: String) -> String {
        if let name = names[counter] { return name }
        let name = CounterKey.dailyCounter(of: counter)
        names[counter] = name
        return name
    }
}

/// Counter rows name their entity as text, the same few on every row: each is parsed once.
struct EntityIDs {
    private var parsed: [String: UUID] = [:]

    mutating func id(_ text: String) -> UUID? {
        guard !text.isEmpty else { return nil }
        if let id = parsed[text] { return id }
        let id = UUID(uuidString: text)
        parsed[text] = id
        return id
    }
}
