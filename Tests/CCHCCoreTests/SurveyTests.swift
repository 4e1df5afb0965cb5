import CCHCCore
import Foundation
import Testing
import WorkCalendar

@Suite("Surveys: questionnaires, sampling, ballots and results")
struct SurveyTests {
    @Test(
        "Sample size n = N ÷ (1 + N·e²), rounded up",
        arguments: [(0, 0.05, 0), (1, 0.05, 1), (100, 0.05, 80), (400, 0.05, 200), (1000, 0.05, 286), (10_000, 0.05, 385), (1000, 0.1, 91)]
    )
    func sampleSize(population: Int, e: Double, expected: Int) {
        #expect(SurveySample.size(population: population, marginOfError: e) == expected)
    }

    static let frame = (1...300).map { SurveySample.Unit(code: String(format: "D-%04d", $0), procedureCode: $0 % 3 == 0 ? "B" : "A") }

    @Test("A draw is the same for the same seed whatever order the frame came in, another for another seed, without repeats")
    func reproducibleDraw() {
        let first = SurveySample.draw(Self.frame, size: 40, seed: 2026, stratified: false)
        #expect(first.count == 40 && Set(first.map(\.code)).count == 40)
        #expect(SurveySample.draw(Self.frame.reversed(), size: 40, seed: 2026, stratified: false) == first)
        #expect(SurveySample.draw(Self.frame, size: 40, seed: 2027, stratified: false) != first)
        // Pinned: the generator and the shuffle are written out, so a recorded seed draws this on any build.
        #expect(first.prefix(3).map(\.code) == Self.pinnedDraw)
        #expect(SurveySample.draw(Self.frame, size: 500, seed: 1, stratified: false).count == 300)
    }

    /// The first three of seed 2026's 40, as a separate SplitMix64 and Fisher–Yates in Python draw them.
    static let pinnedDraw = ["D-0002", "D-0009", "D-0011"]

    @Test("A stratified draw gives each procedure its share of the sample, remainders to the largest fractions")
    func stratified() {
        let drawn = SurveySample.draw(Self.frame, size: 31, seed: 9, stratified: true)
        // 200 of A and 100 of B: 20.67 and 10.33 → 21 and 10.
        #expect(drawn.filter { $0.procedureCode == "A" }.count == 21 && drawn.filter { $0.procedureCode == "B" }.count == 10)
        #expect(SurveySample.allocate(10, over: [1, 1, 1]) == [4, 3, 3])
        #expect(SurveySample.allocate(7, over: [0, 5, 5]) == [0, 4, 3])
        #expect(SurveySample.allocate(0, over: [3, 3]) == [0, 0])
    }

    @Test("The bundled SIPAS questionnaire is valid: five factors, a five-level scale, satisfied at 4 and 5")
    func bundled() {
        let sipas = Questionnaire.sipas
        #expect(sipas.errors().isEmpty)
        #expect(sipas.sections.map(\.code) == ["access", "procedure", "officials", "result", "feedback"])
        #expect(sipas.scale.count == 5 && sipas.satisfiedLevels == [4, 5] && sipas.marginOfError == 0.05 && sipas.index == .meanOfSections)
    }

    @Test("A questionnaire's errors are each named by where they are")
    func validation() {
        var bad = Questionnaire.sipas
        bad.satisfiedLevels = [6]
        bad.sections[0].items[0].options = [bad.sections[0].items[0].options[0]]
        bad.sections[1].items[0].code = "access.place"
        bad.sections[2].items[0].options[1].weight = nil
        bad.marginOfError = 0.5
        let fields = Set(bad.errors().map(\.field))
        #expect(
            fields == ["satisfiedLevels", "marginOfError", "sections[0].items[0].options", "sections[1].items[0].code", "sections[2].items[0].options"])
        // Empty where a list is needed (the API's fuzzing sent this): named, not a crash.
        let empty = Questionnaire(title: .init("", ""), sections: [], scale: [], satisfiedLevels: [0], index: .meanOfItems, marginOfError: 0)
        #expect(Set(empty.errors().map(\.field)) == ["title.vi", "sections", "scale", "satisfiedLevels", "marginOfError"])
    }

    @Test("A ballot keeps the answers the items allow, names every missing or wrong one, and drops unknown items")
    func ballot() throws {
        let sipas = Questionnaire.sipas
        var raw = Self.answers(level: "5")
        raw["officials.trips"] = "7"
        raw.removeValue(forKey: "procedure.fees")
        raw["unknown"] = "x"
        do {
            _ = try SurveyBallot.checked(raw, against: sipas, channel: .online, group: nil)
            Issue.record("accepted a bad ballot")
        } catch let error as DomainError {
            #expect(error.fields.map(\.field).sorted() == ["officials.trips", "procedure.fees"])
            #expect(error.fields.first { $0.field == "procedure.fees" }?.code == "survey.answer.required")
        }
        let ballot = try SurveyBallot.checked(Self.answers(level: "4").merging(["unknown": "x"]) { $1 }, against: sipas, channel: .kiosk, group: nil)
        #expect(ballot.answers["unknown"] == nil && ballot.answers["access.place"] == "4" && ballot.channel == .kiosk)
    }

    /// A whole ballot with every satisfaction item at `level`.
    static func answers(level: String, trips: String = "1", onTime: String = "yes") -> [String: String] {
        var answers: [String: String] = [:]
        for item in Questionnaire.sipas.items {
            switch item.kind {
            case .satisfaction: answers[item.code] = level
            case .choice: answers[item.code] = item.code == "officials.trips" ? trips : item.options[0].code
            case .yesNo: answers[item.code] = item.code == "result.on_time" ? onTime : "no"
            case .number: answers[item.code] = "1"
            case .text: answers[item.code] = ""
            }
        }
        return answers
    }

    static func campaign(units: [(UUID, Int)]) -> SurveyCampaign {
        SurveyCampaign(
            id: UUID(), code: "KS-2026-001", title: "Khảo sát", audience: .citizens, questionnaireVersion: 1,
            periodFrom: LocalDate(year: 2026, month: 7, day: 1)!, periodTo: LocalDate(year: 2026, month: 9, day: 30)!,
            closesOn: LocalDate(year: 2026, month: 12, day: 31)!,
            targets: units.enumerated().map { .init(unitID: $1.0, unitCode: "U\($0)", unitName: "Đơn vị \($0)", population: $1.1, invited: $1.1 / 2) },
            seed: 1, stratified: false, marginOfError: 0.05, groups: [], state: .open, createdBy: "t", createdAt: Date(timeIntervalSince1970: 0),
            version: 1)
    }

    @Test("Results: each item's satisfied share, each factor's mean, the index over factors, the total summed before computing, the margin of error")
    func results() throws {
        let (a, b) = (UUID(), UUID())
        let campaign = Self.campaign(units: [(a, 100), (b, 1000)])
        let sipas = Questionnaire.sipas
        var tallies: [CounterKey: Int] = [:]
        func add(_ unit: UUID, _ answers: [String: String], times: Int) throws {
            let ballot = try SurveyBallot.checked(answers, against: sipas, channel: .online, group: nil)
            for _ in 0..<times {
                for change in ballot.tallies(campaignID: campaign.id, unitID: unit, questionnaire: sipas) { tallies[change.key, default: 0] += change.delta }
            }
        }
        // Unit A: 3 of 4 satisfied on every scale item, trips 1 (100) or 2 (60), on time yes; no harassment.
        try add(a, Self.answers(level: "5"), times: 2)
        try add(a, Self.answers(level: "4", trips: "2"), times: 1)
        try add(a, Self.answers(level: "3", trips: "2", onTime: "no"), times: 1)
        // Unit B: one ballot, dissatisfied.
        try add(b, Self.answers(level: "2", trips: "4_or_more", onTime: "no"), times: 1)
        let results = SurveyResults(campaign: campaign, questionnaire: sipas, tallies: tallies)
        let unitA = try #require(results.units.first { $0.unitID == a })
        #expect(unitA.respondents == 4 && unitA.responseRate == 8)
        #expect(unitA.items.first { $0.code == "access.place" }?.score == 75)
        #expect(unitA.items.first { $0.code == "officials.trips" }?.score == 80)
        #expect(unitA.items.first { $0.code == "officials.harassment" }?.score == 100)
        #expect(unitA.items.first { $0.code == "result.on_time" }?.score == 75)
        // Factors: access 75, procedure 75, officials (80 + 100 + 75 + 75) / 4 = 82.5, result (75 + 75) / 2 = 75, feedback 75.
        #expect(unitA.sections.map(\.score) == [75, 75, 82.5, 75, 75])
        #expect(unitA.index == 76.5)
        let expectedMargin = 1.96 * (0.765 * 0.235 / 4).squareRoot() * (96.0 / 99).squareRoot() * 100
        #expect(abs((unitA.marginOfError ?? 0) - expectedMargin) < 1e-9)
        let unitB = try #require(results.units.first { $0.unitID == b })
        #expect(unitB.index == 5 && unitB.sections.map(\.score) == [0, 0, 25, 0, 0])
        // The total: five ballots summed, not the mean of the two units.
        #expect(results.total.respondents == 5 && results.total.items.first { $0.code == "access.place" }?.score == 60)
        #expect(results.total.population == 1100 && results.total.spent == 5)
        // Mean of items instead of factors, as a questionnaire may say.
        var byItems = sipas
        byItems.index = .meanOfItems
        let scored = SurveyResults(campaign: campaign, questionnaire: byItems, tallies: tallies).units[0]
        let itemScores = scored.items.compactMap(\.score)
        #expect(scored.index == itemScores.reduce(0, +) / Double(itemScores.count) && itemScores.count == 12)
        #expect(results.units.allSatisfy { $0.unitID != nil } && SurveyResults.Figures.marginOfError(index: 50, respondents: 0, population: 10) == nil)
    }
}
