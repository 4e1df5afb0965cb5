import Foundation
import WorkCalendar

/// Reading the real-time service index: a unit's score, rankings, late rates and the dossiers behind a
/// figure, for a period, under the indicator set in force on the period's last day; and setting a new
/// version of that set. Scores are read from the counters (`ServiceIndexCounters`), never by scanning
/// dossiers; a drill-down lists the dossiers themselves, judged by the same rules.
public struct ServiceIndexService: Sendable {
    public var store: any Store
    /// The working calendar publication deadlines are counted in; nil: read from the store's overrides.
    public var calendar: WorkingCalendar?

    public init(store: any Store, calendar: WorkingCalendar? = nil) {
        self.store = store
        self.calendar = calendar
    }

    /// Everything a page or an answer about one period needs.
    public struct Context: Sendable {
        public var calculator: ServiceIndexCalculator
        public var set: IndicatorSetVersion { calculator.set }
        public var tree: UnitTree { calculator.tree }
        public var period: ReportPeriod { calculator.period }
    }

    public func history() async throws -> IndicatorSetHistory {
        try await store.indicatorSets.history()
    }

    /// Reads `text` as a period under the report windows of the latest version; a validation error
    /// naming `parameter` otherwise.
    public func period(_ text: String?, parameter: String = "period", now: Date) async throws -> ReportPeriod {
        let today = VietnamTime.localDate(of: now)
        guard let text, !text.isEmpty else { return ReportPeriod.parse(String(today.year))! }
        let windows = try await history().latest?.rules.reportWindows ?? []
        guard let period = ReportPeriod.parse(text, windows: windows) else {
            throw DomainError.validation([FieldError(parameter, "index.period.invalid", ["value": text])])
        }
        return period
    }

    public func context(_ period: ReportPeriod) async throws -> Context {
        let history = try await history()
        guard let set = history.inForce(on: period.end) ?? history.versions.first else {
            throw DomainError(.notFound, "index.set.none")
        }
        let versions = try await store.procedures.all()
        let calendar = if let calendar = self.calendar { calendar } else { try await store.calendarOverrides.workingCalendar() }
        return Context(
            calculator: ServiceIndexCalculator(
                set: set, tree: try await store.units.tree(), procedures: Self.latest(of: versions),
                publications: Dictionary(grouping: versions, by: \.code).mapValues { $0.map(\.publication) },
                calendar: calendar, period: period,
                counts: try await counts(period)))
    }

    /// Another period under what `context` read (the tree, the catalogue, the set): only its counts are
    /// read. For the periods a page shows beside its own (the trend's months, the ranking's period before).
    public func context(_ period: ReportPeriod, alongside context: Context) async throws -> Context {
        var calculator = context.calculator
        calculator.period = period
        calculator.counts = try await counts(period)
        return Context(calculator: calculator)
    }

    /// One unit's score in each of some whole months, under what `context` read, the counts of its subtree
    /// for all of them read at once (a trend); in the order given.
    public func scores(of unitID: UUID, months: [ReportPeriod], alongside context: Context) async throws -> [ServiceIndexScore] {
        guard let first = months.map(\.start).min(), let last = months.map(\.start).max() else { return [] }
        let subtree = context.tree.subtreeIDs(of: unitID)
        let within = subtree.count == context.tree.unitsByID.count ? nil : subtree
        // Both read at once: on SQLite each on a thread of its own (`DatabaseHandle.scan`).
        async let dossierSums = store.projections.monthSums(
            projection: ServiceIndexCounters.name, months: first...last, flows: ServiceIndexCounters.flowCounters,
            running: ServiceIndexCounters.runningCounters, within: within)
        async let feedbackSums = store.projections.monthSums(
            projection: FeedbackCounters.name, months: first...last, flows: FeedbackCounters.flowCounters, running: FeedbackCounters.runningCounters,
            within: within)
        let (sums, feedback) = try await (dossierSums, feedbackSums)
        return months.map { month in
            var calculator = context.calculator
            calculator.period = month
            // The subtree's counts, added up, stand as the unit's own: its score is the same.
            calculator.counts = ServiceIndexCounts(
                ((sums[month.start.firstOfMonth] ?? []) + Self.feedbackSums(feedback[month.start.firstOfMonth] ?? [])).map {
                    CounterSum(counter: $0.counter, entity: unitID, subject: $0.subject, value: $0.value)
                })
            return calculator.score(unitID)
        }
    }

    private func counts(_ period: ReportPeriod) async throws -> ServiceIndexCounts {
        async let dossiers = store.projections.periodSums(
            projection: ServiceIndexCounters.name, days: period.days, flows: ServiceIndexCounters.flowCounters,
            running: ServiceIndexCounters.runningCounters)
        async let feedback = store.projections.periodSums(
            projection: FeedbackCounters.name, days: period.days, flows: FeedbackCounters.flowCounters, running: FeedbackCounters.runningCounters)
        return ServiceIndexCounts(try await dossiers + Self.feedbackSums(try await feedback))
    }

    /// The feedback counters under their names among the index's counts (`FeedbackCounters.Counter.indexName`).
    static func feedbackSums(_ sums: [CounterSum]) -> [CounterSum] {
        sums.map { CounterSum(counter: FeedbackCounters.indexName(of: $0.counter), entity: $0.entity, subject: $0.subject, value: $0.value) }
    }

    /// The latest version of every procedure, withdrawn ones included: a period's dossiers may be of them.
    static func latest(of versions: [Procedure]) -> [Procedure] {
        Dictionary(grouping: versions, by: \.code).values.compactMap { $0.max { $0.version < $1.version } }.sorted { $0.code < $1.code }
    }

    /// The units `user` may read the index of, under `unit`: the whole subtree when the user's role reaches it.
    public func checkAccess(_ unit: OrgUnit, user: User, tree: UnitTree) throws {
        _ = try tree.reachable(unit, by: user, for: .viewDossiers)
    }

    /// Units of a level ranked for the period, with their change against the period before. Units with
    /// nothing to count in the period are left out.
    /// `previous`: the period before, when the caller has read it already (a page ranking two levels).
    public func rankings(_ level: ServiceIndexRanking.Level, context: Context, previous: Context? = nil) async throws -> [RankingRow] {
        let units = context.tree.units.filter { level.contains($0) && $0.isEffective(on: context.period.end) }
        let previous: Context = if let previous { previous } else { try await previousContext(context) }
        var totals: [UUID: Double] = [:]
        var measured: [UUID: Double] = [:]
        var before: [UUID: Double] = [:]
        for unit in units {
            // A unit with nothing to count (no dossier, no procedure of its own) has no index to rank.
            let measures = context.calculator.measures(context.tree.subtreeIDs(of: unit.id))
            guard [.dossiersJudged, .dossiersReceived, .proceduresTotal].contains(where: { (measures[$0] ?? 0) > 0 }) else { continue }
            let score = context.calculator.score(unit.id, measures: measures)
            totals[unit.id] = score.total
            measured[unit.id] = score.measuredMaximum
            before[unit.id] = previous.calculator.score(unit.id).total
        }
        return ServiceIndexRanking.rank(totals, measured: measured, previous: before)
    }

    /// The period of the same kind just before `context`'s, read alongside it.
    public func previousContext(_ context: Context) async throws -> Context {
        try await self.context(context.period.previous(windows: context.set.rules.reportWindows), alongside: context)
    }

    /// Sets a new version of the indicator set from `effectiveFrom`; every error in it is named and the
    /// version in force stays.
    public func propose(
        _ set: IndicatorSet, effectiveFrom: LocalDate, reason: String, by user: User, now: Date, expectedLatest: Int?
    ) async throws -> IndicatorSetVersion {
        guard user.can(.manageSettings) else { throw DomainError(.forbidden, "auth.forbidden") }
        let (added, closed) = try await store.indicatorSets.history().adding(
            set, ruleErrors: set.errors(), effectiveFrom: effectiveFrom, reason: reason, setBy: user.username, now: now, expectedLatest: expectedLatest)
        try await store.indicatorSets.add(added, closing: closed)
        return added
    }

    /// The first version, QĐ 766 as DVCQG scores it, from the day DVCQG began publishing it (1/8/2022).
    @discardableResult
    public func bootstrap(now: Date) async throws -> IndicatorSetVersion? {
        guard try await store.indicatorSets.history().latest == nil else { return nil }
        let first = IndicatorSetVersion(
            version: 1, effectiveFrom: LocalDate(year: 2022, month: 8, day: 1)!, rules: .qd766, setBy: "system",
            reason: "QĐ 766/QĐ-TTg ngày 23/6/2022; công thức theo DVCQG", setAt: now)
        do {
            try await store.indicatorSets.add(first, closing: nil)
        } catch let error as DomainError where error.kind == .conflict {
            return nil
        }
        return first
    }
}
