import CCHCCore
import CCHCStore
import NIOCore
import OpenAPIRuntime
import Vapor

/// An error as the user will see it: an HTTP status, a stable kind, a message key and bad fields.
struct Problem: Error {
    var status: HTTPResponseStatus
    /// Last part of the problem type URI.
    var slug: String
    var code: String
    var arguments: [String: String] = [:]
    var fields: [FieldError] = []
    var headers: HTTPHeaders = [:]

    /// The server failed (logged as an error): a 5xx, except "not ready", which answers that a figure is still
    /// being computed.
    var isServerFault: Bool { status.code >= 500 && slug != "not-ready" }

    init(status: HTTPResponseStatus, slug: String, code: String, arguments: [String: String] = [:], fields: [FieldError] = []) {
        self.status = status
        self.slug = slug
        self.code = code
        self.arguments = arguments
        self.fields = fields
    }

    /// Every error cchc can meet, mapped once: domain errors by kind, unreadable requests as 400,
    /// anything unexpected as a 500 that reveals nothing of its cause.
    init(_ error: any Error) {
        switch error {
        case let problem as Problem:
            self = problem
        case let domain as DomainError:
            self.init(domain)
        case let server as ServerError:
            // The handler's own errors, and the runtime's decoding errors (a body field named by its path).
            switch server.underlyingError {
            case is DomainError, is Problem, is any AbortError, is DecodingError:
                self.init(server.underlyingError)
            default:
                // The runtime refused the request itself (a header or body it could not read): the client's fault.
                self = (400..<500).contains(server.httpStatus.code) ? .malformed() : Problem(server.underlyingError)
            }
        case let decoding as DecodingError:
            self.init(decoding)
        case let abort as any AbortError:
            self.init(status: abort.status, slug: Self.slug(for: abort.status), code: Self.code(for: abort.status))
            headers = abort.headers
        case let error where error is ConnectionPoolTimeoutError || error.isDatabaseBusy:
            self.init(status: .serviceUnavailable, slug: "unavailable", code: "error.database_busy")
        default:
            self.init(status: .internalServerError, slug: "internal-error", code: "error.internal")
        }
    }

    init(_ error: DomainError) {
        let status: HTTPResponseStatus =
            switch error.kind {
            case .validation, .invalidState: .unprocessableEntity
            case .notFound: .notFound
            case .conflict: .conflict
            case .unauthenticated: .unauthorized
            case .forbidden: .forbidden
            case .rateLimited: .tooManyRequests
            case .notReady: .serviceUnavailable
            }
        let slug =
            switch error.kind {
            case .validation: "validation-failed"
            case .invalidState: "invalid-state"
            case .notFound: "not-found"
            case .conflict: "conflict"
            case .unauthenticated: "unauthenticated"
            case .forbidden: "forbidden"
            case .rateLimited: "rate-limited"
            case .notReady: "not-ready"
            }
        self.init(status: status, slug: slug, code: error.code, arguments: error.arguments, fields: error.fields)
        if error.kind == .notReady { headers.replaceOrAdd(name: .retryAfter, value: "30") }
    }

    /// A JSON body that could not be read: which field, when the decoder says.
    init(_ error: DecodingError) {
        func path(_ context: DecodingError.Context, _ key: (any CodingKey)? = nil) -> String {
            (context.codingPath + [key].compactMap { $0 }).map { $0.intValue.map(String.init) ?? $0.stringValue }
                .joined(separator: ".")
        }
        let field: FieldError? =
            switch error {
            case .keyNotFound(let key, let context): FieldError(path(context, key), "error.required")
            case .typeMismatch(_, let context), .valueNotFound(_, let context):
                context.codingPath.isEmpty ? nil : FieldError(path(context), "error.invalid_value")
            case .dataCorrupted(let context):
                context.codingPath.isEmpty ? nil : FieldError(path(context), "error.invalid_value")
            @unknown default: nil
            }
        self = .malformed(field.map { [$0] } ?? [])
    }

    /// A request that could not be read (400), with the fields known to be at fault.
    static func malformed(_ fields: [FieldError] = []) -> Problem {
        Problem(status: .badRequest, slug: slug(for: .badRequest), code: code(for: .badRequest), fields: fields)
    }

    static func slug(for status: HTTPResponseStatus) -> String {
        switch status.code {
        case 400: "malformed-request"
        case 401: "unauthenticated"
        case 403: "forbidden"
        case 404: "not-found"
        case 405: "method-not-allowed"
        case 413: "payload-too-large"
        case 414: "uri-too-long"
        case 415: "unsupported-media-type"
        case 429: "rate-limited"
        case 500...: "internal-error"
        default: "http-\(status.code)"
        }
    }

    static func code(for status: HTTPResponseStatus) -> String {
        switch status.code {
        case 400: "request.malformed"
        case 401: "auth.required"
        case 403: "auth.forbidden"
        case 404: "error.not_found"
        case 405: "error.method_not_allowed"
        case 413: "error.too_large"
        case 414: "error.uri_too_long"
        case 415: "error.unsupported_media_type"
        case 500...: "error.internal"
        default: "error.http"
        }
    }
}

/// RFC 9457 problem details, as the API returns them.
struct ProblemDocument: Content {
    static let defaultContentType = HTTPMediaType(type: "application", subType: "problem+json", parameters: ["charset": "utf-8"])

    struct Field: Codable {
        var field: String
        var code: String
        var message: String
    }

    var type: String
    var title: String
    var status: Int
    var detail: String
    var instance: String?
    var code: String
    var requestId: String
    var errors: [Field]?

    init(_ problem: Problem, request: Request) {
        let language = request.language
        let localizer = request.localizer
        type = "urn:cchc:problem:\(problem.slug)"
        title = localizer.text("problem.\(problem.slug)", language)
        status = Int(problem.status.code)
        detail = localizer.text(problem.code, language, problem.arguments)
        instance = request.path
        code = problem.code
        requestId = request.id
        errors =
            problem.fields.isEmpty
            ? nil
            : problem.fields.map {
                Field(field: $0.field, code: $0.code, message: localizer.message($0, language))
            }
    }

    func response(status: HTTPResponseStatus, headers: HTTPHeaders = [:]) throws -> Response {
        let response = Response(status: status, headers: headers)
        try response.content.encode(self, using: Self.encoder)
        response.headers.contentType = Self.defaultContentType
        return response
    }

    /// Slashes as they are (`"/api/v1/…"`, not `"\/api\/v1\/…"`), as in the API's other answers.
    private static let encoder: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.withoutEscapingSlashes]
        return encoder
    }()
}
