import CCHCCore
import CCHCTestSupport
import Foundation
import Testing
import Vapor
import VaporTesting
@testable import CCHCWeb

@Suite("Query parameters of the wrong type")
struct APIQueryParametersTests {
    static func fields(_ response: TestingHTTPResponse) throws -> [String] {
        try (response.json()["errors"] as? [[String: Any]] ?? []).compactMap { $0["field"] as? String }
    }

    @Test("A 400 names every bad or missing query parameter, in the caller's language")
    func named() async throws {
        try await TestApp.with(.sqlite) { app, _ in
            try await TestAccounts.seed(app)
            var admin = try await APIClient.login(app, "admin")
            let dossiers = try await admin.send(.GET, "/api/v1/dossiers?status=abc&field=x&overdue=maybe&nearingDue=true&limit=10")
            #expect(dossiers.status == .badRequest && dossiers.headers.contentType?.description.hasPrefix("application/problem+json") == true)
            #expect(try Self.fields(dossiers) == ["status", "overdue"])
            #expect(try (dossiers.json()["errors"] as? [[String: Any]])?.first?["message"] as? String == "Giá trị không hợp lệ.")
            #expect(try Self.fields(try await admin.send(.GET, "/api/v1/units?kind=boss&status=open%20ish")) == ["kind", "status"])
            admin.language = "en"
            let deadline = try await admin.send(.GET, "/api/v1/calendar/deadline?workingDays=three")
            #expect(try deadline.status == .badRequest && (try Self.fields(deadline)) == ["workingDays", "from"])
            #expect(try (deadline.json()["errors"] as? [[String: Any]])?.first?["message"] as? String == "Invalid value.")
            // Well-formed parameters still reach the handler.
            #expect(try await admin.send(.GET, "/api/v1/dossiers?status=2&overdue=false&limit=10").status == .ok)
        }
    }

    /// The non-text query parameters of each operation, read from the generated input types.
    static func generatedChecks(_ query: Any) -> Set<String> {
        Set(Mirror(reflecting: query).children.compactMap { child in
            let type = "\(type(of: child.value))"
            return type == "String" || type == "Optional<String>" ? nil : child.label
        })
    }

    @Test("The list covers every parameter that the generated inputs do not take as text")
    func coversGeneratedInputs() {
        let generated: [String: Any] = [
            "listUsers": Operations.ListUsers.Input.Query(),
            "listUnits": Operations.ListUnits.Input.Query(),
            "getUnitTree": Operations.GetUnitTree.Input.Query(),
            "getDeadline": Operations.GetDeadline.Input.Query(from: ""),
            "listProcedures": Operations.ListProcedures.Input.Query(),
            "getProcedure": Operations.GetProcedure.Input.Query(),
            "listDossiers": Operations.ListDossiers.Input.Query(),
            "lookUpDossier": Operations.LookUpDossier.Input.Query(pin: ""),
        ]
        for (operation, query) in generated {
            #expect(Self.generatedChecks(query) == Set(APIQueryParameters.checked[operation]?.keys.map { $0 } ?? []), "\(operation)")
        }
    }
}
