import Foundation
import Testing
import WorkCalendar

@testable import CCHCCore

@Suite("Service index: the at-risk forecast")
struct AtRiskForecastTests {
    static let calendar = WorkingCalendar()

    static func hours(_ count: Int) -> Int { count * 3600 }

    /// Durations learnt from dossiers whose step 1 took `step1` working hours each, at one unit.
    static func durations(procedure: String, unit: UUID, step1: [Int]) throws -> StepDurations {
        let start = VietnamTime.instant(on: LocalDate(year: 2026, month: 3, day: 2)!, secondsOfDay: 8 * 3600)
        let startClock = calendar.workingClock(at: start)
        let dossiers = try step1.map { length in
            var dossier = try DossierWorld.intake(.counter)
            dossier.procedureCode = procedure
            dossier.visits = [
                StepVisit(
                    step: 1, unitID: unit, startedAt: start, endedAt: calendar.instant(atWorkingClock: startClock + hours(length)), timeliness: nil,
                    workingSeconds: nil, note: nil)
            ]
            return dossier
        }
        return StepDurations(learningFrom: dossiers, calendar: calendar)
    }

    @Test("A step already running long is expected to take what such long visits took; a fresh one, the median")
    func remainingAfterSpent() throws {
        let unit = UUID()
        let durations = try Self.durations(procedure: "P", unit: unit, step1: [2, 3, 3, 4, 4, 5, 20, 24, 30])
        #expect(durations.remaining(procedure: "P", step: 1, unit: unit, spent: 0) == Self.hours(4))
        #expect(durations.remaining(procedure: "P", step: 1, unit: unit, spent: Self.hours(6)) == Self.hours(24 - 6))
        #expect(durations.remaining(procedure: "P", step: 1, unit: unit, spent: Self.hours(40)) == 3600)
        #expect(durations.remaining(procedure: "P", step: 2, unit: unit, spent: 0) == nil, "no history of step 2")
        #expect(try Self.durations(procedure: "P", unit: unit, step1: [1, 2]).remaining(procedure: "P", step: 1, unit: unit, spent: 0) == nil)
    }

    @Test("Back-testing counts a dossier flagged and late, and one that finished on time and was not flagged")
    func backTest() {
        var result = AtRiskBackTest()
        result.truePositives = 3
        result.falsePositives = 1
        result.falseNegatives = 2
        #expect(result.precision == 0.75 && result.recall == 0.6 && result.cases == 6)
        #expect(AtRiskBackTest().precision == nil && AtRiskBackTest().recall == nil)
    }
}
