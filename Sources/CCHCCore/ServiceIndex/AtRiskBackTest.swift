import Foundation
import WorkCalendar

/// How well the at-risk forecast would have done: each finished dossier is taken back to the moment half
/// of its allowed time had passed, forecast from there, and the forecast compared with how it ended.
public struct AtRiskBackTest: Equatable, Sendable {
    public var truePositives = 0
    public var falsePositives = 0
    public var falseNegatives = 0
    public var trueNegatives = 0

    public init() {}

    /// Of those flagged at risk, the share that did end late.
    public var precision: Double? { truePositives + falsePositives == 0 ? nil : Double(truePositives) / Double(truePositives + falsePositives) }
    /// Of those that ended late, the share flagged.
    public var recall: Double? { truePositives + falseNegatives == 0 ? nil : Double(truePositives) / Double(truePositives + falseNegatives) }
    public var cases: Int { truePositives + falsePositives + falseNegatives + trueNegatives }

    /// Replays `dossiers` (finished ones; others are skipped) against durations learnt elsewhere. A
    /// dossier counts when it was still in a step, not paused and not yet late, at half its allowed time.
    public static func run(
        _ dossiers: some Sequence<Dossier>, procedures: [UUID: Procedure], durations: StepDurations, calendar: WorkingCalendar, elapsedShare: Double = 0.5
    ) -> AtRiskBackTest {
        var result = AtRiskBackTest()
        for dossier in dossiers {
            guard let procedure = procedures[dossier.procedureID], let snapshot = snapshot(of: dossier, at: elapsedShare, calendar: calendar),
                let forecast = AtRiskForecast.forecast(snapshot.dossier, procedure: procedure, durations: durations, calendar: calendar, now: snapshot.at),
                let finished = dossier.finishedAt, let due = dossier.originalDueAt ?? dossier.dueAt
            else { continue }
            let late = finished > due || dossier.supplementRequests.count > 1
            switch (forecast.atRisk, late) {
            case (true, true): result.truePositives += 1
            case (true, false): result.falsePositives += 1
            case (false, true): result.falseNegatives += 1
            case (false, false): result.trueNegatives += 1
            }
        }
        return result
    }

    /// The dossier as it stood when `share` of its allowed working time had passed: in the step it was
    /// in then, that step's visit still open. Nil when it was not in a step then (waiting, finished).
    public static func snapshot(of dossier: Dossier, at share: Double, calendar: WorkingCalendar) -> (dossier: Dossier, at: Date)? {
        guard let accepted = dossier.acceptedAt, let due = dossier.originalDueAt ?? dossier.dueAt, let finished = dossier.finishedAt else { return nil }
        let start = calendar.workingClock(at: accepted)
        let moment = calendar.instant(atWorkingClock: start + Int(Double(calendar.workingClock(at: due) - start) * share))
        guard moment < finished, moment < due,
            let index = dossier.visits.firstIndex(where: { $0.startedAt <= moment && ($0.endedAt.map { moment < $0 } ?? false) }),
            !dossier.pauses.contains(where: { $0.start <= moment && ($0.end.map { moment < $0 } ?? true) })
        else { return nil }
        var then = dossier
        then.status = .processing
        then.currentStep = dossier.visits[index].step
        then.visits = Array(dossier.visits[...index])
        then.visits[index].endedAt = nil
        then.visits[index].timeliness = nil
        then.visits[index].workingSeconds = nil
        then.result = nil
        then.closure = nil
        return (then, moment)
    }
}
