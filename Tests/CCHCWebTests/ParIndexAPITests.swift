import CCHCCore
import CCHCTestSupport
import Foundation
import Testing
import Vapor
import VaporTesting

@testable import CCHCWeb

@Suite("PAR Index through the API: criteria, campaigns, scores, appraisal, results, the national table")
struct ParIndexAPITests {
    @Test(
        "A unit scores and submits, Home Affairs appraises, every refusal is named; the national table gives Đắk Lắk's standing", arguments: TestDatabases.kinds
    )
    func flow(kind: DatabaseKind) async throws {
        try await TestApp.with(kind) { app, _ in
            try await TestAccounts.seed(app)
            let staff = try await APIClient.login(app, "noivu")
            let set = String(decoding: try JSONEncoder().encode(ParCriteriaSet.local(year: 2026, level: .department)), as: UTF8.self)
            let bad = try await staff.send(
                .POST, "/api/v1/par/criteria",
                json: #"{"set":\#(set.replacingOccurrences(of: #""maximum":12"#, with: #""maximum":11"#)),"reason":"QĐ","expectedLatest":0}"#)
            #expect(bad.status == .unprocessableEntity)
            #expect(try (bad.json()["errors"] as? [[String: Any]])?.compactMap { $0["field"] as? String }.contains("fields[0].maximum") == true)
            #expect(try await staff.send(.POST, "/api/v1/par/criteria", json: #"{"set":\#(set),"reason":"QĐ","expectedLatest":0}"#).status == .created)
            #expect(try await staff.send(.POST, "/api/v1/par/criteria", json: #"{"set":\#(set),"reason":"QĐ","expectedLatest":0}"#).status == .conflict)
            let criteria = try await staff.send(.GET, "/api/v1/par/criteria/2026/department/1").json()
            #expect(((criteria["set"] as? [String: Any])?["fields"] as? [Any])?.count == 10)

            let opened = try await staff.send(
                .POST, "/api/v1/par/campaigns",
                json:
                    #"{"year":2026,"level":"department","title":"Cấp sở 2026","selfAssessmentDue":"2026-12-15","appraisalDue":"2027-01-15","reviewDue":"2027-01-31","publishOn":"2027-02-15","units":["\#(Fixtures.landCode)","\#(Fixtures.homeAffairsCode)"]}"#
            )
            let units = try opened.json()["units"] as? [String]
            #expect(opened.status == .created && units?.count == 2)

            let leader = try await APIClient.login(app, "lanhdao")
            let path = "/api/v1/par/campaigns/CCHC-2026-SO/units/\(Fixtures.landCode)"
            let wrong = try await leader.send(
                .POST, path + "/scores", json: #"{"version":1,"items":{"3.5":{"value":3},"5.2":{"value":1.5},"3.1":{"value":90}}}"#)
            #expect(wrong.status == .unprocessableEntity)
            let fields = try (wrong.json()["errors"] as? [[String: Any]] ?? []).compactMap { $0["field"] as? String }.sorted()
            #expect(fields == ["items.3.1", "items.3.5.value", "items.5.2.value"])
            let scored = try await leader.send(
                .POST, path + "/scores",
                json:
                    #"{"version":1,"items":{"3.5":{"value":1,"links":["https://example.gov.vn/niem-yet"]},"5.2":{"value":2,"explanation":"Hai lần vi phạm"}}}"#
            )
            #expect(scored.status == .ok)
            let items = try #require(try scored.json()["items"] as? [[String: Any]])
            #expect(items.first { $0["code"] as? String == "5.2" }?["points"] as? Double == 1)
            #expect(try await leader.send(.GET, "/api/v1/par/campaigns/CCHC-2026-SO/units/\(Fixtures.homeAffairsCode)").status == .notFound)
            #expect(try await leader.send(.GET, "/api/v1/par/campaigns/CCHC-2026-SO/results").status == .forbidden)
            let early = try await leader.send(.POST, path + "/submit", json: #"{"version":2}"#)
            #expect(early.status == .unprocessableEntity)
            // Home Affairs cannot appraise a draft.
            #expect(try await staff.send(.POST, path + "/items/3.5/appraisal", json: #"{"version":2,"decision":"accept"}"#).status == .conflict)
            #expect(try await APIClient.login(app, "chuyenvien").send(.POST, path + "/submit", json: #"{"version":2}"#).status == .forbidden)

            // The national table, the test province standing where Đắk Lắk stood: 2023's components, 2022's total.
            let rows2022 = #"{"rows":[{"province":"Thử Nghiệm","total":84.47,"appraised":56.54,"impact":2.95,"leaders":17.12,"sipas":7.86,"rank":38}]}"#
            #expect(try await staff.send(.PUT, "/api/v1/par/national/2022", json: rows2022).status == .ok)
            let badRow = #"{"rows":[{"province":"Đắk Lắk","total":88,"appraised":57.92,"impact":2.97,"leaders":18.29,"sipas":8.15,"rank":28}]}"#
            #expect(try await staff.send(.PUT, "/api/v1/par/national/2023", json: badRow).status == .unprocessableEntity)
            let rows2023 =
                #"{"rows":[{"province":"Tỉnh Thử Nghiệm","total":87.33,"appraised":57.92,"impact":2.97,"leaders":18.29,"sipas":8.15,"rank":28,"fieldRanks":[12,35,18,44,9,20,30,21]}]}"#
            #expect(try await staff.send(.PUT, "/api/v1/par/national/2023", json: rows2023).status == .ok)
            let standing = try await leader.send(.GET, "/api/v1/par/national/2023").json()
            #expect(standing["total"] as? Double == 87.33 && standing["rank"] as? Int == 28 && standing["group"] as? String == "B")
            #expect(standing["pointsChange"] as? Double == 2.86 && standing["placesChange"] as? Int == 10 && standing["fieldsInTop20"] as? Int == 4)
            #expect(try await leader.send(.GET, "/api/v1/par/national/2021").status == .notFound)
        }
    }
}
