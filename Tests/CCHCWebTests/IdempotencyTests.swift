import CCHCCore
import CCHCTestSupport
import Foundation
import Testing
import Vapor
import VaporTesting

@testable import CCHCWeb

@Suite("Idempotent intake under concurrent retries")
struct IdempotencyTests {
    @Test(
        "Retries sent at once under one key take one dossier in and all get its answer; another body under the key is refused",
        arguments: TestDatabases.kinds)
    func concurrentRetries(kind: DatabaseKind) async throws {
        try await TestApp.with(kind) { app, _ in
            try await DossierAPITests.prepare(app)
            let desk = try await APIClient.login(app, "motcua")
            let answers = try await withThrowingTaskGroup(of: (HTTPStatus, String?, String?).self) { group in
                for _ in 0..<12 {
                    group.addTask {
                        let response = try await desk.send(.POST, "/api/v1/dossiers", json: DossierAPITests.counterBody, headers: [("Idempotency-Key", "same")])
                        let body = try response.json()
                        return (response.status, body["code"] as? String, body["lookupPin"] as? String)
                    }
                }
                return try await group.reduce(into: []) { $0.append($1) }
            }
            // Each retry gets the first answer, or is told the first is still being written (409, try again).
            let created = answers.filter { $0.0 == .created }
            #expect(!created.isEmpty && answers.allSatisfy { $0.0 == .created || $0.0 == .conflict })
            #expect(Set(created.map(\.1)).count == 1 && Set(created.map(\.2)).count == 1)
            #expect(try await app.store.dossiers.count() == 1)
            let retried = try await desk.send(.POST, "/api/v1/dossiers", json: DossierAPITests.counterBody, headers: [("Idempotency-Key", "same")])
            #expect(try retried.status == .created && (retried.json()["code"] as? String) == created.first?.1)
        }
    }
}
