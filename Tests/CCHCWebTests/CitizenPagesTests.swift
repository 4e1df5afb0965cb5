import CCHCCore
import CCHCTestSupport
import Foundation
import Testing
import Vapor
import VaporTesting

@testable import CCHCWeb

@Suite("Citizen pages: online filing, public lookup, rating")
struct CitizenPagesTests {
    @Test("Online filing checks uploads by content and size, keeps good files on errors, and the citizen follows it", arguments: TestDatabases.kinds)
    func onlineFiling(kind: DatabaseKind) async throws {
        try await TestApp.with(kind, environment: ["CCHC_UPLOAD_MAX_MB": "1"]) { app, _ in
            try await DossierAPITests.prepare(app)
            let citizen = Browser(app)
            try await citizen.login("congdan")
            try await citizen.get("/procedures/\(Fixtures.procedureCode)/file")
            let pdf = Array("%PDF-1.7\n%âãÏÓ\n1 0 obj\n".utf8)
            let png: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A] + Array(repeating: 0, count: 64)
            let disguised = Array("MZ\u{90}\u{0}This program cannot be run in DOS mode".utf8)
            let fields: [(String, String)] = [
                ("receivingUnitCode", Fixtures.centreCode), ("fullName", "Nguyễn Thị Mai"), ("idNumber", "079190001234"), ("phone", "+84 912 345 679"),
            ]
            let rejected = try await citizen.postMultipart(
                "/procedures/\(Fixtures.procedureCode)/file", fields,
                files: [
                    ("file0", "don.pdf", pdf), ("file1", "ban-ve.pdf", disguised),
                    ("file2", "so-do.png", Array(repeating: 0x89, count: 1) + png + Array(repeating: 0, count: 1_100_000)),
                ])
            #expect(rejected.status == .unprocessableEntity)
            #expect(rejected.body.string.contains("Tệp ban-ve.pdf không phải PDF, JPEG hoặc PNG"))
            #expect(rejected.body.string.contains("Tệp so-do.png lớn hơn 1 MB"))
            #expect(rejected.body.string.contains("Đã tải lên: don.pdf") && rejected.body.string.contains("value=\"Nguyễn Thị Mai\""))
            #expect(try await app.store.dossiers.count() == 0)

            let kept = try #require(rejected.body.string.components(separatedBy: "name=\"kept0\" value=\"").dropFirst().first?.prefix(36))
            let filed = try await citizen.postMultipart(
                "/procedures/\(Fixtures.procedureCode)/file", fields + [("kept0", String(kept))],
                files: [
                    ("file1", "ban-ve.png", png), ("file2", "so-do.pdf", pdf),
                ])
            #expect(filed.status == .seeOther)
            let confirmation = try await citizen.get(try #require(filed.location))
            let code = "\(Fixtures.centreCode)-261123-0001"
            #expect(confirmation.text.contains(code) && confirmation.text.contains("Mã PIN"))
            let dossier = try #require(try await app.store.dossiers.find(code: code))
            #expect(dossier.status == .submitted && dossier.channel == .online && dossier.applicant.phone == "0912345679")
            let files = try await app.store.dossierFiles.list(dossierID: dossier.id)
            #expect(files.map(\.kind).sorted { $0.rawValue < $1.rawValue } == [.pdf, .pdf, .png])
            #expect(try await citizen.get("/my/dossiers").body.string.contains(code))

            // The desk sees the files; another citizen does not see the dossier at all.
            let desk = Browser(app)
            try await desk.login("motcua")
            let page = try await desk.get("/dossiers/\(code)").body.string
            let link = try #require(page.components(separatedBy: "href=\"/dossiers/\(code)/files/").dropFirst().first?.prefix { $0 != "\"" })
            let download = try await desk.get("/dossiers/\(code)/files/\(link)")
            #expect(download.status == .ok && download.headers.contentDisposition?.value == .attachment)
            #expect(
                Array(download.body.readableBytesView.prefix(5)) == Array("%PDF-".utf8)
                    || Array(download.body.readableBytesView.prefix(4)) == [0x89, 0x50, 0x4E, 0x47])
            #expect(try await Browser(app).get("/dossiers/\(code)/files/\(link)").location?.hasPrefix("/login") == true)

            // Accepted, then sent back for a supplement the citizen sends online.
            #expect(try await DossierPagesTests.act(desk, code, [("action", "accept")]).status == .seeOther)
            #expect(
                try await DossierPagesTests.act(desk, code, [("action", "request_supplement"), ("items", "Bản vẽ rõ nét hơn"), ("reason", "Bản vẽ mờ")]).status
                    == .seeOther)
            // The citizen's home and list say the dossier waits on them.
            #expect(
                try await citizen.get("/").body.string.contains(
                    "<tr class=\"late\"><th scope=\"row\"><a href=\"/my/dossiers?queue=awaiting_supplement\">Chờ bổ sung</a></th><td class=\"number\">1</td>"))
            let waiting = try await citizen.get("/my/dossiers?queue=awaiting_supplement").body.string
            #expect(waiting.contains("<a class=\"todo\" href=\"/my/dossiers/\(code)\">Cần bạn bổ sung giấy tờ</a>"))
            #expect(!(try await citizen.get("/my/dossiers?queue=awaiting_payment").body.string.contains(code)))
            let mine = try await citizen.get("/my/dossiers/\(code)").body.string
            #expect(mine.contains("Bản vẽ rõ nét hơn") && mine.contains("Gửi hồ sơ bổ sung"))
            #expect(mine.contains("<span class=\"state\">tạm dừng, chờ người nộp</span>") && !mine.contains("<span class=\"state\">đang xử lý</span>"))
            #expect(mine.contains("Thời hạn đang tạm dừng trong khi chờ người nộp"))
            #expect(mine.contains("<label for=\"file4\">Tệp 5</label>") && mine.contains("mỗi tệp tối đa 1 MB"))
            let version = try #require(try await app.store.dossiers.find(code: code)).version
            // Nothing to send: the message stands beside the files, and every file input points to it.
            let empty = try await citizen.postMultipart("/my/dossiers/\(code)/supplement", [("version", String(version)), ("note", " ")], files: [])
            #expect(empty.status == .unprocessableEntity && empty.body.string.contains("<p class=\"field-error\" id=\"file0-error\">"))
            #expect(empty.body.string.components(separatedBy: "aria-describedby=\"file0-error\"").count == 1 + MyDossiersController.supplementFiles)
            let sent = try await citizen.postMultipart(
                "/my/dossiers/\(code)/supplement", [("version", String(version)), ("note", "Gửi lại bản vẽ")], files: [("file0", "ban-ve-moi.png", png)])
            #expect(sent.status == .seeOther)
            #expect(try await app.store.dossiers.find(code: code)?.status == .accepted)
            let resumed = try await citizen.get("/my/dossiers/\(code)").body.string
            #expect(resumed.contains("<span class=\"state\">đang xử lý</span>") && !resumed.contains("Thời hạn đang tạm dừng"))
            #expect(try await app.store.dossierFiles.list(dossierID: dossier.id).contains { $0.componentIndex == DossierFile.supplementIndex })
        }
    }

    @Test("The public lookup page shows progress without personal data and one answer for every wrong guess", arguments: TestDatabases.kinds)
    func lookupPage(kind: DatabaseKind) async throws {
        try await TestApp.with(kind) { app, _ in
            try await DossierAPITests.prepare(app)
            let desk = Browser(app)
            try await desk.login("motcua")
            let code = try await DossierPagesTests.receive(desk)
            let pin = try #require(desk.cookies[NewPIN.cookieName]?.split(separator: ":").last.map(String.init))

            let visitor = Browser(app)
            visitor.address = "198.51.100.7"
            let form = try await visitor.get("/lookup?code=\(code)")
            #expect(form.body.string.contains("value=\"\(code)\""))
            let found = try await visitor.post("/lookup", [("code", code), ("pin", pin)])
            #expect(found.status == .ok && found.text.contains("N*** V*** A***") && found.text.contains("Được tiếp nhận"))
            for personal in ["Nguyễn Văn An", "001203004567", "0912345678", "an@example.vn", "Phường Đông Hòa"] {
                #expect(!found.body.string.contains(personal), "\(personal)")
            }
            let wrong = try await visitor.post("/lookup", [("code", code), ("pin", "000000")])
            let missing = try await visitor.post("/lookup", [("code", "\(Fixtures.centreCode)-261123-0999"), ("pin", pin)])
            #expect(wrong.status == .notFound && missing.status == .notFound)
            #expect(
                wrong.text.contains("Không tìm thấy hồ sơ với mã và mã PIN đã nhập") && missing.text.contains("Không tìm thấy hồ sơ với mã và mã PIN đã nhập"))
            // The QR code on the receipt leads here with the code filled in (and no PIN).
            let receipt = try await desk.get("/dossiers/\(code)/forms/01").body.string
            #expect(receipt.contains("/lookup?code=\(code)") && !receipt.contains("pin=\(pin)"))

            // Waiting for a supplement, the appointment is said to move: by the wait, or anew where the clock restarts.
            var restarting = Fixtures.procedureDraft(code: "1.000002")
            restarting.supplementRule = .restart
            try await app.store.procedures.create(
                ProcedureRules.build(
                    restarting, tree: try await app.store.units.tree(), version: 1, today: Fixtures.day("2026-11-23"), now: Fixtures.now))
            for (procedure, note) in [(Fixtures.procedureCode, "ngày hẹn sẽ lùi thêm đúng thời gian chờ"), ("1.000002", "ngày hẹn mới sẽ được báo lại")] {
                let waiting = try await DossierPagesTests.receive(desk, procedure: procedure)
                #expect(
                    try await DossierPagesTests.act(desk, waiting, [("action", "request_supplement"), ("items", "Bản vẽ"), ("reason", "Thiếu")]).status
                        == .seeOther)
                let pin = try #require(desk.cookies[NewPIN.cookieName]?.split(separator: ":").last.map(String.init))
                #expect(try await visitor.post("/lookup", [("code", waiting), ("pin", pin)]).text.contains(note), "\(procedure)")
            }
        }
    }

    @Test("A returned dossier is rated once, from the lookup page or from the citizen's own page", arguments: TestDatabases.kinds)
    func rating(kind: DatabaseKind) async throws {
        try await TestApp.with(kind) { app, _ in
            try await DossierAPITests.prepare(app)
            // Two dossiers through to the end: one taken in at the counter, one filed online by the citizen.
            let desk = try await APIClient.login(app, "motcua"), specialist = try await APIClient.login(app, "chuyenvien")
            let leader = try await APIClient.login(app, "lanhdao"), citizenAPI = try await APIClient.login(app, "congdan")
            let counter = try await desk.send(.POST, "/api/v1/dossiers", json: DossierAPITests.counterBody).json()
            let online = try await citizenAPI.send(
                .POST, "/api/v1/dossiers", json: DossierAPITests.counterBody.replacingOccurrences(of: "\"counter\"", with: "\"online\"")
            ).json()
            for (code, first) in [(counter["code"] as! String, 2), (online["code"] as! String, 1)] {
                var version = first
                let steps: [(APIClient, String)] =
                    (first == 1 ? [(desk, "accept")] : []) + [(desk, "forward"), (specialist, "forward"), (leader, "mark_result_ready")]
                    + [(desk, "return_result\",\"returnedTo\":\"Nguyễn Văn An\",\"method\":\"counter")]
                for (who, action) in steps {
                    #expect(try await DossierAPITests.act(who, code, #"{"action":"\#(action)","version":\#(version)}"#).status == .ok)
                    version += 1
                }
            }
            let code = counter["code"] as! String, pin = counter["lookupPin"] as! String
            let visitor = Browser(app)
            try await visitor.get("/lookup")
            let found = try await visitor.post("/lookup", [("code", code), ("pin", pin)])
            #expect(found.body.string.contains("name=\"score_attitude\"") && found.body.string.contains("Rất hài lòng"))
            let scores = Rating.indicators.map { ("score_\($0)", "2") }
            let incomplete = try await visitor.post("/lookup/rating", [("code", code), ("pin", pin), ("satisfaction", "satisfied")] + scores.dropLast())
            #expect(incomplete.status == .unprocessableEntity && incomplete.text.contains("Chấm đủ 9 tiêu chí"))
            let rated = try await visitor.post("/lookup/rating", [("code", code), ("pin", pin), ("satisfaction", "satisfied"), ("comment", "Nhanh")] + scores)
            #expect(rated.status == .ok && rated.text.contains("Cảm ơn bạn đã đánh giá"))
            #expect(try await app.store.dossiers.find(code: code)?.rating?.satisfaction == .satisfied)

            let citizen = Browser(app)
            try await citizen.login("congdan")
            let mine = online["code"] as! String
            #expect(try await citizen.get("/my/dossiers").body.string.contains("href=\"/my/dossiers/\(mine)\">Mời bạn đánh giá</a>"))
            let page = try await citizen.get("/my/dossiers/\(mine)")
            #expect(page.body.string.contains("name=\"score_total_time\""))
            let version = String(try #require(try await app.store.dossiers.find(code: mine)).version)
            let saved = try await citizen.post("/my/dossiers/\(mine)/rating", [("version", version), ("satisfaction", "very_satisfied")] + scores)
            #expect(saved.status == .seeOther)
            #expect(!(try await citizen.get("/my/dossiers/\(mine)").body.string.contains("name=\"score_total_time\"")))
            #expect(!(try await citizen.get("/my/dossiers").body.string.contains("Mời bạn đánh giá")))
            #expect(try await citizen.get("/my/dossiers/\(code)").status == .notFound)
        }
    }
}
