import CCHCCore
import CCHCTestSupport
import Foundation
import OfficeDocument
import Testing
import Vapor
import VaporTesting
import WorkCalendar

@testable import CCHCWeb

@Suite("Periodic reports on the pages: draft from the figures, write, approve, send; Word and CSV exports")
struct ReportPagesTests {
    @Test("A department's quarter report from draft to sent, with its refusals, on both databases", arguments: TestDatabases.kinds)
    func loop(kind: DatabaseKind) async throws {
        try await TestApp.with(kind) { app, _ in
            try await TestAccounts.seed(app)
            let leader = Browser(app)
            try await leader.login("lanhdao")
            let index = try await leader.get("/reports").body.string
            #expect(index.contains("Báo cáo quý III") && index.contains("Hạn gửi 20/09/2026"))
            // The year's report cannot be drafted for 2027 yet; an unknown period is named beside its field.
            let early = try await leader.post("/reports", [("unitCode", Fixtures.landCode), ("year", "2027"), ("period", "Y")])
            #expect(early.status == .unprocessableEntity && early.body.string.contains("chưa thể lập dự thảo"))
            let unknown = try await leader.post("/reports", [("unitCode", Fixtures.landCode), ("year", "2026"), ("period", "Q9")])
            #expect(unknown.status == .unprocessableEntity && unknown.body.string.contains("Kỳ báo cáo không có trong lịch báo cáo"))
            #expect(try await leader.post("/reports", [("unitCode", Fixtures.homeAffairsCode), ("year", "2026"), ("period", "Q3")]).status == .forbidden)
            let drafted = try await leader.post("/reports", [("unitCode", Fixtures.landCode), ("year", "2026"), ("period", "Q3")])
            #expect(drafted.status == .seeOther && drafted.location == "/reports/BC-2026-001")
            let again = try await leader.post("/reports", [("unitCode", Fixtures.landCode), ("year", "2026"), ("period", "Q3")])
            #expect(again.status == .conflict && again.body.string.contains("BC-2026-001"))

            let page = try await leader.get("/reports/BC-2026-001").body.string
            #expect(page.contains("15/06/2026 – 14/09/2026") && page.contains("Công tác chỉ đạo, điều hành") && page.contains("Phụ lục 4."))
            // Approving a draft whose sections are empty names each one.
            let empty = try await leader.post("/reports/BC-2026-001/approve", [("version", "1")])
            #expect(empty.status == .unprocessableEntity && empty.body.string.contains("Mục “Đề xuất, kiến nghị” chưa có nội dung."))
            var sections = ReportSchedule.cv581.outline.map { ("section_\($0.key)", "Nội dung \($0.key) của Sở") }
            let badTable = try await leader.post(
                "/reports/BC-2026-001", sections + [("table_dossiers", "Tiếp nhận,Đã giải quyết\n1"), ("version", "1")])
            #expect(badTable.status == .unprocessableEntity && badTable.body.string.contains("Bảng không đọc được"))
            #expect(badTable.body.string.contains("Nội dung proposals của Sở") && badTable.body.string.contains("Tiếp nhận,Đã giải quyết\n1"))
            sections.append(("table_dossiers", "Tiếp nhận,Đã giải quyết,Giải quyết trễ hạn,Quá hạn chưa giải quyết\n12,10,1,0\n"))
            #expect(try await leader.post("/reports/BC-2026-001", sections + [("version", "1")]).status == .seeOther)
            let stale = try await leader.post("/reports/BC-2026-001", [("section_results", "Bản cũ hơn"), ("version", "1")])
            #expect(stale.status == .conflict && stale.body.string.contains("Bản cũ hơn"))
            let report = try #require(try await app.store.reports.find(code: "BC-2026-001"))
            #expect(report.tables.first { $0.key == "dossiers" }?.rows == [["12", "10", "1", "0"]])
            // A refresh reads the figures again but keeps the table staff edited.
            #expect(try await leader.post("/reports/BC-2026-001/refresh", [("version", "2")]).status == .seeOther)
            #expect(try await app.store.reports.find(code: "BC-2026-001")?.tables.first { $0.key == "dossiers" }?.edited == true)

            // Home Affairs may read it but only the unit's head approves.
            let staff = Browser(app)
            try await staff.login("noivu")
            #expect(try await staff.post("/reports/BC-2026-001/approve", [("version", "3")]).status == .forbidden)
            #expect(try await leader.post("/reports/BC-2026-001/submit", [("version", "3")]).status == .conflict)
            #expect(try await leader.post("/reports/BC-2026-001/approve", [("version", "3")]).status == .seeOther)
            #expect(try await leader.post("/reports/BC-2026-001", [("section_results", "Sửa sau khi duyệt"), ("version", "4")]).status == .conflict)
            #expect(try await leader.post("/reports/BC-2026-001/submit", [("version", "4")]).status == .seeOther)
            let sent = try #require(try await app.store.reports.find(code: "BC-2026-001"))
            #expect(sent.state == .submitted && sent.submittedOn == LocalDate(year: 2026, month: 11, day: 23) && sent.isLate(today: sent.submittedOn!))
            let consolidated = try await staff.get("/reports?year=2026").body.string
            #expect(consolidated.contains("Đơn vị đã gửi: 1/") && consolidated.contains("chậm hạn"))

            // The Word document is a valid package whose document holds the headings, the narrative and the tables.
            let docx = try await staff.get("/reports/BC-2026-001/report.docx")
            #expect(docx.headers.contentType?.subType == "vnd.openxmlformats-officedocument.wordprocessingml.document")
            let entries = try #require(ZipArchive.read(Data(buffer: docx.body)))
            #expect(
                Set(entries.map(\.path)).isSuperset(of: [
                    "[Content_Types].xml", "_rels/.rels", "word/document.xml", "word/styles.xml", "word/_rels/document.xml.rels",
                ]))
            let document = try #require(entries.first { $0.path == "word/document.xml" }.map { String(decoding: $0.data, as: UTF8.self) })
            #expect(document.contains("I. CÔNG TÁC CHỈ ĐẠO, ĐIỀU HÀNH") && document.contains("V. ĐỀ XUẤT, KIẾN NGHỊ"))
            #expect(document.contains("Nội dung results của Sở") && document.contains("<w:tbl>") && document.contains("Tỉ lệ trễ hạn theo lĩnh vực"))
            #expect(document.contains("<w:t xml:space=\"preserve\">12</w:t>") && document.contains("w:w=\"11906\""))
            let csv = try await staff.get("/reports/BC-2026-001/tables.csv")
            #expect(csv.headers.contentType?.subType == "csv" && csv.body.string.contains("Tiếp nhận và giải quyết hồ sơ TTHC"))
            let specialist = Browser(app)
            try await specialist.login("chuyenvien")
            #expect(try await specialist.get("/reports").status == .forbidden)
        }
    }

    @Test("The package round-trips: every entry read back with its checksum; CRC-32 of the check string")
    func zip() throws {
        var archive = ZipArchive()
        archive.add("a.txt", text: "123456789")
        archive.add("thư mục/b.xml", text: "<x>Tiếng Việt</x>")
        let entries = try #require(ZipArchive.read(archive.data()))
        #expect(entries.map(\.path) == ["a.txt", "thư mục/b.xml"])
        #expect(String(decoding: entries[1].data, as: UTF8.self) == "<x>Tiếng Việt</x>")
        var corrupted = archive.data()
        corrupted[40] ^= 0xFF
        #expect(ZipArchive.read(corrupted) == nil)
        // 0xCBF43926 is the standard check value of CRC-32 over "123456789", stored little-endian at offset 14.
        #expect(Array(archive.data()[14..<18]) == [0x26, 0x39, 0xF4, 0xCB])
    }
}
