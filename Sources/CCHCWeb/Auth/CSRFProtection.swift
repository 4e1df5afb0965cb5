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
    /// Forms and CSV imports are small.
    static let maximumFormBytes = 4 * 1024 * 1024
    /// An online filing carries up to this many files of the largest allowed size.
    static let filesPerUpload = 8

    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        if request.isAPI { return try await next.respond(to: request) }
        let anonymousToken = request.cookies[Self.cookieName]?.string
        if [.POST, .PUT, .PATCH, .DELETE].contains(request.method) {
            guard let expected = request.currentSession?.record.csrfToken ?? anonymousToken else {
                throw DomainError(.forbidden, "csrf.invalid")
            }
            if request.body.data == nil {
                let isUpload = request.headers.contentType?.type == "multipart"
                let maximum = isUpload ? max(Self.maximumFormBytes, request.config.uploadMaximumBytes * Self.filesPerUpload + 1024 * 1024) : Self.maximumFormBytes
                _ = try await request.body.collect(max: maximum).get()
            }
            let sent = (try? request.content.get(String.self, at: Self.fieldName)) ?? request.headers.first(name: "X-CSRF-Token")
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
