import Vapor

/// The Vapor request behind the API operation being handled. The generated handlers receive only typed
/// input, so the request (its store, user, clock, language) travels in a task-local value, set by
/// `BufferedVaporTransport` around each handler.
enum APIRequestContext {
    @TaskLocal static var request: Request?

    static func current() throws -> Request {
        guard let request else { throw Abort(.internalServerError, reason: "API handler called outside a request") }
        return request
    }
}
