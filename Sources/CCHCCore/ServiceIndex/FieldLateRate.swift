import Foundation

/// Late dossiers of one field of procedures (đất đai, xây dựng, ...) for a unit and period.
public struct FieldLateRate: Equatable, Sendable {
    public var field: String
    public var received: Int
    public var finished: Int
    /// Finished late.
    public var late: Int
    /// Open at the period's end and past their due date.
    public var openOverdue: Int

    /// Late and open overdue over finished and open overdue: nil when there is neither.
    public var lateRate: Double? {
        let judged = finished + openOverdue
        return judged == 0 ? nil : Double(late + openOverdue) / Double(judged)
    }
}

/// Who held the dossiers that finished late: the unit and step at which their time ran out.
public struct LateHolder: Equatable, Sendable {
    public var unitID: UUID
    public var step: Int
    public var count: Int
}

extension ServiceIndexCalculator {
    /// Per field, over the unit's subtree, worst late rate first.
    public func lateRates(_ unitID: UUID) -> [FieldLateRate] {
        typealias Counter = ServiceIndexCounters.Counter
        let units = tree.subtreeIDs(of: unitID)
        var rows: [String: FieldLateRate] = [:]
        let counters: [Counter] = [.received, .finished, .openOverdue, .finishedOnTime]
        for (procedure, values) in counts.byProcedure(Set(counters.map(\.rawValue)), units: units) {
            func value(_ counter: Counter) -> Int? { values[counter.rawValue] }
            // A procedure whose only counter is the on-time one has nothing to show.
            guard value(.received) != nil || value(.finished) != nil || value(.openOverdue) != nil else { continue }
            let field = catalogue[procedure]?.field ?? procedure
            var row = rows[field] ?? FieldLateRate(field: field, received: 0, finished: 0, late: 0, openOverdue: 0)
            row.received += value(.received) ?? 0
            row.finished += value(.finished) ?? 0
            row.openOverdue += value(.openOverdue) ?? 0
            if let finished = value(.finished) { row.late += finished - (value(.finishedOnTime) ?? 0) }
            rows[field] = row
        }
        return rows.values.sorted { ($0.lateRate ?? -1, $0.field) > ($1.lateRate ?? -1, $1.field) }
    }

    /// The units within the subtree at which dossiers ran late, and at which step, most first.
    public func lateHolders(_ unitID: UUID) -> [LateHolder] {
        let units = tree.subtreeIDs(of: unitID)
        var holders: [LateHolder] = []
        for unit in units {
            for (subject, counters) in counts.values[unit] ?? [:] {
                guard let value = counters[ServiceIndexCounters.lateAt], value != 0,
                    let step = ServiceIndexCounters.procedureAndStep(ofLateSubject: subject)?.step
                else { continue }
                if let index = holders.firstIndex(where: { $0.unitID == unit && $0.step == step }) {
                    holders[index].count += value
                } else {
                    holders.append(LateHolder(unitID: unit, step: step, count: value))
                }
            }
        }
        return holders.sorted { ($0.count, $1.unitID.uuidString) > ($1.count, $0.unitID.uuidString) }
    }
}
