import CCHCCore
import Foundation
import Vapor

/// What the service index's pages and API operations share: reading the unit, the period and the cursor.
enum ServiceIndexPages {
    /// The unit named by `code`, or the root of the tree (the province) without one; 404 when unknown.
    static func unit(_ code: String?, tree: UnitTree) throws -> OrgUnit {
        if let code, !code.isEmpty {
            guard let unit = tree.unit(code: UnitCode.normalize(code)) else {
                throw DomainError(.notFound, "unit.not_found", arguments: ["code": code])
            }
            return unit
        }
        guard let root = tree.roots.first else { throw DomainError(.notFound, "unit.not_found", arguments: ["code": ""]) }
        return root
    }

    /// A period for the API: one that cannot be read is a 400 naming `period`.
    static func apiPeriod(_ text: String?, service: ServiceIndexService, now: Date) async throws -> ReportPeriod {
        do {
            return try await service.period(text, now: now)
        } catch let error as DomainError where error.kind == .validation {
            throw Problem.malformed(error.fields)
        }
    }

    /// Cursors are the last dossier code of a page, base64url so that they fit the spec's cursor pattern.
    static func encodeCursor(_ code: String) -> String {
        Data(code.utf8).base64EncodedString().replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }

    static func cursor(_ text: String?) throws -> String? {
        guard let text, !text.isEmpty else { return nil }
        var base64 = text.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        while base64.count % 4 != 0 { base64 += "=" }
        guard let data = Data(base64Encoded: base64), let code = String(data: data, encoding: .utf8) else {
            throw Problem.malformed([FieldError("cursor", "error.invalid_value")])
        }
        return code
    }
}
