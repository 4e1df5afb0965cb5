import Foundation
import WorkCalendar

extension ServiceIndexService {
    /// Learns step durations from the dossiers `learningSet` reads, then forecasts every open dossier whose
    /// clock runs, a page at a time: only those at risk are kept, so memory grows with them, not with the open
    /// dossiers.
    public func forecastAtRisk(calendar: WorkingCalendar, now: Date, learnFrom: Int = 5000) async throws -> AtRiskReport {
        var finished = try await learningSet(limit: learnFrom)
        let durations = StepDurations(learningFrom: finished, calendar: calendar)
        let learntFrom = finished.count
        finished = []
        var procedures: [UUID: Procedure] = [:]
        var forecasts: [AtRiskForecast] = []
        // One status at a time: each page is then a range of the (status, due date) index, where both
        // statuses at once would sort every open dossier again for each page.
        for status in (DossierQuery.Queue.inProgress.statuses ?? []).sorted(by: { $0.rawValue < $1.rawValue }) {
            try await eachPage(DossierQuery(scope: .province, queue: .inProgress, status: status)) { page in
                for dossier in page {
                    if procedures[dossier.procedureID] == nil { procedures[dossier.procedureID] = try await store.procedures.find(id: dossier.procedureID) }
                    guard let procedure = procedures[dossier.procedureID],
                        let forecast = AtRiskForecast.forecast(dossier, procedure: procedure, durations: durations, calendar: calendar, now: now),
                        forecast.atRisk
                    else { continue }
                    forecasts.append(forecast)
                }
                return true
            }
        }
        return AtRiskReport(forecasts: forecasts, computedAt: now, learntFrom: learntFrom)
    }

    /// The first `limit` dossiers of the finished queue (the most recently received) and of the ready-to-return
    /// queue. Each status is read on its own, a range of the (status, received at) index, and the lists merged:
    /// the finished queue's several statuses at once sorted every finished dossier for each page.
    public func learningSet(limit: Int) async throws -> [Dossier] {
        var learning: [Dossier] = []
        for queue in [DossierQuery.Queue.finished, .readyToReturn] {
            var first: [Dossier] = []
            for status in (queue.statuses ?? []).sorted(by: { $0.rawValue < $1.rawValue }) {
                var ofStatus: [Dossier] = []
                try await eachPage(DossierQuery(scope: .province, queue: queue, status: status)) { page in
                    ofStatus += page.prefix(limit - ofStatus.count)
                    return ofStatus.count < limit
                }
                // Both queues list by receipt (the finished newest first), then by id as the store does.
                first = Array(
                    (first + ofStatus).sorted {
                        let (a, b) = queue.sortsAscending ? ($0, $1) : ($1, $0)
                        return (a.submittedAt, a.id.uuidString) < (b.submittedAt, b.id.uuidString)
                    }
                    .prefix(limit))
            }
            learning += first
        }
        return learning
    }

    /// Reads a queue page by page until it ends or `body` says stop.
    private func eachPage(_ query: DossierQuery, _ body: ([Dossier]) async throws -> Bool) async throws {
        var query = query
        query.limit = 500
        repeat {
            try Task.checkCancellation()
            let page = try await store.dossiers.list(query)
            guard try await body(page.items) else { return }
            query.cursor = page.nextCursor
        } while query.cursor != nil
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
