import Foundation

/// A logged-in browser. The cookie carries a random token; the store keeps only its hash.
public struct SessionRecord: Identifiable, Equatable, Sendable {
    public var id: UUID
    public var userID: UUID
    /// Every HTML form of this session carries it; a form without it is refused.
    public var csrfToken: String
    public var createdAt: Date
    public var expiresAt: Date
    public var lastSeenAt: Date
    /// Signed in, or still owing a second factor (a code, or setting one up).
    public var stage: SessionStage

    public init(
        id: UUID = UUID(), userID: UUID, csrfToken: String, createdAt: Date, expiresAt: Date, lastSeenAt: Date, stage: SessionStage = .signedIn
    ) {
        self.id = id
        self.stage = stage
        self.userID = userID
        self.csrfToken = csrfToken
        self.createdAt = createdAt
        self.expiresAt = expiresAt
        self.lastSeenAt = lastSeenAt
    }
}

/// A bearer token for machine clients of the API. Only its hash and its first characters are stored.
public struct APIToken: Identifiable, Equatable, Sendable {
    public var id: UUID
    public var userID: UUID
    public var name: String
    /// The token's first characters, so that its owner can tell tokens apart.
    public var prefix: String
    public var createdAt: Date
    public var expiresAt: Date
    public var lastUsedAt: Date?
    public var revokedAt: Date?

    public init(
        id: UUID = UUID(), userID: UUID, name: String, prefix: String, createdAt: Date, expiresAt: Date, lastUsedAt: Date? = nil, revokedAt: Date? = nil
    ) {
        self.id = id
        self.userID = userID
        self.name = name
        self.prefix = prefix
        self.createdAt = createdAt
        self.expiresAt = expiresAt
        self.lastUsedAt = lastUsedAt
        self.revokedAt = revokedAt
    }

    public func isUsable(at now: Date) -> Bool {
        revokedAt == nil && now < expiresAt
    }
}

public protocol SessionRepository: Sendable {
    func create(token: String, session: SessionRecord, address: String?, userAgent: String?) async throws
    /// The live session for a cookie token and its user; nil when unknown or expired.
    func find(token: String, now: Date) async throws -> (session: SessionRecord, user: User)?
    func touch(sessionID: UUID, now: Date) async throws
    func delete(token: String) async throws
    /// Logs a user out everywhere, except the browser holding `keeping`.
    func deleteAll(userID: UUID, keeping token: String?) async throws
    func deleteExpired(now: Date) async throws -> Int
}

public protocol APITokenRepository: Sendable {
    func create(token: String, record: APIToken) async throws
    /// The usable token and its user; nil when unknown, revoked or expired.
    func find(token: String, now: Date) async throws -> (token: APIToken, user: User)?
    func list(userID: UUID) async throws -> [APIToken]
    /// Revokes one of the owner's tokens; nil when the owner has no such token.
    func revoke(id: UUID, userID: UUID, now: Date) async throws -> APIToken?
    /// Revokes every token of a user (when the account is disabled).
    func revokeAll(userID: UUID, now: Date) async throws
    func touch(id: UUID, now: Date) async throws
}

/// Random secrets for cookies, CSRF fields and API tokens: 32 bytes from the system's CSPRNG, base64url.
public enum SecretToken {
    public static func generate(prefix: String = "", bytes: Int = 32) -> String {
        var generator = SystemRandomNumberGenerator()
        return prefix + base64URL((0..<bytes).map { _ in UInt8.random(in: 0...255, using: &generator) })
    }

    private static let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_".utf8)

    /// Base64url without padding (RFC 4648 §5), written directly: Foundation's base64 followed by three
    /// `replacingOccurrences` cost more than the random bytes.
    static func base64URL(_ bytes: [UInt8]) -> String {
        var output: [UInt8] = []
        output.reserveCapacity((bytes.count * 4 + 2) / 3)
        var index = 0
        while index < bytes.count {
            let chunk = bytes[index..<min(index + 3, bytes.count)]
            let value = chunk.enumerated().reduce(UInt32(0)) { $0 | UInt32($1.element) << (16 - 8 * UInt32($1.offset)) }
            for position in 0...chunk.count {
                output.append(alphabet[Int(value >> (18 - 6 * UInt32(position)) & 0x3F)])
            }
            index += 3
        }
        return String(decoding: output, as: UTF8.self)
    }
}

/// Hashes passwords; the live one is Bcrypt, run off the event loops.
public protocol PasswordHasher: Sendable {
    func hash(_ password: String) async throws -> String
    func verify(_ password: String, against hash: String) async throws -> Bool
}
