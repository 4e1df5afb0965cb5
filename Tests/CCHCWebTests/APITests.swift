import CCHCCore
import CCHCStore
import CCHCTestSupport
import Foundation
import Testing
import Vapor
import VaporTesting

@testable import CCHCWeb

@Suite("API tokens")
struct APITokenTests {
    @Test("Issue a token, use it, list it, revoke it", arguments: TestDatabases.kinds)
    func lifecycle(kind: DatabaseKind) async throws {
        try await TestApp.with(kind) { app, clock in
            try await TestAccounts.seed(app)
            let issued = try await APIClient(app: app).send(
                .POST, "/api/v1/auth/token", json: #"{"username":"noivu","password":"\#(TestAccounts.password)","name":"báo cáo"}"#)
            #expect(issued.status == .created)
            let body = try issued.json()
            let token = try #require(body["token"] as? String)
            let id = try #require(body["id"] as? String)
            #expect(body["expiresAt"] as? String == "2026-12-23T02:00:00Z")

            let api = APIClient(app: app, token: token)
            let me = try await api.send(.GET, "/api/v1/users/me")
            #expect(me.status == .ok)
            #expect(try me.json()["username"] as? String == "noivu")
            #expect(try me.json()["unitCode"] as? String == Fixtures.homeAffairsCode)

            let list = try await api.send(.GET, "/api/v1/auth/tokens")
            let items = try list.json()["items"] as? [[String: Any]] ?? []
            #expect(items.count == 1 && items[0]["name"] as? String == "báo cáo" && items[0]["revoked"] as? Bool == false)
            #expect(items[0]["lastUsedAt"] as? String != nil)
            #expect(!list.body.string.contains(token))

            // Another user cannot revoke it.
            let other = try await APIClient.login(app, "admin")
            #expect(try await other.send(.DELETE, "/api/v1/auth/tokens/\(id)").status == .notFound)

            let revoked = try await api.send(.DELETE, "/api/v1/auth/tokens/\(id)")
            #expect(try revoked.status == .ok && (revoked.json()["revoked"] as? Bool) == true)
            #expect(try await api.send(.GET, "/api/v1/users/me").status == .unauthorized)
            _ = clock
        }
    }

    @Test("Tokens stop working when they expire or the account is disabled", arguments: TestDatabases.kinds)
    func expiryAndDisable(kind: DatabaseKind) async throws {
        try await TestApp.with(kind) { app, clock in
            try await TestAccounts.seed(app)
            let api = try await APIClient.login(app, "motcua")
            #expect(try await api.send(.GET, "/api/v1/units").status == .ok)
            clock.advance(by: app.config.apiTokenLifetime)
            #expect(try await api.send(.GET, "/api/v1/units").status == .unauthorized)
            clock.set(Fixtures.now)

            let fresh = try await APIClient.login(app, "motcua")
            let admin = try #require(try await app.store.users.find(username: "admin"))
            let user = try #require(try await app.store.users.find(username: "motcua"))
            _ = try await UserAccounts(store: app.store, hasher: app.services.hasher).update(
                userID: user.id, expectedVersion: user.version, changes: UserChanges(isActive: false), actor: admin, address: nil, now: Fixtures.now)
            #expect(try await fresh.send(.GET, "/api/v1/units").status == .unauthorized)
        }
    }

    @Test("Wrong credentials get 401 and count towards the lock", arguments: TestDatabases.kinds)
    func wrongCredentials(kind: DatabaseKind) async throws {
        try await TestApp.with(kind) { app, _ in
            try await TestAccounts.seed(app)
            for _ in 0..<5 {
                let response = try await APIClient(app: app).send(.POST, "/api/v1/auth/token", json: #"{"username":"admin","password":"sai"}"#)
                #expect(response.status == .unauthorized)
                #expect(try response.json()["code"] as? String == "auth.invalid_credentials")
            }
            let locked = try await APIClient(app: app).send(.POST, "/api/v1/auth/token", json: #"{"username":"admin","password":"\#(TestAccounts.password)"}"#)
            #expect(locked.status == .tooManyRequests)
        }
    }

    @Test("Tokens can be issued and revoked from the account page", arguments: TestDatabases.kinds)
    func tokensPage(kind: DatabaseKind) async throws {
        try await TestApp.with(kind) { app, _ in
            try await TestAccounts.seed(app)
            let browser = Browser(app)
            try await browser.login("noivu")
            try await browser.get("/account/tokens")
            let issued = try await browser.post("/account/tokens", [("name", "đồng bộ")])
            #expect(issued.status == .ok)
            let html = issued.body.string
            let start = try #require(html.range(of: "id=\"issued-token\" class=\"token\" value=\""))
            let token = String(html[start.upperBound...].prefix { $0 != "\"" })
            #expect(token.hasPrefix("cchc_"))
            #expect(try await APIClient(app: app, token: token).send(.GET, "/api/v1/users/me").status == .ok)

            let owner = try #require(try await app.store.users.find(username: "noivu"))
            let record = try #require(try await app.store.apiTokens.list(userID: owner.id).first)
            let revoked = try await browser.post("/account/tokens/\(record.id)/revoke", [])
            #expect(revoked.status == .seeOther)
            #expect(try await browser.get("/account/tokens").text.contains("Đã thu hồi mã đồng bộ."))
            #expect(try await APIClient(app: app, token: token).send(.GET, "/api/v1/users/me").status == .unauthorized)
        }
    }
}

@Suite("Problem details")
struct ProblemTests {
    @Test("A database too busy to take a write is a 503 asking to try again; unreadable stored data stays a 500")
    func busyDatabase() {
        let busy = Problem(StoreError.busy)
        #expect(busy.status == .serviceUnavailable && busy.code == "error.database_busy")
        #expect(Problem(StoreError.corruptRow(table: "dossiers", id: nil)).status == .internalServerError)
    }

    @Test("Validation errors name every bad field, in Vietnamese or in English when asked", arguments: TestDatabases.kinds)
    func validation(kind: DatabaseKind) async throws {
        try await TestApp.with(kind) { app, _ in
            try await TestAccounts.seed(app)
            var api = try await APIClient.login(app, "admin")
            let body = #"{"code":"mã sai","name":"","shortName":"S","kind":"department","parentCode":"KHONGCO","effectiveFrom":"31/02/2026"}"#
            let vi = try await api.send(.POST, "/api/v1/units", json: body)
            #expect(vi.status == .unprocessableEntity)
            #expect(vi.headers.contentType?.description.hasPrefix("application/problem+json") == true)
            let problem = try vi.json()
            #expect(problem["type"] as? String == "urn:cchc:problem:validation-failed")
            #expect(problem["title"] as? String == "Dữ liệu không hợp lệ")
            #expect(problem["status"] as? Int == 422)
            #expect(problem["instance"] as? String == "/api/v1/units")
            #expect(vi.body.string.contains(#""instance":"/api/v1/units""#))
            #expect((problem["requestId"] as? String)?.isEmpty == false)
            let errors = problem["errors"] as? [[String: String]] ?? []
            #expect(Set(errors.compactMap { $0["field"] }) == ["effectiveFrom", "code", "name", "parentCode"])
            #expect(errors.first { $0["field"] == "effectiveFrom" }?["message"] == "Ngày không hợp lệ (dạng dd/mm/yyyy hoặc yyyy-mm-dd).")

            api.language = "en-US,en;q=0.9,vi;q=0.5"
            let en = try await api.send(.POST, "/api/v1/units", json: body)
            #expect(try en.json()["title"] as? String == "Invalid data")
            let enErrors = try en.json()["errors"] as? [[String: String]] ?? []
            #expect(enErrors.first { $0["field"] == "name" }?["message"] == "This is required.")
        }
    }

    @Test("Malformed JSON, wrong types and unknown enum values are 400s", arguments: TestDatabases.kinds)
    func malformed(kind: DatabaseKind) async throws {
        try await TestApp.with(kind) { app, _ in
            try await TestAccounts.seed(app)
            let api = try await APIClient.login(app, "admin")
            for body in ["{not json", #"{"code":1}"#, #"{"code":"A","name":"A","shortName":"A","kind":"galaxy","effectiveFrom":"2026-01-01"}"#] {
                let response = try await api.send(.POST, "/api/v1/units", json: body)
                #expect(response.status == .badRequest, "\(body)")
                #expect(try response.json()["type"] as? String == "urn:cchc:problem:malformed-request")
            }
            let missing = try await api.send(.POST, "/api/v1/units", json: #"{"name":"A","shortName":"A","kind":"department","effectiveFrom":"2026-01-01"}"#)
            #expect(missing.status == .badRequest)
            #expect((try missing.json()["errors"] as? [[String: String]])?.first?["field"] == "code")
            #expect(try await api.send(.GET, "/api/v1/units?limit=abc").status == .badRequest)
        }
    }

    @Test("Unknown API paths and things are problem+json 404s", arguments: TestDatabases.kinds)
    func notFound(kind: DatabaseKind) async throws {
        try await TestApp.with(kind) { app, _ in
            try await TestAccounts.seed(app)
            let api = try await APIClient.login(app, "admin")
            let unit = try await api.send(.GET, "/api/v1/units/000.99.99.H99")
            #expect(try unit.status == .notFound && (unit.json()["detail"] as? String) == "Không có đơn vị mã 000.99.99.H99.")
            let path = try await api.send(.GET, "/api/v1/khong-co")
            #expect(try path.status == .notFound && (path.json()["type"] as? String) == "urn:cchc:problem:not-found")
        }
    }
}

@Suite("Units API")
struct UnitsAPITests {
    @Test("Create, read, update with versions, close with a successor, list, tree", arguments: TestDatabases.kinds)
    func lifecycle(kind: DatabaseKind) async throws {
        try await TestApp.with(kind) { app, _ in
            try await TestAccounts.seed(app)
            let api = try await APIClient.login(app, "admin")
            let created = try await api.send(
                .POST, "/api/v1/units",
                json:
                    #"{"code":"000.00.08.h01","name":"Sở Xây dựng","shortName":"SXD","kind":"department","parentCode":"\#(Fixtures.provinceCode)","effectiveFrom":"2020-01-01"}"#
            )
            #expect(created.status == .created)
            #expect(try created.json()["code"] as? String == "000.00.08.H01")
            #expect(try created.json()["status"] as? String == "open")
            #expect(try created.json()["version"] as? Int == 1)

            let duplicate = try await api.send(
                .POST, "/api/v1/units",
                json:
                    #"{"code":"000.00.08.H01","name":"Trùng","shortName":"T","kind":"department","parentCode":"\#(Fixtures.provinceCode)","effectiveFrom":"2020-01-01"}"#
            )
            #expect(duplicate.status == .conflict)

            let renamed = try await api.send(.PATCH, "/api/v1/units/000.00.08.H01", json: #"{"version":1,"name":"Sở Xây dựng tỉnh"}"#)
            #expect(try renamed.status == .ok && (renamed.json()["version"] as? Int) == 2)
            let stale = try await api.send(.PATCH, "/api/v1/units/000.00.08.H01", json: #"{"version":1,"shortName":"X"}"#)
            #expect(stale.status == .conflict)
            #expect(try stale.json()["code"] as? String == "error.stale_version")
            #expect(try await api.send(.GET, "/api/v1/units/000.00.08.H01").json()["shortName"] as? String == "SXD")

            let badClose = try await api.send(
                .POST, "/api/v1/units/000.00.08.H01/close", json: #"{"version":2,"closedOn":"2019-01-01","successorCode":"\#(Fixtures.landCode)"}"#)
            #expect(badClose.status == .unprocessableEntity)
            let closed = try await api.send(
                .POST, "/api/v1/units/000.00.08.H01/close", json: #"{"version":2,"closedOn":"2026-03-01","successorCode":"\#(Fixtures.landCode)"}"#)
            #expect(closed.status == .ok)
            #expect(try closed.json()["successorCode"] as? String == Fixtures.landCode)
            #expect(try closed.json()["effectiveTo"] as? String == "2026-03-01")
            #expect(try closed.json()["status"] as? String == "closed")
            #expect(try await api.send(.GET, "/api/v1/units/000.00.08.H01").status == .ok)

            let search = try await api.send(.GET, "/api/v1/units?q=xay%20dung&status=all")
            #expect(((try search.json()["items"] as? [[String: Any]]) ?? []).compactMap { $0["code"] as? String } == ["000.00.08.H01"])
            let tree = try await api.send(.GET, "/api/v1/units/tree?asOf=2026-06-01")
            let roots = try tree.json()["roots"] as? [[String: Any]] ?? []
            #expect(roots.count == 1)
            let children = (roots.first?["children"] as? [[String: Any]] ?? []).compactMap { $0["code"] as? String }
            #expect(!children.contains("000.00.08.H01") && children.contains(Fixtures.landCode))
            #expect(try await api.send(.GET, "/api/v1/units/tree?asOf=31-12-2026").status == .badRequest)
        }
    }

    @Test("Users API: create with rules, conflicts on duplicates", arguments: TestDatabases.kinds)
    func users(kind: DatabaseKind) async throws {
        try await TestApp.with(kind) { app, _ in
            try await TestAccounts.seed(app)
            let api = try await APIClient.login(app, "admin")
            let created = try await api.send(
                .POST, "/api/v1/users",
                json: #"{"username":"Tran.Binh","fullName":"Trần Bình","role":"desk_officer","unitCode":"\#(Fixtures.centreCode)","password":"mật khẩu tốt"}"#)
            #expect(created.status == .created)
            #expect(try created.json()["username"] as? String == "tran.binh")
            #expect(try created.json()["unitName"] as? String == "Trung tâm Phục vụ hành chính công tỉnh")
            let again = try await api.send(.POST, "/api/v1/users", json: #"{"username":"tran.binh","role":"citizen","password":"mật khẩu tốt"}"#)
            #expect(again.status == .conflict)
            let noUnit = try await api.send(.POST, "/api/v1/users", json: #"{"username":"x.y","role":"specialist","password":"1234"}"#)
            #expect(noUnit.status == .unprocessableEntity)
            #expect(Set((try noUnit.json()["errors"] as? [[String: String]] ?? []).compactMap { $0["field"] }) == ["unitCode", "password"])
            #expect(try await APIClient.login(app, "tran.binh", "mật khẩu tốt").token != nil)
        }
    }
}
