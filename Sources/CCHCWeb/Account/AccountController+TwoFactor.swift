import CCHCCore
import Vapor

/// The account's second factor: set up an authenticator app, see how many recovery codes are left, remove it.
extension AccountController {
    struct TwoFactorPage: Encodable {
        var enabled: Bool
        var since: String?
        var recoveryCodesLeft: Int
        /// Administrators may not remove theirs where the province requires one.
        var required: Bool
        var form: FormState
    }

    func twoFactor(_ request: Request) async throws -> Response {
        try await renderTwoFactor(request, form: FormState())
    }

    func beginTwoFactor(_ request: Request) async throws -> Response {
        let user = try request.requireUser()
        let enrolment = try await request.twoFactor.pendingOrBegin(for: user, now: request.now)
        return try await TwoFactorSetupPage.render(
            request, enrolment, user: user, action: "/account/two-factor/confirm", next: "/account/two-factor", form: FormState())
    }

    func confirmTwoFactor(_ request: Request) async throws -> Response {
        let user = try request.requireUser()
        var form = FormState()
        do {
            let codes = try await request.twoFactor.confirm(for: user, code: request.field("code"), address: request.clientAddress, now: request.now)
            return try await TwoFactorSetupPage.renderRecoveryCodes(request, codes, next: "/account/two-factor")
        } catch let error as DomainError {
            form.show(error, request)
        }
        guard let enrolment = try await request.twoFactor.pending(for: user) else { return request.redirect(to: "/account/two-factor") }
        return try await TwoFactorSetupPage.render(
            request, enrolment, user: user, action: "/account/two-factor/confirm", next: "/account/two-factor", form: form,
            status: .unprocessableEntity)
    }

    /// Removing one's own second factor takes the password and a current code, so that a browser left signed
    /// in cannot take it away.
    func removeTwoFactor(_ request: Request) async throws -> Response {
        let user = try request.requireUser()
        var form = FormState()
        if request.config.requireAdminTwoFactor, user.has(.admin) {
            form.add("code", "two_factor.required_for_admins", request)
            return try await renderTwoFactor(request, form: form, status: .unprocessableEntity)
        }
        let credentials = try await request.store.users.credentials(username: user.username)
        let password = request.field("password")
        if password.isEmpty {
            form.add("password", "error.required", request)
        } else if try await !request.application.services.hasher.verify(
            password, against: credentials?.passwordHash ?? request.application.services.timingDummyHash)
        {
            form.add("password", "user.password.current_wrong", request)
        } else if try await !request.twoFactor.verify(user, typed: request.field("code"), address: request.clientAddress, now: request.now) {
            form.add("code", "two_factor.wrong_code", request)
        }
        guard !form.hasErrors else { return try await renderTwoFactor(request, form: form, status: .unprocessableEntity) }
        try await request.twoFactor.remove(for: user, actor: nil, address: request.clientAddress, now: request.now)
        return request.redirect(to: "/account/two-factor", flash: "flash.two_factor_removed")
    }

    private func renderTwoFactor(_ request: Request, form: FormState, status: HTTPStatus = .ok) async throws -> Response {
        let user = try request.requireUser()
        let enrolment = try await request.store.twoFactor.find(userID: user.id)
        let page = TwoFactorPage(
            enabled: enrolment?.isConfirmed == true, since: enrolment?.confirmedAt.map { DisplayFormat.dateTime($0) },
            recoveryCodesLeft: enrolment?.recoveryCodesLeft ?? 0, required: request.config.requireAdminTwoFactor && user.has(.admin), form: form)
        return try await request.render("account/two-factor", title: request.t("two_factor.title"), page, status: status)
    }
}
