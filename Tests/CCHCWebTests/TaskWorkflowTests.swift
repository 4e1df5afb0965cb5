import CCHCCore
import CCHCTestSupport
import Foundation
import Testing
import Vapor
import VaporTesting
import WorkCalendar

@testable import CCHCWeb

@Suite("Task workflows as tables: a plan's key task and a steering directive, each step's actor and answer")
struct TaskWorkflowTests {
    /// One step: who posts what to the task's page, and the status the step must get.
    struct Step: Sendable, CustomStringConvertible {
        var actor: String
        var path: String
        var fields: [(String, String)]
        var status: HTTPStatus
        var description: String { "\(actor) \(path) \(fields.map { "\($0.0)=\($0.1)" }.joined(separator: "&")) → \(status.code)" }
    }

    static let keyTask: [Step] = [
        Step(actor: "chuyenvien", path: "progress", fields: [("progress", "40"), ("version", "1")], status: .forbidden),
        Step(actor: "lanhdao", path: "progress", fields: [("progress", "40"), ("version", "1")], status: .seeOther),
        Step(actor: "lanhdao", path: "progress", fields: [("progress", "60"), ("version", "1")], status: .conflict),
        Step(actor: "noivu", path: "review", fields: [("decision", "confirm"), ("version", "2")], status: .unprocessableEntity),
        Step(actor: "lanhdao", path: "done", fields: [("note", ""), ("version", "2")], status: .unprocessableEntity),
        Step(actor: "lanhdao", path: "done", fields: [("note", "Xong"), ("version", "2")], status: .seeOther),
        Step(actor: "lanhdao", path: "progress", fields: [("progress", "100"), ("version", "3")], status: .unprocessableEntity),
        Step(actor: "lanhdao", path: "review", fields: [("decision", "confirm"), ("version", "3")], status: .forbidden),
        Step(actor: "noivu", path: "review", fields: [("decision", "send_back"), ("version", "3")], status: .unprocessableEntity),
        Step(actor: "noivu", path: "review", fields: [("decision", "send_back"), ("reason", "Thiếu văn bản"), ("version", "3")], status: .seeOther),
        Step(actor: "lanhdao", path: "done", fields: [("note", "Đã bổ sung"), ("version", "4")], status: .seeOther),
        Step(actor: "noivu", path: "review", fields: [("decision", "confirm"), ("version", "5")], status: .seeOther),
        Step(actor: "noivu", path: "review", fields: [("decision", "confirm"), ("version", "6")], status: .unprocessableEntity),
    ]

    static let directive: [Step] = [
        Step(actor: "motcua", path: "done", fields: [("note", "Xong"), ("version", "1")], status: .forbidden),
        Step(actor: "chuyenvien", path: "done", fields: [("note", "Xong"), ("version", "1")], status: .forbidden),
        Step(actor: "lanhdao", path: "done", fields: [("note", "Đã thực hiện"), ("version", "0")], status: .conflict),
        Step(actor: "lanhdao", path: "done", fields: [("note", "Đã thực hiện"), ("version", "1")], status: .seeOther),
        Step(actor: "lanhdao", path: "done", fields: [("note", "Lần hai"), ("version", "2")], status: .unprocessableEntity),
    ]

    @Test("Each step gets its answer, on both databases", arguments: TestDatabases.kinds)
    func tables(kind: DatabaseKind) async throws {
        try await TestApp.with(kind) { app, _ in
            try await TestAccounts.seed(app)
            let land = try #require(try await app.store.units.find(code: Fixtures.landCode))
            var keyTask = AssignedTask(
                title: "Số hóa hồ sơ đất đai", detail: "", unitID: land.id, dueOn: LocalDate(year: 2026, month: 12, day: 31)!,
                source: TaskSource(.plan, reference: "KH-2026-001"), createdBy: "noivu", createdAt: Fixtures.now)
            keyTask.plan = PlanTaskDetails(field: 7, supportingUnitIDs: [], expectedProduct: "Kho dữ liệu")
            let directive = AssignedTask(
                title: "Giảm hồ sơ trễ hạn", detail: "", unitID: land.id, dueOn: LocalDate(year: 2026, month: 12, day: 15)!,
                source: TaskSource(.directive, reference: "HOP-2026-001"), createdBy: "noivu", createdAt: Fixtures.now)
            var browsers: [String: Browser] = [:]
            for name in ["chuyenvien", "lanhdao", "noivu", "motcua"] {
                let browser = Browser(app)
                try await browser.login(name)
                browsers[name] = browser
            }
            for (task, steps) in [(keyTask, Self.keyTask), (directive, Self.directive)] {
                let code = try await app.store.tasks.create(task).code
                for step in steps {
                    let browser = try #require(browsers[step.actor])
                    try await browser.get("/tasks/\(code)")
                    let answer = try await browser.post("/tasks/\(code)/\(step.path)", step.fields)
                    #expect(answer.status == step.status, "\(step)")
                }
            }
            let keyTasks = try await app.store.tasks.list(TaskQuery(source: TaskSource(.plan, reference: "KH-2026-001")))
            #expect(keyTasks.first?.isCompleted == true && keyTasks.first?.plan?.confirmedBy == "noivu")
        }
    }
}
