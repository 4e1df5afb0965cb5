import CCHCCore
import CCHCTestSupport
import Foundation
import Testing
import Vapor
import VaporTesting
import WorkCalendar

@testable import CCHCWeb

@Suite("Province settings as versioned data")
struct ProvinceSettingsTests {
    static func settingsJSON(officeHours: String = "07:30-11:30,13:30-17:00", supplements: Int = 2) -> String {
        """
        {"officeHours":"\(officeHours)","workingDayCounting":"office_time","calendarDaysEndOnWorkingDay":true,
         "maximumSupplementRequests":\(supplements),"apologyBeforeDeadline":false,"nearingDueHours":8,
         "ratingBands":[{"minimum":16,"label":"Xuất sắc"},{"minimum":0,"label":"Chưa đạt"}]}
        """
    }

    static func body(expected: Int, from: String, reason: String = "QĐ 15/QĐ-UBND", settings: String = settingsJSON()) -> String {
        #"{"expectedLatestVersion":\#(expected),"effectiveFrom":"\#(from)","reason":"\#(reason)","settings":\#(settings)}"#
    }

    @Test(
        "Through the API: read the history, set a version from a day, refused when stale, bad or not an administrator's; deadlines name it",
        arguments: TestDatabases.kinds)
    func api(kind: DatabaseKind) async throws {
        try await TestApp.with(kind) { app, clock in
            try await TestAccounts.seed(app)
            try await Fixtures.loadProcedure(into: app.store)
            var admin = try await APIClient.login(app, "admin")
            let history = try await admin.send(.GET, "/api/v1/province-settings")
            #expect(history.status == .ok)
            let versions = try history.json()["versions"] as? [[String: Any]] ?? []
            #expect(versions.count == 1 && versions[0]["version"] as? Int == 1 && versions[0]["effectiveFrom"] as? String == "2000-01-01")
            #expect((try history.json()["current"] as? [String: Any])?["inForce"] as? Bool == true)

            #expect(try await (try await APIClient.login(app, "noivu")).send(.GET, "/api/v1/province-settings").status == .ok)
            let reform = try await APIClient.login(app, "noivu")
            #expect(try await reform.send(.POST, "/api/v1/province-settings", json: Self.body(expected: 1, from: "2026-12-01")).status == .forbidden)
            #expect(try await (try await APIClient.login(app, "chuyenvien")).send(.GET, "/api/v1/province-settings").status == .forbidden)

            admin.language = "en"
            let bad = try await admin.send(
                .POST, "/api/v1/province-settings",
                json: Self.body(
                    expected: 1, from: "2026-11-01", reason: " ", settings: Self.settingsJSON(officeHours: "8h-17h", supplements: 0)))
            #expect(bad.status == .unprocessableEntity)
            let fields = (try bad.json()["errors"] as? [[String: Any]] ?? []).compactMap { $0["field"] as? String }
            #expect(Set(fields) == ["settings.officeHours"], "\(fields)")
            let unreadable = try await admin.send(.POST, "/api/v1/province-settings", json: Self.body(expected: 1, from: "2026-11-01", reason: " "))
            let unreadableFields = (try unreadable.json()["errors"] as? [[String: Any]] ?? []).compactMap { $0["field"] as? String }
            #expect(Set(unreadableFields) == ["effectiveFrom", "reason"], "\(unreadableFields)")
            #expect(try await admin.send(.POST, "/api/v1/province-settings", json: Self.body(expected: 0, from: "2026-12-01")).status == .conflict)

            let created = try await admin.send(.POST, "/api/v1/province-settings", json: Self.body(expected: 1, from: "2026-11-25"))
            #expect(try created.status == .created && (created.json()["version"] as? Int) == 2 && (created.json()["inForce"] as? Bool) == false)
            #expect(try await admin.send(.POST, "/api/v1/province-settings", json: Self.body(expected: 1, from: "2026-12-01")).status == .conflict)
            let both = try await admin.send(.GET, "/api/v1/province-settings").json()["versions"] as? [[String: Any]] ?? []
            #expect(both.map { $0["effectiveTo"] as? String } == ["2026-11-25", nil])

            // A dossier taken in today counts under version 1; one taken in on the 25th, under version 2.
            let desk = try await APIClient.login(app, "motcua")
            let today = try await desk.send(.POST, "/api/v1/dossiers", json: DossierAPITests.counterBody).json()
            clock.set(VietnamTime.instant(on: Fixtures.day("2026-11-25"), secondsOfDay: 7 * 3600 + 10 * 60))
            let later = try await desk.send(.POST, "/api/v1/dossiers", json: DossierAPITests.counterBody).json()
            let first = try await desk.send(.GET, "/api/v1/dossiers/\(today["code"] as! String)").json()
            let second = try await desk.send(.GET, "/api/v1/dossiers/\(later["code"] as! String)").json()
            #expect(first["settingsVersion"] as? Int == 1 && second["settingsVersion"] as? Int == 2)
            // Received 07:10 on Wednesday 25/11 under 07:30 openings: counting starts at the opening, and three whole
            // days of office time end at Friday's closing, 17:00.
            #expect(later["dueAt"] as? String == "2026-11-27T10:00:00Z")
            let events = second["events"] as? [[String: Any]] ?? []
            #expect((events.last?["payload"] as? [String: Any])?["settingsVersion"] as? Int == 2)
            #expect(events.last?["schemaVersion"] as? Int == DossierEventPayload.schemaVersion)
        }
    }

    @Test("On the page: the administrator reads the change log and sets a version; errors beside their fields keep what was typed")
    func page() async throws {
        try await TestApp.with(.sqlite) { app, _ in
            try await TestAccounts.seed(app)
            let browser = Browser(app)
            try await browser.login("admin")
            let page = try await browser.get("/admin/settings")
            #expect(page.status == .ok && page.text.contains("Đang áp dụng: phiên bản 1, từ 01/01/2000"))
            #expect(page.body.string.contains(#"name="officeHours" value="07:00-11:30,13:30-17:00""#))
            let refused = try await browser.post(
                "/admin/settings",
                [
                    ("expectedLatestVersion", "1"), ("effectiveFrom", "2026-11-01"), ("officeHours", "bảy giờ"), ("workingDayCounting", "office_time"),
                    ("maximumSupplementRequests", "1"), ("nearingDueHours", "8"), ("ratingBands", "16 Xuất sắc\nmười Khá"), ("reason", "Thử"),
                ])
            #expect(refused.status == .unprocessableEntity, "\(refused.text)")
            #expect(refused.text.contains("Giờ làm việc phải là các khoảng") && refused.text.contains("Không đọc được dòng"))
            #expect(refused.body.string.contains(#"value="bảy giờ""#))
            let saved = try await browser.post(
                "/admin/settings",
                [
                    ("expectedLatestVersion", "1"), ("effectiveFrom", "2026-12-01"), ("officeHours", "07:30-11:30,13:30-17:00"),
                    ("workingDayCounting", "whole_days"), ("calendarDaysEndOnWorkingDay", "on"), ("maximumSupplementRequests", "2"),
                    ("nearingDueHours", "16"), ("ratingBands", "16 Xuất sắc\n0 Chưa đạt"), ("reason", "Quyết định 99/QĐ-UBND"),
                ])
            #expect(saved.status == .seeOther)
            let after = try await browser.get("/admin/settings")
            #expect(after.text.contains("Đã lưu phiên bản 2 của thiết lập, hiệu lực từ 01/12/2026"))
            #expect(after.text.contains("Quyết định 99/QĐ-UBND") && after.text.contains("Tối đa 2 lần yêu cầu bổ sung"))
            let stored = try await app.store.provinceSettings.history()
            #expect(stored.latest?.rules.workingDayCounting == .wholeDays && stored.latest?.setBy == "admin")

            let specialist = Browser(app)
            try await specialist.login("chuyenvien")
            #expect(try await specialist.get("/admin/settings").status == .forbidden)
            let steering = Browser(app)
            try await steering.login("bcd")
            let readOnly = try await steering.get("/admin/settings")
            #expect(readOnly.status == .ok && !readOnly.body.string.contains(#"action="/admin/settings""#))
        }
    }

    @Test("Values a deployment still sets in the environment become the first version, then are ignored")
    func importedFromEnvironment() async throws {
        let target = TestDatabases.freshTarget(.sqlite)
        try await TestApp.with(
            target: target, environment: ["CCHC_MAX_SUPPLEMENT_REQUESTS": "3", "CCHC_OFFICE_HOURS": "07:30-11:30,13:00-16:30"],
            keepDatabase: true
        ) { app, _ in
            let first = try #require(try await app.store.provinceSettings.history().latest)
            #expect(first.version == 1 && first.rules.maximumSupplementRequests == 3 && first.rules.officeHours.description == "07:30-11:30,13:00-16:30")
            #expect(first.reason.contains("CCHC_OFFICE_HOURS") && first.reason.contains("CCHC_MAX_SUPPLEMENT_REQUESTS"))
        }
        try await TestApp.with(target: target, environment: ["CCHC_MAX_SUPPLEMENT_REQUESTS": "5"]) { app, _ in
            let history = try await app.store.provinceSettings.history()
            #expect(history.versions.count == 1 && history.latest?.rules.maximumSupplementRequests == 3)
        }
    }
}
