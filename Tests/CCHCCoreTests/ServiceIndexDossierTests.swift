import CCHCCore
import Foundation
import Testing
import WorkCalendar

/// The awkward dossiers of DOMAIN.md §4, each judged for the on-time rate (2.1), and the two ways of
/// counting (the counters the write path keeps; the count straight from the dossiers) agreeing on them.
@Suite("Service index: dossiers judged")
struct ServiceIndexDossierTests {
    static let unit = UUID()
    static let q1 = ReportPeriod.parse("2026-Q1")!

    static func at(_ text: String?) -> Double? {
        text.map { VietnamTime.parseLocal($0)!.timeIntervalSinceReferenceDate }
    }

    /// Facts as the write path records them, from Vietnamese local times.
    static func facts(
        accepted: String?, due: String?, finished: String? = nil, originalDue: String? = nil, supplements: Int = 0, status: DossierStatus? = nil,
        satisfaction: String? = nil, online: Bool = false, lateAt: UUID? = nil, service: [String: Bool]? = nil, fee: Bool = false
    ) throws -> DossierFacts {
        var json: [String: Any] = [
            "status": (status ?? (finished == nil ? .processing : .resultReady)).rawValue, "channel": online ? "online" : "counter",
            "procedureCode": "P1", "field": "Đất đai", "receivingUnitID": unit.uuidString, "competentUnitID": unit.uuidString,
            "currentUnitID": unit.uuidString, "submittedAt": at(accepted ?? "2026-01-02T08:00")!, "nearingDue": false, "overdue": false,
            "supplementRequests": supplements, "digitised": online || service?["scannedAtDesk"] == true,
        ]
        json["acceptedAt"] = at(accepted)
        json["dueAt"] = at(due)
        json["originalDueAt"] = at(originalDue)
        json["finishedAt"] = at(finished)
        json["satisfaction"] = satisfaction
        if fee { json["feeCharged"] = true }
        if let service {
            json["serviceData"] = [
                "syncedToPortal", "scannedAtDesk", "reusedData", "fromDataStore", "populationVerified", "paidOnline", "electronicResult",
            ].reduce(into: [String: Bool]()) { $0[$1] = service[$1] ?? false }
        }
        if let lateAt {
            json["lateUnitID"] = lateAt.uuidString
            json["lateStep"] = 1
        }
        return try JSONDecoder().decode(DossierFacts.self, from: JSONSerialization.data(withJSONObject: json))
    }

    /// Each case: the facts, then whether the dossier is judged in Q1 2026 and whether on time.
    static func cases() throws -> [(name: String, facts: DossierFacts, judged: Bool, onTime: Bool)] {
        [
            ("open and overdue at the period's end", try facts(accepted: "2026-03-02T09:00", due: "2026-03-20T17:00"), true, false),
            ("open and not yet due at the period's end", try facts(accepted: "2026-03-25T09:00", due: "2026-04-10T17:00"), true, true),
            (
                "one supplement: the wait is out of the due date",
                try facts(accepted: "2026-02-01T09:00", due: "2026-02-20T17:00", finished: "2026-02-19T10:00", supplements: 1),
                true, true
            ),
            (
                "more than one supplement: late whatever the date",
                try facts(accepted: "2026-02-01T09:00", due: "2026-02-20T17:00", finished: "2026-02-10T10:00", supplements: 2), true, false
            ),
            (
                "stopped after the due date", try facts(accepted: "2026-01-05T09:00", due: "2026-01-20T17:00", finished: "2026-01-25T10:00", status: .stopped),
                true, false
            ),
            (
                "withdrawn before the due date",
                try facts(accepted: "2026-01-05T09:00", due: "2026-01-20T17:00", finished: "2026-01-10T10:00", status: .withdrawn), true, true
            ),
            (
                "an apology does not move the due date the rate is judged on",
                try facts(accepted: "2026-01-05T09:00", due: "2026-02-05T17:00", finished: "2026-02-01T10:00", originalDue: "2026-01-20T17:00"), true, false
            ),
            (
                "no due date: judged against a procedure without a time limit", try facts(accepted: "2026-01-05T09:00", due: nil, finished: "2026-03-01T10:00"),
                true, true
            ),
            (
                "late in the quarter before and finished in this one",
                try facts(accepted: "2025-12-01T09:00", due: "2025-12-20T17:00", finished: "2026-01-10T10:00", lateAt: UUID()), true, false
            ),
            (
                "finished on the due day, after the hour", try facts(accepted: "2026-01-05T09:00", due: "2026-01-20T11:00", finished: "2026-01-20T15:00"), true,
                false
            ),
            (
                "synced, verified, paid online, its result electronic",
                try facts(
                    accepted: "2026-02-02T09:00", due: "2026-02-10T17:00", finished: "2026-02-09T10:00",
                    service: ["syncedToPortal": true, "populationVerified": true, "paidOnline": true, "electronicResult": true], fee: true), true, true
            ),
            (
                "a fee not paid online, scanned at the desk",
                try facts(accepted: "2026-03-30T09:00", due: "2026-04-08T17:00", service: ["scannedAtDesk": true, "reusedData": true], fee: true), true,
                true
            ),
            ("never accepted", try facts(accepted: nil, due: nil, finished: "2026-01-10T10:00", status: .refused), false, false),
            ("finished before the period", try facts(accepted: "2025-11-05T09:00", due: "2025-11-20T17:00", finished: "2025-11-18T10:00"), false, false),
        ]
    }

    @Test("Each awkward dossier is judged as DOMAIN.md §4 says")
    func awkwardDossiers() throws {
        for example in try Self.cases() {
            let measures = ServiceIndexService.measures(of: example.facts, in: Self.q1.days)
            #expect(measures.contains(.dossiersJudged) == example.judged, "\(example.name)")
            #expect(measures.contains(.dossiersOnTime) == example.onTime, "\(example.name)")
        }
    }

    @Test("The dossier late in December counts as open and overdue at the end of 2025-Q4, and as finished late in 2026-Q1")
    func openOverdueAtAnEarlierEnd() throws {
        let facts = try #require(try Self.cases().first { $0.name == "late in the quarter before and finished in this one" }).facts
        let q4 = ServiceIndexService.measures(of: facts, in: ReportPeriod.parse("2025-Q4")!.days)
        #expect(q4.contains(.dossiersJudged) && !q4.contains(.dossiersOnTime) && !q4.contains(.dossiersFinished))
        let december = ServiceIndexService.measures(of: facts, in: ReportPeriod.parse("2025-12-01..2025-12-19")!.days)
        #expect(december.contains(.dossiersOnTime), "not yet due on the 19th")
    }

    @Test("The counters summed over a period equal the count from the dossiers, for every period end")
    func countersAgreeWithTheDossiers() throws {
        let facts = try Self.cases().map(\.facts)
        var counters: [CounterKey: Int] = [:]
        for one in facts {
            for (key, value) in ServiceIndexCounters.counters(one) { counters[key, default: 0] += value }
        }
        let first = LocalDate(year: 2025, month: 11, day: 1)!
        for offset in stride(from: 0, to: 160, by: 3) {
            for length in [1, 7, 31, 92] {
                let days = LocalDate(dayNumber: first.dayNumber + offset)...LocalDate(dayNumber: first.dayNumber + offset + length - 1)
                let stored = ServiceIndexCounts(
                    PeriodPlan(days).sums(
                        counters, flows: Set(ServiceIndexCounters.flowCounters), running: Set(ServiceIndexCounters.runningCounters)))
                #expect(stored.withoutZeros == ServiceIndexCounts.counting(facts, in: days).withoutZeros, "\(days)")
            }
        }
    }

    @Test("A period reads whole months from the month totals and its edge days from the daily rows")
    func periodPlan() throws {
        func day(_ text: String) -> LocalDate { LocalDate(text)! }
        let quarter = PeriodPlan(day("2026-07-01")...day("2026-09-30"))
        #expect(quarter.flowMonths == day("2026-07-01")...day("2026-09-01") && quarter.flowDays.isEmpty)
        #expect(quarter.runningMonthsBefore == day("2026-10-01") && quarter.runningDays == nil, "the quarter closes September: its total")
        let window = PeriodPlan(day("2025-12-15")...day("2026-03-14"))
        #expect(window.flowMonths == day("2026-01-01")...day("2026-02-01"))
        #expect(window.flowDays == [day("2025-12-15")...day("2025-12-31"), day("2026-03-01")...day("2026-03-14")])
        #expect(window.runningMonthsBefore == day("2026-03-01") && window.runningDays == day("2026-03-01")...day("2026-03-14"))
        let inside = PeriodPlan(day("2026-03-03")...day("2026-03-20"))
        #expect(inside.flowMonths == nil && inside.flowDays == [day("2026-03-03")...day("2026-03-20")])
    }

    @Test("Service data counts where the index reads it: synced and verified of the received, paid online of those with a fee, e-results of the finished")
    func serviceData() throws {
        let examples = try Self.cases().filter { $0.name.contains("online,") || $0.name.contains("scanned") }.map(\.facts)
        let measures = examples.map { ServiceIndexService.measures(of: $0, in: Self.q1.days) }
        #expect(measures[0].isSuperset(of: [.dossiersSynced, .dossiersPopulationData, .dossiersWithFee, .dossiersPaidOnline, .dossiersElectronicResult]))
        #expect(measures[1].isSuperset(of: [.dossiersWithFee, .dossiersReused, .dossiersReceivedDigitised]) && !measures[1].contains(.dossiersPaidOnline))
        #expect(!measures[1].contains(.dossiersElectronicResult) && !measures[1].contains(.dossiersPaperResult), "not finished")
    }

    @Test("A parent's figures add up its children's numerators and denominators; its score is not their scores' mean")
    func parentSumsChildren() throws {
        let province = OrgUnit(
            code: "P", name: "P", shortName: "P", kind: .province, parentID: nil, effectiveFrom: LocalDate(year: 2000, month: 1, day: 1)!, createdAt: Date(),
            updatedAt: Date())
        let big = OrgUnit(
            code: "D", name: "D", shortName: "D", kind: .department, parentID: province.id, effectiveFrom: province.effectiveFrom, createdAt: Date(),
            updatedAt: Date())
        let small = OrgUnit(
            code: "E", name: "E", shortName: "E", kind: .department, parentID: province.id, effectiveFrom: province.effectiveFrom, createdAt: Date(),
            updatedAt: Date())
        var counts = ServiceIndexCounts()
        typealias Counter = ServiceIndexCounters.Counter
        counts.add(90, Counter.finished.rawValue, unit: big.id, procedure: "A")
        counts.add(90, Counter.finishedOnTime.rawValue, unit: big.id, procedure: "A")
        counts.add(10, Counter.finished.rawValue, unit: small.id, procedure: "B")
        let version = IndicatorSetVersion(version: 1, effectiveFrom: province.effectiveFrom, rules: .qd766, setBy: "t", reason: "t", setAt: Date())
        let calculator = ServiceIndexCalculator(
            set: version, tree: UnitTree([province, big, small]), procedures: [], period: Self.q1, counts: counts)
        let parent = try #require(calculator.score(province.id).indicator("2.1"))
        #expect(parent.numerator == 90 && parent.denominator == 100 && parent.score == 18)
        #expect(calculator.score(big.id).indicator("2.1")?.score == 20 && calculator.score(small.id).indicator("2.1")?.score == 0)
        #expect(calculator.score(province.id).version == 1)
    }
}
