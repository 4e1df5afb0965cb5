import Foundation

/// Issuing and revoking API bearer tokens, with their security events.
public struct APITokenService: Sendable {
    public static let tokenPrefix = "cchc_"
    public static let maximumNameLength = 100

    public var store: any Store
    public var lifetime: TimeInterval

    public init(store: any Store, lifetime: TimeInterval) {
        self.store = store
        self.lifetime = lifetime
    }

    /// A new token for `user`. The clear token is returned once and never stored.
    public func issue(for user: User, name: String?, address: String?, now: Date) async throws -> (token: String, record: APIToken) {
        let label = (name ?? "").trimmingCharacters(in: .whitespaces)
        if label.count > Self.maximumNameLength {
            throw DomainError.validation([FieldError("name", "error.too_long", ["max": String(Self.maximumNameLength)])])
        }
        let token = SecretToken.generate(prefix: Self.tokenPrefix)
        let record = APIToken(
            userID: user.id, name: label.isEmpty ? "API" : label, prefix: String(token.prefix(Self.tokenPrefix.count + 6)),
            createdAt: now, expiresAt: now.addingTimeInterval(lifetime))
        try await store.transaction { tx in
            try await tx.apiTokens.create(token: token, record: record)
            try await tx.securityEvents.record(
                SecurityEvent(
                    kind: .tokenIssued, occurredAt: now, username: user.username, userID: user.id, address: address,
                    detail: "\(record.prefix)… \(record.name)"))
        }
        return (token, record)
    }

    /// Revokes one of the owner's own tokens; not-found for anyone else's.
    public func revoke(id: UUID, owner: User, address: String?, now: Date) async throws -> APIToken {
        try await store.transaction { tx in
            guard let token = try await tx.apiTokens.revoke(id: id, userID: owner.id, now: now) else {
                throw DomainError.notFound("token.not_found")
            }
            try await tx.securityEvents.record(
                SecurityEvent(
                    kind: .tokenRevoked, occurredAt: now, username: owner.username, userID: owner.id, address: address,
                    detail: "\(token.prefix)… \(token.name)"))
            return token
        }
    }
}
