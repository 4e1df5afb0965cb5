import Foundation

public protocol UserRepository: Sendable {
    func find(id: UUID) async throws -> User?
    func find(username: String) async throws -> User?
    /// The user and the stored password hash, for checking a login.
    func credentials(username: String) async throws -> (user: User, passwordHash: String)?
    func list(_ query: UserQuery) async throws -> ResultPage<User>
    /// Throws a conflict when the username is taken.
    func create(_ user: User, passwordHash: String) async throws -> User
    /// Replaces the stored user when its version is still `expectedVersion`; otherwise a conflict.
    func update(_ user: User, expectedVersion: Int) async throws -> User
    func setPasswordHash(userID: UUID, hash: String, now: Date) async throws
    func count(role: Role?) async throws -> Int
}

public struct UserQuery: Sendable {
    /// Accent-insensitive words matched against username and full name.
    public var text: String?
    public var role: Role?
    /// Only users of these units (a unit leader sees the unit's subtree); nil for everyone.
    public var unitIDs: Set<UUID>?
    public var activeOnly: Bool
    public var cursor: String?
    public var limit: Int

    public init(text: String? = nil, role: Role? = nil, unitIDs: Set<UUID>? = nil, activeOnly: Bool = false, cursor: String? = nil, limit: Int = 50) {
        self.text = text
        self.role = role
        self.unitIDs = unitIDs
        self.activeOnly = activeOnly
        self.cursor = cursor
        self.limit = limit
    }
}
