import Vapor

/// The Vapor request behind the API operation being handled. The generated handlers receive only typed
/// input, so the request (its store, user, clock, language) travels in a task-local value.
enum APIRequestContext {
    @TaskLocal static var request: Request?

    static func current() throws -> Request {
        guard let request else { throw Abort(.internalServerError, reason: "API handler called outside a request") }
        return request
    }
}

/// Puts the request into `APIRequestContext` for everything below it.
struct APIRequestContextMiddleware: AsyncMiddleware {
    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        try await APIRequestContext.$request.withValue(request) {
            try await next.respond(to: request)
        }
    }
}
