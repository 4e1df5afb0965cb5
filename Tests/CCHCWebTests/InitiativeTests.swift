import CCHCCore
import CCHCTestSupport
import Foundation
import Testing
import Vapor
import VaporTesting

@testable import CCHCWeb

@Suite("Reform initiatives: a unit registers its own, Home Affairs recognises it and records where it was taken up")
struct InitiativeTests {
    @Test("The register, its refusals and a stale update, on both databases", arguments: TestDatabases.kinds)
    func loop(kind: DatabaseKind) async throws {
        try await TestApp.with(kind) { app, _ in
            try await TestAccounts.seed(app)
            let leader = Browser(app)
            try await leader.login("lanhdao")
            try await leader.get("/initiatives")
            var fields: [(String, String)] = [
                ("kind", "model"), ("title", "Một cửa không giấy"), ("unitCode", Fixtures.landCode), ("year", "2030"), ("summary", "Số hóa tại quầy"),
            ]
            let future = try await leader.post("/initiatives", fields)
            #expect(future.status == .unprocessableEntity && future.body.string.contains("Số hóa tại quầy"))
            fields[3] = ("year", "2026")
            #expect(try await leader.post("/initiatives", fields.map { $0.0 == "unitCode" ? ($0.0, Fixtures.homeAffairsCode) : $0 }).status == .forbidden)
            #expect(try await leader.post("/initiatives", fields).status == .seeOther)
            #expect(try await leader.post("/initiatives/SK-2026-001", [("status", "recognised"), ("version", "1")]).status == .forbidden)

            let staff = Browser(app)
            try await staff.login("noivu")
            try await staff.get("/initiatives/SK-2026-001")
            let noDecision = try await staff.post("/initiatives/SK-2026-001", [("status", "recognised"), ("version", "1")])
            #expect(noDecision.status == .unprocessableEntity && noDecision.body.string.contains("Ghi quyết định công nhận."))
            let own = try await staff.post(
                "/initiatives/SK-2026-001", [("status", "recognised"), ("recognition", "12/QĐ-UBND"), ("replicatedTo", Fixtures.landCode), ("version", "1")])
            #expect(own.status == .unprocessableEntity)
            let saved = try await staff.post(
                "/initiatives/SK-2026-001",
                [
                    ("status", "recognised"), ("recognition", "12/QĐ-UBND"), ("replicatedTo", "\(Fixtures.communeCode), \(Fixtures.centreCode)"),
                    ("version", "1"),
                ])
            #expect(saved.status == .seeOther)
            let stale = try await staff.post("/initiatives/SK-2026-001", [("status", "applied"), ("recognition", "Bản cũ"), ("version", "1")])
            #expect(stale.status == .conflict && stale.body.string.contains("Bản cũ"))
            let stored = try #require(try await app.store.initiatives.find(code: "SK-2026-001"))
            #expect(stored.status == .recognised && stored.replicatedTo.count == 2)
            #expect(try await staff.get("/initiatives").body.string.contains("1 sáng kiến, mô hình; 1 đã được công nhận; nhân rộng tại 2 đơn vị."))
            let api = try await APIClient.login(app, "bcd").send(.GET, "/api/v1/initiatives")
            let items = try api.json()["items"] as? [[String: Any]]
            #expect(Set(items?.first?["replicatedTo"] as? [String] ?? []) == [Fixtures.communeCode, Fixtures.centreCode])
            // A null is not "absent": it is refused, naming the field, and nothing changes.
            let null = try await APIClient.login(app, "noivu").send(
                .PUT, "/api/v1/initiatives/SK-2026-001", json: #"{"version":2,"status":"applied","replicatedTo":null}"#)
            #expect(null.status == .badRequest && null.body.string.contains("replicatedTo"))
            #expect(try await app.store.initiatives.find(code: "SK-2026-001")?.replicatedTo.count == 2)
            let long = try await APIClient.login(app, "bcd").send(.GET, "/api/v1/reports?period=00000000000")
            #expect(long.status == .badRequest && long.body.string.contains("period"))
        }
    }
}
