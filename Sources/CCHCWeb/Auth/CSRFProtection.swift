import CCHCCore
import Crypto
import Vapor

/// Every HTML form carries a `_csrf` field; a state-changing request without the right one is refused.
///
/// The right value is the session's token for a logged-in user and, before login, the value of a
/// `cchc_csrf` cookie set on the first visit. With SameSite=Lax session cookies this stops another site
/// from submitting forms in the user's name.
struct CSRFProtection: AsyncMiddleware {
    static let fieldName = "_csrf"
    static let cookieName = "cchc_csrf"

    /// The token a form sent by this request must carry; nil when the visitor has none (no form was shown).
    static func expectedToken(_ request: Request) -> String? {
        request.currentSession?.record.csrfToken ?? request.cookies[cookieName]?.string
    }

    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        if request.isAPI { return try await next.respond(to: request) }
        let anonymousToken = request.cookies[Self.cookieName]?.string
        // Upload routes read their body as it arrives and check the token, which comes first, themselves.
        if [.POST, .PUT, .PATCH, .DELETE].contains(request.method), !BodyLimit.isStreamed(request.route) {
            guard let expected = Self.expectedToken(request) else {
                throw DomainError(.forbidden, "csrf.invalid")
            }
            if request.body.data == nil {
                _ = try await request.body.collect(max: BodyLimit.maximum(for: request.route)).get()
            }
            let sent = try request.form.fields[Self.fieldName] ?? request.headers.first(name: "X-CSRF-Token")
            guard let sent, sent.constantTimeEquals(expected) else {
                throw DomainError(.forbidden, "csrf.invalid")
            }
        }
        if let anonymousToken { request.storage[AnonymousTokenKey.self] = anonymousToken }
        let response = try await next.respond(to: request)
        // A visitor's token is made when a page first renders a form (`Request.csrfToken`), so that health
        // checks, files and pages without forms set no cookie.
        if anonymousToken == nil, request.currentUser == nil, let token = request.storage[AnonymousTokenKey.self] {
            response.cookies[Self.cookieName] = HTTPCookies.Value(
                string: token, path: "/", isSecure: request.cookiesAreSecure, isHTTPOnly: true, sameSite: .lax)
        }
        return response
    }

    struct AnonymousTokenKey: StorageKey {
        typealias Value = String
    }
}

extension Request {
    /// The value a form rendered for this request must carry in `_csrf`.
    var csrfToken: String {
        if let session = currentSession { return session.record.csrfToken }
        return remembered(CSRFProtection.AnonymousTokenKey.self) { SecretToken.generate() }
    }
}
