import CCHCCore
import CCHCTestSupport
import Foundation
import Testing
import Vapor
import VaporTesting

@testable import CCHCWeb

@Suite("What a request may carry")
struct RequestLimitsTests {
    @Test("Uploads: refused at once when announced too large, without the form's token or with a file the form has no input for; served meanwhile")
    func uploads() async throws {
        try await TestApp.with(.sqlite, environment: ["CCHC_UPLOAD_MAX_MB": "1"]) { app, _ in
            try await TestAccounts.seed(app)
            try await Fixtures.loadProcedure(into: app.store)
            let path = "/procedures/\(Fixtures.procedureCode)/file"
            // Larger than eight files of the largest size: refused before the form is read.
            let huge = try await app.testing().sendRequest(
                .POST, path, headers: ["Content-Type": "multipart/form-data; boundary=x"], body: ByteBuffer(repeating: 0, count: 9 * 1024 * 1024))
            #expect(huge.status == .payloadTooLarge)
            // A visitor who never saw the form, and one whose token is not first, are refused.
            let stranger = Browser(app)
            #expect(try await stranger.postMultipart(path, [("fullName", "An")], files: [("file0", "a.pdf", Array("%PDF-1.4".utf8))]).status == .forbidden)
            let visitor = Browser(app)
            try await visitor.get(path)
            let token = try #require(visitor.csrf)
            visitor.csrf = nil
            #expect(try await visitor.postMultipart(path, [("fullName", "An"), ("_csrf", token)], files: []).status == .forbidden)
            visitor.csrf = token
            #expect(try await visitor.postMultipart(path, [("fullName", "An")], files: [("files", "a.pdf", Array("%PDF-1.4".utf8))]).status == .badRequest)
            // Forms without files are small: a large one is refused by its length.
            let login = try await app.testing().sendRequest(
                .POST, "/login", headers: ["Content-Type": "application/x-www-form-urlencoded"], body: ByteBuffer(repeating: 0x61, count: 65 * 1024 + 1))
            #expect(login.status == .payloadTooLarge)
            #expect(try await app.testing().sendRequest(.GET, "/api/v1/procedures?limit=1").status == .ok)
            let files = FileManager.default.enumerator(atPath: app.config.dataDirectory + "/uploads")?.allObjects as? [String] ?? []
            #expect(files.filter { $0.hasSuffix(".pdf") || $0.hasSuffix(".part") }.isEmpty)
        }
    }

    @Test("The page after filing shows the dossier only to the session that holds its PIN; a forged cookie counts as a wrong guess")
    func filedPage() async throws {
        try await TestApp.with(.sqlite, environment: ["CCHC_LOOKUP_MAX_FAILURES": "2"]) { app, _ in
            try await TestAccounts.seed(app)
            try await Fixtures.loadProcedure(into: app.store)
            let desk = try await APIClient.login(app, "motcua")
            let receipt = try await desk.send(.POST, "/api/v1/dossiers", json: DossierAPITests.counterBody).json()
            let code = try #require(receipt["code"] as? String), pin = try #require(receipt["lookupPin"] as? String)
            let holder = Browser(app)
            holder.cookies[NewPIN.cookieName] = "\(code):\(pin)"
            let shown = try await holder.get("/filed/\(code)")
            #expect(shown.status == .ok && shown.text.contains(pin))
            let forger = Browser(app)
            forger.address = "198.51.100.9"
            for guess in ["000000", "111111"] {
                forger.cookies[NewPIN.cookieName] = "\(code):\(guess == pin ? "222222" : guess)"
                let forged = try await forger.get("/filed/\(code)")
                #expect(forged.status == .seeOther && forged.location?.hasPrefix("/lookup") == true && !forged.body.string.contains(code + "<"))
            }
            // Locked out now, even with the right PIN.
            forger.cookies[NewPIN.cookieName] = "\(code):\(pin)"
            #expect(try await forger.get("/filed/\(code)").status == .tooManyRequests)
        }
    }

    @Test("Parameters out of the spec's bounds are 400s naming them; long addresses 414; control characters 400; other methods 405")
    func parameters() async throws {
        try await TestApp.with(.sqlite) { app, _ in
            try await TestAccounts.seed(app)
            let admin = try await APIClient.login(app, "admin")
            func fields(_ path: String, headers: [(String, String)] = []) async throws -> (HTTPStatus, [String]) {
                let response = try await admin.send(.GET, path, headers: headers)
                return (response.status, (try response.json()["errors"] as? [[String: Any]] ?? []).compactMap { $0["field"] as? String })
            }
            #expect(try await fields("/api/v1/dossiers?status=0") == (.badRequest, ["status"]))
            #expect(try await fields("/api/v1/dossiers?limit=501") == (.badRequest, ["limit"]))
            #expect(try await fields("/api/v1/dossiers?limit=0") == (.badRequest, ["limit"]))
            #expect(try await fields("/api/v1/units?asOf=") == (.badRequest, ["asOf"]))
            #expect(try await fields("/api/v1/procedures/1.000001?version=null") == (.badRequest, ["version"]))
            #expect(try await admin.send(.GET, "/api/v1/dossiers?cursor=").status == .ok)
            let long = try await admin.send(
                .POST, "/api/v1/dossiers", json: DossierAPITests.counterBody, headers: [("Idempotency-Key", String(repeating: "k", count: 201))])
            #expect(try long.status == .badRequest && (long.json()["errors"] as? [[String: Any]])?.first?["field"] as? String == "Idempotency-Key")
            // A property the schema does not name is refused (`additionalProperties: false`), not ignored.
            let extra = try await admin.send(.POST, "/api/v1/auth/token", json: #"{"username":"admin","password":"x","role":"admin"}"#)
            #expect(extra.status == .badRequest)
            let nul = try await admin.send(
                .POST, "/api/v1/units",
                json:
                    #"{"code":"000.00.99.H01","name":"A\u0000B","shortName":"A","kind":"department","parentCode":"\#(Fixtures.provinceCode)","effectiveFrom":"2026-01-01"}"#
            )
            #expect(try nul.status == .badRequest && (nul.json()["errors"] as? [[String: Any]])?.first?["field"] as? String == "name")
            #expect(try await app.testing().sendRequest(.GET, "/api/v1/procedures?q=" + String(repeating: "a", count: 9000)).status == .uriTooLong)
            #expect(try await app.testing().sendRequest(.GET, "/css/app.css%00.png").status == .badRequest)
            #expect(try await app.testing().sendRequest(.GET, "/api/v1/procedures?q=%00").status == .badRequest)
            let trace = try await app.testing().sendRequest(.TRACE, "/api/v1/procedures")
            #expect(trace.status == .methodNotAllowed && trace.headers.first(name: .allow) == "GET, HEAD")
            #expect(try await app.testing().sendRequest(.DELETE, "/api/v1/dossiers").headers.first(name: .allow) == "GET, HEAD, POST")
            // `/units/tree` is its own resource, not a unit coded "tree": PATCH is not listed.
            #expect(try await app.testing().sendRequest(.OPTIONS, "/api/v1/units/tree").headers.first(name: .allow) == "GET, HEAD")
            #expect(try await app.testing().sendRequest(.GET, "/khong-co").status == .notFound)
            // A form field holding a NUL is refused, not stored.
            let browser = Browser(app)
            try await browser.login("admin")
            #expect(try await browser.post("/account/password", [("currentPassword", "a\u{0}b")]).status == .badRequest)
        }
    }

    @Test("Readiness says what keeps the server from serving, and is ready otherwise")
    func readiness() async throws {
        try await TestApp.with(.sqlite) { app, _ in
            let ready = try await app.testing().sendRequest(.GET, "/readyz")
            #expect(try ready.status == .ok && (ready.json()["status"] as? String) == "ok")
            #expect(await OperationsController.within(.milliseconds(50)) { try await Task.sleep(for: .seconds(5)) } == false)
            #expect(await OperationsController.within(.seconds(5)) {} == true)
        }
    }
}
