import Foundation

/// How many dossiers each work queue holds, for the desk that received them, the unit holding them and
/// the citizen who filed them: what the home page and the queue tabs show, read without counting rows.
public struct DossierQueueCounts: StateProjection {
    public static let name = "dossier_queues"
    public var name: String { Self.name }

    /// Whose queue a counter is: `received:<queue>` per receiving unit, `held:<queue>` per unit holding the
    /// dossier, `citizen:<queue>` per citizen account.
    public enum Side: String, CaseIterable, Sendable {
        case received, held, citizen
    }

    public init() {}

    public static func counter(_ side: Side, _ queue: DossierQuery.Queue) -> String { "\(side.rawValue):\(queue.rawValue)" }

    public typealias Event = DossierEventDraft
    public typealias State = DossierFacts

    /// One in each queue the dossier is in.
    public func counters(_ state: DossierFacts) -> [CounterKey: Int] {
        Dictionary(uniqueKeysWithValues: Self.keys(state).map { ($0, 1) })
    }

    /// The counters a dossier with these facts is counted in.
    public static func keys(_ facts: DossierFacts) -> Set<CounterKey> {
        var keys: Set<CounterKey> = []
        for queue in DossierQuery.Queue.counted where queue.contains(facts) {
            keys.insert(CounterKey(projection: name, counter: counter(.received, queue), entity: facts.receivingUnitID))
            keys.insert(CounterKey(projection: name, counter: counter(.held, queue), entity: facts.currentUnitID))
            if let citizen = facts.citizenUserID {
                keys.insert(CounterKey(projection: name, counter: counter(.citizen, queue), entity: citizen))
            }
        }
        return keys
    }
}
