import CCHCCore
import Foundation
import SQLKit

/// Folds the dossier projections over the stored events, dossier by dossier in event order; when every one
/// is a `StateProjection`, adds up each dossier's last state's counters instead (the same sum, a tenth of the
/// rows read).
enum ProjectionRebuild {
    static let batch = 2000

    /// Keeps every writer of dossier events out until the transaction ends: on SQLite the transaction
    /// already holds the write lock; on PostgreSQL every append moves the audit chain's head row.
    static func lockWriters(on sql: any SQLDatabase) async throws {
        guard sql.dialect.name != "sqlite" else { return }
        try await sql.raw("SELECT last_sequence FROM audit_chain WHERE id IN (1, \(bind: FeedbackChain.headRow)) FOR UPDATE").run()
    }

    /// Recomputes the selection into the counters table, which holds none of its rows yet, adding the
    /// totals to it every `limit` keys (`RecomputedTotals`); counters that come to zero are not kept.
    static func write(
        _ selection: ProjectionSelection, on sql: any SQLDatabase, flushingEvery limit: Int, progress: @Sendable (Int, Int) -> Void
    )
        async throws
    {
        var totals = RecomputedTotals(limit: limit) { pending in
            try await ProjectionCounters.apply(pending.map { CounterChange($0.key, $0.value) }, on: sql)
        }
        try await recompute(selection, into: &totals, on: sql, progress: progress)
        try await totals.flush()
        try await sql.delete(from: ProjectionCounters.table).where("projection", .in, selection.names).where("value", .equal, 0).run()
    }

    static func recompute(
        _ selection: ProjectionSelection, into totals: inout RecomputedTotals, on sql: any SQLDatabase, progress: @Sendable (Int, Int) -> Void
    )
        async throws
    {
        if !selection.dossier.isEmpty { try await recompute(selection.dossier, into: &totals, on: sql, progress: progress) }
        if selection.feedback { try await recomputeFeedback(into: &totals, on: sql, progress: progress) }
    }

    /// The feedback counters from the feedback events, item by item in event order.
    static func recomputeFeedback(into totals: inout RecomputedTotals, on sql: any SQLDatabase, progress: @Sendable (Int, Int) -> Void) async throws {
        let total = try await sql.raw("SELECT COUNT(*) AS n FROM feedback_events").first()?.decode(column: "n", as: Int.self) ?? 0
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
                    totals.add(change)
                }
                lastFacts[event.feedbackID] = event.draft.facts
                after = event.sequence
                try await totals.flushIfFull()
            }
            read += rows.count
            progress(read, total)
            if rows.count < batch { return }
        }
    }

    static func recompute(
        _ projections: [any Projection<DossierEventDraft, DossierFacts>], into totals: inout RecomputedTotals, on sql: any SQLDatabase,
        progress: @Sendable (Int, Int) -> Void
    ) async throws {
        let total = try await sql.raw("SELECT COUNT(*) AS n FROM dossier_events").first()?.decode(column: "n", as: Int.self) ?? 0
        let states = projections.compactMap { $0 as? any StateProjection<DossierEventDraft, DossierFacts> }
        if states.count == projections.count {
            return try await recomputeFromLastStates(states, into: &totals, on: sql, events: total, progress: progress)
        }
        var read = 0
        var position: (dossier: UUID, sequence: Int)?
        var previous: (dossier: UUID, facts: DossierFacts)?
        while true {
            let select = sql.select().column("*").from("dossier_events").orderBy("dossier_id").orderBy("sequence").limit(batch)
            if let position {
                // A row value, the index's own order: SQLite checks `dossier_id > ? OR (dossier_id = ? AND …)`
                // on every row it reads, converting each id for the comparison, six times slower.
                let key = SQLGroupExpression([SQLColumn("dossier_id"), SQLColumn("sequence")])
                select.where(SQLBinaryExpression(key, .greaterThan, SQLGroupExpression([SQLBind(position.dossier), SQLBind(position.sequence)])))
            }
            let rows = try await select.all()
            for row in rows {
                let event = try AuditChain.decodeEvent(row)
                let before = previous?.dossier == event.dossierID ? previous?.facts : nil
                for projection in projections {
                    for change in projection.changes(for: event.draft, before: before, after: event.draft.facts) {
                        totals.add(change)
                    }
                }
                previous = (event.dossierID, event.draft.facts)
                position = (event.dossierID, event.sequence)
                try await totals.flushIfFull()
            }
            read += rows.count
            progress(read, total)
            if rows.count < batch { return }
        }
    }
}

extension ProjectionRebuild {
    /// Each dossier's last event's facts, a batch of dossiers at a time in id order: the counters of its last
    /// state are what its events' changes add up to. `progress` counts the events those dossiers have.
    static func recomputeFromLastStates(
        _ projections: [any StateProjection<DossierEventDraft, DossierFacts>], into totals: inout RecomputedTotals, on sql: any SQLDatabase,
        events total: Int, progress: @Sendable (Int, Int) -> Void
    ) async throws {
        var read = 0
        var after: UUID?
        while true {
            // The last sequence and the event count per dossier from the index on (dossier_id, sequence) alone,
            // then those few rows by the unique sequence.
            let lasts = sql.select().column("dossier_id").column(SQLFunction("MAX", args: SQLColumn("sequence")), as: "last")
                .column(SQLFunction("COUNT", args: SQLLiteral.all), as: "events").from("dossier_events")
                .groupBy("dossier_id").orderBy("dossier_id").limit(batch)
            if let after { lasts.where("dossier_id", .greaterThan, after) }
            let rows = try await sql.select().column(SQLColumn("dossier_id", table: "l")).column(SQLColumn("events", table: "l"))
                .column(SQLColumn("id", table: "e")).column(SQLColumn("facts", table: "e"))
                .from(SQLAlias(SQLGroupExpression(lasts.query), as: SQLIdentifier("l")))
                .join(
                    SQLAlias(SQLIdentifier("dossier_events"), as: SQLIdentifier("e")), method: SQLJoinMethod.inner,
                    on: SQLColumn("sequence", table: "e"), .equal, SQLColumn("last", table: "l")
                )
                .all()
            for row in rows {
                let facts: DossierFacts
                do {
                    facts = try DossierFacts.decode(try row.decode(column: "facts", as: String.self))
                } catch {
                    throw StoreError.unreadable(table: "dossier_events", id: try? row.decode(column: "id", as: UUID.self), reason: String(describing: error))
                }
                for projection in projections {
                    for (key, value) in projection.counters(facts) { totals.add(CounterChange(key, value)) }
                }
                let dossier = try row.decode(column: "dossier_id", as: UUID.self)
                if after.map({ dossier.uuidString > $0.uuidString }) ?? true { after = dossier }
                read += try row.decode(column: "events", as: Int.self)
                try await totals.flushIfFull()
            }
            progress(read, total)
            if rows.count < batch { return }
        }
    }
}
