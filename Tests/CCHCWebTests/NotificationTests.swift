import CCHCCore
import CCHCTestSupport
import Foundation
import Testing
import Vapor
import VaporTesting
import WorkCalendar

@testable import CCHCWeb

@Suite("Notifications to citizens and officers")
struct NotificationTests {
    static let publicURL = "https://dvc.example.vn"

    /// Takes a dossier in at the counter through the API; its receipt goes to an@example.vn and 0912345678.
    static func intake(_ app: Application) async throws -> String {
        try await DossierAPITests.prepare(app)
        let desk = try await APIClient.login(app, "motcua")
        let created = try await desk.send(.POST, "/api/v1/dossiers", json: DossierAPITests.counterBody)
        return try #require(try created.json()["code"] as? String)
    }

    @Test(
        "E-mail over SMTP to a real server: the receipt arrives once, in Vietnamese, with the lookup link; a channel not configured fails saying so",
        .enabled(if: SMTPTestServer.python != nil, "needs Python with aiosmtpd (.ci/run installs it)"))
    func smtp() async throws {
        let server = try await SMTPTestServer.start()
        defer { server.stop() }
        let environment = [
            "CCHC_SMTP_URL": "smtp://127.0.0.1:\(server.port)", "CCHC_SMTP_FROM": "motcua@example.gov.vn", "CCHC_PUBLIC_URL": Self.publicURL,
        ]
        try await TestApp.with(.sqlite, environment: environment) { app, clock in
            let code = try await Self.intake(app)
            let result = try await NotificationJob.run(app)
            #expect(result.sent == 1 && result.failed == 1)
            let mail = try #require(server.messages().first)
            #expect(server.messages().count == 1)
            #expect(mail.contains("To: <an@example.vn>") && mail.contains("From: <motcua@example.gov.vn>"))
            #expect(mail.contains("Subject: =?UTF-8?B?\(Data("Đã tiếp nhận hồ sơ \(code)".utf8).base64EncodedString())?="))
            let body = try #require(Self.decodedBody(mail))
            #expect(body.contains("Hồ sơ \(code) (") && body.contains("Tra cứu tiến độ: \(Self.publicURL)/lookup?code=\(code)"))
            #expect(!body.contains("Nguyễn Văn An"))
            let sms = try await app.store.notifications.recent(limit: 10).first { $0.channel == .sms }
            #expect(sms?.state == .failed && sms?.lastError == "notification.error.not_configured.sms")
            // Sent is sent: a later run sends nothing again.
            clock.advance(by: 3600)
            #expect(try await NotificationJob.run(app) == (0, 0))
            #expect(server.messages().count == 1)
        }
    }

    /// The base64 body after the blank line ending the headers.
    static func decodedBody(_ mail: String) -> String? {
        guard let range = mail.range(of: "\n\n") ?? mail.range(of: "\r\n\r\n") else { return nil }
        let encoded = mail[range.upperBound...].filter { !$0.isWhitespace }
        return Data(base64Encoded: String(encoded)).map { String(decoding: $0, as: UTF8.self) }
    }

    @Test("An SMTP server that cannot be reached: the message waits for its next try with the reason, nothing is lost, the server keeps serving")
    func unreachableSMTP() async throws {
        try await TestApp.with(.sqlite, environment: ["CCHC_SMTP_URL": "smtp://127.0.0.1:9", "CCHC_SMTP_FROM": "a@example.gov.vn"]) { app, clock in
            _ = try await Self.intake(app)
            #expect(try await NotificationJob.run(app) == (0, 2))
            let mail = try #require(try await app.store.notifications.recent(limit: 10).first { $0.channel == .email })
            #expect(mail.state == .pending && mail.attempts == 1 && mail.nextAttemptAt == clock.now.addingTimeInterval(60))
            #expect(mail.lastError?.contains("SMTP 127.0.0.1:9") == true)
            try await app.testing().test(.GET, "/lookup") { response in #expect(response.status == .ok) }
            // The outbox page says why in Vietnamese, with the server's own words after a translated lead.
            let admin = Browser(app)
            try await admin.login("admin")
            let page = try await admin.get("/admin/notifications").text
            #expect(page.contains("Chưa cấu hình kênh tin nhắn (SMS/Zalo)") && page.contains("Máy chủ thư hoặc cổng tin nhắn trả lời: SMTP 127.0.0.1:9"))
        }
    }

    @Test("Text messages through the gateway's webhook: signed, keyed by the message id, a 503 tried again after a minute, a 400 given up")
    func webhook() async throws {
        let receiver = try await WebhookReceiver.start(answering: [.serviceUnavailable])
        let secret = "khoá bí mật"
        let environment = [
            "CCHC_NOTIFY_WEBHOOK_URL": "http://127.0.0.1:\(receiver.port)/hook", "CCHC_NOTIFY_WEBHOOK_SECRET": secret, "CCHC_PUBLIC_URL": Self.publicURL,
        ]
        try await TestApp.with(.sqlite, environment: environment) { app, clock in
            let code = try await Self.intake(app)
            #expect(try await NotificationJob.run(app) == (0, 2))  // The gateway answered 503; e-mail is not configured.
            clock.advance(by: 61)
            #expect(try await NotificationJob.run(app) == (1, 0))
            let calls = receiver.calls
            #expect(calls.count == 2)
            let call = try #require(calls.last)
            let body = try #require(try JSONSerialization.jsonObject(with: call.body) as? [String: Any])
            #expect(body["to"] as? String == "0912345678" && body["channel"] as? String == "sms" && body["kind"] as? String == "receipt")
            #expect((body["text"] as? String)?.contains("\(Self.publicURL)/lookup?code=\(code)") == true)
            let id = try #require(body["id"] as? String)
            #expect(call.headers.first(name: "Idempotency-Key") == id.lowercased() && calls[0].headers.first(name: "Idempotency-Key") == id.lowercased())
            let expected = HMAC<SHA256>.authenticationCode(for: call.body, using: SymmetricKey(data: Data(secret.utf8)))
            #expect(call.headers.first(name: "X-CCHC-Signature") == "sha256=" + expected.map { String(format: "%02x", $0) }.joined())
        }
        try await receiver.stop()

        let refusing = try await WebhookReceiver.start(answering: [.badRequest])
        try await TestApp.with(.sqlite, environment: ["CCHC_NOTIFY_WEBHOOK_URL": "http://127.0.0.1:\(refusing.port)/hook"]) { app, _ in
            _ = try await Self.intake(app)
            _ = try await NotificationJob.run(app)
            let sms = try await app.store.notifications.recent(limit: 10).first { $0.channel == .sms }
            #expect(sms?.state == .failed && sms?.lastError == "webhook: HTTP 400")
        }
        try await refusing.stop()
    }

    @Test("A unit's leader is reminded once of a report due within seven days that the unit has not sent")
    func reportDue() async throws {
        try await TestApp.with(.sqlite) { app, _ in
            try await TestAccounts.seed(app)
            let leader = try #require(try await app.store.users.find(username: "lanhdao"))
            _ = try await NotificationService(store: app.store).savePreferences(
                of: leader, email: "lanhdao@example.vn", phone: "", channels: [.email], language: "vi", now: Fixtures.now)
            let reports = ReportService(store: app.store)
            // 23/11: the year's report is due 20/12, not yet within seven days.
            #expect(try await reports.remindDueReports(now: Fixtures.now) == 0)
            let monday = VietnamTime.instant(on: Fixtures.day("2026-12-14"), secondsOfDay: 8 * 3600)
            #expect(try await reports.remindDueReports(now: monday) > 0)
            _ = try await reports.remindDueReports(now: monday.addingTimeInterval(3600))
            let messages = try await app.store.notifications.recent(limit: 50).filter { $0.kind == .reportDue }
            #expect(messages.map(\.recipient) == ["lanhdao@example.vn"])
            #expect(messages.first?.parameters["dueDate"] == "20/12/2026")
        }
    }

    @Test("A bad SMTP or webhook address stops the start with the variable named")
    func badConfiguration() throws {
        #expect(throws: AppConfig.Invalid.self) { try AppConfig.load(from: ["CCHC_SMTP_URL": "mail.example.vn"]) }
        #expect(throws: AppConfig.Invalid.self) { try AppConfig.load(from: ["CCHC_SMTP_URL": "smtp://mail.example.vn"]) }
        #expect(throws: AppConfig.Invalid.self) { try AppConfig.load(from: ["CCHC_NOTIFY_WEBHOOK_URL": "ftp://x"]) }
        let config = try AppConfig.load(from: ["CCHC_SMTP_URL": "smtps://u%40x:p@mail.example.vn", "CCHC_SMTP_FROM": "a@example.vn"])
        #expect(config.notifications.smtp == .init(host: "mail.example.vn", port: 465, implicitTLS: true, username: "u@x", password: "p", from: "a@example.vn"))
    }
}
