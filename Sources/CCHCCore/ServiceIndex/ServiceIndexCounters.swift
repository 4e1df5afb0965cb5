import Foundation
import WorkCalendar

/// The service index's counters, per competent unit, procedure and day: the flows a period sums
/// (received, finished, ...) on the day they happened, and two running counts read up to a period's end
/// day (open dossiers, +1 the day accepted and −1 the day finished; open overdue ones, +1 the day the
/// due date passes and −1 the day finished), so a past period's end is counted as it stood then.
/// Each counter is a function of the dossier's latest facts (a `StateProjection`).
public struct ServiceIndexCounters: StateProjection {
    public static let name = "service_index"
    public var name: String { Self.name }

    public enum Counter: String, CaseIterable, Sendable {
        case received
        case receivedOnline = "received_online"
        case receivedDigitised = "received_digitised"
        /// Of the received (on the day accepted): recorded in `DossierServiceData`, or a fee was asked.
        case synced, reused
        case dataStore = "data_store"
        case populationVerified = "population_verified"
        case withFee = "with_fee"
        case paidOnline = "paid_online"
        case finished
        case finishedOnTime = "finished_on_time"
        case finishedLateOrDissatisfied = "finished_late_or_dissatisfied"
        case elapsedHours = "elapsed_hours"
        /// Of the finished (on the day finished): the result was issued electronically.
        case electronicResult = "electronic_result"
        /// Running: read up to the end day.
        case open
        case openOverdue = "open_overdue"

        public var isRunning: Bool { self == .open || self == .openOverdue }
    }

    /// Finished late, per unit and step that held the dossier when its time ran out: entity that unit,
    /// subject the procedure and the step (`lateSubject`).
    public static let lateAt = "late_at"

    public static func lateSubject(procedure: String, step: Int) -> String { "\(procedure)#\(step)" }

    /// The procedure and step of a `lateAt` counter's subject.
    public static func procedureAndStep(ofLateSubject subject: String) -> (procedure: String, step: Int)? {
        guard let mark = subject.lastIndex(of: "#"), let step = Int(subject[subject.index(after: mark)...]) else { return nil }
        return (String(subject[..<mark]), step)
    }

    /// Every counter a period sums over its days, and those read up to its end.
    public static let flowCounters = Counter.allCases.filter { !$0.isRunning }.map(\.rawValue) + [lateAt]
    public static let runningCounters = Counter.allCases.filter(\.isRunning).map(\.rawValue)

    public init() {}

    public typealias Event = DossierEventDraft
    public typealias State = DossierFacts

    public func counters(_ state: DossierFacts) -> [CounterKey: Int] { Self.counters(state) }

    /// What a dossier with these facts adds to the counters.
    public static func counters(_ facts: DossierFacts) -> [CounterKey: Int] {
        guard let judged = ServiceIndexJudgement(facts) else { return [:] }
        var counters: [CounterKey: Int] = [:]
        func add(_ counter: String, _ day: LocalDate, _ value: Int = 1, entity: UUID = facts.competentUnitID, subject: String = facts.procedureCode) {
            counters[CounterKey(projection: name, counter: counter, entity: entity, subject: subject, day: day), default: 0] += value
        }
        add(Counter.received.rawValue, judged.accepted)
        if facts.channel == .online { add(Counter.receivedOnline.rawValue, judged.accepted) }
        if facts.digitised == true { add(Counter.receivedDigitised.rawValue, judged.accepted) }
        for counter in receivedCounters(facts) { add(counter.rawValue, judged.accepted) }
        add(Counter.open.rawValue, judged.accepted)
        if let finished = judged.finished {
            add(Counter.open.rawValue, finished, -1)
            add(Counter.finished.rawValue, finished)
            if judged.finishedOnTime { add(Counter.finishedOnTime.rawValue, finished) }
            if !judged.finishedOnTime || facts.satisfaction == .dissatisfied || facts.complained == true {
                add(Counter.finishedLateOrDissatisfied.rawValue, finished)
            }
            if judged.elapsedHours > 0 { add(Counter.elapsedHours.rawValue, finished, judged.elapsedHours) }
            if facts.serviceData?.electronicResult == true { add(Counter.electronicResult.rawValue, finished) }
            if !judged.finishedOnTime, let unit = facts.lateUnitID {
                add(lateAt, finished, entity: unit, subject: lateSubject(procedure: facts.procedureCode, step: facts.lateStep ?? 0))
            }
        }
        if let from = judged.overdueFrom {
            add(Counter.openOverdue.rawValue, from)
            if let finished = judged.finished { add(Counter.openOverdue.rawValue, finished, -1) }
        }
        return CounterKey.withMonthTotals(counters)
    }

    /// The counters of `DossierServiceData` and the fee a received dossier adds to on the day it was accepted.
    static func receivedCounters(_ facts: DossierFacts) -> [Counter] {
        let data = facts.serviceData ?? .none
        let fee = facts.feeCharged == true
        let flags: [(Bool, Counter)] = [
            (data.syncedToPortal, .synced), (data.reusedData, .reused), (data.fromDataStore, .dataStore), (data.populationVerified, .populationVerified),
            (fee, .withFee), (fee && data.paidOnline, .paidOnline),
        ]
        return flags.compactMap { $0.0 ? $0.1 : nil }
    }
}
