import CCHCCore
import CCHCTestSupport
import Foundation
import Testing
import Vapor
import VaporTesting

@testable import CCHCWeb

@Suite("Dialogues: the record, questions sent on as feedback or tasks, sessions per quarter, tasks reported done")
struct DialogueTests {
    static let session: [(String, String)] = [
        ("rows", "5"), ("unitCode", Fixtures.landCode), ("heldOn", "2026-11-20"), ("place", "Hội trường UBND tỉnh"), ("chairName", "Nguyễn Văn Lãnh"),
        ("chairTitle", "Giám đốc Sở"), ("audience", "both"), ("participants.citizens", "40"), ("participants.businesses", "5"),
        ("conclusion", "Giao phòng đăng ký đất đai rà soát hồ sơ quá hạn."),
    ]

    @Test("A unit head records a session; bad rows come back marked; questions become a feedback item and a task in one go", arguments: TestDatabases.kinds)
    func record(kind: DatabaseKind) async throws {
        try await TestApp.with(kind) { app, _ in
            try await TestAccounts.seed(app)
            let leader = Browser(app)
            try await leader.login("lanhdao")
            #expect(try await leader.get("/dialogues/new").body.string.contains("value=\"\(Fixtures.landCode)\""))

            let question0: [(String, String)] = [("questions.0.askedBy", "Ông Trần Văn Bình"), ("questions.0.text", "Bao giờ cấp sổ đỏ?")]
            let question1: [(String, String)] = [
                ("questions.1.askedBy", "Bà Lê Thị Cúc"), ("questions.1.organisation", "Công ty TNHH Cúc Phương"),
                ("questions.1.text", "Thủ tục chuyển mục đích sử dụng đất kéo dài."), ("questions.1.followUp", "task"),
            ]
            // No place, an unanswered question, a task without its deadline and unit: each marked, nothing lost.
            let bad = try await leader.post("/dialogues/new", Self.session.filter { $0.0 != "place" } + question0 + question1)
            #expect(bad.status == .unprocessableEntity)
            let page = bad.body.string
            #expect(page.contains("Câu hỏi không chuyển đi cần có câu trả lời tại hội nghị"))
            #expect(page.contains("id=\"questions.1.dueOn\"") && page.contains("Công ty TNHH Cúc Phương") && page.contains("Bao giờ cấp sổ đỏ?"))
            #expect(page.components(separatedBy: "Vui lòng nhập thông tin này.").count - 1 >= 3)
            #expect(try await app.store.dialogues.list(units: nil, from: Fixtures.day("2026-01-01"), to: Fixtures.day("2026-12-31")).isEmpty)

            // More rows: the same form with three more, nothing saved.
            let more = try await leader.post("/dialogues/new", Self.session + question0 + [("more", "1")])
            #expect(more.status == .ok && more.body.string.contains("name=\"questions.7.text\"") && more.body.string.contains("Bao giờ cấp sổ đỏ?"))

            // Another unit's session is not theirs to record.
            let other = try await leader.post(
                "/dialogues/new", Self.session.map { $0.0 == "unitCode" ? ("unitCode", Fixtures.homeAffairsCode) : $0 })
            #expect(other.status == .unprocessableEntity && other.body.string.contains("Bạn chỉ ghi biên bản cho đơn vị của mình"))

            let fields =
                Self.session + question0 + [("questions.0.answer", "Trong tháng 12 sẽ trả hết hồ sơ tồn.")] + question1 + [
                    ("questions.1.unitCode", Fixtures.landCode), ("questions.1.dueOn", "2026-12-15"),
                    ("questions.2.askedBy", "Ông Phạm Văn Dũng"), ("questions.2.text", "Cán bộ một cửa hướng dẫn chưa rõ."),
                    ("questions.2.followUp", "feedback"), ("questions.2.unitCode", Fixtures.landCode), ("questions.2.contact", "0912 111 222"),
                ]
            let saved = try await leader.post("/dialogues/new", fields)
            #expect(saved.status == .created)
            let record = saved.body.string
            #expect(record.contains("DT-261120-0001") && record.contains("NV-261123-0001") && record.contains("PA-261123-0001"))
            let pin = try #require(record.components(separatedBy: "Mã PIN <span class=\"code\">").dropFirst().first?.prefix(6)).description

            // The asker follows the feedback by its code and PIN; the unit handles it like any other.
            let asker = Browser(app)
            try await asker.get("/feedback/lookup")
            let found = try await asker.post("/feedback/lookup", [("code", "PA-261123-0001"), ("pin", pin)])
            #expect(found.status == .ok && found.body.string.contains("Cán bộ một cửa hướng dẫn chưa rõ.") && found.body.string.contains("DT-261120-0001"))
            let session = try #require(try await app.store.dialogues.find(code: "DT-261120-0001"))
            #expect(session.questions.map(\.followUp) == [nil, .task(code: "NV-261123-0001"), .feedback(code: "PA-261123-0001")])
            #expect(session.participantCount == 45)

            // The printable record, for the steering committee too; the desk officer of the centre does not reach it.
            let committee = Browser(app)
            try await committee.login("bcd")
            #expect(try await committee.get("/dialogues/DT-261120-0001").body.string.contains("Giao phòng đăng ký đất đai rà soát hồ sơ quá hạn."))
            let desk = Browser(app)
            try await desk.login("motcua")
            #expect(try await desk.get("/dialogues/DT-261120-0001").status == .notFound)

            // Per quarter: the land department met Q4; the quarters that ended without a session are short.
            let year = try await committee.get("/dialogues?year=2026").body.string
            #expect(year.contains("standing-met\">1</td>") && year.contains("standing-short\">0 <span class=\"badge overdue\">chưa đạt</span>"))
        }
    }

    @Test(
        "A task is reported done by its unit with what was done; a specialist cannot, an empty note and a stale version are refused",
        arguments: TestDatabases.kinds)
    func tasks(kind: DatabaseKind) async throws {
        try await TestApp.with(kind) { app, _ in
            try await TestAccounts.seed(app)
            let leader = Browser(app)
            try await leader.login("lanhdao")
            try await leader.get("/dialogues/new")
            let saved = try await leader.post(
                "/dialogues/new",
                Self.session + [
                    ("questions.0.askedBy", "Bà Lê Thị Cúc"), ("questions.0.text", "Thủ tục kéo dài."), ("questions.0.followUp", "task"),
                    ("questions.0.unitCode", Fixtures.landCode), ("questions.0.dueOn", "2026-11-24"),
                ])
            #expect(saved.status == .created)
            let specialist = Browser(app)
            try await specialist.login("chuyenvien")
            let list = try await specialist.get("/tasks").body.string
            #expect(list.contains("NV-261123-0001") && list.contains("class=\"nearing\""))
            #expect(try await specialist.get("/tasks/NV-261123-0001").body.string.contains("action=\"/tasks/NV-261123-0001/done\"") == false)
            #expect(try await specialist.post("/tasks/NV-261123-0001/done", [("version", "1"), ("note", "Xong")]).status == .forbidden)

            try await leader.get("/tasks/NV-261123-0001")
            let empty = try await leader.post("/tasks/NV-261123-0001/done", [("version", "1"), ("note", " ")])
            #expect(empty.status == .unprocessableEntity && empty.body.string.contains("Vui lòng nhập thông tin này."))
            #expect(try await leader.post("/tasks/NV-261123-0001/done", [("version", "1"), ("note", "Đã rà soát 12 hồ sơ.")]).status == .seeOther)
            let stale = try await leader.post("/tasks/NV-261123-0001/done", [("version", "1"), ("note", "Lần hai")])
            #expect(stale.status == .conflict)
            #expect(stale.body.string.contains("Lần hai"))
            let task = try #require(try await app.store.tasks.find(code: "NV-261123-0001"))
            #expect(task.state == .done && task.doneNote == "Đã rà soát 12 hồ sơ." && task.doneOn == Fixtures.day("2026-11-23") && !task.wasLate)
            #expect(try await specialist.get("/tasks?state=open").body.string.contains("NV-261123-0001") == false)
        }
    }
    @Test(
        "A recorded session is corrected on its edit page: bad fields marked with nothing lost, the follow-ups kept, a stale form a 409",
        arguments: TestDatabases.kinds)
    func amend(kind: DatabaseKind) async throws {
        try await TestApp.with(kind) { app, _ in
            try await TestAccounts.seed(app)
            let leader = Browser(app)
            try await leader.login("lanhdao")
            try await leader.get("/dialogues/new")
            let question: [(String, String)] = [
                ("questions.0.askedBy", "Bà Cúc"), ("questions.0.text", "Thủ tục kéo dài."), ("questions.0.followUp", "task"),
                ("questions.0.unitCode", Fixtures.landCode), ("questions.0.dueOn", "2026-12-15"),
            ]
            #expect(try await leader.post("/dialogues/new", Self.session + question).status == .created)
            let show = try await leader.get("/dialogues/DT-261120-0001").body.string
            #expect(show.contains("href=\"/dialogues/DT-261120-0001/edit\""))
            let form = try await leader.get("/dialogues/DT-261120-0001/edit").body.string
            #expect(form.contains("value=\"Hội trường UBND tỉnh\"") && form.contains("Thủ tục kéo dài.") && form.contains("NV-261123-0001"))

            let fields: [(String, String)] = [
                ("version", "1"), ("heldOn", "2026-11-19"), ("place", "Nhà văn hóa phường"), ("chairName", "Nguyễn Văn Lãnh"), ("chairTitle", "Giám đốc Sở"),
                ("audience", "citizens"), ("participants.citizens", "52"), ("conclusion", "Kết luận đã sửa."), ("questions.0.askedBy", "Bà Lê Thị Cúc"),
            ]
            let bad = try await leader.post("/dialogues/DT-261120-0001/edit", fields.map { $0.0 == "chairTitle" ? ("chairTitle", "") : $0 })
            #expect(bad.status == .unprocessableEntity && bad.body.string.contains("Nhà văn hóa phường") && bad.body.string.contains("Bà Lê Thị Cúc"))
            #expect(bad.body.string.contains("Vui lòng nhập thông tin này."))
            #expect(try await leader.post("/dialogues/DT-261120-0001/edit", fields).status == .seeOther)
            let session = try #require(try await app.store.dialogues.find(code: "DT-261120-0001"))
            #expect(session.version == 2 && session.place == "Nhà văn hóa phường" && session.heldOn == Fixtures.day("2026-11-19"))
            #expect(session.participantCount == 52 && session.questions.first?.askedBy == "Bà Lê Thị Cúc" && session.amendedBy == "lanhdao")
            #expect(session.questions.first?.followUp == .task(code: "NV-261123-0001") && session.questions.first?.text == "Thủ tục kéo dài.")
            #expect(try await leader.get("/dialogues/DT-261120-0001").body.string.contains("Sửa lần cuối bởi lanhdao"))

            let stale = try await leader.post("/dialogues/DT-261120-0001/edit", fields.map { $0.0 == "place" ? ("place", "Lần hai") : $0 })
            #expect(stale.status == .conflict && stale.body.string.contains("Lần hai"))
            // Not the specialist's to correct, and not another unit's leader's either.
            let specialist = Browser(app)
            try await specialist.login("chuyenvien")
            #expect(try await specialist.get("/dialogues/DT-261120-0001/edit").status == .forbidden)
            #expect(!(try await specialist.get("/dialogues/DT-261120-0001").body.string.contains("/edit\"")))
        }
    }
}
