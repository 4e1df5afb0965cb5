import CCHCCore
import CCHCTestSupport
import Foundation
import Testing
import Vapor
import VaporTesting
import WorkCalendar

@testable import CCHCWeb

@Suite("The steering committee: members, meetings, conclusions whose directives become tasks followed to completion")
struct SteeringTests {
    @Test("Members, a meeting, a conclusion with its refusals, the units' tasks and what is still open, on both databases", arguments: TestDatabases.kinds)
    func loop(kind: DatabaseKind) async throws {
        try await TestApp.with(kind) { app, _ in
            try await TestAccounts.seed(app)
            let staff = Browser(app)
            try await staff.login("noivu")
            try await staff.get("/steering")
            let members = "Nguyễn Văn An | Chủ tịch UBND tỉnh | Trưởng ban | \(Fixtures.provinceCode)\nLê Thu Hà | Giám đốc Sở Nội vụ | Phó trưởng ban | NOPE"
            let badMember = try await staff.post("/steering/committee", [("decision", "15/QĐ-UBND"), ("signedOn", "2026-01-10"), ("members", members)])
            #expect(badMember.status == .unprocessableEntity && badMember.body.string.contains("Dòng 2") && badMember.body.string.contains("Lê Thu Hà"))
            let fixed = members.replacingOccurrences(of: "NOPE", with: Fixtures.homeAffairsCode)
            #expect(
                try await staff.post("/steering/committee", [("decision", "15/QĐ-UBND"), ("signedOn", "2026-01-10"), ("members", fixed)]).status == .seeOther)
            #expect(try await app.store.steeringCommittees.list(year: 2026).first?.members.map(\.role) == [.head, .deputy])

            var meeting: [(String, String)] = [
                ("title", "Họp Ban Chỉ đạo quý III"), ("heldOn", "2026-12-01"), ("place", "UBND tỉnh"), ("chair", "Chủ tịch UBND tỉnh"),
                ("agenda", "Kết quả quý III\nHồ sơ trễ hạn"), ("present_0", "1"), ("delegate_1", "Phó Giám đốc Sở Nội vụ"), ("minutes", "Biên bản"),
            ]
            let future = try await staff.post("/steering/meetings", meeting)
            #expect(
                future.status == .unprocessableEntity && future.body.string.contains("Ngày không được sau hôm nay.")
                    && future.body.string.contains("Hồ sơ trễ hạn"))
            meeting[1] = ("heldOn", "2026-10-05")
            #expect(try await staff.post("/steering/meetings", meeting).status == .seeOther)
            let recorded = try #require(try await app.store.steeringMeetings.find(code: "HOP-2026-001"))
            #expect(recorded.attendance.map(\.present) == [true, false] && recorded.attendance[1].delegate == "Phó Giám đốc Sở Nội vụ")

            // The notice before the meeting, a directive without a unit: named on their rows, what was typed kept.
            let bad = try await staff.post(
                "/steering/meetings/HOP-2026-001/conclude",
                [
                    ("noticeNumber", "90/TB-UBND"), ("noticeOn", "2026-10-01"), ("version", "1"), ("text_0", "Giảm hồ sơ đất đai trễ hạn"),
                    ("units_0", ""), ("due_0", "2026-11-15"),
                ])
            #expect(bad.status == .unprocessableEntity && bad.body.string.contains("Thông báo kết luận không được trước ngày họp (05/10/2026)."))
            #expect(bad.body.string.contains("Nhiệm vụ phải có đơn vị chủ trì.") && bad.body.string.contains("Giảm hồ sơ đất đai trễ hạn"))
            let conclusion: [(String, String)] = [
                ("noticeNumber", "90/TB-UBND"), ("noticeOn", "2026-10-08"), ("version", "1"), ("text_0", "Giảm hồ sơ đất đai trễ hạn"),
                ("units_0", "\(Fixtures.landCode), \(Fixtures.homeAffairsCode)"), ("due_0", "2026-11-15"), ("text_3", "Công khai TTHC tại Trung tâm"),
                ("units_3", Fixtures.centreCode), ("due_3", "2026-12-31"),
            ]
            #expect(try await staff.post("/steering/meetings/HOP-2026-001/conclude", conclusion).status == .seeOther)
            #expect(
                try await staff.post("/steering/meetings/HOP-2026-001/conclude", conclusion.map { $0.0 == "version" ? ("version", "2") : $0 }).status
                    == .conflict)
            let concluded = try #require(try await app.store.steeringMeetings.find(code: "HOP-2026-001"))
            #expect(concluded.directives.map(\.taskCodes.count) == [2, 1])
            let tasks = try await app.store.tasks.list(TaskQuery(source: TaskSource(.directive, reference: "HOP-2026-001")))
            #expect(tasks.count == 3 && tasks.allSatisfy { $0.state == .open })
            let land = try #require(try await app.store.units.find(code: Fixtures.landCode))
            let landTask = try #require(tasks.first { $0.unitID == land.id })
            #expect(landTask.isOverdue(today: VietnamTime.localDate(of: Fixtures.now)))
            var page = try await staff.get("/steering").body.string
            #expect(page.contains("Chỉ đạo chưa hoàn thành (3)") && page.contains("<td class=\"number\">0/3</td>"))

            // The land department reports its task done: one fewer open, and the meeting reads 1/3.
            let leader = Browser(app)
            try await leader.login("lanhdao")
            #expect(try await leader.get("/tasks/\(landTask.code)").body.string.contains("/steering/meetings/HOP-2026-001"))
            #expect(try await leader.post("/tasks/\(landTask.code)/done", [("note", "Đã giảm 30 %"), ("version", "1")]).status == .seeOther)
            page = try await staff.get("/steering").body.string
            #expect(page.contains("Chỉ đạo chưa hoàn thành (2)") && page.contains("<td class=\"number\">1/3</td>"))
            #expect(try await leader.post("/steering/meetings", meeting).status == .forbidden)

            // The API reads the same.
            let api = try await APIClient.login(app, "bcd")
            let overview = try await api.send(.GET, "/api/v1/steering").json()
            #expect(overview["openTasks"] as? Int == 2 && (overview["committee"] as? [String: Any])?["decision"] as? String == "15/QĐ-UBND")
            let directives = try await api.send(.GET, "/api/v1/steering/meetings/HOP-2026-001").json()["directives"] as? [[String: Any]]
            #expect(directives?.first.flatMap { ($0["tasks"] as? [[String: Any]])?.count } == 2)
            let writer = try await APIClient.login(app, "noivu")
            let created = try await writer.send(
                .POST, "/api/v1/steering/meetings",
                json: #"{"title":"Họp bất thường","heldOn":"2026-11-20","place":"UBND tỉnh","chair":"Chủ tịch","agenda":["Sự cố"],"present":["Nguyễn Văn An"]}"#
            )
            #expect(created.status == .created)
            let noUnit = try await writer.send(
                .POST, "/api/v1/steering/meetings/HOP-2026-002/conclusion",
                json: #"{"version":1,"noticeNumber":"91/TB","noticeOn":"2026-11-21","directives":[{"text":"Khắc phục","unitCodes":[],"dueOn":"2026-12-10"}]}"#)
            let fields = try (noUnit.json()["errors"] as? [[String: Any]] ?? []).compactMap { $0["field"] as? String }
            #expect(noUnit.status == .unprocessableEntity && fields == ["directives[0].unitCodes"])
        }
    }
}
