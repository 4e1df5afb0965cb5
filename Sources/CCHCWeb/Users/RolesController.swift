import CCHCCore
import Vapor

/// What each role may do, from the same table the routes enforce, with how many users hold it.
struct RolesController {
    func register(_ routes: any RoutesBuilder) {
        routes.access(.permission(.manageUsers)).get("roles", use: index)
    }

    struct RoleRow: Encodable {
        var id: String
        var name: String
        var description: String
        var reach: String
        var requiresUnit: Bool
        var permissions: [String]
        var userCount: Int
        var usersHref: String
    }

    func index(_ request: Request) async throws -> Response {
        var rows: [RoleRow] = []
        for role in Role.allCases {
            rows.append(
                RoleRow(
                    id: role.rawValue, name: request.t(role.messageKey), description: request.t("\(role.messageKey).description"),
                    reach: request.t("role.reach.\(role.reach.rawValue)"), requiresUnit: role.requiresUnit,
                    permissions: Permission.allCases.filter { role.permissions.contains($0) }.map { request.t($0.messageKey) },
                    userCount: try await request.store.users.count(role: role), usersHref: "/users?role=\(role.rawValue)"))
        }
        return try await request.render("users/roles", title: request.t("roles.title"), ["roles": rows])
    }
}
