import CCHCCore
import FluentKit
import FluentSQL
import Foundation
import SQLKit

struct FluentUserRepository: UserRepository {
    let handle: DatabaseHandle

    func find(id: UUID) async throws -> User? {
        try await UserModel.find(id, on: handle.db)?.domain()
    }

    func find(username: String) async throws -> User? {
        try await model(username: username)?.domain()
    }

    func credentials(username: String) async throws -> (user: User, passwordHash: String)? {
        guard let model = try await model(username: username) else { return nil }
        return (try model.domain(), model.passwordHash)
    }

    private func model(username: String) async throws -> UserModel? {
        try await UserModel.query(on: handle.db).filter(\.$username == AccountRules.normalizeUsername(username)).first()
    }

    func list(_ query: UserQuery) async throws -> ResultPage<User> {
        if let unitIDs = query.unitIDs, unitIDs.isEmpty { return ResultPage(items: [], nextCursor: nil) }
        let builder = UserModel.query(on: handle.db).sort(\.$username)
        SearchFilter.apply(query.text, column: "search_text", to: builder)
        if let role = query.role { builder.filter(\.$role == role.rawValue) }
        if let unitIDs = query.unitIDs { builder.filter(\.$unitID ~~ Array(unitIDs)) }
        if query.activeOnly { builder.filter(\.$isActive == true) }
        if let cursor = query.cursor { builder.filter(\.$username > (try Cursor.decode(cursor))) }
        let rows = try await builder.limit(query.limit + 1).all()
        let users = try rows.prefix(query.limit).map { try $0.domain() }
        return ResultPage(items: users, nextCursor: rows.count > query.limit ? users.last.map { Cursor.encode($0.username) } : nil)
    }

    func create(_ user: User, passwordHash: String) async throws -> User {
        do {
            let model = UserModel(user, passwordHash: passwordHash)
            try await handle.writeModels { db in try await model.create(on: db) }
        } catch where error.isConstraintViolation {
            throw DomainError(.conflict, "user.username.taken", arguments: ["username": user.username],
                              fields: [FieldError("username", "user.username.taken", ["username": user.username])])
        }
        return user
    }

    func update(_ user: User, expectedVersion: Int) async throws -> User {
        let model = UserModel(user, passwordHash: "")
        let columns: [(String, any Encodable & Sendable)] = [
            ("full_name", model.fullName), ("role", model.role), ("unit_id", model.unitID), ("is_active", model.isActive),
            ("search_text", model.searchText), ("version", model.version), ("updated_at", model.updatedAt),
        ]
        let saved = try await handle.writeStatements { sql in try await sql.update(UserModel.schema, id: user.id, ifVersion: expectedVersion, set: columns) }
        guard !saved else { return user }
        guard let current = try await find(id: user.id) else { throw DomainError.notFound("user.not_found") }
        throw DomainError.staleVersion(current: current.version)
    }

    func setPasswordHash(userID: UUID, hash: String, now: Date) async throws {
        try await handle.writeStatements { sql in
            try await sql.update(UserModel.schema)
                .set("password_hash", to: hash)
                .set("password_changed_at", to: now)
                .where("id", .equal, userID)
                .run()
        }
    }

    func count(role: Role?) async throws -> Int {
        let builder = UserModel.query(on: handle.db)
        if let role { builder.filter(\.$role == role.rawValue) }
        return try await builder.count()
    }
}
