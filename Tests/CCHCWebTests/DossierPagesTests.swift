import CCHCCore
import CCHCTestSupport
import Foundation
import Testing
import Vapor
import VaporTesting

@testable import CCHCWeb

@Suite("Dossier pages")
struct DossierPagesTests {
    static let applicantFields: [(String, String)] = [
        ("procedureCode", Fixtures.procedureCode), ("channel", "counter"), ("receivingUnitCode", Fixtures.centreCode),
        ("fullName", "Nguyễn Văn An"), ("idNumber", "001203004567"), ("phone", "0912345678"), ("email", "an@example.vn"),
        ("address", "Phường Đông Hòa"),
    ]
    static let allPapers: [(String, String)] = [
        ("c0_received", "1"), ("c0_originals", "1"), ("c1_received", "1"), ("c1_photocopies", "2"), ("c2_received", "1"), ("c2_certified", "1"),
    ]

    /// Takes a dossier in at the counter through the form and returns its code.
    static func receive(_ browser: Browser, procedure: String = Fixtures.procedureCode) async throws -> String {
        try await browser.get("/dossiers/new?procedure=\(procedure)")
        let fields = applicantFields.map { $0.0 == "procedureCode" ? ($0.0, procedure) : $0 }
        let response = try await browser.post("/dossiers", fields + allPapers)
        let location = try #require(response.location)
        return String(location.dropFirst("/dossiers/".count).prefix { $0 != "/" })
    }

    static func act(_ browser: Browser, _ code: String, _ fields: [(String, String)]) async throws -> TestingHTTPResponse {
        let page = try await browser.get("/dossiers/\(code)")
        let version = page.body.string.components(separatedBy: "name=\"version\" value=\"").dropFirst().first?.prefix { $0 != "\"" } ?? ""
        return try await browser.post("/dossiers/\(code)/actions", fields + [("version", String(version))])
    }

    @Test("The counter form takes a dossier in and prints the receipt with the PIN and a QR code", arguments: TestDatabases.kinds)
    func counterIntake(kind: DatabaseKind) async throws {
        try await TestApp.with(kind) { app, _ in
            try await DossierAPITests.prepare(app)
            let desk = Browser(app)
            try await desk.login("motcua")
            let form = try await desk.get("/dossiers/new?procedure=1.000001")
            #expect(form.status == .ok && form.body.string.contains("id=\"fullName\"") && form.body.string.contains("autofocus"))

            // Bad input comes back with every message beside its field and what was typed kept.
            let bad = try await desk.post(
                "/dossiers",
                [
                    ("procedureCode", "1.000001"), ("channel", "counter"), ("receivingUnitCode", Fixtures.centreCode),
                    ("fullName", "Nguyễn Văn An"), ("idNumber", "0012"), ("phone", "0912345678"), ("email", "an@"),
                    ("c0_received", "1"), ("c0_originals", "x"),
                ])
            #expect(bad.status == .unprocessableEntity)
            #expect(bad.body.string.contains("id=\"idNumber-error\">Số định danh cá nhân phải gồm đúng 12 chữ số."))
            #expect(bad.body.string.contains("id=\"email-error\""))
            #expect(bad.body.string.contains("id=\"c0-error\">Số bản phải là số từ 0 đến 99."))
            #expect(bad.body.string.contains("id=\"c1-error\">Thiếu giấy tờ bắt buộc: Bản vẽ thiết kế."))
            #expect(bad.body.string.contains("value=\"Nguyễn Văn An\"") && bad.body.string.contains("value=\"0012\""))
            #expect(try await app.store.dossiers.count() == 0)

            let created = try await desk.post("/dossiers", Self.applicantFields + Self.allPapers)
            #expect(created.status == .seeOther && created.location == "/dossiers/\(Fixtures.centreCode)-261123-0001/forms/01")
            let receipt = try await desk.get(try #require(created.location))
            let html = receipt.body.string
            #expect(html.contains("GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ") && html.contains("\(Fixtures.centreCode)-261123-0001"))
            #expect(html.contains("Nguyễn Văn An") && html.contains("001203004567") && html.contains("0912345678"))
            #expect(html.contains("Bản vẽ thiết kế") && html.contains("3 ngày làm việc") && html.contains("<svg"))
            #expect(html.contains("09 giờ 00 phút, ngày 27 tháng 11 năm 2026"))
            let pin = try #require(html.components(separatedBy: "Mã tra cứu (PIN): <strong>").dropFirst().first?.prefix(6))
            let dossier = try #require(try await app.store.dossiers.find(code: "\(Fixtures.centreCode)-261123-0001"))
            #expect(try await app.store.dossiers.find(code: dossier.code, pin: String(pin)) != nil)

            // Printed again later, the PIN cannot be shown; the desk issues a new one and the old one stops working.
            desk.cookies[NewPIN.cookieName] = nil
            #expect(!(try await desk.get("/dossiers/\(dossier.code)/forms/01").body.string.contains("Mã tra cứu (PIN)")))
            try await desk.get("/dossiers/\(dossier.code)")
            let reissued = try await desk.post("/dossiers/\(dossier.code)/pin", [])
            #expect(reissued.status == .seeOther)
            let newPIN = try #require(
                try await desk.get("/dossiers/\(dossier.code)/forms/01").body.string
                    .components(separatedBy: "Mã tra cứu (PIN): <strong>").dropFirst().first?.prefix(6))
            #expect(try await app.store.dossiers.find(code: dossier.code, pin: String(pin)) == nil || newPIN == pin)
            #expect(try await app.store.dossiers.find(code: dossier.code, pin: String(newPIN)) != nil)
            #expect(try await app.store.dossiers.events(dossierID: dossier.id).last?.draft.action == "reissue_pin")

            // The queue lists it; a specialist does not get the counter.
            #expect(try await desk.get("/dossiers?queue=in_progress").body.string.contains(dossier.code))
            let specialist = Browser(app)
            try await specialist.login("chuyenvien")
            #expect(try await specialist.get("/dossiers/new").status == .forbidden)
        }
    }

    @Test("Forms carry their fields: supplement, refusal, apology, process control, register, stop notice", arguments: TestDatabases.kinds)
    func forms(kind: DatabaseKind) async throws {
        try await TestApp.with(kind) { app, clock in
            try await DossierAPITests.prepare(app)
            let desk = Browser(app)
            try await desk.login("motcua")
            let first = try await Self.receive(desk)
            #expect(
                try await Self.act(desk, first, [("action", "request_supplement"), ("items", "Bản vẽ mặt bằng\nBản sao sổ đỏ"), ("reason", "Thiếu bản vẽ.")])
                    .status == .seeOther)
            let supplement = try await desk.get("/dossiers/\(first)/forms/02").body.string
            #expect(
                supplement.contains("PHIẾU YÊU CẦU BỔ SUNG") && supplement.contains("Bản vẽ mặt bằng") && supplement.contains("Bản sao sổ đỏ")
                    && supplement.contains("Thiếu bản vẽ"))
            #expect(try await desk.get("/dossiers/\(first)/forms/03").status == .notFound)
            // The officer sees since when the clock stands still, on the dossier and in the queue.
            let waiting = try await desk.get("/dossiers/\(first)").body.string
            #expect(waiting.contains("· tạm dừng tính thời hạn từ 23/11/2026 09:00</p>"))
            // A reason typed with its own full stop is not given a second one.
            #expect(waiting.contains("Bản vẽ mặt bằng; Bản sao sổ đỏ. Lý do: Thiếu bản vẽ. Đã nhận bổ sung:"))
            #expect(
                try await desk.get("/dossiers?queue=awaiting_supplement").body.string.contains(
                    "<span class=\"remaining\">tạm dừng tính thời hạn từ 23/11/2026 09:00</span>"))

            let second = try await Self.receive(desk)
            #expect(try await Self.act(desk, second, [("action", "refuse"), ("reason", "Không thuộc thẩm quyền")]).status == .seeOther)
            let refusal = try await desk.get("/dossiers/\(second)/forms/03").body.string
            #expect(refusal.contains("PHIẾU TỪ CHỐI") && refusal.contains("Không thuộc thẩm quyền"))

            let third = try await Self.receive(desk)
            #expect(try await Self.act(desk, third, [("action", "forward")]).status == .seeOther)
            clock.advance(by: 5 * 86400)
            try await DeadlineJob.run(app)
            try await desk.login("motcua")
            // The desk's home page starts from its queues, the overdue one marked.
            let home = try await desk.get("/").body.string
            #expect(home.contains("<tr class=\"late\"><th scope=\"row\"><a href=\"/dossiers?queue=overdue\">Quá hạn</a></th><td class=\"number\">1</td>"))
            #expect(home.contains("<tr><th scope=\"row\"><a href=\"/dossiers?queue=awaiting_supplement\">Chờ bổ sung</a></th><td class=\"number\">1</td>"))
            #expect(home.contains("<h2>Hồ sơ cần xử lý</h2>"))
            // Reform staff oversee the province's dossiers rather than handle them.
            let reform = Browser(app)
            try await reform.login("noivu")
            let overview = try await reform.get("/").body.string
            #expect(
                overview.contains("<h2>Tình hình giải quyết hồ sơ</h2>")
                    && overview.contains("href=\"/dossiers?queue=overdue\">Quá hạn</a></th><td class=\"number\">1</td>"))
            // The job drafted the apology: form 04 shows it as a draft for the head of the late unit.
            #expect(try await desk.get("/dossiers/\(third)/forms/04").body.string.contains("DỰ THẢO"))
            // …and the dossier's page links it, marked as a draft, among the forms that apply.
            let lateDossier = try await desk.get("/dossiers/\(third)").body.string
            #expect(
                lateDossier.contains(
                    "<a href=\"/dossiers/\(third)/forms/04\" target=\"_blank\" rel=\"noopener\">Mẫu 04 – Phiếu xin lỗi và hẹn lại (dự thảo)</a>"))
            #expect(!lateDossier.contains("/dossiers/\(third)/forms/03"))
            let leader = Browser(app)
            try await leader.login("lanhdao")
            let apologised = try await Self.act(
                leader, third,
                [
                    ("action", "apologize"), ("reason", "Chờ ý kiến cơ quan phối hợp"), ("newDueDate", "2026-12-04"), ("newDueSession", "chieu"),
                ])
            #expect(apologised.status == .seeOther)
            let apology = try await desk.get("/dossiers/\(third)/forms/04").body.string
            #expect(
                apology.contains("PHIẾU XIN LỖI") && apology.contains("Chờ ý kiến cơ quan phối hợp")
                    && apology.contains("17 giờ 00 phút, ngày 04 tháng 12 năm 2026"))
            #expect(apology.contains("Người dùng lanhdao") && !apology.contains("DỰ THẢO"))
            let control = try await desk.get("/dossiers/\(third)/forms/05").body.string
            #expect(control.contains("PHIẾU KIỂM SOÁT") && control.contains("Thẩm định") && control.contains("Tiếp nhận hồ sơ"))
            #expect(try await Self.act(leader, third, [("action", "stop"), ("reason", "Người nộp đề nghị dừng")]).status == .seeOther)
            #expect(try await desk.get("/dossiers/\(third)/forms/stop").body.string.contains("Người nộp đề nghị dừng"))

            let register = try await desk.get("/dossiers/register?unit=\(Fixtures.centreCode)&from=2026-11-23&to=2026-11-23").body.string
            #expect(register.contains("SỔ THEO DÕI HỒ SƠ") && [first, second, third].allSatisfy(register.contains))
            #expect(try await desk.get("/dossiers/register?from=2026-11-30&to=2026-11-01").status == .unprocessableEntity)
            #expect(supplement.contains("<a href=\"/dossiers/\(first)\">← Hồ sơ \(first)</a>"))
            // In English the screen's controls follow the reader; the printed sheet stays the official Vietnamese.
            try await desk.get("/language/en?next=/")
            let english = try await desk.get("/dossiers/register?unit=\(Fixtures.centreCode)&from=2026-11-23&to=2026-11-23").body.string
            #expect(english.contains("<label for=\"from\">From</label>") && english.contains("Show the register") && english.contains("SỔ THEO DÕI HỒ SƠ"))
            let receipt = try await desk.get("/dossiers/\(first)/forms/01").body.string
            #expect(receipt.contains("← Dossier \(first)</a>") && receipt.contains("Press Ctrl+P") && receipt.contains("GIẤY TIẾP NHẬN HỒ SƠ"))
        }
    }

    @Test("Two officers acting on the same version: one succeeds, the other is told the dossier changed", arguments: TestDatabases.kinds)
    func concurrentOfficers(kind: DatabaseKind) async throws {
        try await TestApp.with(kind) { app, _ in
            try await DossierAPITests.prepare(app)
            let desk = Browser(app)
            try await desk.login("motcua")
            let code = try await Self.receive(desk)
            #expect(try await Self.act(desk, code, [("action", "forward")]).status == .seeOther)
            let specialist = Browser(app), leader = Browser(app)
            try await specialist.login("chuyenvien")
            try await leader.login("lanhdao")
            try await specialist.get("/dossiers/\(code)")
            try await leader.get("/dossiers/\(code)")
            let version = String(try #require(try await app.store.dossiers.find(code: code)).version)
            let one = try await specialist.post("/dossiers/\(code)/actions", [("action", "forward"), ("version", version)])
            let other = try await leader.post(
                "/dossiers/\(code)/actions", [("action", "return_to_step"), ("toStep", "0"), ("reason", "Xem lại"), ("version", version)])
            #expect(one.status == .seeOther && other.status == .conflict)
            #expect(other.body.string.contains("Dữ liệu đã được người khác thay đổi (phiên bản hiện tại: \(Int(version)! + 1))"))
            #expect(other.body.string.contains("Xem lại"))
        }
    }

    @Test("The catalogue: search without accents, a new version from the editor, export and import", arguments: TestDatabases.kinds)
    func catalogue(kind: DatabaseKind) async throws {
        try await TestApp.with(kind) { app, _ in
            try await DossierAPITests.prepare(app)
            let visitor = Browser(app)
            let found = try await visitor.get("/procedures?q=cap%20giay%20phep")
            #expect(found.status == .ok && found.text.contains("Cấp giấy phép xây dựng nhà ở riêng lẻ"))
            #expect(try await visitor.get("/procedures?q=khai%20sinh").text.contains("Không có thủ tục nào phù hợp"))
            let detail = try await visitor.get("/procedures/\(Fixtures.procedureCode)")
            #expect(detail.text.contains("75.000 đ") && detail.text.contains("Thẩm định") && detail.text.contains("Nộp hồ sơ trực tuyến"))
            #expect(try await visitor.get("/procedures/new").location?.hasPrefix("/login") == true)

            let staff = Browser(app)
            try await staff.login("noivu")
            let edit = try await staff.get("/procedures/\(Fixtures.procedureCode)/edit")
            #expect(edit.status == .ok && edit.body.string.contains("name=\"s1_allowance\" value=\"16\""))
            let values = Self.formValues(edit.body.string)
            var changed = values.filter { $0.0 != "s1_allowance" } + [("s1_allowance", "8")]
            let wrongSum = try await staff.post("/procedures/\(Fixtures.procedureCode)", changed)
            #expect(wrongSum.status == .unprocessableEntity && wrongSum.text.contains("Tổng thời gian các bước là 16 giờ, phải bằng 24 giờ làm việc."))
            changed = values.filter { !["s1_allowance", "timeValue"].contains($0.0) } + [("s1_allowance", "8"), ("timeValue", "2")]
            let saved = try await staff.post("/procedures/\(Fixtures.procedureCode)", changed)
            #expect(saved.status == .seeOther && saved.location == "/procedures/\(Fixtures.procedureCode)?version=2")
            #expect(try await staff.post("/procedures/\(Fixtures.procedureCode)", changed).status == .conflict)
            let versions = try await app.store.procedures.versions(code: Fixtures.procedureCode)
            #expect(versions.map(\.version) == [1, 2] && versions[0].effectiveTo == Fixtures.day("2026-11-23"))

            // Exported, then imported unchanged: nothing new. A broken line: nothing written, the line named.
            let exported = try await staff.get("/procedures/export.json").body.string
            try await staff.get("/procedures/import")
            let imported = try await staff.postMultipart("/procedures/import", [], files: [("file", "thu-tuc.json", Array(exported.utf8))])
            #expect(imported.status == .seeOther)
            #expect(try await staff.get("/procedures").text.contains("0 thủ tục mới, 0 phiên bản mới, 1 không đổi"))
            let csv = try await staff.get("/procedures/export.csv").body.string
            let broken = csv.replacingOccurrences(of: "working_days", with: "tuần")
            try await staff.get("/procedures/import")
            let refused = try await staff.postMultipart("/procedures/import", [], files: [("file", "thu-tuc.csv", Array(broken.utf8))])
            #expect(refused.status == .unprocessableEntity && refused.text.contains("timeUnit"))
            #expect(try await app.store.procedures.versions(code: Fixtures.procedureCode).count == 2)
        }
    }

    /// The fields a browser would submit from the first form with method post.
    static func formValues(_ html: String) -> [(String, String)] {
        guard let start = html.range(of: "<form method=\"post\"") else { return [] }
        let form = String(html[start.lowerBound...])
        var values: [(String, String)] = []
        func attribute(_ name: String, in tag: String) -> String? {
            guard let range = tag.range(of: "\(name)=\"") else { return nil }
            return String(tag[range.upperBound...].prefix { $0 != "\"" })
        }
        func unescape(_ text: String) -> String {
            text.replacingOccurrences(of: "&quot;", with: "\"").replacingOccurrences(of: "&lt;", with: "<").replacingOccurrences(of: "&gt;", with: ">")
                .replacingOccurrences(of: "&#39;", with: "'").replacingOccurrences(of: "&amp;", with: "&")
        }
        for tag in form.components(separatedBy: "<input").dropFirst().map({ String($0.prefix { $0 != ">" }) }) {
            guard let name = attribute("name", in: tag), name != "_csrf" else { continue }
            if tag.contains("type=\"checkbox\""), !tag.contains(" checked") { continue }
            values.append((name, unescape(attribute("value", in: tag) ?? "")))
        }
        for chunk in form.components(separatedBy: "<select").dropFirst() {
            guard let name = attribute("name", in: String(chunk.prefix { $0 != ">" })) else { continue }
            let options = chunk.components(separatedBy: "</select>")[0]
            let selected = options.components(separatedBy: "<option value=\"").dropFirst().first { $0.contains("\" selected") } ?? ""
            values.append((name, unescape(String(selected.prefix { $0 != "\"" }))))
        }
        for chunk in form.components(separatedBy: "<textarea").dropFirst() {
            guard let name = attribute("name", in: String(chunk.prefix { $0 != ">" })) else { continue }
            let body = chunk.drop { $0 != ">" }.dropFirst().prefix { $0 != "<" }
            values.append((name, unescape(String(body))))
        }
        return values
    }
}
