import CCHCCore
import CCHCTestSupport
import Foundation
import Testing
import Vapor
import VaporTesting
import WorkCalendar

@testable import CCHCWeb

@Suite("Inspections: a plan's visits, their findings and recommendations as tasks, discipline names restricted")
struct InspectionTests {
    @Test("Plan, record a visit with its refusals, follow its recommendations; only reform staff and the committee read names", arguments: TestDatabases.kinds)
    func loop(kind: DatabaseKind) async throws {
        try await TestApp.with(kind) { app, _ in
            try await TestAccounts.seed(app)
            let staff = Browser(app)
            try await staff.login("noivu")
            try await staff.get("/inspections")
            var plan: [(String, String)] = [
                ("title", "Kiểm tra Bộ phận Một cửa"), ("decision", "310/QĐ-SNV"), ("signedOn", "2026-08-01"), ("team", "Lê Thu Hà | Trưởng đoàn"),
                ("checklist", "Niêm yết TTHC\nSổ theo dõi hồ sơ"), ("visits", "\(Fixtures.communeCode) | 2026-09-15\nNOPE | 2026-09-20"),
            ]
            let bad = try await staff.post("/inspections", plan)
            #expect(bad.status == .unprocessableEntity && bad.body.string.contains("Dòng 2: ") && bad.body.string.contains("Kiểm tra Bộ phận Một cửa"))
            plan[5] = ("visits", "\(Fixtures.communeCode) | 2026-09-15\n\(Fixtures.landCode) | 2026-07-01")
            #expect(try await staff.post("/inspections", plan).status == .unprocessableEntity)
            plan[5] = ("visits", "\(Fixtures.communeCode) | 2026-09-15\n\(Fixtures.landCode) | 2026-10-01")
            #expect(try await staff.post("/inspections", plan).status == .seeOther)

            var visit: [(String, String)] = [
                ("unitCode", Fixtures.communeCode), ("version", "1"), ("visitedOn", "2026-09-15"), ("result_0", "met"), ("result_1", "not_met"),
                ("findings", "Nghiêm trọng | Sổ theo dõi không cập nhật"), ("recommendations", "Lập lại sổ theo dõi | 2026-09-01"),
                ("discipline", "Nguyễn Văn Tư | Công chức Một cửa | Khiển trách | 45/QĐ-UBND"),
            ]
            let early = try await staff.post("/inspections/KT-2026-001/visits", visit)
            #expect(early.status == .unprocessableEntity && early.body.string.contains("Dòng 1: Cần nội dung và hạn thực hiện không trước ngày kiểm tra."))
            #expect(early.body.string.contains("Sổ theo dõi không cập nhật"))
            visit[6] = ("recommendations", "Lập lại sổ theo dõi | 2026-10-15\nGửi thư xin lỗi | 2026-12-31")
            #expect(try await staff.post("/inspections/KT-2026-001/visits", visit).status == .seeOther)
            #expect(try await staff.post("/inspections/KT-2026-001/visits", visit).status == .conflict)
            let inspection = try #require(try await app.store.inspections.find(code: "KT-2026-001"))
            let recorded = try #require(inspection.visits.first { $0.isDone })
            #expect(recorded.results == [.met, .notMet] && recorded.findings.first?.severity == .serious && recorded.recommendations.count == 2)
            let tasks = try await app.store.tasks.list(TaskQuery(source: TaskSource(.inspection, reference: "KT-2026-001")))
            #expect(tasks.count == 2 && Set(tasks.map(\.unitID)) == [recorded.unitID])
            #expect(tasks.contains { $0.isOverdue(today: VietnamTime.localDate(of: Fixtures.now)) })

            // Names: reform staff and the committee read them; a unit leader learns only that there was a measure.
            #expect(try await staff.get("/inspections/KT-2026-001").body.string.contains("Nguyễn Văn Tư"))
            let committee = Browser(app)
            try await committee.login("bcd")
            #expect(try await committee.get("/inspections/KT-2026-001").body.string.contains("Nguyễn Văn Tư"))
            let leader = Browser(app)
            try await leader.login("lanhdao")
            let restricted = try await leader.get("/inspections/KT-2026-001").body.string
            #expect(!restricted.contains("Nguyễn Văn Tư") && !restricted.contains("45/QĐ-UBND") && restricted.contains("1 trường hợp"))
            #expect(try await leader.post("/inspections/KT-2026-001/visits", visit).status == .forbidden)
            let api = try await APIClient.login(app, "lanhdao")
            let read = try await api.send(.GET, "/api/v1/inspections/KT-2026-001")
            #expect(read.status == .ok && !read.body.string.contains("Nguyễn Văn Tư") && read.body.string.contains("\"disciplineCount\":1"))
            let full = try await APIClient.login(app, "noivu").send(.GET, "/api/v1/inspections/KT-2026-001")
            #expect(full.body.string.contains("Nguyễn Văn Tư"))
            let apiVisit = try await APIClient.login(app, "noivu").send(
                .POST, "/api/v1/inspections/KT-2026-001/visits",
                json: #"{"version":2,"unitCode":"\#(Fixtures.landCode)","visitedOn":"2026-10-01","results":["met"]}"#)
            #expect(apiVisit.status == .unprocessableEntity)
        }
    }
}
