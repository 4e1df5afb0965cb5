import Foundation
import WorkCalendar

extension ServiceIndexCounts {
    /// The same counts taken straight from the dossiers' present facts, one by one, without the
    /// counters: what a drill-down lists, and the reference the counters are checked against.
    public static func counting(_ dossiers: [DossierFacts], in days: ClosedRange<LocalDate>) -> ServiceIndexCounts {
        var counts = ServiceIndexCounts()
        for facts in dossiers {
            for found in contributions(facts, in: days) {
                counts.add(found.value, found.counter, unit: found.unit, procedure: found.subject ?? facts.procedureCode)
            }
        }
        return counts
    }

    public struct Contribution: Equatable, Sendable {
        public var counter: String
        public var value: Int
        public var unit: UUID
        /// Another subject than the procedure's code (the late step's).
        public var subject: String? = nil
    }

    /// What one dossier adds to a period's figures, counter by counter, and for which unit.
    public static func contributions(_ facts: DossierFacts, in days: ClosedRange<LocalDate>) -> [Contribution] {
        guard let judged = ServiceIndexJudgement(facts) else { return [] }
        typealias Counter = ServiceIndexCounters.Counter
        var found: [Contribution] = []
        func add(_ counter: Counter, _ value: Int = 1) { found.append(Contribution(counter: counter.rawValue, value: value, unit: facts.competentUnitID)) }
        if days.contains(judged.accepted) {
            add(.received)
            if facts.channel == .online { add(.receivedOnline) }
            if facts.digitised == true { add(.receivedDigitised) }
            for counter in ServiceIndexCounters.receivedCounters(facts) { add(counter) }
        }
        if judged.isOpen(atEndOf: days.upperBound) { add(.open) }
        if judged.isOverdue(atEndOf: days.upperBound) { add(.openOverdue) }
        if judged.finished(in: days) {
            add(.finished)
            if judged.finishedOnTime { add(.finishedOnTime) }
            if !judged.finishedOnTime || facts.satisfaction == .dissatisfied || facts.complained == true { add(.finishedLateOrDissatisfied) }
            if judged.elapsedHours > 0 { add(.elapsedHours, judged.elapsedHours) }
            if facts.serviceData?.electronicResult == true { add(.electronicResult) }
            if !judged.finishedOnTime, let unit = facts.lateUnitID {
                found.append(
                    Contribution(
                        counter: ServiceIndexCounters.lateAt, value: 1, unit: unit,
                        subject: ServiceIndexCounters.lateSubject(procedure: facts.procedureCode, step: facts.lateStep ?? 0)))
            }
        }
        return found
    }
}
