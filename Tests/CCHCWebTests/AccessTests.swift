import CCHCCore
import CCHCTestSupport
import Foundation
import Testing
import Vapor
import VaporTesting

@testable import CCHCWeb

@Suite("Access control")
struct AccessTests {
    @Test("Every route states who may use it")
    func everyRouteHasAnAccessRule() async throws {
        try await TestApp.with(.sqlite) { app, _ in
            let unannotated = app.routes.all.filter { $0.userInfo[Access.userInfoKey] == nil }.map(\.description)
            #expect(unannotated.isEmpty, "Routes without an access rule: \(unannotated)")
            #expect(app.routes.all.count > 30)
        }
    }

    @Test("Every operation of the OpenAPI document has an access rule, and no rule names a missing operation")
    func everyOperationHasAPolicy() throws {
        let document = try String(contentsOfFile: TestApp.packageRoot + "/Sources/CCHCWeb/openapi.yaml", encoding: .utf8)
        let operations = Set(
            document.split(separator: "\n").compactMap { line -> String? in
                let trimmed = line.trimmingCharacters(in: .whitespaces)
                return trimmed.hasPrefix("operationId:") ? String(trimmed.dropFirst("operationId:".count)).trimmingCharacters(in: .whitespaces) : nil
            })
        #expect(operations.count >= 12)
        #expect(operations == Set(APIAccessPolicy.operations.keys))
    }

    @Test("A specialist is refused administrator pages (403 in the layout) and calls (403 problem)", arguments: TestDatabases.kinds)
    func specialistDenied(kind: DatabaseKind) async throws {
        try await TestApp.with(kind) { app, _ in
            try await TestAccounts.seed(app)
            let browser = Browser(app)
            try await browser.login("chuyenvien")
            for path in ["/users", "/users/new", "/roles", "/security-events", "/units/new", "/units/import"] {
                let response = try await browser.get(path)
                #expect(response.status == .forbidden, "\(path)")
                #expect(response.text.contains("Vai trò của bạn không được phép thực hiện thao tác này."), "\(path)")
            }
            // Viewing units is allowed, managing them is not: no "new unit" link.
            let units = try await browser.get("/units")
            #expect(units.status == .ok && !units.body.string.contains("href=\"/units/new\""))

            let api = try await APIClient.login(app, "chuyenvien")
            let denied = try await api.send(
                .POST, "/api/v1/units",
                json: #"{"code":"X","name":"X","shortName":"X","kind":"department","parentCode":"\#(Fixtures.provinceCode)","effectiveFrom":"2026-01-01"}"#)
            #expect(denied.status == .forbidden)
            #expect(denied.headers.contentType?.description.hasPrefix("application/problem+json") == true)
            #expect(try denied.json()["type"] as? String == "urn:cchc:problem:forbidden")
            #expect(try await app.store.units.find(code: "X") == nil)
            #expect(try await api.send(.GET, "/api/v1/users").status == .forbidden)
            #expect(try await api.send(.GET, "/api/v1/units").status == .ok)
        }
    }

    @Test("An anonymous visitor is sent to the login page (HTML) or gets 401 (API)", arguments: TestDatabases.kinds)
    func anonymous(kind: DatabaseKind) async throws {
        try await TestApp.with(kind) { app, _ in
            let page = try await Browser(app).get("/users?role=admin")
            #expect(page.status == .seeOther)
            #expect(page.location == "/login?next=/users%3Frole%3Dadmin")
            for path in ["/api/v1/units", "/api/v1/users/me", "/api/v1/auth/tokens"] {
                let response = try await APIClient(app: app).send(.GET, path)
                #expect(response.status == .unauthorized, "\(path)")
                #expect(response.headers.first(name: .wwwAuthenticate) == "Bearer")
                #expect(try response.json()["code"] as? String == "auth.token_required")
            }
            let badToken = try await APIClient(app: app, token: "cchc_forged").send(.GET, "/api/v1/units")
            #expect(try badToken.status == .unauthorized && (badToken.json()["code"] as? String) == "auth.token_invalid")
            // A session cookie does not authorise API calls.
            let browser = Browser(app)
            try await TestAccounts.seed(app)
            try await browser.login("admin")
            #expect(try await browser.get("/api/v1/units").status == .unauthorized)
        }
    }

    @Test("A unit leader sees the users of their own unit and the units below it only", arguments: TestDatabases.kinds)
    func unitScope(kind: DatabaseKind) async throws {
        try await TestApp.with(kind) { app, _ in
            try await TestAccounts.seed(app)
            let leader = try await APIClient.login(app, "lanhdao")
            let listed = try await leader.send(.GET, "/api/v1/users")
            let names = (try listed.json()["items"] as? [[String: Any]] ?? []).compactMap { $0["username"] as? String }
            #expect(Set(names) == ["lanhdao", "chuyenvien"])
            // Asking for another unit is refused, as it is for dossiers: one rule for both.
            let other = try await leader.send(.GET, "/api/v1/users?unit=\(Fixtures.homeAffairsCode)")
            #expect(other.status == .forbidden)
            #expect(try await leader.send(.GET, "/api/v1/dossiers?unit=\(Fixtures.homeAffairsCode)").status == .forbidden)

            let admin = try await APIClient.login(app, "admin")
            let all = try await admin.send(.GET, "/api/v1/users?limit=100")
            #expect((try all.json()["items"] as? [Any])?.count == TestAccounts.all.count)

            let browser = Browser(app)
            try await browser.login("lanhdao")
            let page = try await browser.get("/users")
            #expect(page.text.contains("chuyenvien") && !page.text.contains("noivu"))
            #expect(page.text.contains("Bạn đang xem tài khoản thuộc đơn vị mình"))
        }
    }

    @Test("Navigation shows what the role may open", arguments: [Role.citizen, .specialist, .admin])
    func navigationByRole(role: Role) async throws {
        try await TestApp.with(.sqlite) { app, _ in
            try await TestAccounts.seed(app)
            let username = TestAccounts.all.first { $0.role == role }!.username
            let browser = Browser(app)
            try await browser.login(username)
            let nav = try await browser.get("/").body.string
            #expect(nav.contains("href=\"/units\"") == (role != .citizen))
            #expect(nav.contains("href=\"/security-events\"") == (role == .admin))
            #expect(nav.contains("href=\"/account\""))
        }
    }
}
