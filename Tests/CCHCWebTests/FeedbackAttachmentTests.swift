import CCHCTestSupport
import Foundation
import Testing
import Vapor
import VaporTesting

@testable import CCHCCore
@testable import CCHCWeb

@Suite("Feedback attachments: checked by content, kept on errors, shown only to the sender and the officers")
struct FeedbackAttachmentTests {
    static let png: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A] + Array(repeating: 7, count: 2048)

    @Test(
        "A sender attaches a photo; a disguised or oversize file is refused beside its field; the unit and the sender download it",
        arguments: TestDatabases.kinds)
    func attachments(kind: DatabaseKind) async throws {
        try await TestApp.with(kind, environment: ["CCHC_UPLOAD_MAX_MB": "1"]) { app, _ in
            try await TestAccounts.seed(app)
            let citizen = Browser(app)
            try await citizen.get("/feedback/new")
            let fields: [(String, String)] = [
                ("name", "Lê Thị Hoa"), ("topic", "unit"), ("unitCode", Fixtures.landCode), ("title", "Niêm yết thủ tục đã cũ"),
                ("content", "Bảng niêm yết ở bộ phận một cửa ghi phí cũ, ảnh chụp kèm theo."),
            ]
            let disguised = Array("MZ\u{90}\u{0}This program cannot be run in DOS mode".utf8)
            let rejected = try await citizen.postMultipart(
                "/feedback/new", fields,
                files: [
                    ("attachment0", "bang-niem-yet.png", Self.png), ("attachment1", "don.pdf", disguised),
                    ("attachment2", "anh-lon.png", Self.png + Array(repeating: 0, count: 1_100_000)),
                ])
            // No contact, a disguised file and an oversize one: every error at once, nothing typed lost.
            #expect(rejected.status == .unprocessableEntity)
            let page = rejected.body.string
            #expect(page.contains("Tệp don.pdf không phải PDF, JPEG hoặc PNG") && page.contains("Tệp anh-lon.png lớn hơn 1 MB"))
            #expect(page.contains("Vui lòng nhập số điện thoại hoặc thư điện tử"))
            #expect(page.contains("Đã tải lên: bang-niem-yet.png") && page.contains("value=\"Lê Thị Hoa\""))
            #expect(try await app.store.feedback.list(FeedbackQuery()).items.isEmpty)

            // Sent again with the kept photo: nothing uploaded twice.
            let kept = try #require(page.components(separatedBy: "name=\"kept0\" value=\"").dropFirst().first?.prefix(36))
            let sent = try await citizen.postMultipart("/feedback/new", fields + [("phone", "0912 000 111"), ("kept0", String(kept))], files: [])
            #expect(sent.status == .created)
            let code = try #require(sent.body.string.components(separatedBy: "id=\"sent-code\">").dropFirst().first?.prefix(14)).description
            let pin = try #require(sent.body.string.components(separatedBy: "id=\"sent-pin\">").dropFirst().first?.prefix(6)).description
            let stored = try #require(try await app.store.feedback.find(code: code))
            let file = try #require(stored.attachments?.first)
            #expect(stored.attachments?.count == 1 && file.kind == .png && file.originalName == "bang-niem-yet.png")
            // The hash of the bytes sent (computed apart, with Python's hashlib).
            #expect(file.sha256 == "3f7fb8bcc6593ffde591a2f335c6f62a5e3246067c33e6b03e76ba5b5741689b")
            #expect(try await app.store.feedback.attachmentExists(id: file.id))
            let id = file.id.uuidString.lowercased()

            // The sender, by code and PIN (posted); a wrong PIN finds nothing.
            let lookup = try await citizen.post("/feedback/lookup", [("code", code), ("pin", pin)])
            #expect(lookup.body.string.contains("bang-niem-yet.png") && lookup.body.string.contains("value=\"\(id)\""))
            let mine = try await citizen.post("/feedback/lookup/file", [("code", code), ("pin", pin), ("id", id)])
            #expect(mine.status == .ok && Array(mine.body.readableBytesView) == Self.png)
            #expect(try await citizen.post("/feedback/lookup/file", [("code", code), ("pin", "000000"), ("id", id)]).status == .notFound)

            // The unit's officer sees and downloads it; an officer of another unit cannot reach the item.
            let officer = Browser(app)
            try await officer.login("chuyenvien")
            #expect(try await officer.get("/feedback/\(code)").body.string.contains("href=\"/feedback/\(code)/files/\(id)\""))
            let download = try await officer.get("/feedback/\(code)/files/\(id)")
            #expect(download.status == .ok && download.headers.contentType == .png && Array(download.body.readableBytesView) == Self.png)
            #expect(download.headers.contentDisposition?.value == .attachment)
            #expect(try await officer.get("/feedback/\(code)/files/\(UUID().uuidString)").status == .notFound)
            let other = Browser(app)
            try await other.login("motcua")
            #expect(try await other.get("/feedback/\(code)/files/\(id)").status == .notFound)

            // The API lists the file and serves it with its own type.
            let api = try await APIClient.login(app, "chuyenvien")
            let item = try await api.send(.GET, "/api/v1/feedback/\(code)")
            #expect(item.body.string.contains("\"sha256\":\"\(file.sha256)\"") && item.body.string.contains("\"contentType\":\"image/png\""))
            let served = try await api.send(.GET, "/api/v1/feedback/\(code)/attachments/\(id)")
            #expect(served.status == .ok && served.headers.contentType == .png && Array(served.body.readableBytesView) == Self.png)

            // Published answers never carry the files.
            try await officer.post("/feedback/\(code)/actions", [("kind", "accept"), ("version", "1"), ("classification", "rules")])
            try await officer.post("/feedback/\(code)/actions", [("kind", "answer"), ("version", "2"), ("text", "Đã thay bảng niêm yết mới.")])
            let leader = Browser(app)
            try await leader.login("lanhdao")
            try await leader.get("/feedback/\(code)")
            #expect(try await leader.post("/feedback/\(code)/actions", [("kind", "publish"), ("version", "3")]).status == .seeOther)
            let published = try await Browser(app).get("/feedback/published").body.string
            #expect(published.contains("Đã thay bảng niêm yết mới.") && !published.contains("bang-niem-yet.png"))
        }
    }

    @Test(
        "A crash after the item committed but before its file moved: recovery moves the file, and a file nothing claimed is removed",
        arguments: TestDatabases.kinds)
    func recovery(kind: DatabaseKind) async throws {
        try await TestApp.with(kind) { app, clock in
            try await TestAccounts.seed(app)
            let storage = app.services.files
            func stage(_ name: String) async throws -> StagedFile {
                let writer = try await storage.stage(componentIndex: 0, originalName: name, owner: "anonymous:test", now: app.clock.now)
                try await writer.write(Self.png)
                return try await writer.finish()
            }
            let claimed = try await stage("claimed.png"), orphan = try await stage("orphan.png")
            // The item and its file's row commit; the process dies before the file leaves staging.
            var feedback = Feedback(
                new: UUID(), topic: .unit, classification: .other, unitID: try #require(try await app.store.units.tree().unit(code: Fixtures.landCode)).id,
                sender: FeedbackSender(name: "Lê Thị Hoa", phone: "0912000111"), title: "Ảnh", content: "Ảnh chụp", receivedAt: app.clock.now,
                rulesVersion: 1)
            feedback.attachments = [claimed.attachment(storagePath: storage.storagePath(of: claimed))]
            let event = FeedbackEventDraft(
                payload: .submitted(topic: .unit, classification: .other, unitID: feedback.unitID), stateBefore: nil, stateAfter: .received,
                actorUsername: "", actorName: "Lê Thị Hoa", actorRole: "sender", occurredAt: app.clock.now, facts: feedback.facts)
            _ = try await app.store.feedback.create(SubmittedFeedback(feedback: feedback, pin: "123456"), event: event, idempotency: nil)

            clock.advance(by: 2 * 86_400)
            try await DeadlineJob.recoverFiles(app)
            let placed = URL(fileURLWithPath: app.config.dataDirectory).appendingPathComponent(storage.storagePath(of: claimed))
            #expect(FileManager.default.contents(atPath: placed.path).map(Array.init) == Self.png)
            #expect(try await storage.staged(id: orphan.id, owner: "anonymous:test") == nil)
            #expect(!FileManager.default.fileExists(atPath: storage.url(of: orphan.attachment(storagePath: storage.storagePath(of: orphan))).path))
        }
    }
}
