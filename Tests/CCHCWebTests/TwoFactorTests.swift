import CCHCCore
import CCHCTestSupport
import Foundation
import Testing
import Vapor
import VaporTesting

@testable import CCHCWeb

@Suite("Two-step sign-in (TOTP)")
struct TwoFactorTests {
    static let totp = TOTP(hmac: CryptoHMACSHA1())

    @Test("RFC 6238's SHA-1 test vectors (their last six digits) and base32 both ways")
    func vectors() {
        let secret = Array("12345678901234567890".utf8)
        let expected: [(Int64, String)] = [
            (59, "287082"), (1_111_111_109, "081804"), (1_111_111_111, "050471"), (1_234_567_890, "005924"), (2_000_000_000, "279037"),
        ]
        for (time, code) in expected {
            #expect(Self.totp.code(secret: secret, step: TOTP.step(at: Date(timeIntervalSince1970: TimeInterval(time)))) == code)
        }
        let at = Date(timeIntervalSince1970: 59)
        #expect(Self.totp.matchingStep("287 082", secret: secret, at: at) == 1)
        // One step either side is accepted, two are not.
        #expect(Self.totp.matchingStep("287082", secret: secret, at: at.addingTimeInterval(30)) == 1)
        #expect(Self.totp.matchingStep("287082", secret: secret, at: at.addingTimeInterval(61)) == nil)
        #expect(Self.totp.matchingStep("28708", secret: secret, at: at) == nil)
        #expect(Base32.encode(Array("Hello!".utf8) + [0xde, 0xad, 0xbe, 0xef]) == "JBSWY3DPEHPK3PXP")
        #expect(Base32.decode("jbsw y3dp ehpk 3pxp") == Array("Hello!".utf8) + [0xde, 0xad, 0xbe, 0xef])
        #expect(Base32.decode("JBSW1") == nil)
        #expect(
            TOTP.provisioningURI(secret: [0xde, 0xad], account: "lan.nguyen", issuer: "cchc")
                == "otpauth://totp/cchc:lan.nguyen?secret=32WQ&issuer=cchc&algorithm=SHA1&digits=6&period=30")
    }

    /// The secret shown on the set-up page, spaces removed.
    static func secret(in page: TestingHTTPResponse) throws -> [UInt8] {
        let html = page.body.string
        let start = try #require(html.range(of: "<code class=\"secret\">"))
        let end = try #require(html.range(of: "</code>", range: start.upperBound..<html.endIndex))
        return try #require(Base32.decode(String(html[start.upperBound..<end.lowerBound])))
    }

    static func code(_ secret: [UInt8], _ clock: ManualWallClock) -> String {
        totp.code(secret: secret, step: TOTP.step(at: clock.now))
    }

    /// Turns two-step sign-in on from the account page; returns the secret and the recovery codes shown.
    static func enable(_ browser: Browser, _ clock: ManualWallClock) async throws -> (secret: [UInt8], recovery: [String]) {
        #expect(try await browser.get("/account/two-factor").text.contains("Bật xác thực hai bước"))
        let setup = try await browser.post("/account/two-factor/setup", [])
        #expect(setup.status == .ok)
        #expect(setup.body.string.contains("<svg"))
        let secret = try Self.secret(in: setup)
        // A wrong code: the same page, the message beside the field, the same secret.
        let wrong = try await browser.post("/account/two-factor/confirm", [("code", "000000")])
        #expect(wrong.status == .unprocessableEntity)
        #expect(wrong.body.string.contains("id=\"code-error\""))
        #expect(try Self.secret(in: wrong) == secret)
        let confirmed = try await browser.post("/account/two-factor/confirm", [("code", code(secret, clock))])
        #expect(confirmed.status == .ok)
        let recovery = confirmed.body.string.matches(of: /<li><code>([a-z0-9]{5}-[a-z0-9]{5})<\/code><\/li>/).map { String($0.output.1) }
        #expect(recovery.count == TwoFactorService.recoveryCodeCount)
        return (secret, recovery)
    }

    @Test("A user turns it on; then a password alone signs nobody in, a code does once, a recovery code does once", arguments: TestDatabases.kinds)
    func signIn(kind: DatabaseKind) async throws {
        try await TestApp.with(kind) { app, clock in
            try await TestAccounts.seed(app)
            let browser = Browser(app)
            try await browser.login("chuyenvien")
            let (secret, recovery) = try await Self.enable(browser, clock)
            #expect(try await browser.get("/account/two-factor").text.contains("Còn 10 mã dự phòng"))
            #expect(try await app.store.securityEvents.list(SecurityEventQuery(kind: .twoFactorEnabled)).items.map(\.username) == ["chuyenvien"])
            try await browser.post("/logout", [])

            // The password leads to the code page, and the session it gives opens nothing.
            let login = try await browser.login("chuyenvien")
            #expect(login.location?.hasPrefix("/login/code") == true)
            #expect(try await browser.get("/account").location?.hasPrefix("/login") == true)
            #expect(try await browser.get("/login/code").text.contains("Nhập mã xác thực"))
            // The code that confirmed the set-up was used: the same code again is refused.
            let replay = try await browser.post("/login/code", [("code", Self.code(secret, clock)), ("next", "/account")])
            #expect(replay.status == .unprocessableEntity)
            #expect(replay.body.string.contains("id=\"code-error\""))
            clock.advance(by: 30)
            let pendingCookie = browser.cookies[SessionAuthenticator.cookieName]
            let signedIn = try await browser.post("/login/code", [("code", Self.code(secret, clock)), ("next", "/account")])
            #expect(signedIn.location == "/account")
            // A new session: the one that waited for the code is gone.
            #expect(browser.cookies[SessionAuthenticator.cookieName] != pendingCookie)
            #expect(try await browser.get("/account").status == .ok)

            // A recovery code stands in for a code, once.
            let other = Browser(app)
            try await other.login("chuyenvien")
            #expect(try await other.post("/login/code", [("code", recovery[0].uppercased()), ("next", "/")]).location == "/")
            #expect(try await app.store.securityEvents.list(SecurityEventQuery(kind: .recoveryCodeUsed)).items.count == 1)
            let third = Browser(app)
            try await third.login("chuyenvien")
            #expect(try await third.post("/login/code", [("code", recovery[0]), ("next", "/")]).status == .unprocessableEntity)
            #expect(try await browser.get("/account/two-factor").text.contains("Còn 9 mã dự phòng"))

            // Turning it off takes the password and a current code.
            clock.advance(by: 30)
            let noPassword = try await browser.post("/account/two-factor/remove", [("password", "sai"), ("code", Self.code(secret, clock))])
            #expect(noPassword.status == .unprocessableEntity)
            #expect(noPassword.body.string.contains("id=\"password-error\""))
            let removed = try await browser.post("/account/two-factor/remove", [("password", TestAccounts.password), ("code", Self.code(secret, clock))])
            #expect(removed.location == "/account/two-factor")
            #expect(try await Browser(app).login("chuyenvien").location == "/")
        }
    }

    @Test("Wrong codes count towards the login lock, which a right password does not reset")
    func lock() async throws {
        try await TestApp.with(.sqlite) { app, clock in
            try await TestAccounts.seed(app)
            let browser = Browser(app)
            try await browser.login("chuyenvien")
            _ = try await Self.enable(browser, clock)
            clock.advance(by: 1)
            for _ in 0..<5 {
                let guesser = Browser(app)
                guesser.address = "198.51.100.\(Int.random(in: 1...250))"
                #expect(try await guesser.login("chuyenvien").location?.hasPrefix("/login/code") == true)
                #expect(try await guesser.post("/login/code", [("code", "123456")]).status == .unprocessableEntity)
            }
            clock.advance(by: 30)
            let owner = Browser(app)
            let locked = try await owner.login("chuyenvien")
            #expect(locked.status == .tooManyRequests)
            #expect(try await app.store.securityEvents.list(SecurityEventQuery(kind: .accountLocked)).items.count == 1)
        }
    }

    @Test("The API asks for the code of an account that has one", arguments: TestDatabases.kinds)
    func api(kind: DatabaseKind) async throws {
        try await TestApp.with(kind) { app, clock in
            try await TestAccounts.seed(app)
            let browser = Browser(app)
            try await browser.login("lanhdao")
            let (secret, _) = try await Self.enable(browser, clock)
            let client = APIClient(app: app)
            let body = #"{"username":"lanhdao","password":"\#(TestAccounts.password)""#
            let missing = try await client.send(.POST, "/api/v1/auth/token", json: body + "}")
            #expect(missing.status == .unauthorized)
            #expect(missing.body.string.contains("code"))
            let wrong = try await client.send(.POST, "/api/v1/auth/token", json: body + #","code":"000000"}"#)
            #expect(wrong.status == .unprocessableEntity)
            #expect(try (wrong.json()["errors"] as? [[String: Any]])?.first?["field"] as? String == "code")
            clock.advance(by: 30)
            let issued = try await client.send(.POST, "/api/v1/auth/token", json: body + #","code":"\#(Self.code(secret, clock))"}"#)
            #expect(issued.status == .created)
        }
    }

    @Test("Where the province requires it, an administrator sets it up before anything else and cannot remove it; another removes it for a lost phone")
    func requiredForAdmins() async throws {
        try await TestApp.with(.sqlite, environment: ["CCHC_ADMIN_TWO_FACTOR": "required"]) { app, clock in
            try await TestAccounts.seed(app)
            // Not through the API before it is set up.
            let token = try await APIClient(app: app).send(
                .POST, "/api/v1/auth/token", json: #"{"username":"admin","password":"\#(TestAccounts.password)"}"#)
            #expect(token.status == .forbidden)

            let browser = Browser(app)
            let login = try await browser.login("admin")
            #expect(login.location?.hasPrefix("/login/setup") == true)
            #expect(try await browser.get("/users").location?.hasPrefix("/login") == true)
            let setup = try await browser.get("/login/setup?next=/users")
            let secret = try Self.secret(in: setup)
            let done = try await browser.post("/login/setup", [("code", Self.code(secret, clock)), ("next", "/users")])
            #expect(done.status == .ok)
            #expect(done.text.contains("Mã dự phòng"))
            #expect(try await browser.get("/users").status == .ok)
            let page = try await browser.get("/account/two-factor")
            #expect(page.text.contains("không tự tắt được"))
            #expect(try await browser.post("/account/two-factor/remove", [("password", TestAccounts.password), ("code", "1")]).status == .unprocessableEntity)

            // A specialist is not required to: signed in with the password; the admin removes theirs on request.
            let specialist = Browser(app)
            #expect(try await specialist.login("chuyenvien").location == "/")
            let (_, _) = try await Self.enable(specialist, clock)
            let chuyenvien = try #require(try await app.store.users.credentials(username: "chuyenvien")?.user)
            #expect(try await browser.get("/users/\(chuyenvien.id)").text.contains("Tắt xác thực hai bước của tài khoản"))
            #expect(try await browser.post("/users/\(chuyenvien.id)/two-factor/remove", []).location == "/users/\(chuyenvien.id)")
            #expect(try await Browser(app).login("chuyenvien").location == "/")
            let removal = try #require(try await app.store.securityEvents.list(SecurityEventQuery(kind: .twoFactorDisabled)).items.first)
            #expect(removal.username == "chuyenvien" && removal.actorUsername == "admin")
        }
    }
}
