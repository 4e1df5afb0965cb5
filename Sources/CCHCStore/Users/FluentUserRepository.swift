import CCHCCore
import FluentKit
import FluentSQL
import Foundation
import SQLKit

struct FluentUserRepository: UserRepository {
    let handle: DatabaseHandle

    func find(id: UUID) async throws -> User? {
        guard let model = try await UserModel.find(id, on: handle.db) else { return nil }
        return try await withGrants([model])[0]
    }

    func find(username: String) async throws -> User? {
        guard let model = try await model(username: username) else { return nil }
        return try await withGrants([model])[0]
    }

    func credentials(username: String) async throws -> (user: User, passwordHash: String)? {
        guard let model = try await model(username: username) else { return nil }
        return (try await withGrants([model])[0], model.passwordHash)
    }

    /// The users of `models` with the roles they hold beyond the main one, read in one query.
    private func withGrants(_ models: [UserModel]) async throws -> [User] {
        let ids = try models.map { try $0.requireID() }
        var extra: [UUID: [RoleGrant]] = [:]
        if !ids.isEmpty {
            for row in try await handle.sql.select().columns("user_id", "role", "unit_id").from("user_roles")
                .where("user_id", .in, ids).orderBy("user_id").orderBy("position").all()
            {
                let user = try row.decode(column: "user_id", as: UUID.self)
                guard let role = Role(rawValue: try row.decode(column: "role", as: String.self)) else {
                    throw StoreError.corruptRow(table: "user_roles", id: user)
                }
                extra[user, default: []].append(RoleGrant(role, unitID: try row.decode(column: "unit_id", as: UUID?.self)))
            }
        }
        return try models.map { model in
            var user = try model.domain()
            user.grants += extra[try model.requireID()] ?? []
            return user
        }
    }

    /// Replaces the roles beyond the main one (inside the caller's transaction).
    private static func writeGrants(_ user: User, on sql: any SQLDatabase) async throws {
        try await sql.delete(from: "user_roles").where("user_id", .equal, user.id).run()
        guard !user.additionalGrants.isEmpty else { return }
        let insert = sql.insert(into: "user_roles").columns("user_id", "position", "role", "unit_id")
        for (position, grant) in user.additionalGrants.enumerated() {
            insert.values(SQLBind(user.id), SQLBind(position + 1), SQLBind(grant.role.rawValue), SQLBind(grant.unitID))
        }
        try await insert.run()
    }

    /// Users holding `role`, as their main role or another.
    private static func holding(_ role: Role) -> any SQLExpression {
        SQLQueryString("(role = \(bind: role.rawValue) OR id IN (SELECT user_id FROM user_roles WHERE role = \(bind: role.rawValue)))")
    }

    /// Users with a role in one of `units`.
    private static func belonging(to units: [UUID]) -> any SQLExpression {
        let binds = units.map { $0 as any Encodable & Sendable }
        return SQLQueryString("(unit_id IN (\(binds: binds)) OR id IN (SELECT user_id FROM user_roles WHERE unit_id IN (\(binds: binds))))")
    }

    private func model(username: String) async throws -> UserModel? {
        try await UserModel.query(on: handle.db).filter(\.$username == AccountRules.normalizeUsername(username)).first()
    }

    func list(_ query: UserQuery) async throws -> ResultPage<User> {
        if let unitIDs = query.unitIDs, unitIDs.isEmpty { return ResultPage(items: [], nextCursor: nil) }
        let builder = UserModel.query(on: handle.db).sort(\.$username)
        SearchFilter.apply(query.text, column: "search_text", to: builder)
        if let role = query.role { builder.filter(.sql(Self.holding(role))) }
        if let unitIDs = query.unitIDs { builder.filter(.sql(Self.belonging(to: unitIDs.sorted { $0.uuidString < $1.uuidString }))) }
        if query.activeOnly { builder.filter(\.$isActive == true) }
        if let cursor = query.cursor { builder.filter(\.$username > (try Cursor.decode(cursor))) }
        let rows = try await builder.limit(query.limit + 1).all()
        let users = try await withGrants(Array(rows.prefix(query.limit)))
        return ResultPage(items: users, nextCursor: rows.count > query.limit ? users.last.map { Cursor.encode($0.username) } : nil)
    }

    func create(_ user: User, passwordHash: String) async throws -> User {
        do {
            let model = UserModel(user, passwordHash: passwordHash)
            try await handle.write { db in
                try await model.create(on: db)
                try await Self.writeGrants(user, on: db as! any SQLDatabase)
            }
        } catch  where error.isConstraintViolation {
            throw DomainError(
                .conflict, "user.username.taken", arguments: ["username": user.username],
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
        let saved = try await handle.writeSQL { sql in
            guard try await sql.update(UserModel.schema, id: user.id, ifVersion: expectedVersion, set: columns) else { return false }
            try await Self.writeGrants(user, on: sql)
            return true
        }
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
        if let role { builder.filter(.sql(Self.holding(role))) }
        return try await builder.count()
    }
}
