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
        Set(
            Mirror(reflecting: query).children.compactMap { child in
                let type = "\(type(of: child.value))"
                return type == "String" || type == "Optional<String>" ? nil : child.label
            })
    }

    @Test("The list covers every parameter that the generated inputs do not take as text")
    func coversGeneratedInputs() throws {
        let generated: [String: Any] = [
            "listUsers": Operations.ListUsers.Input.Query(),
            "listUnits": Operations.ListUnits.Input.Query(),
            "getUnitTree": Operations.GetUnitTree.Input.Query(),
            "getDeadline": Operations.GetDeadline.Input.Query(from: ""),
            "listProcedures": Operations.ListProcedures.Input.Query(),
            "getProcedure": Operations.GetProcedure.Input.Query(),
            "listDossiers": Operations.ListDossiers.Input.Query(),
            "lookUpDossier": Operations.LookUpDossier.Input.Query(pin: ""),
            "getServiceIndex": Operations.GetServiceIndex.Input.Query(),
            "getServiceIndexRankings": Operations.GetServiceIndexRankings.Input.Query(level: .department),
            "listIndicatorDossiers": Operations.ListIndicatorDossiers.Input.Query(),
            "listAtRiskDossiers": Operations.ListAtRiskDossiers.Input.Query(),
            "listPublishedFeedback": Operations.ListPublishedFeedback.Input.Query(),
            "listFeedback": Operations.ListFeedback.Input.Query(),
            "listDialogues": Operations.ListDialogues.Input.Query(),
            "listTasks": Operations.ListTasks.Input.Query(),
            "getReportSchedule": Operations.GetReportSchedule.Input.Query(),
            "listReports": Operations.ListReports.Input.Query(),
        ]
        for (operation, query) in generated {
            // Text parameters with a format of their own (a day, a period code's length) are checked too.
            let checked = Set(APIQueryParameters.checked[operation]?.keys.map { $0 } ?? []).subtracting(["asOf", "period"])
            #expect(Self.generatedChecks(query) == checked, "\(operation)")
        }
        // A new operation with a query in the document must join the list above.
        #expect(try Set(generated.keys) == Self.operationsWithQuery())
    }

    /// The operations of the OpenAPI document that take a query parameter, inline or by reference.
    static func operationsWithQuery() throws -> Set<String> {
        let lines = try String(contentsOfFile: TestApp.packageRoot + "/Sources/CCHCWeb/openapi.yaml", encoding: .utf8)
            .split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }
        // Shared parameters are listed under components as "Name:" followed by their "in:".
        var shared: Set<String> = []
        for (index, line) in lines.enumerated().dropFirst() where line == "in: query" && lines[index - 1].hasPrefix("name:") {
            if index >= 2, lines[index - 2].hasSuffix(":") { shared.insert(String(lines[index - 2].dropLast())) }
        }
        var operations: Set<String> = []
        var current: String?
        for line in lines {
            if line.hasPrefix("operationId:") {
                current = line.dropFirst("operationId:".count).trimmingCharacters(in: .whitespaces)
            } else if ["get:", "post:", "patch:", "put:", "delete:", "components:"].contains(line) || line.hasPrefix("/api/") {
                current = nil
            } else if let operation = current,
                line == "in: query" || shared.contains(where: { line == "- $ref: '#/components/parameters/\($0)'" })
            {
                operations.insert(operation)
            }
        }
        return operations
    }
}
