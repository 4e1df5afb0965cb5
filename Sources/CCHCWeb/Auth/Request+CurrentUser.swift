import CCHCCore
import Vapor

/// The browser session or API token behind a request, and its user.
struct AuthenticatedUser: Sendable {
    enum Credential: Sendable {
        /// The cookie's token is kept to log out this browser and to keep it when the password changes.
        case session(SessionRecord, token: String)
        case apiToken(APIToken)
    }

    var user: User
    var credential: Credential
}

extension Request {
    private struct AuthenticatedUserKey: StorageKey {
        typealias Value = AuthenticatedUser
    }

    var authenticated: AuthenticatedUser? {
        get { storage[AuthenticatedUserKey.self] }
        set { storage[AuthenticatedUserKey.self] = newValue }
    }

    var currentUser: User? { authenticated?.user }

    func requireUser() throws -> User {
        guard let user = currentUser else { throw DomainError(.unauthenticated, "auth.required") }
        return user
    }

    /// The session behind a page request, if the user logged in through the browser.
    var currentSession: (record: SessionRecord, token: String)? {
        if case .session(let record, let token) = authenticated?.credential { return (record, token) }
        return nil
    }

    /// The client's address: the socket's peer, or the first X-Forwarded-For entry behind a trusted proxy.
    var clientAddress: String? {
        if application.config.trustProxy,
            let forwarded = headers.first(name: "X-Forwarded-For")?.split(separator: ",").first
        {
            return forwarded.trimmingCharacters(in: .whitespaces)
        }
        return remoteAddress?.ipAddress
    }

    /// Whether the request reached cchc over TLS, directly or as the trusted proxy reports.
    var isSecure: Bool {
        if url.scheme == "https" { return true }
        return application.config.trustProxy && headers.first(name: "X-Forwarded-Proto")?.lowercased() == "https"
    }
}
