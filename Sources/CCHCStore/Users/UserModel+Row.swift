import CCHCCore
import Foundation
import SQLKit

extension UserModel {
    /// A user's columns as `u_…`, from a query that joins `users u`. Sessions and tokens are read with their
    /// user on every request, so those two queries are written out rather than decoded by Fluent's
    /// reflection over the models.
    static let prefixedColumns = ["id", "username", "full_name", "role", "unit_id", "is_active", "is_demo", "version", "created_at", "updated_at"]
        .map { "u.\($0) AS u_\($0)" }.joined(separator: ", ")

    static func user(from row: any SQLRow) throws -> User {
        let id = try row.decode(column: "u_id", as: UUID.self)
        guard let role = Role(rawValue: try row.decode(column: "u_role", as: String.self)) else { throw StoreError.corruptRow(table: schema, id: id) }
        return User(
            id: id, username: try row.decode(column: "u_username", as: String.self), fullName: try row.decode(column: "u_full_name", as: String.self),
            role: role, unitID: try row.decode(column: "u_unit_id", as: UUID?.self), isActive: try row.decode(column: "u_is_active", as: Bool.self),
            isDemo: try row.decode(column: "u_is_demo", as: Bool.self), version: try row.decode(column: "u_version", as: Int.self),
            createdAt: try row.decode(column: "u_created_at", as: Date.self), updatedAt: try row.decode(column: "u_updated_at", as: Date.self))
    }
}
