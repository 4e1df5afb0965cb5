import CCHCCore
import Foundation
import Synchronization
import Vapor
import WorkCalendar

/// The latest at-risk list of the province: the deadline job refreshes it when it is older than `lifetime`
/// and stores it, so that the other instances on the same database read it rather than compute their own
/// (`AtRiskForecastRepository`). One computation runs at a time, detached from whoever asked: a page that
/// finds no list yet starts it and waits for it a little (`patience`), then shows that it is being computed
/// rather than hold the reader for as long as it takes (minutes in a province with hundreds of thousands of
/// open dossiers).
final class AtRiskCache: LifecycleHandler, Sendable {
    static let lifetime: TimeInterval = 10 * 60
    /// How old a stored list another instance made may be to be taken as it is: the leader replaces it once it
    /// is older than `lifetime`, at its next run.
    static let sharedLifetime: TimeInterval = lifetime + 5 * 60
    static let patience: Duration = .seconds(2)

    private struct State {
        var report: AtRiskReport?
        var running: Task<AtRiskReport, any Error>?
        /// When the running computation began: readers wait for it only until `patience` after that.
        var startedAt: ContinuousClock.Instant?
    }

    private let state = Mutex(State())

    func isStale(now: Date) -> Bool {
        state.withLock { $0.report.map { now.timeIntervalSince($0.computedAt) > Self.lifetime } ?? true }
    }

    /// A new list, computed now (or the computation already running, awaited).
    @discardableResult
    func refresh(_ application: Application) async throws -> AtRiskReport {
        try await computation(application).value
    }

    /// The latest list (a stale one starts a new computation for the next reader: on an instance that does not
    /// lead the deadline job, readers keep it fresh); when there is none yet, the one being computed if it is
    /// ready within `patience` of its start (so only its first readers wait), else nil.
    func current(_ application: Application, patience: Duration = AtRiskCache.patience) async throws -> AtRiskReport? {
        let now = application.clock.now
        let held = state.withLock { $0.report }
        if let held, !isStale(now: now) { return held }
        // The instance leading the deadline job stores the list it makes: a newer one than this is taken as it is.
        let cutoff = max(held?.computedAt ?? .distantPast, now.addingTimeInterval(-Self.sharedLifetime))
        if let shared = try await application.store.atRiskForecasts.latest(computedAfter: cutoff) {
            state.withLock { $0.report = shared }
            return shared
        }
        if let report = state.withLock({ $0.report }) {
            _ = computation(application)
            return report
        }
        _ = computation(application)
        let deadline = (state.withLock { $0.startedAt } ?? .now) + patience
        while ContinuousClock.now < deadline {
            try await Task.sleep(for: .milliseconds(10))
            if let report = state.withLock({ $0.report }) { return report }
        }
        return nil
    }

    /// Stops a computation still running, before the databases close under it.
    func shutdownAsync(_ application: Application) async {
        let running = state.withLock { $0.running }
        running?.cancel()
        _ = try? await running?.value
    }

    private func computation(_ application: Application) -> Task<AtRiskReport, any Error> {
        state.withLock { state in
            if let running = state.running { return running }
            let task = Task {
                defer { self.state.withLock { ($0.running, $0.startedAt) = (nil, nil) } }
                let now = application.clock.now
                let calendar = try await application.dossierService().clock(on: VietnamTime.localDate(of: now)).calendar
                do {
                    let fresh = try await ServiceIndexService(store: application.backgroundStore).forecastAtRisk(calendar: calendar, now: now)
                    self.state.withLock { $0.report = fresh }
                    try await application.store.atRiskForecasts.save(fresh)
                    return fresh
                } catch {
                    application.logger.error("The at-risk forecast failed: \(String(reflecting: error))")
                    throw error
                }
            }
            (state.running, state.startedAt) = (task, .now)
            return task
        }
    }
}
