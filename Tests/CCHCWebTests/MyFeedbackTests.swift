import CCHCCore
import CCHCTestSupport
import Foundation
import Testing
import Vapor
import VaporTesting

@testable import CCHCWeb

@Suite("A citizen's own feedback, followed from the account")
struct MyFeedbackTests {
    @Test("Sent while signed in, it is listed and acted on from the account without a PIN; another citizen does not find it", arguments: TestDatabases.kinds)
    func mine(kind: DatabaseKind) async throws {
        try await TestApp.with(kind) { app, _ in
            try await TestAccounts.seed(app)
            let citizen = Browser(app)
            try await citizen.login("congdan")
            try await citizen.get("/feedback/new")
            let sent = try await citizen.postMultipart(
                "/feedback/new", [("topic", "unit"), ("unitCode", Fixtures.landCode), ("title", "Chậm trả kết quả"), ("content", "Quá hẹn hai tuần.")],
                files: [])
            #expect(sent.status == .created)
            let code = try #require(sent.body.string.components(separatedBy: "id=\"sent-code\">").dropFirst().first?.prefix(14)).description
            #expect(sent.body.string.contains("href=\"/my/feedback/\(code)\""))
            let list = try await citizen.get("/my/feedback")
            #expect(list.status == .ok && list.body.string.contains(code) && list.body.string.contains("Chậm trả kết quả"))

            // The unit answers and publishes it; the citizen rates the answer from the account.
            let service = FeedbackService(store: app.store, maximumLookupFailures: 5)
            let officer = try #require(try await app.store.users.find(username: "chuyenvien"))
            let leader = try #require(try await app.store.users.find(username: "lanhdao"))
            var item = try #require(try await app.store.feedback.find(code: code))
            item = try await service.act(on: item, .accept(.rules), expectedVersion: item.version, by: .staff(officer), now: Fixtures.now)
            item = try await service.act(on: item, .answer("Đã trả kết quả."), expectedVersion: item.version, by: .staff(officer), now: Fixtures.now)
            item = try await service.act(on: item, .publish, expectedVersion: item.version, by: .staff(leader), now: Fixtures.now)
            let detail = try await citizen.get("/my/feedback/\(code)")
            #expect(detail.status == .ok && detail.body.string.contains("Đã trả kết quả.") && detail.body.string.contains("/my/feedback/\(code)/actions"))
            let stale = try await citizen.post("/my/feedback/\(code)/actions", [("kind", "rate"), ("version", "1"), ("rating", "helpful")])
            #expect(stale.status == .conflict)
            let rated = try await citizen.post("/my/feedback/\(code)/actions", [("kind", "rate"), ("version", String(item.version)), ("rating", "helpful")])
            #expect(rated.status == .seeOther)
            #expect(try await app.store.feedback.find(code: code)?.senderRating == .helpful)

            // Another citizen, and staff, find nothing there.
            _ = try await UserAccounts(store: app.store, hasher: app.services.hasher).create(
                NewUser(username: "congdan2", fullName: "Lê Văn B", role: .citizen, unitCode: nil, password: TestAccounts.password),
                actor: nil, address: nil, now: Fixtures.now)
            let other = Browser(app)
            try await other.login("congdan2")
            #expect(try await other.get("/my/feedback/\(code)").status == .notFound)
            #expect(try await other.get("/my/feedback").body.string.contains(code) == false)
            let staff = Browser(app)
            try await staff.login("motcua")
            #expect(try await staff.get("/my/feedback").status == .forbidden)
        }
    }
}
