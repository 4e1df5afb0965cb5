import CCHCCore
import FluentKit
import Foundation
import SQLKit

struct FluentSessionRepository: SessionRepository {
    let handle: DatabaseHandle

    func create(token: String, session: SessionRecord, address: String?, userAgent: String?) async throws {
        try await SessionModel(tokenHash: TokenDigest.hex(token), session: session, address: address, userAgent: userAgent)
            .create(on: handle.db)
    }

    func find(token: String, now: Date) async throws -> (session: SessionRecord, user: User)? {
        // One query with the user joined: this runs on every page a logged-in user opens.
        guard let session = try await SessionModel.query(on: handle.db).join(UserModel.self, on: \SessionModel.$userID == \UserModel.$id)
            .filter(\.$tokenHash == TokenDigest.hex(token)).filter(\.$expiresAt > now).first()
        else { return nil }
        return (try session.domain(), try session.joined(UserModel.self).domain())
    }

    func touch(sessionID: UUID, now: Date) async throws {
        try await handle.sql.update(SessionModel.schema).set("last_seen_at", to: now).where("id", .equal, sessionID).run()
    }

    func delete(token: String) async throws {
        try await SessionModel.query(on: handle.db).filter(\.$tokenHash == TokenDigest.hex(token)).delete()
    }

    func deleteAll(userID: UUID, keeping token: String?) async throws {
        let query = SessionModel.query(on: handle.db).filter(\.$userID == userID)
        if let token { query.filter(\.$tokenHash != TokenDigest.hex(token)) }
        try await query.delete()
    }

    func deleteExpired(now: Date) async throws -> Int {
        try await handle.sql.delete(from: SessionModel.schema).where("expires_at", .lessThanOrEqual, now).returning("id").all().count
    }
}

struct FluentAPITokenRepository: APITokenRepository {
    let handle: DatabaseHandle

    func create(token: String, record: APIToken) async throws {
        try await APITokenModel(tokenHash: TokenDigest.hex(token), record: record).create(on: handle.db)
    }

    func find(token: String, now: Date) async throws -> (token: APIToken, user: User)? {
        guard let model = try await APITokenModel.query(on: handle.db).join(UserModel.self, on: \APITokenModel.$userID == \UserModel.$id)
            .filter(\.$tokenHash == TokenDigest.hex(token)).filter(\.$revokedAt == nil).filter(\.$expiresAt > now).first()
        else { return nil }
        return (try model.domain(), try model.joined(UserModel.self).domain())
    }

    func list(userID: UUID) async throws -> [APIToken] {
        try await APITokenModel.query(on: handle.db).filter(\.$userID == userID).sort(\.$createdAt, .descending).all()
            .map { try $0.domain() }
    }

    func revoke(id: UUID, userID: UUID, now: Date) async throws -> APIToken? {
        guard let model = try await APITokenModel.query(on: handle.db).filter(\.$id == id).filter(\.$userID == userID).first()
        else { return nil }
        if model.revokedAt == nil {
            model.revokedAt = now
            try await model.update(on: handle.db)
        }
        return try model.domain()
    }

    func revokeAll(userID: UUID, now: Date) async throws {
        try await handle.sql.update(APITokenModel.schema).set("revoked_at", to: now)
            .where("user_id", .equal, userID).where("revoked_at", .is, SQLLiteral.null).run()
    }

    func touch(id: UUID, now: Date) async throws {
        try await handle.sql.update(APITokenModel.schema).set("last_used_at", to: now).where("id", .equal, id).run()
    }
}
