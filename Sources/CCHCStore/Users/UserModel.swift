import CCHCCore
import FluentKit
import Foundation

final class UserModel: Model, @unchecked Sendable {
    static let schema = "users"

    @ID(key: .id) var id: UUID?
    @Field(key: "username") var username: String
    @Field(key: "full_name") var fullName: String
    @Field(key: "password_hash") var passwordHash: String
    @Field(key: "role") var role: String
    @OptionalField(key: "unit_id") var unitID: UUID?
    @Field(key: "is_active") var isActive: Bool
    @Field(key: "is_demo") var isDemo: Bool
    @Field(key: "search_text") var searchText: String
    @Field(key: "version") var version: Int
    @Field(key: "password_changed_at") var passwordChangedAt: Date
    @Field(key: "created_at") var createdAt: Date
    @Field(key: "updated_at") var updatedAt: Date

    init() {}

    init(_ user: User, passwordHash: String) {
        self.id = user.id
        self.username = user.username
        self.passwordHash = passwordHash
        self.passwordChangedAt = user.createdAt
        update(from: user)
    }

    func update(from user: User) {
        fullName = user.fullName
        role = user.role.rawValue
        unitID = user.unitID
        isActive = user.isActive
        isDemo = user.isDemo
        searchText = SearchText.fold("\(user.username) \(user.fullName)")
        version = user.version
        createdAt = user.createdAt
        updatedAt = user.updatedAt
    }

    func domain() throws -> User {
        guard let role = Role(rawValue: role) else { throw StoreError.corruptRow(table: Self.schema, id: id) }
        return User(
            id: try requireID(), username: username, fullName: fullName, role: role, unitID: unitID, isActive: isActive,
            isDemo: isDemo, version: version, createdAt: createdAt, updatedAt: updatedAt)
    }
}
