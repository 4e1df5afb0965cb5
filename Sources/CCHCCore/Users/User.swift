import Foundation

public struct User: Identifiable, Equatable, Sendable {
    public var id: UUID
    /// Lower case; what the user types to log in.
    public var username: String
    public var fullName: String
    public var role: Role
    public var unitID: UUID?
    public var isActive: Bool
    /// Demo accounts can log in only while the server runs in demo mode.
    public var isDemo: Bool
    public var version: Int
    public var createdAt: Date
    public var updatedAt: Date

    public init(
        id: UUID = UUID(), username: String, fullName: String, role: Role, unitID: UUID?, isActive: Bool = true,
        isDemo: Bool = false, version: Int = 1, createdAt: Date, updatedAt: Date
    ) {
        self.id = id
        self.username = username
        self.fullName = fullName
        self.role = role
        self.unitID = unitID
        self.isActive = isActive
        self.isDemo = isDemo
        self.version = version
        self.createdAt = createdAt
        self.updatedAt = updatedAt
    }

    public func can(_ permission: Permission) -> Bool {
        isActive && role.permissions.contains(permission)
    }
}

/// Input for a new account. The password arrives in clear and leaves this type only as a hash.
public struct NewUser: Sendable {
    public var username: String
    public var fullName: String
    public var role: Role
    public var unitCode: String?
    public var password: String
    public var isDemo: Bool

    public init(username: String, fullName: String, role: Role, unitCode: String?, password: String, isDemo: Bool = false) {
        self.username = username
        self.fullName = fullName
        self.role = role
        self.unitCode = unitCode
        self.password = password
        self.isDemo = isDemo
    }
}

/// An administrator's edit of an account; nil leaves a field as it is.
public struct UserChanges: Equatable, Sendable {
    public var fullName: String?
    public var role: Role?
    /// `.some(nil)` detaches the user from any unit.
    public var unitCode: String??
    public var isActive: Bool?

    public init(fullName: String? = nil, role: Role? = nil, unitCode: String?? = nil, isActive: Bool? = nil) {
        self.fullName = fullName
        self.role = role
        self.unitCode = unitCode
        self.isActive = isActive
    }
}
