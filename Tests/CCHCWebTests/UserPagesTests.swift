import CCHCCore
import CCHCTestSupport
import Foundation
import Testing
import Vapor
import VaporTesting

@testable import CCHCWeb

@Suite("User pages")
struct UserPagesTests {
    @Test("An administrator creates an account, changes its role, resets its password; the log shows it", arguments: TestDatabases.kinds)
    func administration(kind: DatabaseKind) async throws {
        try await TestApp.with(kind) { app, _ in
            try await TestAccounts.seed(app)
            let browser = Browser(app)
            try await browser.login("admin")
            try await browser.get("/users/new")
            let invalid = try await browser.post(
                "/users",
                [
                    ("username", "Tran Binh"), ("fullName", "Trần Bình"), ("role", "specialist"), ("unitCode", ""),
                    ("password", "ngắn"), ("passwordConfirmation", "ngắn"),
                ])
            #expect(invalid.status == .unprocessableEntity)
            #expect(invalid.body.string.contains("value=\"Trần Bình\""))
            #expect(invalid.text.contains("Vai trò này phải thuộc một đơn vị."))
            #expect(invalid.text.contains("Mật khẩu phải có ít nhất 8 ký tự."))

            let created = try await browser.post(
                "/users",
                [
                    ("username", "tran.binh"), ("fullName", "Trần Bình"), ("role", "specialist"), ("unitCode", Fixtures.landCode),
                    ("password", "mật khẩu tốt"), ("passwordConfirmation", "mật khẩu tốt"),
                ])
            #expect(created.status == .seeOther)
            let user = try #require(try await app.store.users.find(username: "tran.binh"))
            let edit = try await browser.get("/users/\(user.id)")
            #expect(edit.text.contains("Đã tạo tài khoản tran.binh."))

            let promoted = try await browser.post(
                "/users/\(user.id)",
                [
                    ("version", "1"), ("fullName", "Trần Văn Bình"), ("role", "unit_leader"), ("unitCode", Fixtures.landCode), ("isActive", "on"),
                ])
            #expect(promoted.status == .seeOther)
            #expect(try await app.store.users.find(id: user.id)?.role == .unitLeader)

            try await browser.get("/users/\(user.id)")
            #expect(
                try await browser.post("/users/\(user.id)/password", [("newPassword", "mật khẩu mới 2"), ("newPasswordConfirmation", "mật khẩu mới 2")]).status
                    == .seeOther)
            #expect(try await Browser(app).login("tran.binh", "mật khẩu mới 2").status == .seeOther)

            let log = try await browser.get("/security-events")
            #expect(log.text.contains("Đổi vai trò tran.binh admin"))
            #expect(log.text.contains("specialist@\(Fixtures.landCode) → unit_leader@\(Fixtures.landCode)"))
            #expect(log.text.contains("Đặt lại mật khẩu tran.binh admin"))
            let filtered = try await browser.get("/security-events?kind=role_changed")
            #expect(filtered.text.contains("Đổi vai trò tran.binh") && !filtered.text.contains("Đặt lại mật khẩu tran.binh"))

            let roles = try await browser.get("/roles")
            #expect(roles.text.contains("Lãnh đạo đơn vị unit_leader"))
        }
    }

    @Test("Disabling an account from its page logs it out at once", arguments: TestDatabases.kinds)
    func disable(kind: DatabaseKind) async throws {
        try await TestApp.with(kind) { app, _ in
            try await TestAccounts.seed(app)
            let admin = Browser(app), victim = Browser(app)
            try await admin.login("admin")
            try await victim.login("motcua")
            let user = try #require(try await app.store.users.find(username: "motcua"))
            try await admin.get("/users/\(user.id)")
            let disabled = try await admin.post(
                "/users/\(user.id)",
                [
                    ("version", "1"), ("fullName", user.fullName), ("role", "desk_officer"), ("unitCode", Fixtures.centreCode),
                ])
            #expect(disabled.status == .seeOther)
            #expect(try await victim.get("/account").status == .seeOther)
            #expect(try await Browser(app).login("motcua").status == .unauthorized)
        }
    }
}
