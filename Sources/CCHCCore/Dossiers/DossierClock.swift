import Foundation
import WorkCalendar

/// A dossier's deadlines, derived from when counting started, the pauses, the procedure and the calendar.
/// Recomputed after every change of time, so that the stored deadlines always follow the same rule.
public struct DossierClock: Sendable {
    public var calendar: WorkingCalendar
    /// The province's deadline policy; the procedure adds its cut-off.
    public var policy: DeadlinePolicy

    public init(calendar: WorkingCalendar, policy: DeadlinePolicy) {
        self.calendar = calendar
        self.policy = policy
    }

    /// The pauses as intervals; one still open is counted up to `now`.
    func intervals(_ pauses: [Pause], now: Date) -> [DateInterval] {
        pauses.compactMap { pause in
            let end = pause.end ?? now
            return end > pause.start ? DateInterval(start: pause.start, end: end) : nil
        }
    }

    /// Sets the overall and step deadlines of an accepted dossier.
    public func recompute(_ dossier: inout Dossier, procedure: Procedure, now: Date) {
        guard let start = dossier.clockStartedAt else { return }
        let pauses = intervals(dossier.pauses, now: now)
        let policy = procedure.deadlinePolicy(base: self.policy)
        let computed = calendar.deadline(from: start, procedure.processingTime, policy: policy, pauses: pauses)
        dossier.stepDueAt = procedure.steps.indices.map {
            calendar.deadline(from: start, procedure.cumulativeAllowance(through: $0), policy: policy, pauses: pauses)
        }
        if let apology = dossier.apology {
            // The apology set a new date; waiting for the applicant after it still pushes it.
            let waited = pauses.filter { $0.end > apology.signedAt && $0.start < apology.newDueAt }.reduce(0) {
                $0 + max(0, calendar.workingSeconds(from: max($1.start, apology.signedAt), to: $1.end))
            }
            dossier.dueAt = calendar.instant(atWorkingClock: calendar.workingClock(at: apology.newDueAt) + waited)
            dossier.originalDueAt = computed
        } else {
            dossier.dueAt = computed
            dossier.originalDueAt = nil
        }
    }

    /// Working time from now to the deadline (negative when past it).
    public func workingTimeLeft(_ dossier: Dossier, now: Date) -> Int? {
        dossier.dueAt.map { calendar.workingSeconds(from: now, to: $0) }
    }
}
