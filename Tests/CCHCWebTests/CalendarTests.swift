import CCHCCore
import CCHCTestSupport
import Foundation
import Testing
import Vapor
import VaporTesting
import WorkCalendar

@testable import CCHCWeb

@Suite("Working calendar pages, API and commands")
struct CalendarWebTests {
    @Test("The year page shows months with lunar dates and each special day with its legal basis", arguments: TestDatabases.kinds)
    func page(kind: DatabaseKind) async throws {
        try await TestApp.with(kind) { app, _ in
            try await TestAccounts.seed(app)
            let browser = Browser(app)
            try await browser.login("noivu")
            let page = try await browser.get("/calendar?year=2026")
            #expect(page.status == .ok)
            #expect(page.text.contains("Lịch làm việc năm 2026 (Bính Ngọ)"))
            #expect(page.body.string.components(separatedBy: "<table class=\"month\">").count == 13)
            // 17/2/2026 is Tết: a holiday cell whose lunar date is 1/1.
            #expect(page.body.string.contains("title=\"Tết Nguyên đán (mùng 1)\"><span class=\"solar\">17</span><span class=\"lunar\">1/1</span>"))
            #expect(page.text.contains("Thứ Hai 31/08/2026 19/7 Nghỉ hoán đổi Nghỉ hoán đổi (làm bù thứ Bảy 22/08/2026)"))
            #expect(page.text.contains("Bộ luật Lao động 2019, Điều 112"))
            #expect(!page.text.contains("dự kiến"))
            let next = try await browser.get("/calendar?year=2027")
            #expect(next.text.contains("Năm này chưa có quyết định của Chính phủ"))
            #expect(try await browser.get("/calendar?year=1990").status == .notFound)
            // Other roles may not open it.
            let specialist = Browser(app)
            try await specialist.login("chuyenvien")
            #expect(try await specialist.get("/calendar").status == .forbidden)
        }
    }

    @Test("Reform staff record a new decision; deadlines follow it at once", arguments: TestDatabases.kinds)
    func overrides(kind: DatabaseKind) async throws {
        try await TestApp.with(kind) { app, _ in
            try await TestAccounts.seed(app)
            let api = try await APIClient.login(app, "motcua")
            let before = try await api.send(.GET, "/api/v1/calendar/deadline?from=2027-03-01T09:00&workingDays=1")
            #expect(try before.json()["due"] as? String == "2027-03-02T09:00")

            let browser = Browser(app)
            try await browser.login("noivu")
            try await browser.get("/calendar?year=2027")
            let invalid = try await browser.post(
                "/calendar/overrides", [("date", "2027-03-02"), ("kind", "day_off"), ("name", "Nghỉ thêm"), ("legalBasis", "")])
            #expect(invalid.status == .unprocessableEntity)
            #expect(invalid.body.string.contains("value=\"Nghỉ thêm\""))
            #expect(invalid.text.contains("Vui lòng nhập thông tin này."))
            let added = try await browser.post(
                "/calendar/overrides",
                [
                    ("date", "02/03/2027"), ("kind", "day_off"), ("name", "Nghỉ thêm"), ("legalBasis", "Quyết định 1/QĐ-TTg ngày 01/01/2027"),
                ])
            #expect(added.status == .seeOther && added.location == "/calendar?year=2027")
            let page = try await browser.get("/calendar?year=2027")
            #expect(page.text.contains("Đã thêm điều chỉnh cho ngày 02/03/2027."))
            #expect(page.text.contains("Quyết định 1/QĐ-TTg ngày 01/01/2027"))

            let after = try await api.send(.GET, "/api/v1/calendar/deadline?from=2027-03-01T09:00&workingDays=1")
            #expect(try after.json()["due"] as? String == "2027-03-03T09:00")
            let year = try await api.send(.GET, "/api/v1/calendar/2027")
            let days = try JSONSerialization.jsonObject(with: Data(year.body.string.utf8)) as? [[String: Any]] ?? []
            #expect(days.contains { $0["date"] as? String == "2027-03-02" && $0["kind"] as? String == "swap_off" && $0["estimated"] as? Bool == false })

            // Removing needs a reason.
            let record = try #require(try await app.store.calendarOverrides.active().first)
            #expect(try await browser.post("/calendar/overrides/\(record.id)/remove", [("reason", ""), ("year", "2027")]).status == .unprocessableEntity)
            #expect(try await browser.post("/calendar/overrides/\(record.id)/remove", [("reason", "Nhầm quyết định"), ("year", "2027")]).status == .seeOther)
            let history = try await browser.get("/calendar?year=2027")
            #expect(history.text.contains("Lý do: Nhầm quyết định"))
            #expect(try await api.send(.GET, "/api/v1/calendar/deadline?from=2027-03-01T09:00&workingDays=1").json()["due"] as? String == "2027-03-02T09:00")
        }
    }

    @Test("The API returns what the command line prints", arguments: TestDatabases.kinds)
    func sameJSON(kind: DatabaseKind) async throws {
        let cli = CommandRunner(kind)
        try await cli.run(["migrate"])
        try await TestApp.with(target: cli.target, keepDatabase: true) { app, _ in
            try await TestAccounts.seed(app)
            let admin = try #require(try await app.store.users.find(username: "admin"))
            _ = try await app.store.calendarOverrides.add(
                CalendarOverride(date: Fixtures.day("2026-12-31"), kind: .dayOff, name: "Nghỉ cuối năm", legalBasis: "Thông báo 5/TB"),
                by: admin, officeHours: .standard, now: Fixtures.now)
        }
        try await cli.run(["calendar", "holidays", "2026", "--json"])
        try await cli.run(["calendar", "deadline", "--from", "2026-12-30T09:00", "--working-days", "1", "--json"])
        let lines = cli.printed.split(separator: "\n")
        let printedYear = try #require(lines.first { $0.hasPrefix("[") })
        let printedDeadline = try #require(lines.first { $0.hasPrefix("{") })
        #expect(printedDeadline == #"{"appointmentDate":"2027-01-04","due":"2027-01-04T09:00","session":"sang"}"#)

        try await TestApp.with(target: cli.target) { app, _ in
            let api = try await APIClient.login(app, "congdan")
            let year = try await api.send(.GET, "/api/v1/calendar/2026")
            let fromAPI = try JSONDecoder().decode([HolidayEntry].self, from: Data(year.body.string.utf8))
            let fromCLI = try JSONDecoder().decode([HolidayEntry].self, from: Data(printedYear.utf8))
            #expect(fromAPI == fromCLI)
            #expect(
                fromCLI.last == HolidayEntry(SpecialDay(date: Fixtures.day("2026-12-31"), kind: .swapOff, name: "Nghỉ cuối năm", legalBasis: "Thông báo 5/TB")))
            let deadline = try await api.send(.GET, "/api/v1/calendar/deadline?from=2026-12-30T09:00&workingDays=1")
            #expect(
                try JSONDecoder().decode(DeadlineAnswer.self, from: Data(deadline.body.string.utf8))
                    == JSONDecoder().decode(DeadlineAnswer.self, from: Data(printedDeadline.utf8)))
        }
    }

    @Test("Deadline questions are checked field by field")
    func invalidQuestions() async throws {
        try await TestApp.with(.sqlite) { app, _ in
            try await TestAccounts.seed(app)
            let api = try await APIClient.login(app, "congdan")
            let both = try await api.send(.GET, "/api/v1/calendar/deadline?from=02/03/2026&workingDays=1&days=2&cutoff=3pm")
            #expect(both.status == .unprocessableEntity)
            #expect(Set((try both.json()["errors"] as? [[String: String]] ?? []).compactMap { $0["field"] }) == ["from", "duration", "cutoff"])
            #expect(try await api.send(.GET, "/api/v1/calendar/deadline?workingDays=1").status == .badRequest)
            #expect(try await api.send(.GET, "/api/v1/calendar/1900").status == .unprocessableEntity)
            let cut = try await api.send(.GET, "/api/v1/calendar/deadline?from=2026-03-02T15:30&workingHours=2&cutoff=15:00")
            #expect(try cut.json()["due"] as? String == "2026-03-03T09:00")
            #expect(try await APIClient(app: app).send(.GET, "/api/v1/calendar/2026").status == .unauthorized)
        }
    }

    @Test("Calendar commands without a database")
    func commands() async throws {
        let cli = CommandRunner(.sqlite)
        try await cli.run(["calendar", "lunar", "2026-02-17", "--json"])
        try await cli.run(["calendar", "solar", "2025-06-01", "--leap"])
        try await cli.run(["calendar", "between", "--from", "2026-03-02T09:00", "--to", "2026-03-05T10:15", "--json"])
        try await cli.run(["calendar", "deadline", "--from", "2026-03-02T09:00", "--working-days", "3"])
        try await cli.run(["calendar", "holidays", "2027"])
        let printed = cli.printed
        #expect(
            printed.contains(
                #"{"date":"2026-02-17","leapMonth":false,"lunarDate":"2026-01-01","lunarDay":1,"lunarMonth":1,"lunarYear":2026,"yearName":"Bính Ngọ"}"#))
        #expect(printed.contains("Thứ Sáu 25/07/2025 dương lịch = ngày 1 tháng 6 nhuận năm Ất Tỵ âm lịch"))
        #expect(printed.contains(#"{"workingDays":3.15625,"workingHours":25.25,"workingSeconds":90900}"#))
        #expect(printed.contains("Hẹn trả: sáng Thứ Năm 05/03/2026"))
        #expect(printed.contains("Năm 2027 (Đinh Mùi) — dự kiến, chưa có quyết định"))
        #expect(printed.contains("04/02/2027  Thứ Năm   Nghỉ bù"))
        // No database file was created for them.
        guard case .sqlite(let path, _) = cli.target else { return }
        #expect(!FileManager.default.fileExists(atPath: path))
        await #expect(throws: (any Error).self) { try await cli.run(["calendar", "holidays", "1990"]) }
    }
}
