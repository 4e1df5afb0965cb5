import Foundation

/// The index's counters for one period, per unit (the competent authority) and procedure, as the store
/// summed them (`ProjectionRepository.periodSums`) or as counted straight from dossiers.
public struct ServiceIndexCounts: Equatable, Sendable {
    /// unit → procedure code → counter → value.
    public private(set) var values: [UUID: [String: [String: Int]]] = [:]

    public init() {}

    public init(_ sums: [CounterSum]) {
        for sum in sums {
            guard let entity = sum.entity else { continue }
            values[entity, default: [:]][sum.subject, default: [:]][sum.counter, default: 0] += sum.value
        }
    }

    public mutating func add(_ value: Int, _ counter: String, unit: UUID, procedure: String) {
        guard value != 0 else { return }
        values[unit, default: [:]][procedure, default: [:]][counter, default: 0] += value
    }

    /// Some counters over some units, per procedure, in one pass: procedure → counter → total, a counter
    /// present where one of the units has it.
    public func byProcedure(_ counters: Set<String>, units: Set<UUID>) -> [String: [String: Int]] {
        var totals: [String: [String: Int]] = [:]
        for unit in units {
            for (procedure, values) in values[unit] ?? [:] {
                for (counter, value) in values where counters.contains(counter) { totals[procedure, default: [:]][counter, default: 0] += value }
            }
        }
        return totals
    }

    /// Every counter over some units, all procedures added up.
    public func totals(units: Set<UUID>) -> [String: Int] {
        var totals: [String: Int] = [:]
        for unit in units {
            for counters in (values[unit] ?? [:]).values {
                for (counter, value) in counters { totals[counter, default: 0] += value }
            }
        }
        return totals
    }

    /// The dossiers' counts alone, without the feedback's (`FeedbackCounters.Counter.indexName`): what
    /// counting the dossiers gives.
    public var dossiersOnly: ServiceIndexCounts {
        var counts = self
        counts.values = values.mapValues { $0.mapValues { $0.filter { !$0.key.hasPrefix(FeedbackCounters.indexName(of: "")) } } }
        return counts
    }

    /// The same counts without the zero entries, for comparing two ways of counting.
    public var withoutZeros: [UUID: [String: [String: Int]]] {
        values.mapValues { $0.mapValues { $0.filter { $0.value != 0 } }.filter { !$0.value.isEmpty } }.filter { !$0.value.isEmpty }
    }
}
