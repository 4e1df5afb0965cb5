import CCHCCore
import CCHCDemo
import CCHCTestSupport
import Foundation
import Testing
import Vapor
import VaporTesting
import WorkCalendar

@testable import CCHCWeb

@Suite("Periodic reports through the API, on the demo province: the draft's figures are the modules' own for the window")
struct ReportAPITests {
    @Test(
        "Draft the province's annual report and find every figure equal to what each module reads for the window; plan targets read the index",
        arguments: TestDatabases.kinds)
    func figures(kind: DatabaseKind) async throws {
        let today = VietnamTime.localDate(of: Fixtures.now)
        try await TestApp.with(kind, demoMode: true) { app, _ in
            _ = try await DemoData.load(
                store: app.store, hasher: app.services.hasher, now: Fixtures.now, dossiers: 150, service: try await app.dossierService())
            let staff = try await APIClient.login(app, "noivu", DemoData.password)
            let schedule2026 = try await staff.send(.GET, "/api/v1/report-schedule?year=2026").json()
            let schedule2027 = try await staff.send(.GET, "/api/v1/report-schedule?year=2027").json()
            func periods(_ body: [String: Any]) -> [String] { (body["owed"] as? [[String: Any]] ?? []).compactMap { $0["period"] as? String } }
            // The demo's second version adds the nine-month report from today: owed next year, not for this year's closed window.
            #expect(periods(schedule2026) == ["Q1", "H1", "Q3", "Y"] && periods(schedule2027) == ["Q1", "H1", "9M", "Q3", "Y"])

            let tree = try await app.store.units.tree()
            let province = try #require(tree.roots.first)
            let drafted = try await staff.send(.POST, "/api/v1/reports", json: #"{"unitCode":"\#(province.code)","year":2026,"period":"Y"}"#)
            #expect(drafted.status == .created)
            let code = try #require(try drafted.json()["code"] as? String)
            let report = try #require(try await app.store.reports.find(code: code))
            #expect(report.from == LocalDate(year: 2025, month: 12, day: 15) && report.to == LocalDate(year: 2026, month: 12, day: 14))

            let context = try await ServiceIndexService(store: app.store).context(ReportPeriod(text: "2026-report-Y", days: report.from...report.to))
            let rates = context.calculator.lateRates(province.id)
            #expect(report.figures.dossiers.received == rates.reduce(0) { $0 + $1.received } && report.figures.dossiers.received > 0)
            #expect(report.figures.dossiers.finishedLate == rates.reduce(0) { $0 + $1.late })
            #expect(report.figures.dossiers.openOverdue == rates.reduce(0) { $0 + $1.openOverdue })
            #expect(report.figures.fields.map(\.field) == rates.map(\.field))
            #expect(report.figures.index?.total == context.calculator.score(province.id).total)
            let totals = context.calculator.counts.totals(units: tree.subtreeIDs(of: province.id))
            #expect(report.figures.feedback.received == totals[FeedbackCounters.Counter.received.indexName] ?? 0)

            let tasks = try await app.store.tasks.list(TaskQuery(limit: 100_000))
            #expect(report.figures.tasks.due == tasks.filter { (report.from...report.to).contains($0.dueOn) }.count)
            let plan = try #require(try await app.store.plans.list().first)
            let progress = PlanProgress(
                tasks.filter { $0.source == TaskSource(.plan, reference: plan.code) }, today: report.to,
                calendar: try await app.store.calendarOverrides.workingCalendar()
            ).all
            #expect(report.figures.plans.first.map { ($0.done, $0.total) } ?? (0, 0) == (progress.done, progress.total) && progress.total == 40)
            for requirement in try await app.store.compliance.list() where requirement.year == 2026 {
                #expect(report.figures.compliance.first { $0.code == requirement.code }?.done == requirement.doneCount)
            }
            let sessions = try await app.store.dialogues.list(units: nil, from: report.from, to: report.to)
            #expect(report.figures.dialogues.sessions == sessions.count)

            // The province's quarter report lists the departments that had sent theirs when it was drafted.
            let quarter = try #require(try await app.store.reports.list(year: 2026, period: "Q3").first { $0.unitID == province.id })
            let departments = try await app.store.reports.list(year: 2026, period: "Q3").filter { $0.unitID != province.id }
            let draftedOn = VietnamTime.localDate(of: quarter.draftedAt)
            #expect(departments.count >= 2)
            #expect(quarter.figures.submissions.filter { $0.reportCode != nil }.count == departments.filter { $0.submittedOn! <= draftedOn }.count)
            #expect(quarter.tables.contains { $0.key == "submissions" } && quarter.state == .submitted && !quarter.isLate(today: today))

            // Bad input and a stale edit.
            let bad = try await staff.send(.PUT, "/api/v1/reports/\(code)", json: #"{"version":1,"sections":{"nope":"x"},"tables":{"dossiers":"a,b\n1"}}"#)
            let fields = try (bad.json()["errors"] as? [[String: Any]] ?? []).compactMap { $0["field"] as? String }.sorted()
            #expect(bad.status == .unprocessableEntity && fields == ["sections.nope", "tables.dossiers"])
            let written = try await staff.send(.PUT, "/api/v1/reports/\(code)", json: #"{"version":1,"sections":{"results":"Kết quả cả năm"}}"#)
            #expect(try written.status == .ok && written.json()["version"] as? Int == 2)
            #expect(try await staff.send(.PUT, "/api/v1/reports/\(code)", json: #"{"version":1,"sections":{"results":"x"}}"#).status == .conflict)
            #expect(try await staff.send(.POST, "/api/v1/reports/\(code)/approve", json: #"{"version":2}"#).status == .forbidden)
            let director = try await APIClient.login(app, "noivu.lanhdao", DemoData.password)
            let refused = try await director.send(.POST, "/api/v1/reports/\(code)/approve", json: #"{"version":2}"#)
            #expect(refused.status == .unprocessableEntity)
            #expect(try await staff.send(.POST, "/api/v1/reports", json: #"{"unitCode":"\#(province.code)","year":2026,"period":"Y"}"#).status == .conflict)
            let listed = try await staff.send(.GET, "/api/v1/reports?year=2026&period=Q3").json()["items"] as? [[String: Any]]
            #expect(listed?.count == departments.count + 1)

            // A plan's targets bound to the index read the same ratio the index gives for the year, met or not.
            let year = try await ServiceIndexService(store: app.store).context(ReportPeriod.parse("2026")!)
            let ratio = try #require(year.calculator.score(province.id).indicator("2.1")?.ratio) * 100
            func planBody(_ targets: String) -> String {
                #"{"kind":"annual","title":"Kế hoạch CCHC năm 2026","number":"5/KH-UBND","signedOn":"2026-01-05","signer":"Chủ tịch","unitCode":"\#(province.code)","fromYear":2026,"toYear":2026,"targets":[\#(targets)]}"#
            }
            let unknown = try await staff.send(.POST, "/api/v1/plans", json: planBody(#""Số hóa [766:9.9 >= 50]","Trực tuyến [766:3.3 => 50]""#))
            #expect(unknown.status == .unprocessableEntity && unknown.body.string.contains("9.9") && unknown.body.string.contains("Dòng 2"))
            let recorded = try await staff.send(
                .POST, "/api/v1/plans",
                json: planBody(#""Đúng hạn [766:2.1 >= \#(Int(ratio) - 1)]","Không tính","Gần tuyệt đối [766:2.1 <= \#(Int(ratio) - 1)]""#))
            #expect(recorded.status == .created)
            let planCode = try #require(try recorded.json()["code"] as? String)
            let live = try await staff.send(.GET, "/api/v1/plans/\(planCode)").json()["liveTargets"] as? [[String: Any]] ?? []
            let readings = live.map { ($0["readings"] as? [[String: Any]] ?? []).first }
            #expect(live.map { $0["text"] as? String } == ["Đúng hạn", "Gần tuyệt đối"])
            #expect(readings.map { $0?["met"] as? Bool } == [true, false])
            #expect(abs((readings.first??["figure"] as? Double ?? 0) - ParCriteriaSet.rounded(ratio)) < 0.001)

            // Reports sent late or not sent count against a unit in the PAR Index's report criterion.
            let set = ParCriteriaSet.local(year: 2026, level: .department)
            let late = try #require(departments.first { $0.isLate(today: today) } ?? departments.first)
            let missing = try #require(ReportService.reportingUnits(tree, today: today).first { unit in !departments.contains { $0.unitID == unit.id } })
            let units = [late.unitID, missing.id].compactMap { tree.unit(id: $0) }
            let figures = try await ParService(store: app.store).liveFigures(set, units: units, year: 2026, now: Fixtures.now)
            #expect(figures[missing.id]?["1.3"]?.value == 3)
            #expect(figures[late.unitID]?["1.3"]?.value == (late.isLate(today: today) ? 3 : 2))
        }
    }
}
