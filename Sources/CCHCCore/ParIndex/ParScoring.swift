import Foundation

/// A response to one leaf: what the unit (or the appraiser, or cchc) gave. `value` means what the leaf's
/// rule reads: 1 or 0 (yes/no), the tier's position from 0 (the best), the rate in percent, the number of
/// occurrences (deduction), or the points themselves.
public struct ParResponse: Codable, Equatable, Sendable {
    public var value: Double?
    /// "Không áp dụng": the leaf's maximum leaves the denominator.
    public var notApplicable: Bool

    public init(value: Double?, notApplicable: Bool = false) {
        self.value = value
        self.notApplicable = notApplicable
    }

    public static let notApplicable = ParResponse(value: nil, notApplicable: true)
}

extension ParRule {
    /// The points `value` earns out of `maximum`, or the message key saying why it does not fit the rule.
    public func points(_ value: Double, maximum: Double) -> Result<Double, ParScoreError> {
        switch self {
        case .yesNo:
            guard value == 0 || value == 1 else { return .failure(.init("par.value.yes_no")) }
            return .success(value * maximum)
        case .tiers(let shares):
            guard value >= 0, value == value.rounded(), value < Double(shares.count) else {
                return .failure(.init("par.value.tier", ["last": String(shares.count - 1)]))
            }
            return .success(shares[Int(value)] * maximum)
        case .proportional(let target):
            guard (0...100).contains(value) else { return .failure(.init("par.value.rate")) }
            return .success(min(1, value / target) * maximum)
        case .deduction(let each):
            guard value >= 0, value == value.rounded() else { return .failure(.init("par.value.count")) }
            return .success(max(0, maximum - value * each))
        case .points:
            guard (0...maximum).contains(value) else { return .failure(.init("par.value.points", ["max": ParRule.number(maximum)])) }
            return .success(value)
        }
    }
}

/// Why a value does not fit: a message key and its arguments.
public struct ParScoreError: Error, Equatable, Sendable {
    public var key: String
    public var arguments: [String: String]

    public init(_ key: String, _ arguments: [String: String] = [:]) {
        self.key = key
        self.arguments = arguments
    }
}

/// The points of one assessment under its set: the total, the denominator (the scale's maximum less the
/// leaves answered "không áp dụng"), bonus and penalty outside the scale, the index, and each field's.
public struct ParScore: Equatable, Sendable {
    public struct Field: Equatable, Sendable {
        public var code: String
        public var points: Double
        /// The field's maximum less its leaves not applicable.
        public var maximum: Double
        public var index: Double? { maximum > 0 ? points / maximum * 100 : nil }
    }

    /// The scale's points, before bonus and penalty.
    public var scalePoints: Double
    public var bonus: Double
    public var penalty: Double
    public var maximum: Double
    public var fields: [Field]
    /// Each leaf's points (nil when not applicable or not answered).
    public var leaves: [String: Double]

    public var points: Double { max(0, scalePoints + bonus - penalty) }
    /// Points ÷ maximum × 100 (DOMAIN.md §5); nil when every leaf is not applicable.
    public var index: Double? { maximum > 0 ? points / maximum * 100 : nil }

    /// Scores `responses` (by leaf code) under `set`. A leaf without a response, or with one that does not
    /// fit its rule, earns nothing and stays in the denominator.
    public init(_ set: ParCriteriaSet, responses: [String: ParResponse]) {
        var (scale, bonus, penalty, maximum) = (0.0, 0.0, 0.0, 0.0)
        var fields: [Field] = []
        var leaves: [String: Double] = [:]
        for field in set.fields {
            var row = Field(code: field.code, points: 0, maximum: 0)
            for leaf in field.leaves {
                let response = responses[leaf.code]
                if response?.notApplicable == true, leaf.allowsNotApplicable { continue }
                row.maximum += leaf.maximum
                guard let value = response?.value, let rule = leaf.rule, case .success(let points) = rule.points(value, maximum: leaf.maximum) else {
                    continue
                }
                row.points += points
                leaves[leaf.code] = points
            }
            switch field.section {
            case .scale:
                scale += row.points
                maximum += row.maximum
            case .bonus: bonus += min(row.points, field.maximum)
            case .penalty: penalty += min(row.points, field.maximum)
            }
            fields.append(row)
        }
        self.scalePoints = scale
        self.bonus = bonus
        self.penalty = penalty
        self.maximum = maximum
        self.fields = fields
        self.leaves = leaves
    }
}
