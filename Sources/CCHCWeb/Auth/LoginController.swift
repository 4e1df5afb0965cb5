import CCHCCore
import Vapor

/// Logging in and out of the web pages.
struct LoginController {
    func register(_ routes: any RoutesBuilder) {
        let everyone = routes.access(.everyone)
        everyone.get("login", use: form)
        everyone.post("login", use: login)
        everyone.get("language", ":code", use: switchLanguage)
        everyone.get("login", "code", use: codeForm)
        everyone.post("login", "code", use: enterCode)
        everyone.get("login", "setup", use: setupForm)
        everyone.post("login", "setup", use: confirmSetup)
        routes.access(.signedIn).post("logout", use: logout)
    }

    struct LoginPage: Encodable {
        var form: FormState
        var next: String
    }

    func form(_ request: Request) async throws -> Response {
        if request.currentUser != nil { return request.redirect(to: "/") }
        let next = Self.safeReturnPath(request.query[String.self, at: "next"])
        return try await request.render("auth/login", title: request.t("login.title"), LoginPage(form: FormState(), next: next))
    }

    func login(_ request: Request) async throws -> Response {
        var form = FormState(values: request.formValues(["username"]))
        let password = request.field("password")
        let next = Self.safeReturnPath(request.field("next"))
        let username = form.values["username"] ?? ""
        if username.trimmingCharacters(in: .whitespaces).isEmpty { form.add("username", "error.required", request) }
        if password.isEmpty { form.add("password", "error.required", request) }
        var status: HTTPStatus = .unprocessableEntity
        if !form.hasErrors {
            do {
                let signIn = try await request.loginService.login(
                    username: username, password: password, address: request.clientAddress, now: request.now)
                let path =
                    switch signIn.stage {
                    case .signedIn: next
                    case .awaitingCode: "/login/code?next=" + Request.percentEncoded(next)
                    case .mustEnrol: "/login/setup?next=" + Request.percentEncoded(next)
                    }
                return try await startSession(for: signIn.user, request, stage: signIn.stage, redirectTo: path)
            } catch let error as DomainError {
                form.show(error, request)
                status = Problem(error).status
            }
        }
        return try await request.render("auth/login", title: request.t("login.title"), LoginPage(form: form, next: next), status: status)
    }

    /// A session still owing its second factor lasts this long.
    static let pendingLifetime: TimeInterval = 600

    /// A new session (never the one from before, whether a visitor's or one still owing its second factor)
    /// with its own CSRF token.
    func startSession(for user: User, _ request: Request, stage: SessionStage = .signedIn, redirectTo path: String) async throws -> Response {
        let now = request.now
        let token = SecretToken.generate()
        let session = SessionRecord(
            userID: user.id, csrfToken: SecretToken.generate(), createdAt: now,
            expiresAt: now.addingTimeInterval(stage == .signedIn ? request.config.sessionLifetime : Self.pendingLifetime), lastSeenAt: now,
            stage: stage)
        try await request.store.sessions.create(
            token: token, session: session, address: request.clientAddress, userAgent: request.headers.first(name: .userAgent))
        if let old = request.cookies[SessionAuthenticator.cookieName]?.string, !old.isEmpty {
            try await request.store.sessions.delete(token: old)
        }
        let response = request.redirect(to: path)
        response.cookies[SessionAuthenticator.cookieName] = SessionAuthenticator.cookie(token, request)
        return response
    }

    /// The same session for `user`, answered with `page` instead of a redirect (recovery codes shown once).
    func startSession(for user: User, _ request: Request, showing page: Response) async throws -> Response {
        let redirect = try await startSession(for: user, request, redirectTo: "/")
        page.cookies[SessionAuthenticator.cookieName] = redirect.cookies[SessionAuthenticator.cookieName]
        return page
    }

    func logout(_ request: Request) async throws -> Response {
        if let (_, token) = request.currentSession {
            try await request.store.sessions.delete(token: token)
        }
        if let user = request.currentUser {
            try await request.store.securityEvents.record(
                SecurityEvent(
                    kind: .logout, occurredAt: request.now, username: user.username, userID: user.id, address: request.clientAddress))
        }
        let response = request.redirect(to: "/login", flash: "flash.logged_out")
        response.cookies[SessionAuthenticator.cookieName] = SessionAuthenticator.expiredCookie(request)
        return response
    }

    func switchLanguage(_ request: Request) async throws -> Response {
        guard let language = Language(rawValue: request.parameters.get("code") ?? "") else { throw Abort(.notFound) }
        let response = request.redirect(to: Self.safeReturnPath(request.query[String.self, at: "next"]))
        response.cookies[Request.languageCookie] = HTTPCookies.Value(
            string: language.rawValue, maxAge: 365 * 86400, path: "/", isSecure: request.cookiesAreSecure, isHTTPOnly: true, sameSite: .lax)
        return response
    }

    static func loginPath(returningTo url: URI) -> String {
        "/login?next=" + Request.percentEncoded(url.string)
    }

    /// Only a path on this site: an open redirect would let a phishing link borrow cchc's address.
    static func safeReturnPath(_ candidate: String?) -> String {
        guard let candidate, candidate.hasPrefix("/"), !candidate.hasPrefix("//"), !candidate.hasPrefix("/\\"),
            !candidate.contains("\r"), !candidate.contains("\n")
        else { return "/" }
        return candidate
    }
}
