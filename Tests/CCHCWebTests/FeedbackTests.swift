import CCHCCore
import CCHCTestSupport
import Foundation
import Testing
import Vapor
import VaporTesting

@testable import CCHCWeb

@Suite("Feedback: pages, API, chain and counters")
struct FeedbackWebTests {
    @Test(
        "A citizen sends feedback on the page, the unit handles it, the sender rates it, the public sees it without personal data",
        arguments: TestDatabases.kinds)
    func pages(kind: DatabaseKind) async throws {
        try await TestApp.with(kind) { app, _ in
            try await TestAccounts.seed(app)
            let citizen = Browser(app)
            try await citizen.get("/feedback/new")
            // Nothing to reach the sender by: the message is beside the field and what was typed stays.
            let missing = try await citizen.postMultipart(
                "/feedback/new",
                [("name", "Trần Văn Đất"), ("topic", "unit"), ("unitCode", Fixtures.landCode), ("title", "Chậm cấp sổ đỏ"), ("content", "Hồ sơ quá hẹn.")],
                files: [])
            #expect(missing.status == .unprocessableEntity)
            #expect(missing.body.string.contains("Vui lòng nhập số điện thoại hoặc thư điện tử"))
            #expect(missing.body.string.contains("value=\"Trần Văn Đất\"") && missing.body.string.contains("Hồ sơ quá hẹn."))
            #expect(try await app.store.feedback.list(FeedbackQuery()).items.isEmpty)

            let sent = try await citizen.postMultipart(
                "/feedback/new",
                [
                    ("name", "Trần Văn Đất"), ("phone", "0912 345 678"), ("topic", "unit"), ("unitCode", Fixtures.landCode), ("title", "Chậm cấp sổ đỏ"),
                    ("content", "Hồ sơ đất đai quá hẹn, gọi tôi số 0912 345 678."),
                ], files: [])
            #expect(sent.status == .created)
            let code = try #require(sent.body.string.components(separatedBy: "id=\"sent-code\">").dropFirst().first?.prefix(14)).description
            let pin = try #require(sent.body.string.components(separatedBy: "id=\"sent-pin\">").dropFirst().first?.prefix(6)).description
            #expect(code.hasPrefix("PA-261123-"))
            // Accept by the second working day after the day it came in, on the province's calendar.
            let acceptBy = try await app.store.calendarOverrides.workingCalendar().workingDay(2, from: Fixtures.day("2026-11-23"))
            #expect(sent.body.string.contains("<dd>\(acceptBy.vietnameseFormat)</dd>"))

            let wrong = try await citizen.post("/feedback/lookup", [("code", code), ("pin", "000000")])
            #expect(wrong.status == .notFound)

            // The specialist of the land department sees it in the queue, accepts and answers; the leader publishes.
            let officer = Browser(app)
            try await officer.login("chuyenvien")
            let queue = try await officer.get("/feedback")
            #expect(queue.body.string.contains(code) && queue.body.string.contains("Chậm cấp sổ đỏ"))
            let other = Browser(app)
            try await other.login("motcua")
            #expect(try await other.get("/feedback").body.string.contains(code) == false)
            #expect(try await other.get("/feedback/\(code)").status == .notFound)

            try await officer.get("/feedback/\(code)")
            let accepted = try await officer.post("/feedback/\(code)/actions", [("kind", "accept"), ("version", "1"), ("classification", "rules")])
            #expect(accepted.status == .seeOther)
            // A stale version is a conflict, and nothing typed is lost.
            let stale = try await officer.post("/feedback/\(code)/actions", [("kind", "answer"), ("version", "1"), ("text", "Trả lời cũ")])
            #expect(stale.status == .conflict && stale.body.string.contains("Trả lời cũ"))
            #expect(
                try await officer.post("/feedback/\(code)/actions", [("kind", "answer"), ("version", "2"), ("text", "Đã cấp giấy chứng nhận.")]).status
                    == .seeOther)
            #expect(try await officer.post("/feedback/\(code)/actions", [("kind", "publish"), ("version", "3")]).status == .forbidden)
            let leader = Browser(app)
            try await leader.login("lanhdao")
            try await leader.get("/feedback/\(code)")
            #expect(try await leader.post("/feedback/\(code)/actions", [("kind", "publish"), ("version", "3")]).status == .seeOther)

            // The sender reads the answer and rates it.
            let found = try await citizen.post("/feedback/lookup", [("code", code), ("pin", pin)])
            #expect(found.status == .ok && found.body.string.contains("Đã cấp giấy chứng nhận.") && found.body.string.contains("Đã công khai"))
            let rated = try await citizen.post(
                "/feedback/lookup/action", [("code", code), ("pin", pin), ("kind", "rate"), ("version", "4"), ("rating", "helpful")])
            #expect(rated.status == .ok && rated.body.string.contains("Câu trả lời hữu ích"))

            // Public: found without accents, no name, no phone.
            let published = try await Browser(app).get("/feedback/published?q=dat+dai")
            #expect(published.body.string.contains(code) && published.body.string.contains("Đã cấp giấy chứng nhận."))
            #expect(!published.body.string.contains("Trần Văn Đất") && !published.body.string.contains("0912 345 678"))

            // The chain holds, and the counters kept with the events equal those rebuilt from them.
            #expect(try await app.store.feedback.verifyAuditChain().eventsChecked == 5)
            #expect(try await app.store.feedback.verifyAuditChain().isIntact)
            #expect(try await app.store.projections.check([FeedbackCounters.name]) { _, _ in }.isEmpty)
            let sums = try await app.store.projections.sums(
                projection: FeedbackCounters.name, counters: ["received", "finished", "finished_on_time", "satisfied"], entities: nil, days: nil)
            #expect(sums == ["received": 1, "finished": 1, "finished_on_time": 1, "satisfied": 1])
        }
    }

    @Test("The API: submit (idempotent), look up by PIN, act as officer and sender, list; bad input named", arguments: TestDatabases.kinds)
    func api(kind: DatabaseKind) async throws {
        try await TestApp.with(kind) { app, _ in
            try await TestAccounts.seed(app)
            let anonymous = APIClient(app: app)
            let bad = try await anonymous.send(.POST, "/api/v1/public/feedback", json: #"{"topic":"procedure","title":"","content":"x"}"#)
            #expect(bad.status == .unprocessableEntity)
            let fields = (try bad.json()["errors"] as? [[String: Any]] ?? []).compactMap { $0["field"] as? String }
            #expect(Set(fields).isSuperset(of: ["name", "phone", "title", "procedureCode"]))

            let body =
                #"{"name":"Lê Thị Hoa","email":"hoa@example.vn","topic":"official","unitCode":"\#(Fixtures.centreCode)","officialName":"Cán bộ A","title":"Thái độ","content":"Không hướng dẫn."}"#
            let first = try await anonymous.send(.POST, "/api/v1/public/feedback", json: body, headers: [("Idempotency-Key", "k-1")])
            #expect(first.status == .created)
            let again = try await anonymous.send(.POST, "/api/v1/public/feedback", json: body, headers: [("Idempotency-Key", "k-1")])
            #expect(NSDictionary(dictionary: try again.json()) == NSDictionary(dictionary: try first.json()))
            #expect(try await app.store.feedback.list(FeedbackQuery()).items.count == 1)
            let created = try first.json()
            let code = try #require(created["code"] as? String), pin = try #require(created["pin"] as? String)

            let notFound = try await anonymous.send(.POST, "/api/v1/public/feedback/\(code)/lookup", json: #"{"pin":"000000"}"#)
            #expect(notFound.status == .notFound)
            let found = try await anonymous.send(.POST, "/api/v1/public/feedback/\(code)/lookup", json: #"{"pin":"\#(pin)"}"#)
            #expect(try found.json()["classification"] as? String == "conduct")

            let desk = try await APIClient.login(app, "motcua")
            let list = try await desk.send(.GET, "/api/v1/feedback?state=received")
            #expect(((try list.json()["items"] as? [[String: Any]]) ?? []).count == 1)
            let accepted = try await desk.send(.POST, "/api/v1/feedback/\(code)/actions", json: #"{"version":1,"kind":"accept","classification":"conduct"}"#)
            #expect(accepted.status == .ok)
            #expect(try accepted.json()["availableActions"] as? [String] == ["transfer", "ask_info", "answer"])
            let asked = try await desk.send(.POST, "/api/v1/feedback/\(code)/actions", json: #"{"version":2,"kind":"ask_info","question":"Ngày nào?"}"#)
            #expect(try asked.json()["state"] as? String == "awaiting_info")
            let empty = try await anonymous.send(
                .POST, "/api/v1/public/feedback/\(code)/actions", json: #"{"pin":"\#(pin)","version":3,"kind":"reply","text":" "}"#)
            #expect(empty.status == .unprocessableEntity)
            let replied = try await anonymous.send(
                .POST, "/api/v1/public/feedback/\(code)/actions", json: #"{"pin":"\#(pin)","version":3,"kind":"reply","text":"Sáng thứ Hai."}"#)
            #expect(try replied.json()["state"] as? String == "accepted")
            // Nobody else's: a specialist of another unit does not see it.
            let other = try await APIClient.login(app, "chuyenvien")
            #expect(try await other.send(.GET, "/api/v1/feedback/\(code)").status == .notFound)
            #expect(try await anonymous.send(.GET, "/api/v1/feedback").status == .unauthorized)
        }
    }
}
