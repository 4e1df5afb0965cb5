import CCHCCore
import Foundation

extension APIHandler {
    func createToken(_ input: Operations.CreateToken.Input) async throws -> Operations.CreateToken.Output {
        let request = try self.request
        let body =
            switch input.body {
            case .json(let json): json
            }
        if let code = body.code, code.count > 20 { throw Problem.malformed([FieldError("code", "error.too_long", ["max": "20"])]) }
        let login = request.loginService
        let signIn = try await login.login(username: body.username, password: body.password, address: request.clientAddress, now: request.now)
        let user = signIn.user
        switch signIn.stage {
        case .signedIn: break
        case .awaitingCode:
            guard let code = body.code, !code.isEmpty else { throw DomainError(.unauthenticated, "two_factor.code_required") }
            try await login.completeSecondFactor(user, typed: code, address: request.clientAddress, now: request.now)
        case .mustEnrol:
            throw DomainError(.forbidden, "two_factor.enrol_first")
        }
        let (token, record) = try await APITokenService(store: request.store, lifetime: request.config.apiTokenLifetime)
            .issue(for: user, name: body.name, address: request.clientAddress, now: request.now)
        return .created(.init(body: .json(.init(id: record.id.uuidString, token: token, expiresAt: record.expiresAt))))
    }

    func listTokens(_ input: Operations.ListTokens.Input) async throws -> Operations.ListTokens.Output {
        let request = try self.request
        let user = try request.requireUser()
        let tokens = try await request.store.apiTokens.list(userID: user.id)
        return .ok(.init(body: .json(.init(items: tokens.map(Components.Schemas.TokenInfo.init)))))
    }

    func revokeToken(_ input: Operations.RevokeToken.Input) async throws -> Operations.RevokeToken.Output {
        let request = try self.request
        let user = try request.requireUser()
        guard let id = UUID(uuidString: input.path.id) else { throw DomainError.notFound("token.not_found") }
        let token = try await APITokenService(store: request.store, lifetime: request.config.apiTokenLifetime)
            .revoke(id: id, owner: user, address: request.clientAddress, now: request.now)
        return .ok(.init(body: .json(.init(token))))
    }
}

extension Components.Schemas.TokenInfo {
    init(_ token: APIToken) {
        self.init(
            id: token.id.uuidString, name: token.name, prefix: token.prefix, createdAt: token.createdAt, expiresAt: token.expiresAt,
            lastUsedAt: token.lastUsedAt, revokedAt: token.revokedAt, revoked: token.revokedAt != nil)
    }
}
