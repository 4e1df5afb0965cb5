import Foundation

/// A campaign's results computed from its tallies: for each unit and for the whole campaign, the
/// respondents, the response rate, each item's and section's satisfaction and the index, with the margin
/// of error at 95 %. The whole campaign sums the units' tallies before computing (never averages them).
public struct SurveyResults: Equatable, Sendable {
    public var campaign: SurveyCampaign
    public var questionnaire: Questionnaire
    public var units: [Figures]
    public var total: Figures

    /// Each unit's figures, then the total, from `tallies` (as `SurveyBallot.tallies` writes them).
    public init(campaign: SurveyCampaign, questionnaire: Questionnaire, tallies: [CounterKey: Int]) {
        self.campaign = campaign
        self.questionnaire = questionnaire
        var perUnit: [UUID: [String: [String: Int]]] = [:]
        for (key, value) in tallies where key.counter == campaign.id.uuidString {
            guard let unit = key.entity else { continue }
            let (item, option) = SurveyTally.parts(of: key.subject)
            perUnit[unit, default: [:]][item, default: [:]][option, default: 0] += value
        }
        units = campaign.targets.map { target in
            Figures(
                unitID: target.unitID, unitCode: target.unitCode, unitName: target.unitName, population: target.population, invited: target.invited,
                counts: perUnit[target.unitID] ?? [:], questionnaire: questionnaire)
        }
        var all: [String: [String: Int]] = [:]
        for counts in perUnit.values {
            for (item, options) in counts { all[item, default: [:]].merge(options, uniquingKeysWith: +) }
        }
        total = Figures(
            unitID: nil, unitCode: "", unitName: "", population: campaign.targets.map(\.population).reduce(0, +),
            invited: campaign.targets.map(\.invited).reduce(0, +), counts: all, questionnaire: questionnaire)
    }

    public struct Figures: Equatable, Sendable {
        public var unitID: UUID?
        public var unitCode: String
        public var unitName: String
        public var population: Int
        public var invited: Int
        /// Invitations answered: the online ballots, since only an invitation's token opens the online form
        /// (and every online answer spends one); paper and kiosk ballots come without one.
        public var spent: Int { respondentsByChannel[.online] ?? 0 }
        public var respondentsByChannel: [SurveyChannel: Int]
        public var items: [ItemFigure]
        public var sections: [SectionFigure]
        /// The index (0–100), nil without a scored answer.
        public var index: Double?
        /// Half the 95 % confidence interval of the index, in points; nil when it cannot be estimated.
        public var marginOfError: Double?

        public var respondents: Int { respondentsByChannel.values.reduce(0, +) }
        public var responseRate: Double? { invited > 0 ? Double(spent) / Double(invited) * 100 : nil }

        init(
            unitID: UUID?, unitCode: String, unitName: String, population: Int, invited: Int, counts: [String: [String: Int]],
            questionnaire: Questionnaire
        ) {
            self.unitID = unitID
            self.unitCode = unitCode
            self.unitName = unitName
            self.population = population
            self.invited = invited
            respondentsByChannel = Dictionary(
                uniqueKeysWithValues: SurveyChannel.allCases.compactMap { channel in
                    counts[SurveyTally.respondents]?[channel.rawValue].map { (channel, $0) }
                })
            let items = questionnaire.items.map { ItemFigure($0, counts: counts[$0.code] ?? [:], questionnaire: questionnaire) }
            self.items = items
            sections = questionnaire.sections.map { section in
                let scores = section.items.compactMap { item in items.first { $0.code == item.code }?.score }
                return SectionFigure(code: section.code, score: scores.isEmpty ? nil : scores.reduce(0, +) / Double(scores.count))
            }
            switch questionnaire.index {
            case .meanOfSections:
                let scores = sections.compactMap(\.score)
                index = scores.isEmpty ? nil : scores.reduce(0, +) / Double(scores.count)
            case .meanOfItems:
                let scores = items.compactMap(\.score)
                index = scores.isEmpty ? nil : scores.reduce(0, +) / Double(scores.count)
            }
            let n = respondentsByChannel.values.reduce(0, +)
            marginOfError = index.flatMap { Self.marginOfError(index: $0, respondents: n, population: population) }
        }

        /// 1.96 · √(p(1 − p) ÷ n), with the finite-population correction √((N − n) ÷ (N − 1)) when N is
        /// known and larger than n; the index read as a proportion p.
        public static func marginOfError(index: Double, respondents n: Int, population: Int) -> Double? {
            guard n > 0 else { return nil }
            let p = index / 100
            var error = 1.96 * (p * (1 - p) / Double(n)).squareRoot()
            if population > n, population > 1 { error *= (Double(population - n) / Double(population - 1)).squareRoot() }
            return error * 100
        }
    }

    public struct ItemFigure: Equatable, Sendable {
        public var code: String
        /// Answers by option (scale level, option code, yes or no).
        public var counts: [String: Int]
        public var answered: Int
        /// Satisfaction items: the share satisfied; weighted items: the mean weight; 0–100.
        public var score: Double?
        /// Whole-number items: the mean.
        public var mean: Double?

        init(_ item: Questionnaire.Item, counts: [String: Int], questionnaire: Questionnaire) {
            code = item.code
            switch item.kind {
            case .number:
                self.counts = [:]
                answered = counts[SurveyTally.count] ?? 0
                mean = answered > 0 ? Double(counts[SurveyTally.sum] ?? 0) / Double(answered) : nil
            case .satisfaction:
                self.counts = counts
                answered = counts.values.reduce(0, +)
                let satisfied = questionnaire.satisfiedLevels.map { counts[String($0)] ?? 0 }.reduce(0, +)
                score = answered > 0 ? Double(satisfied) / Double(answered) * 100 : nil
            case .choice, .yesNo:
                self.counts = counts
                answered = counts.values.reduce(0, +)
                if item.isScored, answered > 0 {
                    score = item.options.map { Double(counts[$0.code] ?? 0) * ($0.weight ?? 0) }.reduce(0, +) / Double(answered)
                }
            case .text:
                self.counts = [:]
                answered = 0
            }
        }
    }

    public struct SectionFigure: Equatable, Sendable {
        public var code: String
        public var score: Double?
    }
}
