import CCHCTestSupport
import Foundation
import Testing

/// Rules the API document must keep so that a schema-driven walk of it (schemathesis in CI) finds no
/// gap between what the document promises and what the server does. Each was once broken by a new
/// operation that did not copy its neighbours.
@Suite("The OpenAPI document")
struct OpenAPIDocumentTests {
    static func lines() throws -> [String] {
        try String(contentsOfFile: TestApp.packageRoot + "/Sources/CCHCWeb/openapi.yaml", encoding: .utf8)
            .split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    }

    /// Each operation's lines, from its `operationId:` to the next method or path.
    static func operations(_ lines: [String]) -> [String: [String]] {
        var result: [String: [String]] = [:]
        var current: String?
        for line in lines {
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            // A link's `operationId` sits deeper than the operation's own.
            if line.hasPrefix("      operationId:") {
                current = trimmed.dropFirst("operationId:".count).trimmingCharacters(in: .whitespaces)
            } else if ["get:", "post:", "patch:", "put:", "delete:", "components:"].contains(trimmed) || trimmed.hasPrefix("/api/") {
                current = nil
            } else if let operation = current {
                result[operation, default: []].append(trimmed)
            }
        }
        return result
    }

    @Test("Every JSON request body refuses properties it does not declare, since the server refuses them")
    func closedRequestBodies() throws {
        let lines = try Self.lines()
        let prefix = "$ref: '#/components/schemas/"
        var bodies: Set<String> = []
        for body in Self.operations(lines).values {
            guard let start = body.firstIndex(of: "requestBody:") else { continue }
            if let reference = body[start...].first(where: { $0.hasPrefix(prefix) }) {
                bodies.insert(String(reference.dropFirst(prefix.count).dropLast()))
            }
        }
        #expect(bodies.contains("FeedbackSubmission") && bodies.contains("DossierCreate"))
        for schema in bodies.sorted() {
            guard let start = lines.firstIndex(of: "    \(schema):") else {
                Issue.record("\(schema) is not among the schemas")
                continue
            }
            let rest = lines[(start + 1)...]
            let end = rest.firstIndex { $0.hasPrefix("    ") && !$0.hasPrefix("     ") } ?? lines.endIndex
            #expect(lines[(start + 1)..<end].contains("      additionalProperties: false"), "\(schema)")
        }
    }

    @Test("Every paginated list documents the 422 a bad cursor gets")
    func cursorErrors() throws {
        let paginated = Self.operations(try Self.lines()).filter { $0.value.contains("- $ref: '#/components/parameters/Cursor'") }
        #expect(paginated.keys.contains("listFeedback") && paginated.keys.contains("listDossiers"))
        for (operation, body) in paginated {
            #expect(body.contains("'422':"), "\(operation)")
        }
    }
}
