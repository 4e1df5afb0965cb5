import Foundation

/// A campaign's results: per unit the self-score beside the appraised score, the index, each field's index,
/// the rank within its cohort (ties share a rank: 1, 2, 2, 4), the grade, and the change on last year.
public struct ParResults: Sendable {
    public struct Row: Sendable {
        public var unit: OrgUnit
        public var state: ParAssessment.State
        public var cohort: ParCohort?
        public var selfScore: ParScore
        public var appraised: ParScore
        /// The appraised index, as published (two decimals).
        public var index: Double?
        public var rank: Int?
        public var cohortSize: Int
        public var grade: String?
        /// Each field's rank within the cohort, by field code.
        public var fieldRanks: [String: Int]
        public var previousIndex: Double?
        public var previousRank: Int?

        /// Points of index gained on last year.
        public var change: Double? { index.flatMap { now in previousIndex.map { ParCriteriaSet.rounded(now - $0) } } }
        /// Places gained on last year (positive: up).
        public var placesChange: Int? { rank.flatMap { now in previousRank.map { $0 - now } } }
    }

    public var campaign: ParCampaign
    public var set: ParCriteriaSet
    public var rows: [Row]

    /// Ranks the assessments of `campaign` under `set`; `previous` is last year's results of the same level.
    public init(campaign: ParCampaign, set: ParCriteriaSet, assessments: [ParAssessment], tree: UnitTree, previous: ParResults? = nil) {
        self.campaign = campaign
        self.set = set
        var rows = assessments.compactMap { assessment -> Row? in
            guard let unit = tree.unit(id: assessment.unitID) else { return nil }
            let appraised = ParScore(set, responses: assessment.appraisedResponses)
            return Row(
                unit: unit, state: assessment.state, cohort: set.cohorts.first { $0.contains(unit) },
                selfScore: ParScore(set, responses: assessment.selfResponses),
                appraised: appraised, index: appraised.index.map(ParCriteriaSet.rounded), rank: nil, cohortSize: 0,
                grade: appraised.index.flatMap { set.grade(ofIndex: $0)?.label }, fieldRanks: [:])
        }
        let cohorts = Dictionary(grouping: rows.indices) { rows[$0].cohort?.code ?? "" }
        for members in cohorts.values {
            let ranks = Self.ranks(members.map { rows[$0].index })
            for (position, row) in members.enumerated() {
                rows[row].rank = ranks[position]
                rows[row].cohortSize = members.count
            }
            for field in set.fields where field.section == .scale {
                let indices = members.map { row in rows[row].appraised.fields.first { $0.code == field.code }?.index.map(ParCriteriaSet.rounded) }
                for (position, rank) in Self.ranks(indices).enumerated() { rows[members[position]].fieldRanks[field.code] = rank }
            }
        }
        if let previous {
            let before = Dictionary(previous.rows.map { ($0.unit.id, $0) }, uniquingKeysWith: { first, _ in first })
            for index in rows.indices {
                rows[index].previousIndex = before[rows[index].unit.id]?.index
                rows[index].previousRank = before[rows[index].unit.id]?.rank
            }
        }
        self.rows = rows.sorted { ($0.cohort?.code ?? "", $0.rank ?? .max, $0.unit.code) < ($1.cohort?.code ?? "", $1.rank ?? .max, $1.unit.code) }
    }

    /// Standard competition ranking: one more than the number of strictly higher values; no value, no rank.
    public static func ranks(_ values: [Double?]) -> [Int?] {
        let known = values.compactMap { $0 }
        return values.map { value in value.map { value in 1 + known.filter { $0 > value }.count } }
    }
}

/// How the seeds speak of a rank among the provinces: in the top 20, 21 to 40, or below.
public enum ParRankBand: String, Sendable {
    case top20
    case top40
    case below

    public init(rank: Int) {
        self = rank <= 20 ? .top20 : rank <= 40 ? .top40 : .below
    }

    public var messageKey: String { "par.band.\(rawValue)" }
}
