import CCHCCore
import FluentKit
import Foundation
import SQLKit

struct FluentSessionRepository: SessionRepository {
    let handle: DatabaseHandle

    func create(token: String, session: SessionRecord, address: String?, userAgent: String?) async throws {
        let model = SessionModel(tokenHash: TokenDigest.hex(token), session: session, address: address, userAgent: userAgent)
        try await handle.writeModels { db in try await model.create(on: db) }
    }

    func find(token: String, now: Date) async throws -> (session: SessionRecord, user: User)? {
        // One query with the user joined: this runs on every page a logged-in user opens.
        let rows = try await handle.rows(
            """
            SELECT s.id, s.user_id, s.csrf_token, s.created_at, s.expires_at, s.last_seen_at, s.stage, \(unsafeRaw: UserModel.prefixedColumns)
            FROM sessions s \(unsafeRaw: UserModel.userJoin(on: "s.user_id"))
            WHERE s.token_hash = \(bind: TokenDigest.hex(token)) AND s.expires_at > \(bind: now) ORDER BY g.position
            """, limit: UserModel.rowsPerUser)
        guard let row = rows.first else { return nil }
        let session = SessionRecord(
            id: try row.decode(column: "id", as: UUID.self), userID: try row.decode(column: "user_id", as: UUID.self),
            csrfToken: try row.decode(column: "csrf_token", as: String.self), createdAt: try row.decode(column: "created_at", as: Date.self),
            expiresAt: try row.decode(column: "expires_at", as: Date.self), lastSeenAt: try row.decode(column: "last_seen_at", as: Date.self),
            // An unknown stage grants nothing more than a password alone.
            stage: SessionStage(rawValue: try row.decode(column: "stage", as: String.self)) ?? .awaitingCode)
        return (session, try UserModel.user(from: rows))
    }

    func touch(sessionID: UUID, now: Date) async throws {
        try await handle.writeStatements { sql in
            try await sql.update(SessionModel.schema).set("last_seen_at", to: now).where("id", .equal, sessionID).run()
        }
    }

    func delete(token: String) async throws {
        try await handle.writeModels { db in try await SessionModel.query(on: db).filter(\.$tokenHash == TokenDigest.hex(token)).delete() }
    }

    func deleteAll(userID: UUID, keeping token: String?) async throws {
        try await handle.writeModels { db in
            let query = SessionModel.query(on: db).filter(\.$userID == userID)
            if let token { query.filter(\.$tokenHash != TokenDigest.hex(token)) }
            try await query.delete()
        }
    }

    func deleteExpired(now: Date) async throws -> Int {
        try await handle.writeStatements { sql in
            try await sql.delete(from: SessionModel.schema).where("expires_at", .lessThanOrEqual, now).returning("id").all().count
        }
    }
}

struct FluentAPITokenRepository: APITokenRepository {
    let handle: DatabaseHandle

    func create(token: String, record: APIToken) async throws {
        let model = APITokenModel(tokenHash: TokenDigest.hex(token), record: record)
        try await handle.writeModels { db in try await model.create(on: db) }
    }

    func find(token: String, now: Date) async throws -> (token: APIToken, user: User)? {
        // One query with the user joined: this runs on every API call.
        let rows = try await handle.rows(
            """
            SELECT t.id, t.user_id, t.name, t.prefix, t.created_at, t.expires_at, t.last_used_at, \(unsafeRaw: UserModel.prefixedColumns)
            FROM api_tokens t \(unsafeRaw: UserModel.userJoin(on: "t.user_id"))
            WHERE t.token_hash = \(bind: TokenDigest.hex(token)) AND t.revoked_at IS NULL AND t.expires_at > \(bind: now) ORDER BY g.position
            """, limit: UserModel.rowsPerUser)
        guard let row = rows.first else { return nil }
        let record = APIToken(
            id: try row.decode(column: "id", as: UUID.self), userID: try row.decode(column: "user_id", as: UUID.self),
            name: try row.decode(column: "name", as: String.self), prefix: try row.decode(column: "prefix", as: String.self),
            createdAt: try row.decode(column: "created_at", as: Date.self), expiresAt: try row.decode(column: "expires_at", as: Date.self),
            lastUsedAt: try row.decode(column: "last_used_at", as: Date?.self))
        return (record, try UserModel.user(from: rows))
    }

    func list(userID: UUID) async throws -> [APIToken] {
        try await APITokenModel.query(on: handle.db).filter(\.$userID == userID).sort(\.$createdAt, .descending).all()
            .map { try $0.domain() }
    }

    func revoke(id: UUID, userID: UUID, now: Date) async throws -> APIToken? {
        try await handle.writeModels { db in
            guard let model = try await APITokenModel.query(on: db).filter(\.$id == id).filter(\.$userID == userID).first()
            else { return nil }
            if model.revokedAt == nil {
                model.revokedAt = now
                try await model.update(on: db)
            }
            return try model.domain()
        }
    }

    func revokeAll(userID: UUID, now: Date) async throws {
        try await handle.writeStatements { sql in
            try await sql.update(APITokenModel.schema).set("revoked_at", to: now)
                .where("user_id", .equal, userID).where("revoked_at", .is, SQLLiteral.null).run()
        }
    }

    func touch(id: UUID, now: Date) async throws {
        try await handle.writeStatements { sql in
            try await sql.update(APITokenModel.schema).set("last_used_at", to: now).where("id", .equal, id).run()
        }
    }
}
