import Foundation
import WorkCalendar

/// How long each step of each procedure has taken, in working seconds, learnt from the steps that
/// dossiers finished, per procedure and step, and per unit that held the step: what the at-risk forecast
/// expects of the steps a dossier still has to go through.
public struct StepDurations: Equatable, Sendable {
    /// Below this many finished visits, a step is expected to take its allowance.
    public static let minimumSamples = 5

    struct Key: Hashable, Sendable {
        var procedure: String
        var step: Int
        /// Nil: every unit's visits of the step.
        var unit: UUID?
    }

    /// Working seconds of each finished visit, sorted once learnt.
    private var samples: [Key: [Int]] = [:]

    public init() {}

    /// Learns from the finished visits of `dossiers`: the working time from each visit's start to its end
    /// (`StepVisit.workingSeconds` counts from the clock's start, not the visit's).
    public init(learningFrom dossiers: some Sequence<Dossier>, calendar: WorkingCalendar) {
        for dossier in dossiers {
            for visit in dossier.visits {
                guard let end = visit.endedAt else { continue }
                let seconds = max(0, calendar.workingClock(at: end) - calendar.workingClock(at: visit.startedAt))
                samples[Key(procedure: dossier.procedureCode, step: visit.step, unit: nil), default: []].append(seconds)
                samples[Key(procedure: dossier.procedureCode, step: visit.step, unit: visit.unitID), default: []].append(seconds)
            }
        }
        samples = samples.mapValues { $0.sorted() }
    }

    public var isEmpty: Bool { samples.isEmpty }

    /// What a step is expected to take still, having taken `spent` already: the median of the finished
    /// visits that lasted longer than `spent`, less `spent`; from the visits of the same unit where it has
    /// enough of them, of every unit otherwise. Nil without enough history.
    public func remaining(procedure: String, step: Int, unit: UUID?, spent: Int) -> Int? {
        let own = unit.flatMap { samples[Key(procedure: procedure, step: step, unit: $0)] }.flatMap { $0.count >= Self.minimumSamples ? $0 : nil }
        guard let values = own ?? samples[Key(procedure: procedure, step: step, unit: nil)], values.count >= Self.minimumSamples else { return nil }
        // Those still running after `spent` (at least one hour more when none ran that long).
        let longer = values.drop { $0 <= spent }
        guard !longer.isEmpty else { return 3600 }
        return longer[longer.startIndex + longer.count / 2] - spent
    }
}
