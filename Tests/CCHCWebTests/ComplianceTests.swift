import CCHCCore
import CCHCTestSupport
import Foundation
import Testing
import Vapor
import VaporTesting

@testable import CCHCWeb

@Suite("Compliance requirements: put to many units, answered by each with evidence, read as \"n/m\" with who is missing")
struct ComplianceTests {
    @Test("Home Affairs puts a requirement to the departments; a unit answers for itself only; a stale answer is a 409", arguments: TestDatabases.kinds)
    func loop(kind: DatabaseKind) async throws {
        try await TestApp.with(kind) { app, _ in
            try await TestAccounts.seed(app)
            let staff = Browser(app)
            try await staff.login("noivu")
            try await staff.get("/plans/requirements")
            let bad = try await staff.post("/plans/requirements", [("title", "Ban hành kế hoạch CCHC năm 2027"), ("dueOn", "x"), ("audience", "departments")])
            #expect(bad.status == .unprocessableEntity && bad.body.string.contains("Ban hành kế hoạch CCHC năm 2027"))
            #expect(
                try await staff.post(
                    "/plans/requirements", [("title", "Ban hành kế hoạch CCHC năm 2027"), ("dueOn", "2026-12-31"), ("audience", "departments")]
                )
                .status == .seeOther)
            let requirement = try #require(try await app.store.compliance.find(code: "YC-2026-001"))
            let departments = requirement.unitIDs.count
            #expect(departments >= 2 && requirement.text == "0/\(departments)")

            let leader = Browser(app)
            try await leader.login("lanhdao")
            let page = try await leader.get("/plans/requirements/YC-2026-001").body.string
            #expect(page.contains("value=\"\(Fixtures.landCode)\"") && !page.contains("value=\"\(Fixtures.homeAffairsCode)\""))
            let noNote = try await leader.post("/plans/requirements/YC-2026-001/answer", [("unitCode", Fixtures.landCode), ("done", "1"), ("version", "1")])
            #expect(noNote.status == .unprocessableEntity)
            #expect(
                try await leader.post(
                    "/plans/requirements/YC-2026-001/answer",
                    [("unitCode", Fixtures.landCode), ("done", "1"), ("note", "Kế hoạch số 15/KH-SNNMT"), ("version", "1")]
                ).status == .seeOther)
            #expect(
                try await leader.post(
                    "/plans/requirements/YC-2026-001/answer", [("unitCode", Fixtures.homeAffairsCode), ("done", "1"), ("note", "x"), ("version", "2")]
                ).status == .forbidden)
            let stale = try await leader.post(
                "/plans/requirements/YC-2026-001/answer", [("unitCode", Fixtures.landCode), ("done", "1"), ("note", "Lần hai"), ("version", "1")])
            #expect(stale.status == .conflict && stale.body.string.contains("Lần hai"))
            let read = try await staff.get("/plans/requirements/YC-2026-001").body.string
            #expect(read.contains("<strong>1/\(departments)</strong>") && read.contains("Sở Nội vụ") && read.contains("Kế hoạch số 15/KH-SNNMT"))
            #expect(try await staff.get("/plans/requirements").body.string.contains("<strong>1/\(departments)</strong>"))
        }
    }

    @Test("Through the API: put a requirement to units by code, answer it, read n/m and who is missing", arguments: TestDatabases.kinds)
    func api(kind: DatabaseKind) async throws {
        try await TestApp.with(kind) { app, _ in
            try await TestAccounts.seed(app)
            let staff = try await APIClient.login(app, "noivu")
            let unknown = try await staff.send(
                .POST, "/api/v1/compliance", json: #"{"title":"Ký cam kết","dueOn":"2026-12-31","audience":"codes","unitCodes":["NOPE"]}"#)
            #expect(unknown.status == .unprocessableEntity)
            let created = try await staff.send(
                .POST, "/api/v1/compliance",
                json: #"{"title":"Ký cam kết","dueOn":"2026-12-31","audience":"codes","unitCodes":["\#(Fixtures.landCode)","\#(Fixtures.homeAffairsCode)"]}"#)
            #expect(created.status == .created)
            let leader = try await APIClient.login(app, "lanhdao")
            let answered = try await leader.send(
                .POST, "/api/v1/compliance/YC-2026-001/answers", json: #"{"version":1,"unitCode":"\#(Fixtures.landCode)","done":true,"note":"Cam kết số 3"}"#)
            #expect(answered.status == .ok)
            let body = try answered.json()
            #expect(body["done"] as? Int == 1 && body["total"] as? Int == 2 && (body["missing"] as? [String]) == [Fixtures.homeAffairsCode])
            #expect(
                try await leader.send(
                    .POST, "/api/v1/compliance/YC-2026-001/answers", json: #"{"version":2,"unitCode":"\#(Fixtures.homeAffairsCode)","done":true,"note":"x"}"#
                ).status == .forbidden)
        }
    }
}
