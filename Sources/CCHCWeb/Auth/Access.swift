import CCHCCore
import Vapor

/// Who may use a route. Every route is registered through `RoutesBuilder.access(_:)`; a test checks that
/// none was added without one, so that nothing is reachable by accident (deny by default).
enum Access: Sendable, CustomStringConvertible {
    /// Anyone, logged in or not.
    case everyone
    /// Any logged-in user.
    case signedIn
    /// Logged-in users whose role grants the permission.
    case permission(Permission)
    /// API operations: each operation's rule is in `APIAccessPolicy`, enforced per operation.
    case api

    func allows(_ user: User?) -> Bool {
        switch self {
        case .everyone, .api: true
        case .signedIn: user?.isActive ?? false
        case .permission(let permission): user?.can(permission) ?? false
        }
    }

    var description: String {
        switch self {
        case .everyone: "everyone"
        case .signedIn: "signed in"
        case .permission(let permission): permission.rawValue
        case .api: "api policy"
        }
    }

    static let userInfoKey = "cchc.access"
}

/// Refuses a request the route's `Access` does not allow: pages send an anonymous visitor to the login
/// page, everything else gets 401 or 403.
struct AccessMiddleware: AsyncMiddleware {
    let access: Access

    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        guard access.allows(request.currentUser) else {
            if request.currentUser == nil {
                if !request.isAPI, request.method == .GET {
                    return request.redirect(to: LoginController.loginPath(returningTo: request.url))
                }
                throw DomainError(.unauthenticated, "auth.required")
            }
            throw DomainError(.forbidden, "auth.forbidden")
        }
        return try await next.respond(to: request)
    }
}

/// Adds each route with its `Access` recorded and enforced.
struct AccessRoutesBuilder: RoutesBuilder {
    let root: any RoutesBuilder
    let access: Access

    func add(_ route: Route) {
        route.userInfo[Access.userInfoKey] = access
        route.responder = AccessMiddleware(access: access).makeResponder(chainingTo: route.responder)
        root.add(route)
    }
}

extension RoutesBuilder {
    func access(_ access: Access) -> any RoutesBuilder {
        AccessRoutesBuilder(root: self, access: access)
    }
}
