import Foundation
import WorkCalendar

/// What happened to dossiers, per deciding unit, procedure and Vietnamese day: how many were received,
/// received online, finished early, on time or late, returned, refused, withdrawn, stopped, apologised
/// for and rated (and rated dissatisfied). The real-time service index (QĐ 766) and the reports read
/// their on-time and online shares from these counters.
public struct DossierFlow: Projection {
    public static let name = "dossier_flow"
    public var name: String { Self.name }

    public enum Counter: String, CaseIterable, Sendable {
        case received
        case receivedOnline = "received_online"
        case finishedEarly = "finished_early"
        case finishedOnTime = "finished_on_time"
        case finishedLate = "finished_late"
        case returned, refused, withdrawn, stopped, apologized, rated
        case ratedDissatisfied = "rated_dissatisfied"
    }

    public init() {}

    public func changes(for event: DossierEventDraft, before: DossierFacts?, after: DossierFacts) -> [CounterChange] {
        Self.counters(for: event, after: after).map { counter in
            CounterChange(
                CounterKey(
                    projection: Self.name, counter: counter.rawValue, entity: after.competentUnitID, subject: after.procedureCode,
                    day: VietnamTime.localDate(of: event.occurredAt)), 1)
        }
    }

    /// The counters one event adds to, on the day it happened.
    static func counters(for event: DossierEventDraft, after: DossierFacts) -> [Counter] {
        switch event.payload {
        case .accept:
            return after.channel == .online ? [.received, .receivedOnline] : [.received]
        case .markResultReady:
            switch after.timeliness {
            case .early: return [.finishedEarly]
            case .onTime: return [.finishedOnTime]
            case .late: return [.finishedLate]
            case nil: return []
            }
        case .returnResult: return [.returned]
        case .refuse: return [.refused]
        case .withdraw: return [.withdrawn]
        case .stop: return [.stopped]
        case .apologize: return [.apologized]
        case .rate(let rated): return rated.satisfaction == .dissatisfied ? [.rated, .ratedDissatisfied] : [.rated]
        case .submit, .receive, .requestSupplement, .receiveSupplement, .forward, .returnToStep, .requestPayment, .recordPayment,
            .flagNearingDue, .flagOverdue, .reissuePIN, .recordServiceData, .recordComplaint:
            return []
        }
    }
}
