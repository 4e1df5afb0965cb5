import CCHCCore
import FluentKit
import Foundation

final class SessionModel: Model, @unchecked Sendable {
    static let schema = "sessions"

    @ID(key: .id) var id: UUID?
    @Field(key: "token_hash") var tokenHash: String
    @Field(key: "user_id") var userID: UUID
    @Field(key: "csrf_token") var csrfToken: String
    @OptionalField(key: "address") var address: String?
    @OptionalField(key: "user_agent") var userAgent: String?
    @Field(key: "created_at") var createdAt: Date
    @Field(key: "expires_at") var expiresAt: Date
    @Field(key: "last_seen_at") var lastSeenAt: Date
    @Field(key: "stage") var stage: String

    init() {}

    init(tokenHash: String, session: SessionRecord, address: String?, userAgent: String?) {
        self.id = session.id
        self.tokenHash = tokenHash
        self.userID = session.userID
        self.csrfToken = session.csrfToken
        self.address = address
        self.userAgent = userAgent.map { String($0.prefix(255)) }
        self.createdAt = session.createdAt
        self.expiresAt = session.expiresAt
        self.lastSeenAt = session.lastSeenAt
        self.stage = session.stage.rawValue
    }

    func domain() throws -> SessionRecord {
        SessionRecord(
            id: try requireID(), userID: userID, csrfToken: csrfToken, createdAt: createdAt, expiresAt: expiresAt, lastSeenAt: lastSeenAt,
            stage: SessionStage(rawValue: stage) ?? .awaitingCode)
    }
}

final class APITokenModel: Model, @unchecked Sendable {
    static let schema = "api_tokens"

    @ID(key: .id) var id: UUID?
    @Field(key: "token_hash") var tokenHash: String
    @Field(key: "user_id") var userID: UUID
    @Field(key: "name") var name: String
    @Field(key: "prefix") var prefix: String
    @Field(key: "created_at") var createdAt: Date
    @Field(key: "expires_at") var expiresAt: Date
    @OptionalField(key: "last_used_at") var lastUsedAt: Date?
    @OptionalField(key: "revoked_at") var revokedAt: Date?

    init() {}

    init(tokenHash: String, record: APIToken) {
        self.id = record.id
        self.tokenHash = tokenHash
        self.userID = record.userID
        self.name = record.name
        self.prefix = record.prefix
        self.createdAt = record.createdAt
        self.expiresAt = record.expiresAt
        self.lastUsedAt = record.lastUsedAt
        self.revokedAt = record.revokedAt
    }

    func domain() throws -> APIToken {
        APIToken(
            id: try requireID(), userID: userID, name: name, prefix: prefix, createdAt: createdAt, expiresAt: expiresAt,
            lastUsedAt: lastUsedAt, revokedAt: revokedAt)
    }
}
