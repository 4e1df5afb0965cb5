import CCHCCore
import Foundation
import SQLKit

extension UserModel {
    /// A user's columns as `u_…`, and each of the roles beyond the main one as `g_role` and `g_unit_id`, one
    /// row per role (`userJoin` joins them). Sessions and tokens are read with their user on every request,
    /// so those queries are written out rather than decoded by Fluent's reflection over the models.
    static let prefixedColumns =
        ["id", "username", "full_name", "role", "unit_id", "is_active", "is_demo", "version", "created_at", "updated_at"]
        .map { "u.\($0) AS u_\($0)" }.joined(separator: ", ") + ", g.role AS g_role, g.unit_id AS g_unit_id"

    /// Joins `users u` (on `column`) and its additional roles `g`.
    static func userJoin(on column: String) -> String {
        "JOIN users u ON u.id = \(column) LEFT JOIN user_roles g ON g.user_id = u.id"
    }

    /// The most rows one user's read can give: one per role.
    static let rowsPerUser = AccountRules.maximumGrants

    /// The user in `rows` (those of one user, ordered by `g.position`).
    static func user(from rows: [any SQLRow]) throws -> User {
        guard let row = rows.first else { throw StoreError.corruptRow(table: schema, id: nil) }
        let id = try row.decode(column: "u_id", as: UUID.self)
        guard let role = Role(rawValue: try row.decode(column: "u_role", as: String.self)) else { throw StoreError.corruptRow(table: schema, id: id) }
        var grants: [RoleGrant] = []
        for row in rows {
            guard let text = try row.decode(column: "g_role", as: String?.self) else { continue }
            guard let extra = Role(rawValue: text) else { throw StoreError.corruptRow(table: "user_roles", id: id) }
            grants.append(RoleGrant(extra, unitID: try row.decode(column: "g_unit_id", as: UUID?.self)))
        }
        return User(
            id: id, username: try row.decode(column: "u_username", as: String.self), fullName: try row.decode(column: "u_full_name", as: String.self),
            role: role, unitID: try row.decode(column: "u_unit_id", as: UUID?.self), additionalGrants: grants,
            isActive: try row.decode(column: "u_is_active", as: Bool.self), isDemo: try row.decode(column: "u_is_demo", as: Bool.self),
            version: try row.decode(column: "u_version", as: Int.self), createdAt: try row.decode(column: "u_created_at", as: Date.self),
            updatedAt: try row.decode(column: "u_updated_at", as: Date.self))
    }
}
