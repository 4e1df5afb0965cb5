import Foundation

/// Units of one level ranked by their index, with the change against the period before.
public struct RankingRow: Equatable, Sendable {
    public var unitID: UUID
    public var total: Double
    public var measuredMaximum: Double
    public var rank: Int
    public var previousTotal: Double?
    public var previousRank: Int?

    /// Places gained (positive) or lost since the previous period.
    public var rankChange: Int? { previousRank.map { $0 - rank } }
    public var scoreChange: Double? { previousTotal.map { total - $0 } }
}

public enum ServiceIndexRanking {
    /// Which units are ranked together: departments (and the province's other bodies) or communes.
    public enum Level: String, CaseIterable, Sendable {
        case department, commune

        public func contains(_ unit: OrgUnit) -> Bool {
            switch self {
            case .department: unit.kind == .department || unit.kind == .verticalAgency
            case .commune: unit.kind.level == .commune
            }
        }
    }

    /// Ranks by total, highest first; units whose totals agree to two decimals share a rank and the next
    /// rank skips (1, 2, 2, 4). A unit ranked in both periods carries its earlier total and rank.
    public static func rank(_ current: [UUID: Double], measured: [UUID: Double], previous: [UUID: Double]) -> [RankingRow] {
        let ranks = competitionRanks(current)
        let previousRanks = competitionRanks(previous)
        return current.map { unit, total in
            RankingRow(
                unitID: unit, total: total, measuredMaximum: measured[unit] ?? 0, rank: ranks[unit] ?? 0, previousTotal: previous[unit],
                previousRank: previousRanks[unit])
        }.sorted { ($0.rank, $0.unitID.uuidString) < ($1.rank, $1.unitID.uuidString) }
    }

    static func competitionRanks(_ totals: [UUID: Double]) -> [UUID: Int] {
        let rounded = totals.mapValues { ($0 * 100).rounded() }
        let ordered = rounded.values.sorted(by: >)
        var firstPlace: [Double: Int] = [:]
        for (position, value) in ordered.enumerated() where firstPlace[value] == nil { firstPlace[value] = position + 1 }
        return rounded.mapValues { firstPlace[$0] ?? 0 }
    }
}
