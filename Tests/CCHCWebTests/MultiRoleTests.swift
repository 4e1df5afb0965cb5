import CCHCCore
import CCHCTestSupport
import Foundation
import Testing
import Vapor
import VaporTesting

@testable import CCHCWeb

@Suite("Accounts holding several roles")
struct MultiRoleTests {
    static let twoRoles: [(String, String)] = [
        ("username", "can.bo"), ("fullName", "Lê Cán Bộ"), ("role", "desk_officer"), ("unitCode", Fixtures.centreCode),
        ("grants.0.role", "specialist"), ("grants.0.unitCode", Fixtures.landCode),
        ("password", "mật khẩu tốt"), ("passwordConfirmation", "mật khẩu tốt"),
    ]

    @Test(
        "An administrator gives an account a second role; its holder takes a dossier in at the desk and examines it at the department",
        arguments: TestDatabases.kinds)
    func deskAndSpecialist(kind: DatabaseKind) async throws {
        try await TestApp.with(kind) { app, _ in
            try await DossierAPITests.prepare(app)
            let admin = Browser(app)
            try await admin.login("admin")
            try await admin.get("/users/new")
            // A second role needs a unit of its own kind; the error sits beside it and nothing typed is lost.
            let missingUnit = try await admin.post("/users", Self.twoRoles.map { $0.0 == "grants.0.unitCode" ? ($0.0, "") : $0 })
            #expect(missingUnit.status == .unprocessableEntity)
            #expect(missingUnit.body.string.contains("value=\"Lê Cán Bộ\""))
            #expect(missingUnit.text.contains("Vai trò này phải thuộc một đơn vị."))
            #expect(try await app.store.users.find(username: "can.bo") == nil)

            #expect(try await admin.post("/users", Self.twoRoles).status == .seeOther)
            let user = try #require(try await app.store.users.find(username: "can.bo"))
            #expect(user.grants.map(\.role) == [.deskOfficer, .specialist])
            #expect(try await admin.get("/users?q=can.bo").text.contains("Công chức Bộ phận Một cửa + Chuyên viên xử lý, Sở Nông nghiệp và Môi trường"))

            let officer = Browser(app)
            try await officer.login("can.bo", "mật khẩu tốt")
            let home = try await officer.get("/")
            #expect(home.text.contains("Kiêm nhiệm Chuyên viên xử lý, Sở Nông nghiệp và Môi trường"))

            // At the desk as desk officer, then at the department as specialist: one account, each role in its unit.
            let code = try await DossierPagesTests.receive(officer)
            #expect(try await DossierPagesTests.act(officer, code, [("action", "forward")]).status == .seeOther)
            #expect(try await DossierPagesTests.act(officer, code, [("action", "forward")]).status == .seeOther)
            let dossier = try #require(try await app.store.dossiers.find(code: code))
            #expect(dossier.currentStep == 2)  // from 0: the leader's approval
            let events = try await app.store.dossiers.events(dossierID: dossier.id).filter { $0.draft.action == "forward" }
            #expect(events.map(\.draft.actorRole) == ["desk_officer", "specialist"])
            // The leader's step is beyond both roles.
            #expect(try await DossierPagesTests.act(officer, code, [("action", "forward")]).status == .forbidden)
        }
    }

    @Test("Through the API: the roles are listed, a citizen holds no other role", arguments: TestDatabases.kinds)
    func api(kind: DatabaseKind) async throws {
        try await TestApp.with(kind) { app, _ in
            try await TestAccounts.seed(app)
            let admin = try await APIClient.login(app, "admin")
            let body = """
                {"username":"hai.vai","fullName":"Hai Vai","role":"desk_officer","unitCode":"\(Fixtures.centreCode)","password":"mật khẩu tốt",
                 "additionalRoles":[{"role":"specialist","unitCode":"\(Fixtures.landCode)"}]}
                """
            let created = try await admin.send(.POST, "/api/v1/users", json: body)
            #expect(created.status == .created)
            let roles = try #require(try created.json()["roles"] as? [[String: Any]])
            #expect(roles.map { $0["role"] as? String } == ["desk_officer", "specialist"])
            #expect(roles.map { $0["unitCode"] as? String } == [Fixtures.centreCode, Fixtures.landCode])

            let citizen = try await admin.send(
                .POST, "/api/v1/users",
                json:
                    #"{"username":"dan","role":"citizen","password":"mật khẩu tốt","additionalRoles":[{"role":"specialist","unitCode":"\#(Fixtures.landCode)"}]}"#
            )
            #expect(citizen.status == .unprocessableEntity)
            #expect((try citizen.json()["errors"] as? [[String: Any]])?.contains { $0["code"] as? String == "user.grants.citizen_alone" } == true)
        }
    }
}
