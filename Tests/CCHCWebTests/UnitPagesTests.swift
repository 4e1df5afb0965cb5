import CCHCCore
import CCHCTestSupport
import Foundation
import NIOCore
import Testing
import Vapor
import VaporTesting

@testable import CCHCWeb

@Suite("Unit pages")
struct UnitPagesTests {
    func admin(_ app: Application) async throws -> Browser {
        try await TestAccounts.seed(app)
        let browser = Browser(app)
        try await browser.login("admin")
        return browser
    }

    @Test("The tree, search without accents, and a unit's page", arguments: TestDatabases.kinds)
    func browse(kind: DatabaseKind) async throws {
        try await TestApp.with(kind) { app, _ in
            let browser = try await admin(app)
            let tree = try await browser.get("/units")
            #expect(tree.status == .ok)
            #expect(tree.text.contains("Cây gồm 5 đơn vị."))
            #expect(tree.body.string.contains("class=\"depth-1\"><a href=\"/units/\(Fixtures.homeAffairsCode)\">Sở Nội vụ</a>"))

            let search = try await browser.get("/units?q=phuong+dong+hoa")
            #expect(search.text.contains("Tìm thấy 1 đơn vị."))
            #expect(search.text.contains("Phường Đông Hòa"))

            let page = try await browser.get("/units/\(Fixtures.landCode.lowercased())")
            #expect(page.status == .ok)
            #expect(page.text.contains("Sở Nông nghiệp và Môi trường"))
            #expect(page.text.contains("01/03/2025"))
            #expect(try await browser.get("/units/000.99.99.H99").status == .notFound)
        }
    }

    @Test("A bad form comes back with every typed value and a message beside each bad field", arguments: TestDatabases.kinds)
    func createFormErrors(kind: DatabaseKind) async throws {
        try await TestApp.with(kind) { app, _ in
            let browser = try await admin(app)
            try await browser.get("/units/new")
            let response = try await browser.post(
                "/units",
                [
                    ("code", "mã sai!"), ("name", "Sở Khoa học"), ("shortName", ""), ("kind", "department"),
                    ("parentCode", Fixtures.provinceCode), ("effectiveFrom", "30/02/2026"),
                ])
            #expect(response.status == .unprocessableEntity)
            let html = response.body.string
            #expect(html.contains("value=\"mã sai!\""))
            #expect(html.contains("value=\"Sở Khoa học\""))
            #expect(html.contains("value=\"30/02/2026\""))
            #expect(html.contains("<p class=\"field-error\" id=\"code-error\">Mã định danh chỉ gồm chữ in hoa"))
            #expect(html.contains("<p class=\"field-error\" id=\"shortName-error\">Vui lòng nhập thông tin này.</p>"))
            #expect(html.contains("<p class=\"field-error\" id=\"effectiveFrom-error\">Ngày không hợp lệ"))
            #expect(html.contains("<option value=\"\(Fixtures.provinceCode)\" selected>"))
            #expect(html.contains("href=\"#shortName\""))
            #expect(try await app.store.units.find(code: "MÃ SAI!") == nil)
        }
    }

    @Test("Create, edit, and a stale edit that keeps what was typed", arguments: TestDatabases.kinds)
    func createAndEdit(kind: DatabaseKind) async throws {
        try await TestApp.with(kind) { app, _ in
            let browser = try await admin(app)
            try await browser.get("/units/new")
            let created = try await browser.post(
                "/units",
                [
                    ("code", "000.00.08.H01"), ("name", "Sở Khoa học và Công nghệ"), ("shortName", "Sở KH&CN"), ("kind", "department"),
                    ("parentCode", Fixtures.provinceCode), ("effectiveFrom", "01/03/2025"),
                ])
            #expect(created.status == .seeOther && created.location == "/units/000.00.08.H01")
            #expect(try await browser.get("/units/000.00.08.H01").text.contains("Đã thêm đơn vị 000.00.08.H01."))

            let edit = try await browser.get("/units/000.00.08.H01/edit")
            #expect(edit.body.string.contains("name=\"version\" value=\"1\""))
            // Someone else saves first.
            _ = try await app.store.units.update(code: "000.00.08.H01", expectedVersion: 1, changes: UnitChanges(shortName: "KHCN"), now: Fixtures.now)
            let stale = try await browser.post(
                "/units/000.00.08.H01",
                [
                    ("version", "1"), ("name", "Sở KH&CN tỉnh"), ("shortName", "Sở KH&CN"), ("kind", "department"),
                    ("parentCode", Fixtures.provinceCode), ("effectiveFrom", "2025-03-01"),
                ])
            #expect(stale.status == .conflict)
            #expect(stale.text.contains("Dữ liệu đã được người khác thay đổi"))
            #expect(stale.body.string.contains("value=\"Sở KH&amp;CN tỉnh\""))
            #expect(try await app.store.units.find(code: "000.00.08.H01")?.name == "Sở Khoa học và Công nghệ")

            let saved = try await browser.post(
                "/units/000.00.08.H01",
                [
                    ("version", "2"), ("name", "Sở KH&CN tỉnh"), ("shortName", "Sở KH&CN"), ("kind", "department"),
                    ("parentCode", Fixtures.provinceCode), ("effectiveFrom", "2025-03-01"),
                ])
            #expect(saved.status == .seeOther)
            #expect(try await app.store.units.find(code: "000.00.08.H01")?.name == "Sở KH&CN tỉnh")
        }
    }

    @Test("Closing a unit names its successor; the closed unit stays visible", arguments: TestDatabases.kinds)
    func close(kind: DatabaseKind) async throws {
        try await TestApp.with(kind) { app, _ in
            let browser = try await admin(app)
            try await browser.get("/units/\(Fixtures.homeAffairsCode)/close")
            let refused = try await browser.post(
                "/units/\(Fixtures.homeAffairsCode)/close",
                [
                    ("version", "1"), ("closedOn", "2024-01-01"), ("successorCode", Fixtures.communeCode),
                ])
            #expect(refused.status == .unprocessableEntity)
            #expect(refused.text.contains("Đơn vị kế thừa \(Fixtures.communeCode) phải đang hoạt động vào ngày 01/01/2024."))
            let closed = try await browser.post(
                "/units/\(Fixtures.homeAffairsCode)/close",
                [
                    ("version", "1"), ("closedOn", "2026-12-01"), ("successorCode", Fixtures.landCode),
                ])
            #expect(closed.status == .seeOther)
            let page = try await browser.get("/units/\(Fixtures.homeAffairsCode)")
            #expect(page.text.contains("Ngừng hoạt động từ ngày 01/12/2026"))
            #expect(page.text.contains("Đơn vị kế thừa Sở Nông nghiệp và Môi trường"))
            let successor = try await browser.get("/units/\(Fixtures.landCode)")
            #expect(successor.text.contains("Tiếp nhận từ các đơn vị đã đóng Sở Nội vụ"))
        }
    }

    @Test("Export to CSV and import it back; a bad file is refused line by line", arguments: TestDatabases.kinds)
    func csv(kind: DatabaseKind) async throws {
        try await TestApp.with(kind) { app, _ in
            let browser = try await admin(app)
            let export = try await browser.get("/units/export.csv")
            #expect(export.headers.contentType?.description.hasPrefix("text/csv") == true)
            #expect(export.body.string.hasPrefix("\u{FEFF}code,name,shortName,kind,parentCode,effectiveFrom,effectiveTo,successorCode\r\n"))
            #expect(export.body.string.contains("\(Fixtures.homeAffairsCode),Sở Nội vụ,SNV,department,\(Fixtures.provinceCode),2000-01-01,,"))

            let edited = export.body.string + "000.00.09.H01,Sở Y tế,SYT,department,\(Fixtures.provinceCode),01/01/2000,,\r\n"
            try await browser.get("/units/import")
            let imported = try await upload(browser, edited)
            #expect(imported.status == .seeOther)
            #expect(try await browser.get("/units").text.contains("Đã nhập: 1 đơn vị mới, 0 đơn vị cập nhật, 5 không đổi."))

            let bad =
                "code,name,shortName,kind,parentCode,effectiveFrom\n000.00.10.H01,Sở,S,department,KHONGCO,2026-01-01\n000.00.11.H01,Sở,S,thiên hà,,2026-01-01\n"
            try await browser.get("/units/import")
            let refused = try await upload(browser, bad)
            #expect(refused.status == .unprocessableEntity)
            #expect(refused.text.contains("3 kind Giá trị không hợp lệ."))
            #expect(try await app.store.units.find(code: "000.00.10.H01") == nil)
        }
    }

    func upload(_ browser: Browser, _ csv: String) async throws -> TestingHTTPResponse {
        let boundary = "cchc-test-boundary"
        let body = """
            --\(boundary)\r
            Content-Disposition: form-data; name="_csrf"\r
            \r
            \(browser.csrf ?? "")\r
            --\(boundary)\r
            Content-Disposition: form-data; name="file"; filename="don-vi.csv"\r
            Content-Type: text/csv\r
            \r
            \(csv)\r
            --\(boundary)--\r

            """
        return try await browser.send(.POST, "/units/import", body: ByteBuffer(string: body), contentType: "multipart/form-data; boundary=\(boundary)")
    }
}
