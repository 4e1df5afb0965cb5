import Foundation
import Testing

@testable import CCHCCore

@Suite("The at-risk report narrowed to units")
struct AtRiskReportTests {
    @Test("Any set of units and any number of first rows: the count and the rows filtering the whole list finds, also after a round trip through JSON")
    func narrowing() throws {
        var random = SystemRandomNumberGenerator()
        let units = (0..<40).map { _ in UUID() }
        let start = Date(timeIntervalSince1970: 1_790_000_000)
        let forecasts = (0..<3000).map { index in
            let unit = units[Int.random(in: 0..<(index % 7 == 0 ? 3 : units.count), using: &random)]
            let due = start.addingTimeInterval(Double(Int.random(in: 0..<500, using: &random)) * 3600)
            return AtRiskForecast(
                dossierID: UUID(), code: String(format: "HS-%05d", index), procedureCode: "1.000001", competentUnitID: unit, holderID: unit, step: 0,
                dueAt: due, expectedFinish: due.addingTimeInterval(3600), overdue: false, stepsFromHistory: 0, remainingSteps: 1)
        }
        let report = AtRiskReport(forecasts: forecasts, computedAt: start, learntFrom: 10)
        let decoded = try JSONDecoder().decode(AtRiskReport.self, from: try JSONEncoder().encode(report))
        #expect(decoded == report)
        let keys = try JSONSerialization.jsonObject(with: try JSONEncoder().encode(report)) as? [String: Any]
        #expect(Set(keys?.keys.map { $0 } ?? []) == ["forecasts", "computedAt", "learntFrom"])
        for size in [0, 1, 2, 5, 20, 39, 40] {
            let within = Set(units.shuffled(using: &random).prefix(size) + [UUID()])
            let all = report.forecasts.filter { within.contains($0.competentUnitID) }
            for limit in [0, 1, 20, 50, 500, .max] {
                for narrowed in [report.atRisk(within: within, first: limit), decoded.atRisk(within: within, first: limit)] {
                    #expect(narrowed.count == all.count, "\(size) units, first \(limit)")
                    #expect(narrowed.first == Array(all.prefix(limit)), "\(size) units, first \(limit)")
                }
            }
        }
    }
}
