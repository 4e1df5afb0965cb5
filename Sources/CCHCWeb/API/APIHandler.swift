import CCHCCore
import OpenAPIRuntime
import Vapor
import WorkCalendar

/// The JSON API: one method per operation of openapi.yaml (types generated from it), grouped by feature
/// in extensions. Errors are thrown and become problem+json in `ErrorMiddleware`.
struct APIHandler: APIProtocol {
    /// Compact JSON: the generator's default pretty-prints and sorts every object, which every answer pays for,
    /// and clients do not read the layout.
    static let configuration = Configuration(dateTranscoder: InternetDateTranscoder(), jsonEncodingOptions: [.withoutEscapingSlashes])

    var request: Request {
        get throws { try APIRequestContext.current() }
    }

    /// A day from a query or body, or a validation error naming the field.
    static func date(_ text: String?, field: String) throws -> LocalDate? {
        guard let text, !text.isEmpty else { return nil }
        guard let date = LocalDate(text) else {
            throw DomainError.validation([FieldError(field, "error.date_invalid")])
        }
        return date
    }
}
