import CCHCCore
import QREncoder
import Vapor

/// A session whose password was right and which still owes its second factor.
struct PendingSignIn: Sendable {
    var user: User
    var session: SessionRecord
    var token: String
}

extension Request {
    private struct PendingSignInKey: StorageKey {
        typealias Value = PendingSignIn
    }

    var pendingSignIn: PendingSignIn? {
        get { storage[PendingSignInKey.self] }
        set { storage[PendingSignInKey.self] = newValue }
    }
}

/// The second step of signing in: the code from the authenticator app (or a recovery code), or, for an
/// administrator the province requires one of, setting the app up.
extension LoginController {
    struct CodePage: Encodable {
        var form: FormState
        var next: String
    }

    func codeForm(_ request: Request) async throws -> Response {
        guard request.pendingSignIn?.session.stage == .awaitingCode else { return request.redirect(to: "/login") }
        return try await request.render(
            "auth/code", title: request.t("two_factor.code.title"),
            CodePage(form: FormState(), next: Self.safeReturnPath(request.query[String.self, at: "next"])))
    }

    func enterCode(_ request: Request) async throws -> Response {
        guard let pending = request.pendingSignIn, pending.session.stage == .awaitingCode else { return request.redirect(to: "/login") }
        let next = Self.safeReturnPath(request.field("next"))
        var form = FormState()
        var status: HTTPStatus = .unprocessableEntity
        let code = request.field("code")
        if code.trimmingCharacters(in: .whitespaces).isEmpty {
            form.add("code", "error.required", request)
        } else {
            do {
                try await request.loginService.completeSecondFactor(pending.user, typed: code, address: request.clientAddress, now: request.now)
                return try await startSession(for: pending.user, request, redirectTo: next)
            } catch let error as DomainError {
                form.show(error, request)
                status = Problem(error).status
            }
        }
        return try await request.render("auth/code", title: request.t("two_factor.code.title"), CodePage(form: form, next: next), status: status)
    }

    func setupForm(_ request: Request) async throws -> Response {
        guard let pending = request.pendingSignIn, pending.session.stage == .mustEnrol else { return request.redirect(to: "/login") }
        let next = Self.safeReturnPath(request.query[String.self, at: "next"])
        let enrolment = try await request.twoFactor.pendingOrBegin(for: pending.user, now: request.now)
        return try await TwoFactorSetupPage.render(request, enrolment, user: pending.user, action: "/login/setup", next: next, form: FormState())
    }

    func confirmSetup(_ request: Request) async throws -> Response {
        guard let pending = request.pendingSignIn, pending.session.stage == .mustEnrol else { return request.redirect(to: "/login") }
        let next = Self.safeReturnPath(request.field("next"))
        var form = FormState()
        do {
            let codes = try await request.loginService.completeEnrolment(
                pending.user, code: request.field("code"), address: request.clientAddress, now: request.now)
            let page = try await TwoFactorSetupPage.renderRecoveryCodes(request, codes, next: next)
            return try await startSession(for: pending.user, request, showing: page)
        } catch let error as DomainError {
            form.show(error, request)
        }
        guard let enrolment = try await request.twoFactor.pending(for: pending.user) else { return request.redirect(to: "/login") }
        return try await TwoFactorSetupPage.render(
            request, enrolment, user: pending.user, action: "/login/setup", next: next, form: form, status: .unprocessableEntity)
    }
}

/// The page that sets up an authenticator app (a QR code and the secret typed by hand), and the one that
/// shows the recovery codes once; used at sign-in and from the account page.
struct TwoFactorSetupPage: Encodable {
    var qrSVG: String
    /// The secret in groups of four letters, for typing into an app by hand.
    var secret: String
    var action: String
    var next: String
    var form: FormState

    static func render(
        _ request: Request, _ enrolment: TwoFactorEnrolment, user: User, action: String, next: String, form: FormState, status: HTTPStatus = .ok
    ) async throws -> Response {
        let uri = TOTP.provisioningURI(secret: enrolment.secret, account: user.username, issuer: TwoFactorService.issuer)
        let base32 = Array(Base32.encode(enrolment.secret))
        let grouped = stride(from: 0, to: base32.count, by: 4).map { String(base32[$0..<min($0 + 4, base32.count)]) }
        let page = TwoFactorSetupPage(
            qrSVG: try QRCode(uri).svg(moduleSize: 4, label: request.t("two_factor.setup.qr")), secret: grouped.joined(separator: " "),
            action: action, next: next, form: form)
        return try await request.render("auth/two-factor-setup", title: request.t("two_factor.setup.title"), page, status: status)
    }

    struct RecoveryCodesPage: Encodable {
        var codes: [String]
        var next: String
    }

    static func renderRecoveryCodes(_ request: Request, _ codes: [String], next: String) async throws -> Response {
        try await request.render("auth/recovery-codes", title: request.t("two_factor.recovery.title"), RecoveryCodesPage(codes: codes, next: next))
    }
}
