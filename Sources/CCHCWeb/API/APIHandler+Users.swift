import CCHCCore
import Foundation

extension APIHandler {
    func getCurrentUser(_ input: Operations.GetCurrentUser.Input) async throws -> Operations.GetCurrentUser.Output {
        let request = try self.request
        let user = try request.requireUser()
        let tree = try await request.store.units.tree()
        return .ok(.init(body: .json(.init(user, tree: tree))))
    }

    func listUsers(_ input: Operations.ListUsers.Input) async throws -> Operations.ListUsers.Output {
        let request = try self.request
        let viewer = try request.requireUser()
        let tree = try await request.store.units.tree()
        let query = input.query
        let page = try await request.store.users.list(
            UserQuery(
                text: query.q, role: query.role.map(Role.init),
                unitIDs: try UserScope.unitIDs(for: viewer, filterCode: query.unit, tree: tree),
                cursor: query.cursor, limit: query.limit ?? 50))
        return .ok(.init(body: .json(.init(items: page.items.map { .init($0, tree: tree) }, nextCursor: page.nextCursor))))
    }

    func createUser(_ input: Operations.CreateUser.Input) async throws -> Operations.CreateUser.Output {
        let request = try self.request
        let actor = try request.requireUser()
        let body =
            switch input.body {
            case .json(let json): json
            }
        let user = try await request.userAccounts.create(
            NewUser(
                username: body.username, fullName: body.fullName ?? body.username, role: Role(body.role),
                unitCode: body.unitCode, additionalGrants: (body.additionalRoles ?? []).map { GrantInput(Role($0.role), unitCode: $0.unitCode) },
                password: body.password),
            actor: actor, address: request.clientAddress, now: request.now)
        let tree = try await request.store.units.tree()
        return .created(.init(body: .json(.init(user, tree: tree))))
    }
}

extension Components.Schemas.User {
    init(_ user: User, tree: UnitTree) {
        let unit = user.unitID.flatMap(tree.unit(id:))
        self.init(
            id: user.id.uuidString, username: user.username, fullName: user.fullName,
            role: .init(user.role), unitCode: unit?.code, unitName: unit?.name,
            roles: user.grants.map { .init(role: .init($0.role), unitCode: $0.unitID.flatMap { tree.unit(id: $0)?.code }) },
            isActive: user.isActive, createdAt: user.createdAt)
    }
}
