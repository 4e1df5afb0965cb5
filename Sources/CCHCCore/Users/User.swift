import Foundation

/// One role an account holds, with the unit it holds it in (its reach starts there).
public struct RoleGrant: Codable, Hashable, Sendable {
    public var role: Role
    public var unitID: UUID?

    public init(_ role: Role, unitID: UUID?) {
        self.role = role
        self.unitID = unitID
    }
}

public struct User: Identifiable, Equatable, Sendable {
    public var id: UUID
    /// Lower case; what the user types to log in.
    public var username: String
    public var fullName: String
    /// Every role the account holds, never empty. The first is its main role, the one its title shows; a
    /// commune officer is often both the desk officer and a specialist of the same commune.
    public var grants: [RoleGrant]
    public var isActive: Bool
    /// Demo accounts can log in only while the server runs in demo mode.
    public var isDemo: Bool
    public var version: Int
    public var createdAt: Date
    public var updatedAt: Date

    public init(
        id: UUID = UUID(), username: String, fullName: String, role: Role, unitID: UUID?, additionalGrants: [RoleGrant] = [],
        isActive: Bool = true, isDemo: Bool = false, version: Int = 1, createdAt: Date, updatedAt: Date
    ) {
        self.id = id
        self.username = username
        self.fullName = fullName
        self.grants = [RoleGrant(role, unitID: unitID)] + additionalGrants
        self.isActive = isActive
        self.isDemo = isDemo
        self.version = version
        self.createdAt = createdAt
        self.updatedAt = updatedAt
    }

    /// The main role.
    public var role: Role {
        get { grants[0].role }
        set { grants[0].role = newValue }
    }

    /// The unit of the main role.
    public var unitID: UUID? {
        get { grants[0].unitID }
        set { grants[0].unitID = newValue }
    }

    /// Roles beyond the main one.
    public var additionalGrants: [RoleGrant] { Array(grants.dropFirst()) }

    /// Whether any of the account's roles grants the permission.
    public func can(_ permission: Permission) -> Bool {
        isActive && grants.contains { $0.role.permissions.contains(permission) }
    }

    public func has(_ role: Role) -> Bool {
        grants.contains { $0.role == role }
    }

    /// The widest reach among the account's roles that grant `permission`.
    public func reach(for permission: Permission) -> Role.Reach? {
        let reaches = grants.filter { $0.role.permissions.contains(permission) }.map(\.role.reach)
        if reaches.contains(.province) { return .province }
        if reaches.contains(.unitSubtree) { return .unitSubtree }
        return reaches.first
    }

    /// The units the account's roles that grant `permission` reach, each with those below it; nil when
    /// one of them reaches the whole province.
    public func reachedUnits(for permission: Permission, in tree: UnitTree) -> Set<UUID>? {
        var units: Set<UUID> = []
        for grant in grants where grant.role.permissions.contains(permission) {
            switch grant.role.reach {
            case .province: return nil
            case .unitSubtree: if let unit = grant.unitID { units.formUnion(tree.subtreeIDs(of: unit)) }
            case .own: break
            }
        }
        return units
    }
}

/// A role as entered on a form, the API or the command line: the unit by its code.
public struct GrantInput: Equatable, Sendable {
    public var role: Role
    public var unitCode: String?

    public init(_ role: Role, unitCode: String?) {
        self.role = role
        self.unitCode = unitCode
    }
}

/// Input for a new account. The password arrives in clear and leaves this type only as a hash.
public struct NewUser: Sendable {
    public var username: String
    public var fullName: String
    public var role: Role
    public var unitCode: String?
    /// Roles beyond the main one.
    public var additionalGrants: [GrantInput]
    public var password: String
    public var isDemo: Bool

    public init(
        username: String, fullName: String, role: Role, unitCode: String?, additionalGrants: [GrantInput] = [], password: String,
        isDemo: Bool = false
    ) {
        self.username = username
        self.fullName = fullName
        self.role = role
        self.unitCode = unitCode
        self.additionalGrants = additionalGrants
        self.password = password
        self.isDemo = isDemo
    }

    public var grants: [GrantInput] { [GrantInput(role, unitCode: unitCode)] + additionalGrants }
}

/// An administrator's edit of an account; nil leaves a field as it is.
public struct UserChanges: Equatable, Sendable {
    public var fullName: String?
    public var role: Role?
    /// `.some(nil)` detaches the user from any unit.
    public var unitCode: String??
    /// Roles beyond the main one, replacing those the account has.
    public var additionalGrants: [GrantInput]?
    public var isActive: Bool?

    public init(
        fullName: String? = nil, role: Role? = nil, unitCode: String?? = nil, additionalGrants: [GrantInput]? = nil, isActive: Bool? = nil
    ) {
        self.fullName = fullName
        self.role = role
        self.unitCode = unitCode
        self.additionalGrants = additionalGrants
        self.isActive = isActive
    }
}
