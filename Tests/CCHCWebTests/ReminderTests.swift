import CCHCCore
import CCHCTestSupport
import Foundation
import Testing
import Vapor
import VaporTesting
import WorkCalendar

@testable import CCHCWeb

@Suite("Reminders: an officer's tasks and reports due on the home page; the deadline job marks tasks nearing and past their day")
struct ReminderTests {
    @Test("The land department's head sees its tasks and unsent reports, marked; the job marks each task once", arguments: TestDatabases.kinds)
    func reminders(kind: DatabaseKind) async throws {
        try await TestApp.with(kind) { app, _ in
            try await TestAccounts.seed(app)
            let land = try #require(try await app.store.units.find(code: Fixtures.landCode))
            let today = VietnamTime.localDate(of: Fixtures.now)
            for (title, days) in [("Báo cáo tồn đọng hồ sơ", -3), ("Rà soát niêm yết", 0), ("Số hóa kết quả", 30)] {
                _ = try await app.store.tasks.create(
                    AssignedTask(
                        title: title, detail: "", unitID: land.id, dueOn: LocalDate(dayNumber: today.dayNumber + days),
                        source: TaskSource(.directive, reference: "HOP-2026-001"),
                        createdBy: "noivu", createdAt: Fixtures.now.addingTimeInterval(-40 * 86_400)))
            }
            let leader = Browser(app)
            try await leader.login("lanhdao")
            let home = try await leader.get("/").body.string
            #expect(home.contains("Việc cần làm") && home.contains("Chỉ đạo của Ban Chỉ đạo: Báo cáo tồn đọng hồ sơ"))
            #expect(home.contains("<tr class=\"overdue\"><td><a href=\"/tasks/") && home.contains("<tr class=\"nearing\">"))
            #expect(home.contains("Báo cáo quý III — ") && home.contains("20/09/2026") && home.contains("Báo cáo quý I — "))
            // A report once sent leaves the list.
            #expect(try await leader.post("/reports", [("unitCode", Fixtures.landCode), ("year", "2026"), ("period", "Q1")]).status == .seeOther)
            let code = "BC-2026-001"
            let sections = ReportSchedule.cv581.outline.map { ("section_\($0.key)", "Nội dung") }
            #expect(try await leader.post("/reports/\(code)", sections + [("version", "1")]).status == .seeOther)
            #expect(try await leader.post("/reports/\(code)/approve", [("version", "2")]).status == .seeOther)
            #expect(try await leader.post("/reports/\(code)/submit", [("version", "3")]).status == .seeOther)
            let after = try await leader.get("/").body.string
            #expect(!after.contains("Báo cáo quý I — ") && after.contains("Báo cáo quý III — "))
            // A specialist of another unit sees none of them.
            let desk = Browser(app)
            try await desk.login("motcua")
            #expect(!(try await desk.get("/").body.string.contains("Báo cáo tồn đọng hồ sơ")))

            try await DeadlineJob.run(app)
            let tasks = try await app.store.tasks.list(TaskQuery(units: [land.id]))
            #expect(tasks.filter { $0.overdueMarkedAt != nil }.map(\.title) == ["Báo cáo tồn đọng hồ sơ"])
            #expect(tasks.filter { $0.nearingMarkedAt != nil }.map(\.title) == ["Rà soát niêm yết"])
            let marked = try await TaskService(store: app.store).markDeadlines(
                now: Fixtures.now, calendar: try await app.store.calendarOverrides.workingCalendar())
            #expect(marked.nearing == 0 && marked.overdue == 0)
        }
    }
}
