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

    func removeTwoFactor(_ request: Request) async throws -> Response {
        let user = try request.requireUser()
        do {
            try await request.twoFactor.removeOwn(
                user, password: request.field("password"), code: request.field("code"), accounts: request.userAccounts,
                address: request.clientAddress, now: request.now)
            return request.redirect(to: "/account/two-factor", flash: "flash.two_factor_removed")
        } catch let error as DomainError {
            var form = FormState()
            form.show(error, request)
            return try await renderTwoFactor(request, form: form, status: .unprocessableEntity)
        }
    }

    private func renderTwoFactor(_ request: Request, form: FormState, status: HTTPStatus = .ok) async throws -> Response {
        let user = try request.requireUser()
        let enrolment = try await request.store.twoFactor.find(userID: user.id)
        let page = TwoFactorPage(
            enabled: enrolment?.isConfirmed == true, since: enrolment?.confirmedAt.map { DisplayFormat.dateTime($0) },
            recoveryCodesLeft: enrolment?.recoveryCodesLeft ?? 0, required: request.twoFactor.isRequired(for: user), form: form)
        return try await request.render("account/two-factor", title: request.t("two_factor.title"), page, status: status)
    }
}
