/// Every projection of the dossier events. The store applies each of them to every event it writes, in
/// the event's transaction; `cchc projections rebuild` recomputes them from the events. A feature that
/// needs new dossier figures adds its projection here.
public enum DossierProjections {
    public static let all: [any Projection<DossierEventDraft, DossierFacts>] = [DossierQueueCounts(), DossierFlow(), ServiceIndexCounters()]

    public static func changes(for event: DossierEventDraft, before: DossierFacts?) -> [CounterChange] {
        all.flatMap { $0.changes(for: event, before: before, after: event.facts) }
    }
}
