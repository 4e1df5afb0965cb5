import CCHCCore
import Foundation
import SQLKit
import WorkCalendar

struct FluentProjectionRepository: ProjectionRepository {
    let handle: DatabaseHandle

    func sums(projection: String, counters: [String], entities: Set<UUID>?, days: ClosedRange<LocalDate>?) async throws -> [String: Int] {
        guard !counters.isEmpty else { return [:] }
        if let entities, entities.isEmpty { return [:] }
        // Cast back to an integer: PostgreSQL sums a bigint as a numeric.
        let select = handle.sql.select().column("counter").column(SQLRaw("CAST(SUM(value) AS BIGINT)"), as: "total")
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
        // A month total and its daily counter add up under the daily counter's name, in SQL: one row per
        // (counter, entity, subject), nothing left to merge here.
        let daily = SQLFunction("REPLACE", args: SQLColumn("counter"), SQLLiteral.string(CounterKey.monthSuffix), SQLLiteral.string(""))
        let select = handle.sql.select().column(daily, as: "daily").column("entity").column("subject")
            .column(SQLRaw("CAST(SUM(value) AS BIGINT)"), as: "total")
            .from(SQLAlias(union.finish(), as: SQLIdentifier("ranges")))
            .groupBy(SQLIdentifier("daily")).groupBy("entity").groupBy("subject")
        var entities = EntityIDs()
        return try await select.all().map { row in
            CounterSum(
                counter: try row.decode(column: "daily", as: String.self), entity: entities.id(try row.decode(column: "entity", as: String.self)),
                subject: try row.decode(column: "subject", as: String.self), value: try row.decode(column: "total", as: Int?.self) ?? 0)
        }
    }

    func rebuild(_ names: [String], progress: @escaping @Sendable (Int, Int) -> Void) async throws -> [String: Int] {
        let selection = try ProjectionSelection(names)
        return try await handle.writeSQL { sql in
            try await ProjectionRebuild.lockWriters(on: sql)
            let totals = try await ProjectionRebuild.recompute(selection, on: sql, progress: progress)
            try await sql.delete(from: ProjectionCounters.table).where("projection", .in, selection.names).run()
            try await ProjectionCounters.insert(totals, on: sql)
            var counts = Dictionary(uniqueKeysWithValues: selection.names.map { ($0, 0) })
            for (key, value) in totals where value != 0 { counts[key.projection, default: 0] += 1 }
            return counts
        }
    }

    func check(_ names: [String], progress: @escaping @Sendable (Int, Int) -> Void) async throws -> [CounterDifference] {
        let selection = try ProjectionSelection(names)
        return try await handle.writeSQL { sql in
            try await ProjectionRebuild.lockWriters(on: sql)
            let rebuilt = try await ProjectionRebuild.recompute(selection, on: sql, progress: progress)
            let stored = try await ProjectionCounters.all(selection.names, on: sql)
            return Set(rebuilt.keys).union(stored.keys).compactMap { key in
                let (was, now) = (stored[key] ?? 0, rebuilt[key] ?? 0)
                return was == now ? nil : CounterDifference(key: key, stored: was, rebuilt: now)
            }.sorted { $0.key.text < $1.key.text }
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

/// Folds the dossier projections over the stored events, dossier by dossier in event order.
enum ProjectionRebuild {
    static let batch = 2000

    /// Keeps every writer of dossier events out until the transaction ends: on SQLite the transaction
    /// already holds the write lock; on PostgreSQL every append moves the audit chain's head row.
    static func lockWriters(on sql: any SQLDatabase) async throws {
        guard sql.dialect.name != "sqlite" else { return }
        try await sql.raw("SELECT last_sequence FROM audit_chain WHERE id IN (1, \(bind: FeedbackChain.headRow)) FOR UPDATE").run()
    }

    static func recompute(_ selection: ProjectionSelection, on sql: any SQLDatabase, progress: @Sendable (Int, Int) -> Void) async throws -> [CounterKey: Int] {
        var totals = selection.dossier.isEmpty ? [:] : try await recompute(selection.dossier, on: sql, progress: progress)
        if selection.feedback {
            for (key, value) in try await recomputeFeedback(on: sql, progress: progress) { totals[key, default: 0] += value }
        }
        return totals
    }

    /// The feedback counters from the feedback events, item by item in event order.
    static func recomputeFeedback(on sql: any SQLDatabase, progress: @Sendable (Int, Int) -> Void) async throws -> [CounterKey: Int] {
        let total = try await sql.raw("SELECT COUNT(*) AS n FROM feedback_events").first()?.decode(column: "n", as: Int.self) ?? 0
        var totals: [CounterKey: Int] = [:]
        // Each item's latest facts: feedback is counted in thousands, not millions.
        var lastFacts: [UUID: FeedbackFacts] = [:]
        var read = 0
        var after = 0
        let projection = FeedbackCounters()
        while true {
            // In sequence order: each item's events come in their order, which is all the fold needs.
            let rows = try await sql.select().column("*").from(FeedbackChain.table).where("sequence", .greaterThan, after).orderBy("sequence")
                .limit(batch).all()
            for row in rows {
                let event = try FeedbackChain.decode(row)
                for change in projection.changes(for: event.draft, before: lastFacts[event.feedbackID], after: event.draft.facts) {
                    totals[change.key, default: 0] += change.delta
                }
                lastFacts[event.feedbackID] = event.draft.facts
                after = event.sequence
            }
            read += rows.count
            progress(read, total)
            if rows.count < batch { return totals }
        }
    }

    static func recompute(
        _ projections: [any Projection<DossierEventDraft, DossierFacts>], on sql: any SQLDatabase, progress: @Sendable (Int, Int) -> Void
    ) async throws -> [CounterKey: Int] {
        let total = try await sql.raw("SELECT COUNT(*) AS n FROM dossier_events").first()?.decode(column: "n", as: Int.self) ?? 0
        var totals: [CounterKey: Int] = [:]
        var read = 0
        var position: (dossier: UUID, sequence: Int)?
        var previous: (dossier: UUID, facts: DossierFacts)?
        while true {
            let select = sql.select().column("*").from("dossier_events").orderBy("dossier_id").orderBy("sequence").limit(batch)
            if let position {
                select.where { group in
                    group.where("dossier_id", .greaterThan, position.dossier)
                        .orWhere { $0.where("dossier_id", .equal, position.dossier).where("sequence", .greaterThan, position.sequence) }
                }
            }
            let rows = try await select.all()
            for row in rows {
                let event = try AuditChain.decodeEvent(row)
                let before = previous?.dossier == event.dossierID ? previous?.facts : nil
                for projection in projections {
                    for change in projection.changes(for: event.draft, before: before, after: event.draft.facts) {
                        totals[change.key, default: 0] += change.delta
                    }
                }
                previous = (event.dossierID, event.draft.facts)
                position = (event.dossierID, event.sequence)
            }
            read += rows.count
            progress(read, total)
            if rows.count < batch { return totals }
        }
    }
}
