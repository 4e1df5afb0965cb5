import CCHCCore
import Foundation
import Synchronization
import Vapor
import WorkCalendar

/// The latest at-risk list of the province: the deadline job refreshes it when it is older than
/// `lifetime`; a page that finds none computes it once.
final class AtRiskCache: Sendable {
    static let lifetime: TimeInterval = 10 * 60
    private let report = Mutex<AtRiskReport?>(nil)

    func isStale(now: Date) -> Bool {
        report.withLock { $0.map { now.timeIntervalSince($0.computedAt) > Self.lifetime } ?? true }
    }

    @discardableResult
    func refresh(_ application: Application) async throws -> AtRiskReport {
        let now = application.clock.now
        let calendar = try await application.dossierService().clock(on: VietnamTime.localDate(of: now)).calendar
        let fresh = try await ServiceIndexService(store: application.store).forecastAtRisk(calendar: calendar, now: now)
        report.withLock { $0 = fresh }
        return fresh
    }

    func current(_ application: Application) async throws -> AtRiskReport {
        if let report = report.withLock({ $0 }) { return report }
        return try await refresh(application)
    }
}
