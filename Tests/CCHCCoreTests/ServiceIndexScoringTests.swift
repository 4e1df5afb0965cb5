import CCHCCore
import Foundation
import Testing
import WorkCalendar

@Suite("Service index: scoring, periods, rankings")
struct ServiceIndexScoringTests {
    static let set = IndicatorSet.qd766

    static func indicator(_ code: String) throws -> Indicator { try #require(set.indicator(code)) }

    static func rounded(_ value: Double?) -> Double? { value.map { ($0 * 100).rounded() / 100 } }

    @Test(
        "DOMAIN.md's worked examples from DVCQG's 2026 figures",
        arguments: [
            ("2.1", 393_087.0, 443_565.0, 17.72),
            ("1.2", 9149.0, 10_000.0, 3.66),
            ("4.3", 1863.0, 10_000.0, 0.47),
            ("4.3", 5894.0, 10_000.0, 1.47),
            ("5.2", 4969.0, 10_000.0, 2.98),
        ])
    func workedExamples(code: String, numerator: Double, denominator: Double, expected: Double) throws {
        let result = try Self.indicator(code).result(numerator: numerator, denominator: denominator)
        #expect(Self.rounded(result.score) == expected)
    }

    @Test("5.4 at 88.57 % satisfied (11.43 % late or unhappy) scores 5.90 against its 90 % target")
    func satisfactionComplement() throws {
        let result = try Self.indicator("5.4").result(numerator: 1143, denominator: 10_000)
        #expect(Self.rounded(result.ratio.map { $0 * 100 }) == 88.57)
        #expect(Self.rounded(result.score) == 5.90)
    }

    @Test("A target caps the score at the maximum; linear scoring never exceeds it either")
    func caps() throws {
        #expect(try Self.indicator("3.3").result(numerator: 80, denominator: 100).score == 6)
        #expect(try Self.indicator("3.3").result(numerator: 25, denominator: 100).score == 3)
        #expect(try Self.indicator("2.1").result(numerator: 100, denominator: 100).score == 20)
    }

    @Test("An empty denominator earns nothing, or everything where the indicator says so (5.2, 5.3, 4.6)")
    func emptyDenominator() throws {
        let late = try Self.indicator("2.1").result(numerator: 0, denominator: 0)
        #expect(late.score == 0 && late.ratio == nil && late.hasData)
        #expect(try Self.indicator("5.2").result(numerator: 0, denominator: 0).score == 6)
        #expect(try Self.indicator("4.6").result(numerator: 0, denominator: 0).score == 2)
    }

    @Test("Without data an indicator is neither earned nor lost: no figures, no score, left out of what the total is measured on")
    func noData() throws {
        let result = try Self.indicator("1.3").result(numerator: nil, denominator: 41)
        #expect(!result.hasData && result.numerator == nil && result.denominator == nil && result.score == nil && !result.isMeasured)
        let mean = try Self.indicator("2.2").result(numerator: 900, denominator: 10)
        #expect(mean.ratio == 90 && mean.score == nil && !mean.isMeasured)
    }

    @Test("The bundled set is valid: five groups of 18, 20, 22, 22 and 18 points, 100 in all, online services split 2 / 4 / 6")
    func bundledSet() throws {
        #expect(Self.set.errors().isEmpty)
        #expect(Self.set.groups.map(\.maximum) == [18, 20, 22, 22, 18])
        #expect(try ["3.1", "3.2", "3.3"].map { try Self.indicator($0).maximum } == [2, 4, 6])
        #expect(Self.set.ratingBands.isEmpty)
    }

    @Test("A broken set names every error, each at its place")
    func brokenSet() throws {
        var set = Self.set
        set.indicators[0].group = "9"
        set.groups[4].maximum = 20
        set.indicators[4].scaling = .target(1.5)
        set.indicators[5].maximum = 3
        set.indicators.append(set.indicators[6])
        set.reportWindows.append(ReportWindow(code: "X", nameVi: "Sai", nameEn: "Wrong", start: (2, 29), previousYear: false, end: (3, 1)))
        let errors = set.errors()
        #expect(errors.contains(FieldError("indicators[0].group", "index.set.unknown_group", ["code": "1.1", "group": "9"])))
        #expect(errors.contains(FieldError("indicators[4].scaling", "index.set.target", ["code": "2.1"])))
        #expect(errors.contains(FieldError("indicators[5].scaling", "index.set.unscored_maximum", ["code": "2.2"])))
        #expect(errors.contains(FieldError("indicators", "index.set.duplicate_code", ["code": "3.1"])))
        #expect(errors.contains { $0.field == "reportWindows[5]" && $0.code == "index.set.window" })
        #expect(errors.contains { $0.code == "index.set.group_sum" && $0.arguments["code"] == "1" })
        #expect(errors.contains { $0.code == "index.set.total" })
    }

    @Test(
        "Periods as the API writes them, report windows included",
        arguments: [
            ("2026", "2026-01-01", "2026-12-31"), ("2026-Q3", "2026-07-01", "2026-09-30"), ("2026-H1", "2026-01-01", "2026-06-30"),
            ("2026-H2", "2026-07-01", "2026-12-31"), ("2026-9M", "2026-01-01", "2026-09-30"), ("2026-02", "2026-02-01", "2026-02-28"),
            ("2024-02", "2024-02-01", "2024-02-29"), ("2026-01-01..2026-06-30", "2026-01-01", "2026-06-30"),
            ("2026-report-Q1", "2025-12-15", "2026-03-14"), ("2026-report-H1", "2025-12-15", "2026-06-14"),
            ("2026-report-Q3", "2026-06-15", "2026-09-14"), ("2026-report-Y", "2025-12-15", "2026-12-14"),
        ])
    func periods(text: String, from: String, to: String) throws {
        let period = try #require(ReportPeriod.parse(text, windows: Self.set.reportWindows))
        #expect(period.start.description == from && period.end.description == to)
    }

    @Test(
        "What is not a period is refused", arguments: ["", "26", "2026-13", "2026-Q5", "2026-1", "2026-06-30..2026-01-01", "2026-report-Z", "abc", "2026-Q3-1"])
    func badPeriods(text: String) {
        #expect(ReportPeriod.parse(text, windows: Self.set.reportWindows) == nil)
    }

    @Test(
        "The previous period is the one of the same kind just before",
        arguments: [
            ("2026-Q1", "2025-Q4"), ("2026-Q3", "2026-Q2"), ("2026-01", "2025-12"), ("2026", "2025"), ("2026-H1", "2025-H2"),
            ("2026-H2", "2026-H1"), ("2026-9M", "2025-9M"), ("2026-report-Q1", "2025-report-Q1"), ("2026-03-01..2026-03-10", "2026-02-19..2026-02-28"),
        ])
    func previous(text: String, expected: String) throws {
        #expect(try #require(ReportPeriod.parse(text, windows: Self.set.reportWindows)).previous(windows: Self.set.reportWindows).text == expected)
    }

    @Test("Ties share a rank and the next rank skips; changes compare with the previous period's ranks")
    func rankings() {
        let (a, b, c, d) = (UUID(), UUID(), UUID(), UUID())
        let rows = ServiceIndexRanking.rank(
            [a: 80.001, b: 90, c: 80.004, d: 70], measured: [:], previous: [a: 95, b: 60, c: 80])
        let byUnit = Dictionary(uniqueKeysWithValues: rows.map { ($0.unitID, $0) })
        #expect(byUnit[b]?.rank == 1 && byUnit[a]?.rank == 2 && byUnit[c]?.rank == 2 && byUnit[d]?.rank == 4)
        #expect(byUnit[b]?.rankChange == 2 && byUnit[a]?.rankChange == -1 && byUnit[c]?.rankChange == 0)
        #expect(byUnit[d]?.rankChange == nil && byUnit[d]?.previousTotal == nil)
        #expect(rows.first?.unitID == b)
    }
}
