import Foundation

/// One indicator's figures for a unit and period.
public struct IndicatorResult: Equatable, Sendable {
    public var code: String
    public var group: String
    /// Nil when cchc does not capture what the indicator counts ("chưa có dữ liệu").
    public var numerator: Double?
    public var denominator: Double?
    /// Nil without data or with an empty denominator.
    public var ratio: Double?
    /// Nil without data, and for indicators that are shown but not scored.
    public var score: Double?
    public var maximum: Double

    public var hasData: Bool { numerator != nil && denominator != nil }
    /// Counts towards the total's "out of".
    public var isMeasured: Bool { hasData && score != nil }
}

public struct GroupResult: Equatable, Sendable {
    public var code: String
    public var score: Double
    /// The maximum of the indicators with data.
    public var measuredMaximum: Double
    public var maximum: Double
}

/// A unit's index for a period, under one version of the indicator set.
public struct ServiceIndexScore: Equatable, Sendable {
    public var unitID: UUID
    public var period: ReportPeriod
    public var version: Int
    public var indicators: [IndicatorResult]
    public var groups: [GroupResult]

    public var total: Double { groups.reduce(0) { $0 + $1.score } }
    /// The points the total is measured out of: 100 less what has no data.
    public var measuredMaximum: Double { groups.reduce(0) { $0 + $1.measuredMaximum } }

    public func indicator(_ code: String) -> IndicatorResult? { indicators.first { $0.code == code } }
}

extension Indicator {
    /// Scores counted figures (DOMAIN.md §4): linear = max × ratio; target t = min(max, max × ratio ÷ t);
    /// an empty denominator earns nothing or everything, as the indicator says.
    public func result(numerator: Double?, denominator: Double?) -> IndicatorResult {
        var result = IndicatorResult(code: code, group: group, numerator: nil, denominator: nil, maximum: maximum)
        guard let numerator, let denominator else { return result }
        (result.numerator, result.denominator) = (numerator, denominator)
        if denominator > 0 {
            let share = numerator / denominator
            result.ratio = complement ? max(0, 1 - share) : share
        }
        switch scaling.kind {
        case .none: break
        case .linear, .target:
            guard let ratio = result.ratio else {
                result.score = emptyDenominator == .full ? maximum : 0
                break
            }
            let target = scaling.kind == .target ? (scaling.target ?? 1) : 1
            result.score = min(maximum, maximum * min(ratio, 1) / target)
        }
        return result
    }
}
