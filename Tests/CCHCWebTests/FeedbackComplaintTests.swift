import CCHCCore
import CCHCTestSupport
import Foundation
import Testing
import Vapor
import VaporTesting
import WorkCalendar

@testable import CCHCWeb

@Suite("Feedback about a dossier: a complaint indicator 5.4 counts")
struct FeedbackComplaintTests {
    @Test(
        "Feedback sent about a returned dossier puts it among 5.4's lost ones, with the item to drill down to, kept with the events",
        arguments: TestDatabases.kinds)
    func complaint(kind: DatabaseKind) async throws {
        try await TestApp.with(kind) { app, _ in
            try await TestAccounts.seed(app)
            try await Fixtures.loadProcedure(into: app.store)
            let returned = try await Fixtures.returnedDossiers(
                3, in: app.store, from: VietnamTime.instant(on: Fixtures.day("2026-11-16"), secondsOfDay: 8 * 3600))
            let land = try #require(try await app.store.units.find(code: Fixtures.landCode)).id
            func lost() async throws -> Int {
                try await app.store.projections.sums(
                    projection: ServiceIndexCounters.name, counters: [ServiceIndexCounters.Counter.finishedLateOrDissatisfied.rawValue],
                    entities: [land], days: nil)[ServiceIndexCounters.Counter.finishedLateOrDissatisfied.rawValue] ?? 0
            }
            #expect(try await lost() == 0)

            let sent = try await FeedbackService(store: app.store, maximumLookupFailures: 5).submit(
                FeedbackSubmission(
                    name: "Nguyễn Văn An", phone: "0912345678", email: "", topic: .dossier, procedureCode: "", unitCode: "",
                    dossierCode: returned[1].code, dossierPIN: returned[1].pin, officialName: "", title: "Trả kết quả thiếu trang",
                    content: "Giấy phép trả cho tôi thiếu bản vẽ."),
                account: nil, address: "10.0.0.1", now: Fixtures.now)
            #expect(sent.feedback.dossierCode == returned[1].code)
            // The dossier records it, with an event on its own chain, and 5.4 counts it lost from then.
            let dossier = try #require(try await app.store.dossiers.find(code: returned[1].code))
            #expect(dossier.complaints == [sent.feedback.code])
            #expect(try await app.store.dossiers.events(dossierID: dossier.id).last?.draft.action == "record_complaint")
            #expect(try await lost() == 1)
            #expect(try await app.store.projections.check([]) { _, _ in }.isEmpty)
            #expect(try await app.store.dossiers.verifyAuditChain().firstBroken == nil)

            // The drill-down names the reason and the item behind it.
            let admin = try await APIClient.login(app, "admin")
            let list = try await admin.send(.GET, "/api/v1/service-index/indicators/5.4/dossiers?unit=\(Fixtures.landCode)&period=2026")
            let items = try #require(try list.json()["items"] as? [[String: Any]])
            #expect(items.count == 1 && items[0]["code"] as? String == returned[1].code)
            #expect(items[0]["complaints"] as? [String] == [sent.feedback.code])
            #expect((items[0]["reasons"] as? [String])?.contains("Có phản ánh, kiến nghị về hồ sơ") == true)
            let page = Browser(app)
            try await page.login("admin")
            let html = try await page.get("/service-index/indicators/5.4?unit=\(Fixtures.landCode)&period=2026").body.string
            #expect(html.contains("href=\"/feedback/\(sent.feedback.code)\""))
            #expect(try await page.get("/dossiers/\(returned[1].code)").body.string.contains(sent.feedback.code))
        }
    }
}
