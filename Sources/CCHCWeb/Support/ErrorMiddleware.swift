import CCHCCore
import Vapor

/// Turns every error into what its reader expects: problem+json for the API, a page in the layout for a
/// browser (or the login page, for a visitor who must log in first). Server faults are logged with the
/// request id; users see only that id, never the cause.
struct ErrorMiddleware: AsyncMiddleware {
    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        do {
            return try await next.respond(to: request)
        } catch {
            return await response(for: error, request)
        }
    }

    func response(for error: any Error, _ request: Request) async -> Response {
        let problem = Problem(error)
        if problem.isServerFault {
            request.logger.error("Request failed", metadata: ["error": "\(String(reflecting: error))"])
            if problem.slug == "unavailable" { request.application.services.metrics.poolTimeouts.increment() }
        }
        if request.isAPI || request.prefersJSON {
            var headers = problem.headers
            if problem.status == .unauthorized { headers.replaceOrAdd(name: .wwwAuthenticate, value: "Bearer") }
            return (try? ProblemDocument(problem, request: request).response(status: problem.status, headers: headers))
                ?? Response(status: problem.status)
        }
        if problem.status == .unauthorized, request.method == .GET {
            return request.redirect(to: LoginController.loginPath(returningTo: request.url))
        }
        let page = ErrorPage(
            status: Int(problem.status.code),
            message: request.localizer.text(problem.code, request.language, problem.arguments),
            fields: problem.fields.map { "\($0.field): \(request.localizer.message($0, request.language))" },
            requestId: request.id)
        do {
            let title = request.t("problem.\(problem.slug)")
            let response = try await request.render("errors/error", title: title, page, status: problem.status)
            for (name, value) in problem.headers { response.headers.replaceOrAdd(name: name, value: value) }
            return response
        } catch {
            // The error page itself failed (a broken template): plain text rather than nothing.
            request.logger.error("Error page failed", metadata: ["error": "\(String(reflecting: error))"])
            return Response(status: problem.status, body: .init(string: "\(problem.status.code) \(page.message)"))
        }
    }
}

struct ErrorPage: Encodable {
    var status: Int
    var message: String
    /// The fields at fault, each with why.
    var fields: [String]
    var requestId: String
}

extension Request {
    /// A client that asked for JSON and not HTML.
    var prefersJSON: Bool {
        let accept = headers[.accept].joined(separator: ",")
        return accept.contains("json") && !accept.contains("text/html")
    }
}
