import CCHCCore
import Foundation
import Testing
import WorkCalendar

/// Publication of procedures (DOMAIN.md §4, 1.1–1.3 and 3.4): the on-time rules in working days, the
/// seven required parts, and "chưa có dữ liệu" for a province that records none of it.
@Suite("Procedure publication in the service index")
struct ProcedurePublicationTests {
    static let q1 = ReportPeriod.parse("2026-Q1")!
    static let calendar = WorkingCalendar()

    static func day(_ text: String) -> LocalDate { LocalDate(text)! }

    static func record(_ decision: String?, basis: String? = nil, posted: String? = nil) -> ProcedurePublication {
        ProcedurePublication(
            decisionNumber: decision == nil ? "" : "1/QĐ-UBND", decisionDate: decision.map(day), legalBasisEffectiveFrom: basis.map(day),
            postedOn: posted.map(day), revision: 1)
    }

    static func judge(_ versions: [ProcedurePublication]) -> PublicationTimeliness {
        PublicationTimeliness(versions: versions, period: q1.start...q1.end, deadlines: .qd766, calendar: calendar)
    }

    @Test("Working days are counted over weekends and Tết, before and after a day")
    func workingDays() {
        #expect(Self.calendar.workingDay(-5, from: Self.day("2026-01-12")) == Self.day("2026-01-05"))
        // Tết 2026 is Monday 16/2 to Friday 20/2.
        #expect(Self.calendar.workingDay(-5, from: Self.day("2026-02-25")) == Self.day("2026-02-11"))
        #expect(Self.calendar.workingDay(5, from: Self.day("2026-02-12")) == Self.day("2026-02-26"))
        #expect(Self.calendar.workingDay(0, from: Self.day("2026-02-14")) == Self.day("2026-02-14"))
    }

    struct Case: Sendable, CustomTestStringConvertible {
        var name: String
        var versions: [ProcedurePublication]
        var published: Bool
        var onTime: Bool
        var postingJudged: Bool
        var postedOnTime: Bool
        var testDescription: String { name }
    }

    static let cases: [Case] = [
        Case(
            name: "decided five working days ahead, posted on its due day", versions: [record("2026-01-05", basis: "2026-01-12", posted: "2026-01-12")],
            published: true, onTime: true, postingJudged: true, postedOnTime: true),
        Case(
            name: "decided a day too late, posted a day late", versions: [record("2026-01-06", basis: "2026-01-12", posted: "2026-01-14")],
            published: true, onTime: false, postingJudged: true, postedOnTime: false),
        Case(
            name: "the lead time skips Tết", versions: [record("2026-02-12", basis: "2026-02-25", posted: "2026-02-26")],
            published: true, onTime: false, postingJudged: true, postedOnTime: true),
        Case(
            name: "no legal basis date: cannot be shown on time", versions: [record("2026-02-11", posted: "2026-02-12")],
            published: true, onTime: false, postingJudged: true, postedOnTime: true),
        Case(
            name: "late once in the period is late for the period",
            versions: [record("2026-01-05", basis: "2026-01-12", posted: "2026-01-06"), record("2026-03-02", basis: "2026-03-03", posted: "2026-03-03")],
            published: true, onTime: false, postingJudged: true, postedOnTime: true),
        Case(
            name: "a late decision of the year before does not count in this one",
            versions: [record("2025-11-03", basis: "2025-11-04", posted: "2025-11-20"), record("2026-03-02", basis: "2026-03-30", posted: "2026-03-03")],
            published: true, onTime: true, postingJudged: true, postedOnTime: true),
        Case(
            name: "not posted and past due: judged late", versions: [record("2026-01-05", basis: "2026-02-02")],
            published: true, onTime: true, postingJudged: true, postedOnTime: false),
        Case(
            name: "not posted and not due by the period's end: not judged yet", versions: [record("2026-03-27", basis: "2026-04-30")],
            published: true, onTime: true, postingJudged: false, postedOnTime: false),
        Case(
            name: "decided the year before, posting due in the period", versions: [record("2025-12-26", basis: "2026-01-15", posted: "2026-01-08")],
            published: false, onTime: false, postingJudged: true, postedOnTime: false),
        Case(name: "nothing recorded", versions: [ProcedurePublication()], published: false, onTime: false, postingJudged: false, postedOnTime: false),
    ]

    @Test("1.1 and 1.2 for one procedure", arguments: cases)
    func timeliness(example: Case) {
        let judged = Self.judge(example.versions)
        #expect(judged.published == example.published)
        #expect(judged.publishedOnTime == example.onTime)
        #expect(judged.postingJudged == example.postingJudged)
        #expect(judged.postedOnTime == example.postedOnTime)
    }

    @Test("The seven parts: applicants come from the record; a record names every bad value")
    func partsAndErrors() {
        var procedure = DossierWorld.procedure
        #expect(procedure.missingParts == [.applicants])
        #expect(procedure.servesCitizens)
        procedure.publication.applicants = [.organisations]
        #expect(procedure.missingParts.isEmpty && !procedure.servesCitizens)
        let bad = ProcedurePublication(
            decisionNumber: String(repeating: "9", count: 101), decisionDate: Self.day("2026-03-02"), postedOn: Self.day("2026-03-01"))
        #expect(bad.errors().map(\.field) == ["decisionNumber", "postedOn"])
        #expect(
            ProcedurePublication(decisionNumber: "5/QĐ", postedOn: Self.day("2026-03-01")).errors().map(\.code) == ["procedure.publication.decision_required"])
        let old = try? JSONDecoder().decode(ProcedurePublication.self, from: Data("{}".utf8))
        #expect(old == ProcedurePublication())
    }

    @Test("1.1, 1.2, 1.3 and 3.4 from the records; none recorded in the province: chưa có dữ liệu, not zero")
    func indicators() throws {
        let unit = DossierWorld.department
        var onTime = DossierWorld.procedure
        onTime.fee = 50_000
        onTime.publication = Self.record("2026-01-05", basis: "2026-01-12", posted: "2026-01-12")
        onTime.publication.applicants = [.citizens]
        onTime.publication.onlinePayment = true
        var late = DossierWorld.procedure
        late.code = "1.000002"
        late.fee = 20_000
        late.publication = Self.record("2026-01-06", basis: "2026-01-12")
        let version = IndicatorSetVersion(version: 1, effectiveFrom: Self.day("2022-08-01"), rules: .qd766, setBy: "t", reason: "t", setAt: Date())
        let procedures = [onTime, late]
        func calculator(_ publications: [ProcedurePublication]) -> ServiceIndexCalculator {
            ServiceIndexCalculator(
                set: version, tree: DossierWorld.tree, procedures: procedures,
                publications: Dictionary(uniqueKeysWithValues: zip(procedures.map(\.code), publications.map { [$0] })), calendar: Self.calendar,
                period: Self.q1, counts: ServiceIndexCounts())
        }
        let recorded = calculator(procedures.map(\.publication))
        let score = recorded.score(unit.id)
        let expected: [String: (Double, Double, Double)] = ["1.1": (1, 2, 3), "1.2": (1, 2, 2), "1.3": (1, 2, 1), "3.4": (1, 2, 1.25)]
        for (code, (numerator, denominator, points)) in expected {
            let result = try #require(score.indicator(code))
            #expect(result.numerator == numerator && result.denominator == denominator && result.score == points, "\(code)")
        }
        // The province above sums the department's procedures; another department has none of its own.
        #expect(recorded.score(DossierWorld.province.id).indicator("1.1")?.denominator == 2)

        let unrecorded = calculator([ProcedurePublication(), ProcedurePublication()]).score(unit.id)
        for code in ["1.1", "1.2", "1.3", "3.4"] { #expect(unrecorded.indicator(code)?.isMeasured == false, "\(code)") }
        #expect(unrecorded.measuredMaximum == score.measuredMaximum - 14)
    }
}
