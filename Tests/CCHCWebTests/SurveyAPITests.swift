import CCHCCore
import CCHCTestSupport
import Foundation
import Testing
import Vapor
import VaporTesting
import WorkCalendar

@testable import CCHCWeb

@Suite("Surveys through the API")
struct SurveyAPITests {
    static func answers(level: String) -> String {
        let fields = SurveyPagesTests.ballot(level: level).map { #""\#($0.0)":"\#($0.1)""# }
        return "{" + fields.joined(separator: ",") + "}"
    }

    @Test(
        "Open a campaign, take its invitations, answer by token (once), key in a ballot, read the results; load a questionnaire version",
        arguments: TestDatabases.kinds)
    func flow(kind: DatabaseKind) async throws {
        try await TestApp.with(kind) { app, _ in
            try await TestAccounts.seed(app)
            try await Fixtures.loadProcedure(into: app.store)
            try await Fixtures.returnedDossiers(5, in: app.store, from: VietnamTime.instant(on: Fixtures.day("2026-10-05"), secondsOfDay: 8 * 3600))
            let staff = try await APIClient.login(app, "noivu")
            let opened = try await staff.send(
                .POST, "/api/v1/survey-campaigns",
                json:
                    #"{"title":"Quý IV","audience":"citizens","periodFrom":"2026-10-01","periodTo":"2026-10-31","closesOn":"2026-12-31","units":["\#(Fixtures.landCode)"],"seed":"42"}"#
            )
            #expect(opened.status == .created)
            let campaign = try opened.json()
            let code = try #require(campaign["code"] as? String)
            #expect(campaign["seed"] as? String == "42")
            // N = 5 → n = 5 ÷ 1.0125 → 5: every returned dossier is asked.
            #expect((campaign["targets"] as? [[String: Any]])?.first?["invited"] as? Int == 5)

            let invitations = try await staff.send(.GET, "/api/v1/survey-campaigns/\(code)/invitations")
            let items = try #require(try invitations.json()["items"] as? [[String: Any]])
            let token = try #require(items.first?["token"] as? String)
            #expect(items.count == 5 && (items.first?["link"] as? String)?.hasSuffix("/s/\(token)") == true)

            let anyone = APIClient(app: app)
            let form = try await anyone.send(.GET, "/api/v1/public/surveys/\(token)")
            let sections = (try form.json()["questionnaire"] as? [String: Any])?["sections"] as? [Any]
            #expect(form.status == .ok && sections?.count == 5)
            let missing = try await anyone.send(.POST, "/api/v1/public/surveys/\(token)", json: #"{"answers":{"access.place":"9"}}"#)
            #expect(missing.status == .unprocessableEntity)
            let fields = try (missing.json()["errors"] as? [[String: Any]] ?? []).compactMap { $0["field"] as? String }
            #expect(fields.contains("access.place") && fields.contains("procedure.fees"))
            #expect(try await anyone.send(.POST, "/api/v1/public/surveys/\(token)", json: #"{"answers":\#(Self.answers(level: "5"))}"#).status == .created)
            #expect(try await anyone.send(.POST, "/api/v1/public/surveys/\(token)", json: #"{"answers":\#(Self.answers(level: "5"))}"#).status == .notFound)

            let leader = try await APIClient.login(app, "lanhdao")
            let kiosk = try await leader.send(
                .POST, "/api/v1/survey-campaigns/\(code)/ballots",
                json: #"{"unit":"\#(Fixtures.landCode)","channel":"kiosk","answers":\#(Self.answers(level: "3"))}"#)
            #expect(kiosk.status == .created)

            let results = try await APIClient.login(app, "bcd").send(.GET, "/api/v1/survey-campaigns/\(code)/results")
            let total = try #require(try results.json()["total"] as? [String: Any])
            #expect(total["respondents"] as? Int == 2 && total["spent"] as? Int == 1 && total["responseRate"] as? Double == 20)
            #expect((total["respondentsByChannel"] as? [String: Int]) == ["online": 1, "kiosk": 1])
            // One satisfied of two on every scale item: each factor's scale items at 50 %, the index their mean with the weighted ones.
            let access = try #require((total["sections"] as? [[String: Any]])?.first)
            #expect(access["code"] as? String == "access" && access["score"] as? Double == 50)

            // A version of the leaders' questionnaire: every error named first, then stored.
            let bad = try await staff.send(
                .POST, "/api/v1/questionnaires/leaders",
                json:
                    #"{"effectiveFrom":"2026-11-24","reason":"QĐ số 1/QĐ-UBND","questionnaire":{"title":{"vi":"","en":""},"sections":[],"scale":[],"satisfiedLevels":[],"index":"mean_of_items","marginOfError":0.05}}"#
            )
            #expect(bad.status == .unprocessableEntity)
            let sipas = String(decoding: try JSONEncoder().encode(Questionnaire.sipas), as: UTF8.self)
            let good = try await staff.send(
                .POST, "/api/v1/questionnaires/leaders", json: #"{"effectiveFrom":"2026-11-24","reason":"QĐ số 1/QĐ-UBND","questionnaire":\#(sipas)}"#)
            let version = try good.json()["version"] as? Int
            #expect(good.status == .created && version == 1)
            let history = try await staff.send(.GET, "/api/v1/questionnaires/leaders")
            #expect((try history.json()["versions"] as? [Any])?.count == 1)
            let stale = try await staff.send(
                .POST, "/api/v1/questionnaires/leaders", json: #"{"effectiveFrom":"2026-12-24","reason":"Sửa","questionnaire":\#(sipas)}"#)
            #expect(stale.status == .conflict)
        }
    }
}
