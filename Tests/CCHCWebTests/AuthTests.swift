import CCHCCore
import CCHCTestSupport
import Testing
import Vapor
import VaporTesting

@testable import CCHCDemo
@testable import CCHCWeb

@Suite("Login and sessions")
struct AuthTests {
    @Test("Logging in starts a database session with a safe cookie and returns to the page asked for", arguments: TestDatabases.kinds)
    func loginSucceeds(kind: DatabaseKind) async throws {
        try await TestApp.with(kind) { app, _ in
            try await TestAccounts.seed(app)
            let browser = Browser(app)
            let redirect = try await browser.get("/units")
            #expect(redirect.status == .seeOther)
            #expect(redirect.location == "/login?next=/units")

            try await browser.get("/login?next=/units")
            let response = try await browser.post("/login", [("username", "Admin"), ("password", TestAccounts.password), ("next", "/units")])
            #expect(response.status == .seeOther)
            #expect(response.location == "/units")
            let cookie = try #require(response.headers.setCookie?[SessionAuthenticator.cookieName])
            #expect(cookie.isHTTPOnly && cookie.sameSite == .lax && !cookie.isSecure)
            #expect(try await app.store.sessions.find(token: cookie.string, now: Fixtures.now)?.user.username == "admin")

            let page = try await browser.get("/")
            #expect(page.text.contains("Người dùng admin"))
            #expect(page.text.contains("Quản trị hệ thống"))
        }
    }

    @Test("The session cookie is Secure when the request came over TLS", arguments: TestDatabases.kinds)
    func secureBehindTLS(kind: DatabaseKind) async throws {
        try await TestApp.with(kind) { app, _ in
            try await TestAccounts.seed(app)
            let browser = Browser(app)
            browser.extraHeaders.add(name: "X-Forwarded-Proto", value: "https")
            let response = try await browser.login("admin")
            #expect(response.headers.setCookie?[SessionAuthenticator.cookieName]?.isSecure == true)
            #expect(response.headers.first(name: "Strict-Transport-Security") != nil)
        }
    }

    @Test("A wrong password shows one message that does not say whether the account exists", arguments: TestDatabases.kinds)
    func wrongPassword(kind: DatabaseKind) async throws {
        try await TestApp.with(kind) { app, _ in
            try await TestAccounts.seed(app)
            let browser = Browser(app)
            let wrong = try await browser.login("admin", "không đúng")
            let unknown = try await browser.login("khongtontai", "không đúng")
            #expect(wrong.status == .unauthorized && unknown.status == .unauthorized)
            #expect(wrong.text.contains("Tên đăng nhập hoặc mật khẩu không đúng."))
            #expect(unknown.text.contains("Tên đăng nhập hoặc mật khẩu không đúng."))
            // What was typed stays in the form; the password does not.
            #expect(wrong.body.string.contains("value=\"admin\""))
            #expect(!wrong.body.string.contains("không đúng\""))
            #expect(browser.cookies[SessionAuthenticator.cookieName] == nil)
            let failures = try await app.store.securityEvents.list(SecurityEventQuery(kind: .loginFailed)).items
            #expect(Set(failures.compactMap(\.username)) == ["admin", "khongtontai"])
            #expect(failures.allSatisfy { $0.address == "192.0.2.10" })
        }
    }

    @Test("Five failures lock the account for fifteen minutes", arguments: TestDatabases.kinds)
    func throttling(kind: DatabaseKind) async throws {
        try await TestApp.with(kind) { app, clock in
            try await TestAccounts.seed(app)
            let browser = Browser(app)
            for attempt in 0..<5 {
                browser.address = "198.51.100.\(attempt)"
                #expect(try await browser.login("admin", "sai mật khẩu").status == .unauthorized)
            }
            let locked = try await browser.login("admin")
            #expect(locked.status == .tooManyRequests)
            #expect(locked.text.contains("Vui lòng thử lại sau 15 phút"))
            #expect(try await app.store.securityEvents.list(SecurityEventQuery(kind: .accountLocked)).items.count == 1)

            clock.advance(by: 15 * 60)
            #expect(try await browser.login("admin").status == .seeOther)
        }
    }

    @Test("Logging out ends the session on the server, not only the cookie", arguments: TestDatabases.kinds)
    func logout(kind: DatabaseKind) async throws {
        try await TestApp.with(kind) { app, _ in
            try await TestAccounts.seed(app)
            let browser = Browser(app)
            try await browser.login("noivu")
            let token = try #require(browser.cookies[SessionAuthenticator.cookieName])
            try await browser.get("/")
            let response = try await browser.post("/logout", [])
            #expect(response.status == .seeOther && response.location == "/login")
            #expect(try await app.store.sessions.find(token: token, now: Fixtures.now) == nil)
            // Replaying the old cookie does not get back in.
            browser.cookies[SessionAuthenticator.cookieName] = token
            #expect(try await browser.get("/units").status == .seeOther)
            #expect(try await app.store.securityEvents.list(SecurityEventQuery(kind: .logout)).items.count == 1)
        }
    }

    @Test("Sessions expire after the configured lifetime", arguments: TestDatabases.kinds)
    func expiry(kind: DatabaseKind) async throws {
        try await TestApp.with(kind) { app, clock in
            try await TestAccounts.seed(app)
            let browser = Browser(app)
            try await browser.login("noivu")
            #expect(try await browser.get("/units").status == .ok)
            clock.advance(by: app.config.sessionLifetime)
            #expect(try await browser.get("/units").status == .seeOther)
        }
    }

    @Test("Demo accounts cannot log in outside demo mode", arguments: TestDatabases.kinds)
    func demoAccountsOnlyInDemoMode(kind: DatabaseKind) async throws {
        try await TestApp.with(kind) { app, _ in
            _ = try await DemoData.load(store: app.store, hasher: app.services.hasher, now: Fixtures.now)
            #expect(try await Browser(app).login("admin", DemoData.password).status == .unauthorized)
        }
        try await TestApp.with(kind, demoMode: true) { app, _ in
            _ = try await DemoData.load(store: app.store, hasher: app.services.hasher, now: Fixtures.now)
            let browser = Browser(app)
            #expect(try await browser.login("admin", DemoData.password).status == .seeOther)
            #expect(try await browser.get("/").text.contains("Chế độ trình diễn"))
        }
    }

    @Test("Changing one's password keeps this browser and logs out the others", arguments: TestDatabases.kinds)
    func passwordChange(kind: DatabaseKind) async throws {
        try await TestApp.with(kind) { app, _ in
            try await TestAccounts.seed(app)
            let here = Browser(app), there = Browser(app)
            try await here.login("chuyenvien")
            try await there.login("chuyenvien")
            try await here.get("/account")
            let mismatch = try await here.post(
                "/account/password",
                [
                    ("currentPassword", TestAccounts.password), ("newPassword", "mật khẩu mới"), ("newPasswordConfirmation", "khác"),
                ])
            #expect(mismatch.status == .unprocessableEntity && mismatch.text.contains("Hai mật khẩu nhập không khớp."))
            let wrongCurrent = try await here.post(
                "/account/password",
                [
                    ("currentPassword", "sai"), ("newPassword", "mật khẩu mới"), ("newPasswordConfirmation", "mật khẩu mới"),
                ])
            #expect(wrongCurrent.text.contains("Mật khẩu hiện tại không đúng."))
            let changed = try await here.post(
                "/account/password",
                [
                    ("currentPassword", TestAccounts.password), ("newPassword", "mật khẩu mới"), ("newPasswordConfirmation", "mật khẩu mới"),
                ])
            #expect(changed.status == .seeOther)
            #expect(try await here.get("/account").status == .ok)
            #expect(try await there.get("/account").status == .seeOther)
            #expect(try await Browser(app).login("chuyenvien", "mật khẩu mới").status == .seeOther)
        }
    }
}

@Suite("CSRF")
struct CSRFTests {
    @Test("A form posted without the CSRF field is refused and changes nothing", arguments: TestDatabases.kinds)
    func refusesForgedForms(kind: DatabaseKind) async throws {
        try await TestApp.with(kind) { app, _ in
            try await TestAccounts.seed(app)
            let browser = Browser(app)
            // Before login: the login form itself.
            try await browser.get("/login")
            let forgedLogin = try await browser.post("/login", [("username", "admin"), ("password", TestAccounts.password)], csrf: false)
            #expect(forgedLogin.status == .forbidden)
            #expect(forgedLogin.text.contains("Biểu mẫu đã hết hạn"))

            try await browser.login("admin")
            try await browser.get("/units/new")
            let fields = [
                ("code", "000.00.77.H01"), ("name", "Sở Thử"), ("shortName", "ST"), ("kind", "department"),
                ("parentCode", Fixtures.provinceCode), ("effectiveFrom", "2026-01-01"),
            ]
            #expect(try await browser.post("/units", fields, csrf: false).status == .forbidden)
            #expect(try await browser.post("/units", fields + [("_csrf", "not-the-token")], csrf: false).status == .forbidden)
            #expect(try await app.store.units.find(code: "000.00.77.H01") == nil)
            // The session's own token works.
            #expect(try await browser.post("/units", fields).status == .seeOther)
            #expect(try await app.store.units.find(code: "000.00.77.H01") != nil)
        }
    }

    @Test("A visitor's token cookie comes with the first form, not with probes, files or the API", arguments: TestDatabases.kinds)
    func tokenCookieOnlyWithForms(kind: DatabaseKind) async throws {
        try await TestApp.with(kind) { app, _ in
            for path in ["/healthz", "/readyz", "/css/app.css", "/api/v1/procedures"] {
                let response = try await app.testing().sendRequest(.GET, path)
                #expect(response.status == .ok, "\(path)")
                #expect(response.headers.setCookie?[CSRFProtection.cookieName] == nil, "\(path)")
            }
            let login = try await app.testing().sendRequest(.GET, "/login")
            let cookie = try #require(login.headers.setCookie?[CSRFProtection.cookieName])
            #expect(cookie.isHTTPOnly && cookie.sameSite == .lax)
            #expect(login.body.string.contains("name=\"_csrf\" value=\"\(cookie.string)\""))
        }
    }
}
