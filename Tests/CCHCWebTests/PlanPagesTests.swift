import CCHCCore
import CCHCTestSupport
import Foundation
import Testing
import Vapor
import VaporTesting
import WorkCalendar

@testable import CCHCWeb

@Suite("Reform plans: a plan and its key tasks, progress reported by the lead unit, completion confirmed or sent back, \"n/m done\"")
struct PlanPagesTests {
    @Test("The loop on both databases, with its refusals", arguments: TestDatabases.kinds)
    func loop(kind: DatabaseKind) async throws {
        try await TestApp.with(kind) { app, _ in
            try await TestAccounts.seed(app)
            let staff = Browser(app)
            try await staff.login("noivu")
            try await staff.get("/plans")
            let plan: [(String, String)] = [
                ("kind", "fiveYear"), ("title", "Kế hoạch CCHC giai đoạn 2021–2025"), ("number", "120/KH-UBND"), ("signedOn", "2021-03-01"),
                ("signer", "Chủ tịch UBND tỉnh"), ("unitCode", Fixtures.provinceCode), ("fromYear", "2021"), ("toYear", "2025"),
                ("targets", "100 % TTHC công khai đúng hạn\nTỷ lệ hồ sơ trực tuyến đạt 50 %"),
            ]
            let bad = try await staff.post("/plans", plan.map { $0.0 == "toYear" ? ($0.0, "2020") : $0 })
            #expect(bad.status == .unprocessableEntity && bad.body.string.contains("Năm kết thúc không được trước năm bắt đầu."))
            #expect(bad.body.string.contains("120/KH-UBND"))
            #expect(try await staff.post("/plans", plan).status == .seeOther)
            let code = "KH-2021-001"
            let noLead = try await staff.post("/plans/\(code)/tasks", [("title", "Rà soát TTHC"), ("dueOn", "2025-06-30")])
            #expect(noLead.status == .unprocessableEntity && noLead.body.string.contains("Nhiệm vụ phải có đơn vị chủ trì."))
            #expect(noLead.body.string.contains("Rà soát TTHC"))
            let outside = try await staff.post("/plans/\(code)/tasks", [("title", "X"), ("leadUnitCode", Fixtures.landCode), ("dueOn", "2026-06-30")])
            #expect(outside.status == .unprocessableEntity)
            for (title, unit, field, due) in [
                ("Rà soát, đơn giản hóa TTHC đất đai", Fixtures.landCode, "3", "2025-06-30"), ("Số hóa hồ sơ đất đai", Fixtures.landCode, "7", "2024-12-31"),
                ("Kiện toàn tổ chức bộ máy", Fixtures.homeAffairsCode, "4", "2023-12-31"),
            ] {
                let added = try await staff.post(
                    "/plans/\(code)/tasks",
                    [("title", title), ("leadUnitCode", unit), ("supportingUnitCodes", Fixtures.centreCode), ("dueOn", due), ("field", field)])
                #expect(added.status == .seeOther)
            }
            let tasks = try await app.store.tasks.list(TaskQuery(source: TaskSource(.plan, reference: code)))
            #expect(tasks.count == 3 && tasks.allSatisfy { $0.plan?.supportingUnitIDs.count == 1 })
            let first = try #require(tasks.first { $0.title == "Rà soát, đơn giản hóa TTHC đất đai" })

            // The land department reports progress, then done; Home Affairs sends it back once, then confirms.
            let leader = Browser(app)
            try await leader.login("lanhdao")
            try await leader.get("/tasks/\(first.code)")
            #expect(try await leader.post("/tasks/\(first.code)/progress", [("progress", "120"), ("version", "1")]).status == .unprocessableEntity)
            #expect(
                try await leader.post("/tasks/\(first.code)/progress", [("progress", "60"), ("progressNote", "Đã rà soát 40 TTHC"), ("version", "1")]).status
                    == .seeOther)
            #expect(try await leader.post("/tasks/\(first.code)/done", [("note", "Quyết định công bố số 15"), ("version", "2")]).status == .seeOther)
            #expect(try await staff.get("/tasks/\(first.code)").body.string.contains("chờ Sở Nội vụ xác nhận"))
            let noReason = try await staff.post("/tasks/\(first.code)/review", [("decision", "send_back"), ("version", "3")])
            #expect(noReason.status == .unprocessableEntity && noReason.body.string.contains("Nêu lý do."))
            #expect(
                try await staff.post("/tasks/\(first.code)/review", [("decision", "send_back"), ("reason", "Thiếu quyết định"), ("version", "3")]).status
                    == .seeOther)
            #expect(try await leader.post("/tasks/\(first.code)/done", [("note", "Đã bổ sung quyết định"), ("version", "4")]).status == .seeOther)
            #expect(try await staff.post("/tasks/\(first.code)/review", [("decision", "confirm"), ("version", "4")]).status == .conflict)
            #expect(try await staff.post("/tasks/\(first.code)/review", [("decision", "confirm"), ("version", "5")]).status == .seeOther)
            // The specialist cannot confirm; the plan reads 1/3, with the two others overdue (due 2023 and 2024).
            let specialist = Browser(app)
            try await specialist.login("chuyenvien")
            #expect(try await specialist.post("/tasks/\(first.code)/review", [("decision", "confirm"), ("version", "6")]).status == .forbidden)
            let page = try await specialist.get("/plans/\(code)").body.string
            #expect(page.contains("<strong>1/3</strong>") && page.contains("2 quá hạn") && page.contains("<svg"))
            #expect(try await specialist.get("/plans").body.string.contains("<strong>1/3</strong>"))
        }
    }

    @Test("Progress counts: done only once confirmed, awaiting, overdue and nearing, per unit and field")
    func counts() throws {
        let now = Date(timeIntervalSince1970: 0)
        let (a, b) = (UUID(), UUID())
        func task(_ unit: UUID, field: Int?, due: String, state: TaskState, confirmed: Bool) -> AssignedTask {
            var task = AssignedTask(
                title: "", detail: "", unitID: unit, dueOn: LocalDate(due)!, source: TaskSource(.plan, reference: "KH"), createdBy: "", createdAt: now)
            task.state = state
            task.plan = PlanTaskDetails(field: field, supportingUnitIDs: [], expectedProduct: "")
            if confirmed { task.plan?.confirmedBy = "noivu" }
            return task
        }
        let tasks = [
            task(a, field: 3, due: "2026-06-30", state: .done, confirmed: true), task(a, field: 3, due: "2026-10-30", state: .done, confirmed: false),
            task(b, field: 4, due: "2026-11-20", state: .open, confirmed: false), task(b, field: nil, due: "2026-11-24", state: .open, confirmed: false),
        ]
        let progress = PlanProgress(tasks, today: LocalDate("2026-11-23")!, calendar: WorkingCalendar())
        #expect(progress.all.text == "1/4" && progress.all.awaiting == 1 && progress.all.overdue == 1 && progress.all.nearing == 1)
        #expect(progress.byUnit[a]?.text == "1/2" && progress.byUnit[b]?.overdue == 1)
        #expect(progress.byField[3]?.text == "1/2" && progress.byField[0]?.total == 1)
    }

    @Test("Through the API: record a plan, put a task, report progress, confirm it done; refusals named", arguments: TestDatabases.kinds)
    func api(kind: DatabaseKind) async throws {
        try await TestApp.with(kind) { app, _ in
            try await TestAccounts.seed(app)
            let staff = try await APIClient.login(app, "noivu")
            let body =
                #"{"kind":"annual","title":"Kế hoạch CCHC năm 2026","number":"12/KH-UBND","signedOn":"2026-01-05","signer":"Chủ tịch","unitCode":"\#(Fixtures.provinceCode)","fromYear":2026,"toYear":2026,"targets":["Hồ sơ trực tuyến 50 %"]}"#
            let wrong = try await staff.send(.POST, "/api/v1/plans", json: body.replacingOccurrences(of: #""toYear":2026"#, with: #""toYear":2027"#))
            #expect(wrong.status == .unprocessableEntity)
            #expect(try (wrong.json()["errors"] as? [[String: Any]])?.compactMap { $0["field"] as? String } == ["toYear"])
            let created = try await staff.send(.POST, "/api/v1/plans", json: body)
            let code = try #require(try created.json()["code"] as? String)
            #expect(created.status == .created && code == "KH-2026-001")
            let noLead = try await staff.send(.POST, "/api/v1/plans/\(code)/tasks", json: #"{"title":"Số hóa","leadUnitCode":"","dueOn":"2026-12-31"}"#)
            #expect(noLead.status == .unprocessableEntity)
            let task = try await staff.send(
                .POST, "/api/v1/plans/\(code)/tasks",
                json:
                    #"{"title":"Số hóa","leadUnitCode":"\#(Fixtures.landCode)","supportingUnitCodes":["\#(Fixtures.centreCode)"],"dueOn":"2026-12-31","field":7}"#
            )
            #expect(task.status == .created)
            let taskCode = try #require(try task.json()["code"] as? String)
            let leader = try await APIClient.login(app, "lanhdao")
            let progressed = try await leader.send(.POST, "/api/v1/tasks/\(taskCode)/progress", json: #"{"version":1,"progress":80,"note":"Gần xong"}"#)
            let progress = (try progressed.json()["plan"] as? [String: Any])?["progress"] as? Int
            #expect(progressed.status == .ok && progress == 80)
            #expect(try await leader.send(.POST, "/api/v1/tasks/\(taskCode)/done", json: #"{"version":2,"note":"Xong"}"#).status == .ok)
            #expect(try await leader.send(.POST, "/api/v1/tasks/\(taskCode)/review", json: #"{"version":3,"decision":"confirm"}"#).status == .forbidden)
            let confirmed = try await staff.send(.POST, "/api/v1/tasks/\(taskCode)/review", json: #"{"version":3,"decision":"confirm"}"#)
            let completed = (try confirmed.json()["plan"] as? [String: Any])?["completed"] as? Bool
            #expect(confirmed.status == .ok && completed == true)
            let detail = try await leader.send(.GET, "/api/v1/plans/\(code)").json()
            #expect(((detail["plan"] as? [String: Any])?["progress"] as? [String: Any])?["done"] as? Int == 1)
            #expect(((detail["byField"] as? [String: Any])?["7"] as? [String: Any])?["total"] as? Int == 1)
        }
    }
}
