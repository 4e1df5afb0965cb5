import Foundation
import WorkCalendar

/// Whether an open dossier will finish after its due date: its expected finish is now plus what its
/// remaining steps take: for the step in progress, the median of what such steps still took after running
/// as long as this one has (at the unit holding it, where it has enough history); for the steps after,
/// their median on this procedure; each step's allowance where there is little history.
public struct AtRiskForecast: Codable, Equatable, Sendable {
    public var dossierID: UUID
    public var code: String
    public var procedureCode: String
    public var competentUnitID: UUID
    /// The unit holding the dossier now.
    public var holderID: UUID
    public var step: Int?
    public var dueAt: Date
    public var expectedFinish: Date
    /// Past its due date already: late whatever happens next.
    public var overdue: Bool
    /// How many of the remaining steps were judged from history rather than their allowance.
    public var stepsFromHistory: Int
    public var remainingSteps: Int

    public var atRisk: Bool { !overdue && expectedFinish > dueAt }

    /// Nil for a dossier not accepted, without a due date, paused for the applicant (the clock stands
    /// still) or finished.
    public static func forecast(
        _ dossier: Dossier, procedure: Procedure, durations: StepDurations, calendar: WorkingCalendar, now: Date
    ) -> AtRiskForecast? {
        guard dossier.status.clockRuns, let due = dossier.originalDueAt ?? dossier.dueAt else { return nil }
        let current = dossier.currentStep ?? 0
        let nowClock = calendar.workingClock(at: now)
        var remaining = 0
        var fromHistory = 0
        for step in current..<max(current, procedure.steps.count) {
            // The step in progress has run `spent` already: what such visits still took, not what a fresh one takes.
            let visit = step == current ? dossier.openVisit : nil
            let spent = visit.map { nowClock - calendar.workingClock(at: $0.startedAt) } ?? 0
            if let expected = durations.remaining(procedure: procedure.code, step: step, unit: visit?.unitID, spent: spent) {
                remaining += expected
                fromHistory += 1
            } else {
                remaining += max(allowanceSeconds(procedure, step: step) - spent, 3600)
            }
        }
        return AtRiskForecast(
            dossierID: dossier.id, code: dossier.code, procedureCode: dossier.procedureCode, competentUnitID: dossier.competentUnitID,
            holderID: dossier.currentUnitID, step: dossier.currentStep, dueAt: due, expectedFinish: calendar.instant(atWorkingClock: nowClock + remaining),
            overdue: due < now, stepsFromHistory: fromHistory, remainingSteps: max(0, procedure.steps.count - current))
    }

    /// A step's allowance in working seconds (calendar days taken at five working days in seven).
    public static func allowanceSeconds(_ procedure: Procedure, step: Int) -> Int {
        guard procedure.steps.indices.contains(step) else { return 0 }
        let allowance = procedure.steps[step].allowance
        switch procedure.allowanceUnit {
        case .workingHours: return allowance * 3600
        case .calendarDays: return allowance * 8 * 3600 * 5 / 7
        }
    }
}

/// The latest at-risk report, shared by every instance on one database: the instance leading the deadline job
/// computes it, the others read it instead of computing their own.
public protocol AtRiskForecastRepository: Sendable {
    /// Replaces the stored report.
    func save(_ report: AtRiskReport) async throws
    /// The stored report when it was computed after `cutoff`; nil otherwise (without reading it).
    func latest(computedAfter cutoff: Date) async throws -> AtRiskReport?
}
