import CCHCCore
import Vapor

/// Recognises a logged-in browser by its session cookie. API requests authenticate with bearer tokens
/// instead (`APIAccessMiddleware`), so a cookie never authorises an API call.
struct SessionAuthenticator: AsyncMiddleware {
    static let cookieName = "cchc_session"
    /// Seen-at times are written at most this often, not on every page.
    static let touchInterval: TimeInterval = 300

    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        guard !request.isAPI, let token = request.cookies[Self.cookieName]?.string, !token.isEmpty else {
            return try await next.respond(to: request)
        }
        let now = request.now
        let config = request.config
        var stale = true
        if let (session, user) = try await request.store.sessions.find(token: token, now: now),
            user.isActive, config.demoMode || !user.isDemo
        {
            stale = false
            if session.stage == .signedIn {
                request.authenticated = AuthenticatedUser(user: user, credential: .session(session, token: token))
                if now.timeIntervalSince(session.lastSeenAt) > Self.touchInterval {
                    try await request.store.sessions.touch(sessionID: session.id, now: now)
                }
            } else {
                // A password without its second factor signs nobody in: only the code or set-up page reads this.
                request.pendingSignIn = PendingSignIn(user: user, session: session, token: token)
            }
        }
        let response = try await next.respond(to: request)
        if stale, response.cookies[Self.cookieName] == nil {
            response.cookies[Self.cookieName] = Self.expiredCookie(request)
        }
        return response
    }

    /// HttpOnly, SameSite=Lax, Secure over TLS; no expiry, so that closing the browser ends it (shared desks).
    static func cookie(_ token: String, _ request: Request) -> HTTPCookies.Value {
        HTTPCookies.Value(string: token, path: "/", isSecure: request.cookiesAreSecure, isHTTPOnly: true, sameSite: .lax)
    }

    static func expiredCookie(_ request: Request) -> HTTPCookies.Value {
        HTTPCookies.Value(
            string: "", expires: Date(timeIntervalSince1970: 0), maxAge: 0, path: "/",
            isSecure: request.cookiesAreSecure, isHTTPOnly: true, sameSite: .lax)
    }
}

extension Request {
    var cookiesAreSecure: Bool {
        switch config.secureCookies {
        case .always: true
        case .never: false
        case .auto: isSecure
        }
    }
}
