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

    /// The lines of each schema under `components/schemas`, by name.
    static func schemas(_ lines: [String]) -> [String: [String]] {
        guard let start = lines.firstIndex(of: "  schemas:") else { return [:] }
        var result: [String: [String]] = [:]
        var current: String?
        for line in lines[(start + 1)...] {
            if line.hasPrefix("    ") && !line.hasPrefix("     ") && line.hasSuffix(":") {
                current = String(line.dropFirst(4).dropLast())
            } else if !line.hasPrefix("    ") && !line.isEmpty {
                break
            } else if let name = current {
                result[name, default: []].append(line)
            }
        }
        return result
    }

    @Test("Every number a request body can hold has bounds the server reads, so a schema-valid number is never a 400")
    func boundedNumbers() throws {
        let lines = try Self.lines()
        let schemas = Self.schemas(lines)
        let prefix = "$ref: '#/components/schemas/"
        // The schemas request bodies reach, through references.
        var reached: Set<String> = []
        var pending = Self.operations(lines).values.compactMap { body -> String? in
            guard let start = body.firstIndex(of: "requestBody:") else { return nil }
            return body[start...].first { $0.hasPrefix(prefix) }.map { String($0.dropFirst(prefix.count).dropLast()) }
        }
        while let name = pending.popLast() {
            guard reached.insert(name).inserted else { continue }
            for line in schemas[name] ?? [] {
                var rest = Substring(line)
                while let range = rest.range(of: prefix) {
                    let tail = rest[range.upperBound...]
                    pending.append(String(tail.prefix { $0 != "'" }))
                    rest = tail
                }
            }
        }
        #expect(reached.contains("SurveyCampaignCreate") && reached.contains("RespondentGroup"))
        for name in reached.sorted() {
            let block = schemas[name] ?? []
            for (index, line) in block.enumerated() where line.contains("type: integer") || line.contains("type: number") {
                // Flow style holds its bounds on the line; block style on the lines of the same property after it.
                let indent = line.prefix { $0 == " " }.count
                let property = [line] + block[(index + 1)...].prefix { $0.prefix { $0 == " " }.count >= indent && !$0.contains("type:") }
                let text = property.joined(separator: " ")
                #expect(text.contains("minimum:") && text.contains("maximum:"), "\(name): \(line.trimmingCharacters(in: .whitespaces))")
            }
        }
    }
}
