import CCHCCore
import CCHCTestSupport
import Foundation
import Testing
import Vapor
import VaporTesting

@testable import CCHCWeb

@Suite("Notification choices and wording, on pages and through the API")
struct NotificationPagesTests {
    @Test("An officer chooses e-mail on the account page; a channel without its address is refused beside the field, keeping what was typed")
    func accountPage() async throws {
        try await TestApp.with(.sqlite) { app, _ in
            try await TestAccounts.seed(app)
            let browser = Browser(app)
            try await browser.login("chuyenvien")
            #expect(try await browser.get("/account/notifications").status == .ok)
            let refused = try await browser.post("/account/notifications", [("channel_sms", "on"), ("email", "cv@example"), ("phone", ""), ("language", "vi")])
            #expect(refused.status == .unprocessableEntity)
            #expect(refused.text.contains("Nhập số điện thoại để nhận tin nhắn.") && refused.body.string.contains(#"value="cv@example""#))
            #expect(refused.body.string.contains(#"id="phone-error""#) && refused.body.string.contains(#"id="email-error""#))
            let saved = try await browser.post(
                "/account/notifications", [("channel_email", "on"), ("email", "CV@Example.vn"), ("phone", ""), ("language", "en")])
            #expect(saved.status == .seeOther)
            let user = try #require(try await app.store.users.find(username: "chuyenvien"))
            let stored = try await app.store.notifications.preferences(userID: user.id)
            #expect(stored?.channels == [.email] && stored?.email == "cv@example.vn" && stored?.language == "en")
            #expect(try await browser.get("/account/notifications").body.string.contains(#"name="channel_email" checked"#))
        }
    }

    @Test("The administrator edits one message's wording as a new version; an unknown placeholder is named beside its field; others may only read")
    func templatesPage() async throws {
        try await TestApp.with(.sqlite) { app, _ in
            try await TestAccounts.seed(app)
            let admin = Browser(app)
            try await admin.login("admin")
            let index = try await admin.get("/admin/notifications")
            #expect(index.status == .ok && index.text.contains("Nội dung mẫu (phiên bản 1") && index.text.contains("chưa cấu hình"))
            #expect(try await admin.get("/admin/notifications/templates/receipt").status == .ok)
            let fields: [(String, String)] = [
                ("expectedLatestVersion", "1"), ("effectiveFrom", "2026-11-23"), ("viSubject", "Biên nhận {code}"),
                ("viBody", "Kính gửi {hoTen}: hồ sơ {code} hẹn {dueDate}"), ("enSubject", ""), ("enBody", ""), ("reason", "QĐ 12/QĐ-UBND"),
            ]
            let refused = try await admin.post("/admin/notifications/templates/receipt", fields)
            #expect(refused.status == .unprocessableEntity)
            #expect(refused.text.contains("Trường thay thế {hoTen} không dùng được") && refused.body.string.contains(#"id="viBody-error""#))
            #expect(refused.body.string.contains("Kính gửi {hoTen}"))
            var fixed = fields
            fixed[3] = ("viBody", "Hồ sơ {code} hẹn trả {dueDate}. {link}")
            #expect(try await admin.post("/admin/notifications/templates/receipt", fixed).status == .seeOther)
            let latest = try #require(try await app.store.notifications.templatesHistory().latest)
            #expect(latest.version == 2 && latest.rules.templates["receipt"]?["vi"]?.body == "Hồ sơ {code} hẹn trả {dueDate}. {link}")
            #expect(latest.rules.templates["receipt"]?["en"] == nil && latest.rules.templates["apology"] == NotificationTemplates.standard.templates["apology"])
            // A second save from the same form is stale.
            #expect(try await admin.post("/admin/notifications/templates/receipt", fixed).status == .conflict)

            let steering = Browser(app)
            try await steering.login("bcd")
            let readOnly = try await steering.get("/admin/notifications")
            #expect(readOnly.status == .ok && !readOnly.body.string.contains("/admin/notifications/templates/"))
            #expect(try await steering.get("/admin/notifications/templates/receipt").status == .forbidden)
        }
    }

    @Test("Through the API: a user reads and sets their own choice; the wording is read and versioned, bad input named", arguments: TestDatabases.kinds)
    func api(kind: DatabaseKind) async throws {
        try await TestApp.with(kind) { app, _ in
            try await TestAccounts.seed(app)
            let citizen = try await APIClient.login(app, "congdan")
            let empty = try await citizen.send(.GET, "/api/v1/users/me/notification-preferences").json()
            #expect(empty["saved"] as? Bool == false && (empty["channels"] as? [String]) == [])
            let bad = try await citizen.send(
                .PUT, "/api/v1/users/me/notification-preferences", json: #"{"email":"","phone":"","channels":["email"],"language":"vi"}"#)
            #expect(bad.status == .unprocessableEntity)
            #expect((try bad.json()["errors"] as? [[String: Any]])?.first?["field"] as? String == "email")
            let twice = try await citizen.send(
                .PUT, "/api/v1/users/me/notification-preferences", json: #"{"email":"a@b.vn","phone":"","channels":["email","email"],"language":"vi"}"#)
            #expect(twice.status == .badRequest)
            let saved = try await citizen.send(
                .PUT, "/api/v1/users/me/notification-preferences",
                json: #"{"email":"A@B.vn","phone":"0912 345 678","channels":["sms","email"],"language":"en"}"#)
            #expect(saved.status == .ok)
            let read = try await citizen.send(.GET, "/api/v1/users/me/notification-preferences").json()
            #expect(read["saved"] as? Bool == true && read["email"] as? String == "a@b.vn" && read["channels"] as? [String] == ["email", "sms"])

            let admin = try await APIClient.login(app, "admin")
            let history = try await admin.send(.GET, "/api/v1/notification-templates").json()
            let current = try #require(history["current"] as? [String: Any])
            #expect(current["version"] as? Int == 1 && (current["templates"] as? [Any])?.count == NotificationKind.allCases.count * 2)
            func body(_ text: String, expected: Int = 1) -> String {
                #"{"expectedLatestVersion":\#(expected),"effectiveFrom":"2026-11-23","reason":"QĐ 12","templates":[{"kind":"apology","language":"en","subject":"Sorry","body":"\#(text)"}]}"#
            }
            let unknown = try await admin.send(.POST, "/api/v1/notification-templates", json: body("Sorry {name}"))
            #expect(unknown.status == .unprocessableEntity)
            let error = try #require((try unknown.json()["errors"] as? [[String: Any]])?.first)
            #expect(error["field"] as? String == "templates.apology.en.body" && (error["message"] as? String ?? "").contains("{name}"))
            let created = try await admin.send(.POST, "/api/v1/notification-templates", json: body("Sorry, {code} is late; new date {newDate}."))
            #expect(try created.status == .created && (created.json()["version"] as? Int) == 2)
            #expect(try await admin.send(.POST, "/api/v1/notification-templates", json: body("x {code}")).status == .conflict)
            #expect(try await citizen.send(.GET, "/api/v1/notification-templates").status == .forbidden)
        }
    }
}
