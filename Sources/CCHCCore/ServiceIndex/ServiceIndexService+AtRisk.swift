import Foundation
import WorkCalendar

/// The at-risk list of the whole province at one moment: what the background job computes and the
/// pages and the API read, narrowed to a unit.
public struct AtRiskReport: Sendable {
    public var forecasts: [AtRiskForecast]
    public var computedAt: Date
    /// Finished dossiers the step durations were learnt from.
    public var learntFrom: Int

    public init(forecasts: [AtRiskForecast], computedAt: Date, learntFrom: Int) {
        self.forecasts = forecasts
        self.computedAt = computedAt
        self.learntFrom = learntFrom
    }

    /// Those at risk (not yet late) whose competent unit is within `units`, the soonest due first.
    public func atRisk(within units: Set<UUID>) -> [AtRiskForecast] {
        forecasts.filter { $0.atRisk && units.contains($0.competentUnitID) }.sorted { ($0.dueAt, $0.code) < ($1.dueAt, $1.code) }
    }
}

extension ServiceIndexService {
    /// Learns step durations from the most recently finished dossiers (up to `learnFrom`), then forecasts
    /// every open dossier whose clock runs.
    public func forecastAtRisk(calendar: WorkingCalendar, now: Date, learnFrom: Int = 5000) async throws -> AtRiskReport {
        let finished =
            try await dossiers(DossierQuery(scope: .province, queue: .finished), upTo: learnFrom)
            + (try await dossiers(DossierQuery(scope: .province, queue: .readyToReturn), upTo: learnFrom))
        let durations = StepDurations(learningFrom: finished, calendar: calendar)
        var procedures: [UUID: Procedure] = [:]
        var forecasts: [AtRiskForecast] = []
        for dossier in try await dossiers(DossierQuery(scope: .province, queue: .inProgress), upTo: .max) {
            if procedures[dossier.procedureID] == nil { procedures[dossier.procedureID] = try await store.procedures.find(id: dossier.procedureID) }
            guard let procedure = procedures[dossier.procedureID] else { continue }
            if let forecast = AtRiskForecast.forecast(dossier, procedure: procedure, durations: durations, calendar: calendar, now: now) {
                forecasts.append(forecast)
            }
        }
        return AtRiskReport(forecasts: forecasts, computedAt: now, learntFrom: finished.count)
    }

    private func dossiers(_ query: DossierQuery, upTo limit: Int) async throws -> [Dossier] {
        var query = query
        query.limit = 500
        var found: [Dossier] = []
        repeat {
            let page = try await store.dossiers.list(query)
            found += page.items
            query.cursor = page.nextCursor
        } while query.cursor != nil && found.count < limit
        return Array(found.prefix(limit))
    }

    /// The points of 2.1 (the on-time rate) the unit would lose this period if its at-risk dossiers went late.
    public func pointsAtStake(_ unit: OrgUnit, atRisk count: Int, context: Context) -> Double {
        guard count > 0, let indicator = context.set.rules.indicators.first(where: { $0.numerator == .dossiersOnTime }) else { return 0 }
        let measures = context.calculator.measures(context.tree.subtreeIDs(of: unit.id))
        let (onTime, judged) = (measures[.dossiersOnTime] ?? 0, measures[.dossiersJudged] ?? 0)
        let now = indicator.result(numerator: onTime, denominator: judged).score ?? 0
        let after = indicator.result(numerator: max(0, onTime - Double(count)), denominator: judged).score ?? 0
        return now - after
    }
}
