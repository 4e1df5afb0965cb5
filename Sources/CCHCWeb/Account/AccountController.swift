import CCHCCore
import Vapor

/// The logged-in user's own account: profile, password, API tokens.
struct AccountController {
    func register(_ routes: any RoutesBuilder) {
        let signedIn = routes.access(.signedIn)
        signedIn.get("account", use: show)
        signedIn.post("account", "password", use: changePassword)
        signedIn.get("account", "notifications", use: notifications)
        signedIn.get("account", "export", use: export)
        signedIn.post("account", "notifications", use: saveNotifications)
        signedIn.get("account", "tokens", use: tokens)
        signedIn.post("account", "tokens", use: issueToken)
        signedIn.post("account", "tokens", ":id", "revoke", use: revokeToken)
        signedIn.get("account", "two-factor", use: twoFactor)
        signedIn.post("account", "two-factor", "setup", use: beginTwoFactor)
        signedIn.post("account", "two-factor", "confirm", use: confirmTwoFactor)
        signedIn.post("account", "two-factor", "remove", use: removeTwoFactor)
    }

    struct AccountPage: Encodable {
        var username: String
        var fullName: String
        var roleName: String
        var otherRoles: [String]
        var unitName: String?
        var form: FormState
    }

    func show(_ request: Request) async throws -> Response {
        try await renderAccount(request, form: FormState())
    }

    func changePassword(_ request: Request) async throws -> Response {
        let user = try request.requireUser()
        var form = FormState()
        let current = request.field("currentPassword")
        let new = request.field("newPassword")
        let confirmation = request.field("newPasswordConfirmation")
        if new != confirmation {
            form.add("newPasswordConfirmation", "user.password.mismatch", request)
        } else {
            do {
                try await request.userAccounts.changeOwnPassword(
                    user: user, currentPassword: current, newPassword: new, keepingSession: request.currentSession?.token,
                    address: request.clientAddress, now: request.now)
                return request.redirect(to: "/account", flash: "flash.password_changed")
            } catch let error as DomainError {
                form.show(error, request)
            }
        }
        return try await renderAccount(request, form: form, status: .unprocessableEntity)
    }

    private func renderAccount(_ request: Request, form: FormState, status: HTTPStatus = .ok) async throws -> Response {
        let user = try request.requireUser()
        let unit = try await user.unitID.asyncMap { try await request.store.units.find(id: $0) } ?? nil
        let otherRoles = user.additionalGrants.isEmpty ? [] : request.otherRoles(of: user, tree: try await request.store.units.tree())
        let page = AccountPage(
            username: user.username, fullName: user.fullName, roleName: request.t(user.role.messageKey), otherRoles: otherRoles, unitName: unit?.name,
            form: form)
        return try await request.render("account/index", title: request.t("account.title"), page, status: status)
    }

    // MARK: - Tokens

    struct TokenRow: Encodable {
        var id: String
        var name: String
        var prefix: String
        var createdAt: String
        var expiresAt: String
        var lastUsedAt: String?
        var state: String
        var isUsable: Bool
    }

    struct TokensPage: Encodable {
        var rows: [TokenRow]
        var form: FormState
        /// The clear token, shown once right after it is issued.
        var issuedToken: String?
        var lifetimeDays: Int
    }

    func tokens(_ request: Request) async throws -> Response {
        try await renderTokens(request, form: FormState(), issued: nil)
    }

    func issueToken(_ request: Request) async throws -> Response {
        let user = try request.requireUser()
        var form = FormState(values: request.formValues(["name"]))
        do {
            let (token, _) = try await tokenService(request).issue(
                for: user, name: form.values["name"], address: request.clientAddress, now: request.now)
            // Rendered, not redirected: the token must not travel in a URL or a cookie.
            return try await renderTokens(request, form: FormState(), issued: token)
        } catch let error as DomainError {
            form.show(error, request)
            return try await renderTokens(request, form: form, issued: nil, status: .unprocessableEntity)
        }
    }

    func revokeToken(_ request: Request) async throws -> Response {
        let user = try request.requireUser()
        guard let id = request.parameters.get("id").flatMap(UUID.init(uuidString:)) else {
            throw DomainError.notFound("token.not_found")
        }
        let token = try await tokenService(request).revoke(id: id, owner: user, address: request.clientAddress, now: request.now)
        return request.redirect(to: "/account/tokens", flash: "flash.token_revoked", ["name": token.name])
    }

    private func tokenService(_ request: Request) -> APITokenService {
        APITokenService(store: request.store, lifetime: request.config.apiTokenLifetime)
    }

    private func renderTokens(_ request: Request, form: FormState, issued: String?, status: HTTPStatus = .ok) async throws -> Response {
        let user = try request.requireUser()
        let now = request.now
        let rows = try await request.store.apiTokens.list(userID: user.id).map { token in
            TokenRow(
                id: token.id.uuidString, name: token.name, prefix: token.prefix, createdAt: DisplayFormat.dateTime(token.createdAt),
                expiresAt: DisplayFormat.dateTime(token.expiresAt), lastUsedAt: token.lastUsedAt.map(DisplayFormat.dateTime),
                state: request.t(token.revokedAt != nil ? "tokens.state.revoked" : (token.isUsable(at: now) ? "tokens.state.active" : "tokens.state.expired")),
                isUsable: token.isUsable(at: now))
        }
        let page = TokensPage(rows: rows, form: form, issuedToken: issued, lifetimeDays: Int(request.config.apiTokenLifetime / 86400))
        return try await request.render("account/tokens", title: request.t("tokens.title"), page, status: status)
    }
}
