import Foundation

/// Something about accounts and access that an administrator may need to see later.
public struct SecurityEvent: Identifiable, Equatable, Sendable {
    public var id: UUID
    public var kind: SecurityEventKind
    public var occurredAt: Date
    /// The account concerned, as typed for a login attempt (it may not exist).
    public var username: String?
    public var userID: UUID?
    /// Who did it, when it is not the user concerned (an administrator changing a role).
    public var actorID: UUID?
    public var actorUsername: String?
    /// Client address.
    public var address: String?
    /// Short facts, never a password or a token: "role: specialist → unit_leader".
    public var detail: String

    public init(
        id: UUID = UUID(), kind: SecurityEventKind, occurredAt: Date, username: String? = nil, userID: UUID? = nil,
        actorID: UUID? = nil, actorUsername: String? = nil, address: String? = nil, detail: String = ""
    ) {
        self.id = id
        self.kind = kind
        self.occurredAt = occurredAt
        self.username = username
        self.userID = userID
        self.actorID = actorID
        self.actorUsername = actorUsername
        self.address = address
        self.detail = detail
    }
}

public enum SecurityEventKind: String, CaseIterable, Codable, Sendable {
    case loginSucceeded = "login_succeeded"
    case loginFailed = "login_failed"
    /// An attempt refused without checking the password because the account or address is locked.
    case loginBlocked = "login_blocked"
    case accountLocked = "account_locked"
    case logout
    case passwordChanged = "password_changed"
    case passwordReset = "password_reset"
    case userCreated = "user_created"
    case userUpdated = "user_updated"
    case roleChanged = "role_changed"
    case userDisabled = "user_disabled"
    case userEnabled = "user_enabled"
    case tokenIssued = "token_issued"
    case tokenRevoked = "token_revoked"
    case twoFactorEnabled = "two_factor_enabled"
    case twoFactorDisabled = "two_factor_disabled"
    case recoveryCodeUsed = "recovery_code_used"

    public var messageKey: String { "security_event.\(rawValue)" }
}

public protocol SecurityEventRepository: Sendable {
    func record(_ event: SecurityEvent) async throws
    func list(_ query: SecurityEventQuery) async throws -> ResultPage<SecurityEvent>
    func lastLoginSuccess(username: String) async throws -> Date?
    /// Times of failed logins for a username since a moment.
    func loginFailures(username: String, since: Date) async throws -> [Date]
    /// Times of failed logins from an address since a moment, whatever username was tried.
    func loginFailures(address: String, since: Date) async throws -> [Date]
    /// Deletes events older than `cutoff` (the retention the deployment sets); how many went.
    func purge(before cutoff: Date) async throws -> Int
}

public struct SecurityEventQuery: Sendable {
    public var kind: SecurityEventKind?
    /// Matches the account concerned or the actor.
    public var username: String?
    public var cursor: String?
    public var limit: Int

    public init(kind: SecurityEventKind? = nil, username: String? = nil, cursor: String? = nil, limit: Int = 100) {
        self.kind = kind
        self.username = username
        self.cursor = cursor
        self.limit = limit
    }
}
