import CCHCCore
import CCHCTestSupport
import Foundation
import Testing
import Vapor
import VaporTesting

@testable import CCHCWeb

@Suite("Personal data: who opened a citizen's dossier, a copy of one's data, refused passwords")
struct PersonalDataTests {
    @Test(
        "An officer's opening, action and printing are recorded once a day each; the citizen reads them on the dossier's page and in the export; their own reads are not recorded",
        arguments: TestDatabases.kinds)
    func accessLog(kind: DatabaseKind) async throws {
        try await TestApp.with(kind) { app, clock in
            try await DossierAPITests.prepare(app)
            let citizenAPI = try await APIClient.login(app, "congdan")
            let filed = try await citizenAPI.send(
                .POST, "/api/v1/dossiers", json: DossierAPITests.counterBody.replacingOccurrences(of: "\"counter\"", with: "\"online\""))
            let code = try #require(try filed.json()["code"] as? String)

            let citizen = Browser(app)
            try await citizen.login("congdan")
            #expect(try await citizen.get("/my/dossiers/\(code)").text.contains("Chưa có cán bộ nào mở hồ sơ này."))

            let desk = Browser(app)
            try await desk.login("motcua")
            #expect(try await desk.get("/dossiers/\(code)").status == .ok)
            #expect(try await desk.get("/dossiers/\(code)").status == .ok)  // Twice the same day: one line.
            #expect(try await desk.get("/dossiers/\(code)/forms/05").status == .ok)
            let officer = try await APIClient.login(app, "motcua")
            #expect(try await officer.send(.GET, "/api/v1/dossiers/\(code)").status == .ok)
            clock.advance(by: 86400)
            let nextDay = Browser(app)
            try await nextDay.login("motcua")
            #expect(try await nextDay.get("/dossiers/\(code)").status == .ok)

            let dossier = try #require(try await app.store.dossiers.find(code: code))
            let log = try await app.store.personalDataAccess.list(dossierIDs: [dossier.id], limit: 10)
            #expect(log.map(\.purpose) == [.view, .print, .view])
            #expect(Set(log.map(\.username)) == ["motcua"])
            try await citizen.login("congdan")
            let page = try await citizen.get("/my/dossiers/\(code)")
            #expect(page.text.contains("Ai đã xem hồ sơ của tôi") && page.text.contains("In phiếu, mẫu") && page.text.contains("Xem hồ sơ"))

            // The citizen's copy of their data: the dossier with its applicant details, and who opened it.
            let export = try await citizenAPI.send(.GET, "/api/v1/users/me/export")
            #expect(export.status == .ok)
            let json = try export.json()
            let dossiers = json["dossiers"] as? [[String: Any]] ?? []
            #expect(dossiers.map { $0["code"] as? String } == [code] && dossiers.first?["idNumber"] as? String == "001203004567")
            #expect((json["accessLog"] as? [Any])?.count == 3 && (json["roles"] as? [String]) == ["citizen"])
            let download = try await citizen.get("/account/export")
            #expect(download.status == .ok && download.headers.first(name: .contentDisposition)?.contains("attachment") == true)
            #expect(download.body.string.contains(code))
            // An officer's copy holds their account, not citizens' data.
            let officerExport = try await officer.send(.GET, "/api/v1/users/me/export").json()
            #expect((officerExport["dossiers"] as? [Any])?.isEmpty == true && officerExport["username"] as? String == "motcua")
        }
    }

    @Test("Sessions rotate: a login makes a new session cookie, and a change of roles ends the user's sessions")
    func sessionRotation() async throws {
        try await TestApp.with(.sqlite) { app, _ in
            try await TestAccounts.seed(app)
            let first = Browser(app)
            try await first.login("chuyenvien")
            let second = Browser(app)
            try await second.login("chuyenvien")
            let cookie = SessionAuthenticator.cookieName
            #expect(first.cookies[cookie] != nil && first.cookies[cookie] != second.cookies[cookie])
            #expect(try await first.get("/account").status == .ok)
            let admin = try #require(try await app.store.users.find(username: "admin"))
            let user = try #require(try await app.store.users.find(username: "chuyenvien"))
            _ = try await UserAccounts(store: app.store, hasher: app.services.hasher).update(
                userID: user.id, expectedVersion: user.version, changes: UserChanges(role: .unitLeader), actor: admin, address: nil, now: Fixtures.now)
            #expect(try await first.get("/account").status == .seeOther)
            #expect(try await second.get("/account").status == .seeOther)
        }
    }

    @Test("A common or breached password is refused when set, from cchc's list and the deployment's own file")
    func refusedPasswords() async throws {
        let file = Fixtures.temporaryFolder() + "/breached.txt"
        try "Tinh-ThanhHoa-2026\n  \nanother one\n".write(toFile: file, atomically: true, encoding: .utf8)
        try await TestApp.with(.sqlite, environment: ["CCHC_REFUSED_PASSWORDS_FILE": file]) { app, _ in
            try await TestAccounts.seed(app)
            let browser = Browser(app)
            try await browser.login("chuyenvien")
            _ = try await browser.get("/account")
            for weak in ["matkhau123", "tinh-thanhhoa-2026"] {
                let refused = try await browser.post(
                    "/account/password",
                    [("currentPassword", TestAccounts.password), ("newPassword", weak), ("newPasswordConfirmation", weak)])
                #expect(refused.status == .unprocessableEntity)
                #expect(refused.text.contains("Mật khẩu này quá phổ biến hoặc đã bị lộ"))
            }
            let strong = "ngựa ô qua cầu đá"
            let changed = try await browser.post(
                "/account/password", [("currentPassword", TestAccounts.password), ("newPassword", strong), ("newPasswordConfirmation", strong)])
            #expect(changed.status == .seeOther)
        }
        #expect(throws: AppConfig.Invalid.self) { try AppConfig.load(from: ["CCHC_REFUSED_PASSWORDS_FILE": "/nonexistent/list.txt"]) }
        #expect(RefusedPasswords.common.contains(" QWERTY ") && !RefusedPasswords.common.contains("cchc-demo"))
    }
}
