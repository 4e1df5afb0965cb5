import Vapor

/// How much body each route may receive, recorded on the route: a form's few kilobytes by default, more
/// where a route says (CSV imports, the API, uploads). A body announced larger is refused at once, before
/// a byte of it is read (Vapor skips what follows); one sent without a length is cut off at the limit as
/// it is read (Vapor's collection, or `UploadForm` for uploads).
enum BodyLimit {
    static let userInfoKey = "cchc.bodyLimit"
    /// Routes whose body is read as a stream by the route itself, which also checks the form's CSRF field.
    static let streamedKey = "cchc.bodyStreamed"
    /// An ordinary HTML form (the largest, a procedure with its components and steps, is a few kilobytes).
    static let form = 64 * 1024

    static func maximum(for route: Route?) -> Int {
        route?.userInfo[userInfoKey] as? Int ?? form
    }

    static func isStreamed(_ route: Route?) -> Bool {
        route?.userInfo[streamedKey] as? Bool ?? false
    }
}

/// Refuses a body larger than its route may receive, by its Content-Length, before reading it.
struct BodyLimitMiddleware: AsyncMiddleware {
    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        if let length = request.headers.first(name: .contentLength).flatMap(Int.init), length > BodyLimit.maximum(for: request.route) {
            throw Abort(.payloadTooLarge)
        }
        return try await next.respond(to: request)
    }
}

/// Records each route's body limit (and whether it streams) as it is added.
struct BodyLimitRoutesBuilder: RoutesBuilder {
    let root: any RoutesBuilder
    let maximum: Int
    let streamed: Bool

    func add(_ route: Route) {
        route.userInfo[BodyLimit.userInfoKey] = maximum
        route.userInfo[BodyLimit.streamedKey] = streamed
        root.add(route)
    }
}

extension RoutesBuilder {
    /// Routes whose bodies may be up to `maximum` bytes, collected whole.
    func bodies(upTo maximum: Int) -> any RoutesBuilder {
        BodyLimitRoutesBuilder(root: self, maximum: maximum, streamed: false)
    }

    /// A POST route that reads its multipart body itself as it arrives (`UploadForm`), up to `limits`.
    func upload(_ path: PathComponent..., limits: UploadForm.Limits, use handler: @Sendable @escaping (Request) async throws -> Response) {
        upload(path, limits: limits, use: handler)
    }

    func upload(_ path: [PathComponent], limits: UploadForm.Limits, use handler: @Sendable @escaping (Request) async throws -> Response) {
        BodyLimitRoutesBuilder(root: self, maximum: limits.bodyBytes, streamed: true).on(.POST, path, body: .stream, use: handler)
    }
}
