import Foundation

/// The at-risk list of the whole province at one moment: what the background job computes and the
/// pages and the API read, narrowed to a unit.
public struct AtRiskReport: Codable, Equatable, Sendable {
    /// The open dossiers forecast to pass their due date (those already past it are late, not at risk), the
    /// soonest due first: sorted once here, not on every page that reads them.
    public let forecasts: [AtRiskForecast]
    public var computedAt: Date
    /// Finished dossiers the step durations were learnt from.
    public var learntFrom: Int
    /// Where each competent unit's forecasts are in `forecasts`, in order; made when the report is made or
    /// read, so that narrowing the province's list (tens of thousands at ten million dossiers) to a unit
    /// does not go through all of it on every page.
    private let positions: [UUID: [Int]]

    private enum CodingKeys: String, CodingKey {
        case forecasts, computedAt, learntFrom
    }

    public init(forecasts: [AtRiskForecast], computedAt: Date, learntFrom: Int) {
        self.forecasts = forecasts.sorted { ($0.dueAt, $0.code) < ($1.dueAt, $1.code) }
        self.computedAt = computedAt
        self.learntFrom = learntFrom
        positions = Self.positions(of: self.forecasts)
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        forecasts = try container.decode([AtRiskForecast].self, forKey: .forecasts)
        computedAt = try container.decode(Date.self, forKey: .computedAt)
        learntFrom = try container.decode(Int.self, forKey: .learntFrom)
        positions = Self.positions(of: forecasts)
    }

    private static func positions(of forecasts: [AtRiskForecast]) -> [UUID: [Int]] {
        var positions: [UUID: [Int]] = [:]
        for (index, forecast) in forecasts.enumerated() { positions[forecast.competentUnitID, default: []].append(index) }
        return positions
    }

    /// How many are at risk whose competent unit is within `units`, and the first `limit` of them, the soonest
    /// due first.
    public func atRisk(within units: Set<UUID>, first limit: Int) -> (count: Int, first: [AtRiskForecast]) {
        let lists = units.compactMap { positions[$0] }
        let count = lists.reduce(0) { $0 + $1.count }
        let wanted = min(max(limit, 0), count)
        guard wanted > 0 else { return (count, []) }
        // A few from many units (a page's first rows): merged head by head; most or all of them: sorted.
        if wanted * lists.count > count * 16 {
            return (count, lists.flatMap { $0 }.sorted().prefix(wanted).map { forecasts[$0] })
        }
        var heads = [Int](repeating: 0, count: lists.count)
        var first: [AtRiskForecast] = []
        first.reserveCapacity(wanted)
        while first.count < wanted {
            var best: Int?
            for (list, head) in heads.enumerated() where head < lists[list].count {
                if best.map({ lists[list][head] < lists[$0][heads[$0]] }) ?? true { best = list }
            }
            guard let list = best else { break }
            first.append(forecasts[lists[list][heads[list]]])
            heads[list] += 1
        }
        return (count, first)
    }
}
