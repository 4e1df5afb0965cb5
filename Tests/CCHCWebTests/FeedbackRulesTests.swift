import CCHCCore
import CCHCTestSupport
import Foundation
import Testing
import Vapor
import VaporTesting
import WorkCalendar

@testable import CCHCWeb

@Suite("Feedback deadlines as versions: page and API")
struct FeedbackRulesTests {
    @Test(
        "An administrator sets a new version of the deadlines; a bad one comes back with its errors and what was typed; items keep the version of their day",
        arguments: TestDatabases.kinds)
    func versions(kind: DatabaseKind) async throws {
        try await TestApp.with(kind) { app, clock in
            try await TestAccounts.seed(app)
            let admin = Browser(app)
            try await admin.login("admin")
            let page = try await admin.get("/admin/feedback-rules")
            #expect(page.status == .ok && page.body.string.contains("QĐ 766/QĐ-TTg"))
            let fields = [
                ("acceptWithin", "3"), ("askWithin", "5"), ("answerWithin", "mười"), ("publishWithin", "2"), ("effectiveFrom", "2026-12-01"),
                ("reason", ""), ("expectedLatestVersion", "1"),
            ]
            let refused = try await admin.post("/admin/feedback-rules", fields)
            #expect(refused.status == .unprocessableEntity && refused.body.string.contains("value=\"mười\""))
            #expect(try await app.feedbackRulesVersions() == 1)
            let saved = try await admin.post(
                "/admin/feedback-rules", fields.map { $0.0 == "answerWithin" ? ($0.0, "10") : $0.0 == "reason" ? ($0.0, "QĐ số 9/QĐ-UBND") : $0 })
            #expect(saved.status == .seeOther)
            #expect(try await app.feedbackRulesVersions() == 2)

            // An item received from that day runs under version 2: accepted within 3 working days.
            clock.set(VietnamTime.instant(on: Fixtures.day("2026-12-02"), secondsOfDay: 9 * 3600))
            let sent = try await FeedbackService(store: app.store, maximumLookupFailures: 5).submit(
                FeedbackSubmission(
                    name: "Trần Văn Đất", phone: "0912345678", email: "", topic: .unit, procedureCode: "", unitCode: Fixtures.landCode,
                    dossierCode: "", dossierPIN: "", officialName: "", title: "Chậm", content: "Quá hẹn."),
                account: nil, address: "10.0.0.1", now: clock.now)
            let calendar = try await app.store.calendarOverrides.workingCalendar()
            #expect(sent.feedback.rulesVersion == 2 && sent.feedback.stageDue == calendar.workingDay(3, from: Fixtures.day("2026-12-02")))

            // The API: read by the settings' readers, a stale latest is a conflict, the committee may not add one.
            let api = try await APIClient.login(app, "admin")
            let versions = try await api.send(.GET, "/api/v1/feedback-rules")
            #expect((try versions.json()["versions"] as? [[String: Any]])?.last?["answerWithin"] as? Int == 10)
            let body =
                #"{"effectiveFrom":"2026-12-20","reason":"Sửa","expectedLatestVersion":1,"acceptWithin":2,"askWithin":5,"answerWithin":15,"publishWithin":2}"#
            #expect(try await api.send(.POST, "/api/v1/feedback-rules", json: body).status == .conflict)
            #expect(try await APIClient.login(app, "bcd").send(.POST, "/api/v1/feedback-rules", json: body).status == .forbidden)
            let added = try await api.send(
                .POST, "/api/v1/feedback-rules", json: body.replacingOccurrences(of: #""expectedLatestVersion":1"#, with: #""expectedLatestVersion":2"#))
            let version = try added.json()["version"] as? Int
            #expect(added.status == .created && version == 3)
        }
    }
}

extension Application {
    func feedbackRulesVersions() async throws -> Int {
        try await store.feedbackRules.history().versions.count
    }
}
