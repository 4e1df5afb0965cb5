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

    /// The forms a period is written in (the document's pattern for `period`).
    static let periodForm =
        #"^([0-9]{4}(-(Q[1-4]|H[12]|9M|0[1-9]|1[0-2]|report-[A-Za-z0-9]{1,8}))?|[0-9]{4}-[0-9]{2}-[0-9]{2}[.][.][0-9]{4}-[0-9]{2}-[0-9]{2})?$"#

    /// A period for the API: one not written in a period's form is a 400 naming `period`; one written so
    /// that names no period (`1800`, `2026-report-Z`, `2026-02-30..2026-03-01`) a 422 naming it.
    static func apiPeriod(_ text: String?, service: ServiceIndexService, now: Date) async throws -> ReportPeriod {
        do {
            return try await service.period(text, now: now)
        } catch let error as DomainError where error.kind == .validation {
            guard let text, text.range(of: periodForm, options: .regularExpression) != nil else { throw Problem.malformed(error.fields) }
            throw error
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
            // Of the spec's form but not one of ours: like a cursor of a list that changed, refused as a value.
            throw DomainError.validation([FieldError("cursor", "error.invalid_value")])
        }
        return code
    }
}

extension Request {
    /// The index read with this instance's cached working calendar (publication deadlines count working days).
    func serviceIndex() async throws -> ServiceIndexService {
        ServiceIndexService(store: store, calendar: try await workingCalendar())
    }
}
