import Foundation

/// Setting up, checking and removing an account's second factor (TOTP), with the security events an
/// administrator reads.
public struct TwoFactorService: Sendable {
    public static let issuer = "cchc"
    public static let secretBytes = 20
    public static let recoveryCodeCount = 10

    public var store: any Store
    public var totp: TOTP
    /// The province requires administrators to sign in with a second factor (`CCHC_ADMIN_TWO_FACTOR`).
    public var requiredForAdmins: Bool

    public init(store: any Store, hmac: any HMACSHA1, requiredForAdmins: Bool = false) {
        self.store = store
        self.totp = TOTP(hmac: hmac)
        self.requiredForAdmins = requiredForAdmins
    }

    /// Whether `user` must have a second factor: set it up before signing in, and never remove it.
    public func isRequired(for user: User) -> Bool {
        requiredForAdmins && user.has(.admin)
    }

    /// A fresh secret for `user` to add to their app, not in force until `confirm`; refused (409) when
    /// a confirmed one exists (remove it first).
    public func begin(for user: User, now: Date) async throws -> TwoFactorEnrolment {
        var generator = SystemRandomNumberGenerator()
        let secret = (0..<Self.secretBytes).map { _ in UInt8.random(in: 0...255, using: &generator) }
        let enrolment = TwoFactorEnrolment(userID: user.id, secret: secret, createdAt: now)
        guard try await store.twoFactor.begin(enrolment) else { throw DomainError(.conflict, "two_factor.already_enabled") }
        return enrolment
    }

    /// The secret being set up, to show again (after a wrong code); nil when there is none.
    public func pending(for user: User) async throws -> TwoFactorEnrolment? {
        guard let enrolment = try await store.twoFactor.find(userID: user.id), !enrolment.isConfirmed else { return nil }
        return enrolment
    }

    /// The secret being set up, or a fresh one: what the set-up page shows.
    public func pendingOrBegin(for user: User, now: Date) async throws -> TwoFactorEnrolment {
        if let pending = try await pending(for: user) { return pending }
        return try await begin(for: user, now: now)
    }

    /// Puts the pending secret in force when `code` is one of its codes; returns the recovery codes, to be
    /// shown once.
    public func confirm(for user: User, code: String, address: String?, now: Date) async throws -> [String] {
        guard let pending = try await pending(for: user) else { throw DomainError(.conflict, "two_factor.nothing_pending") }
        guard let step = totp.matchingStep(code, secret: pending.secret, at: now) else {
            throw DomainError.validation([FieldError("code", "two_factor.wrong_code")])
        }
        let codes = (0..<Self.recoveryCodeCount).map { _ in Self.recoveryCode() }
        try await store.transaction { tx in
            guard try await tx.twoFactor.confirm(userID: user.id, at: now, step: step, recoveryCodes: codes) else {
                throw DomainError(.conflict, "two_factor.nothing_pending")
            }
            try await tx.securityEvents.record(
                SecurityEvent(kind: .twoFactorEnabled, occurredAt: now, username: user.username, userID: user.id, address: address))
        }
        return codes
    }

    /// Whether the account's second factor is in force.
    public func isEnabled(for userID: UUID) async throws -> Bool {
        try await store.twoFactor.find(userID: userID)?.isConfirmed == true
    }

    /// Whether `typed` is a current code of the account's app (each accepted once) or one of its unspent
    /// recovery codes (spent by this). At sign-in a wrong one is a failed login (`LoginService`).
    public func verify(_ user: User, typed: String, address: String?, now: Date) async throws -> Bool {
        guard let enrolment = try await store.twoFactor.find(userID: user.id), enrolment.isConfirmed else { return false }
        if let step = totp.matchingStep(typed, secret: enrolment.secret, at: now), try await store.twoFactor.useStep(userID: user.id, step: step) {
            return true
        }
        let recovery = Self.normalisedRecoveryCode(typed)
        if recovery.count == 10, try await store.twoFactor.useRecoveryCode(userID: user.id, code: recovery) {
            try await store.securityEvents.record(
                SecurityEvent(
                    kind: .recoveryCodeUsed, occurredAt: now, username: user.username, userID: user.id, address: address,
                    detail: "left=\(max(0, enrolment.recoveryCodesLeft - 1))"))
            return true
        }
        return false
    }

    /// The owner removes their own second factor, proving it with their password and a current code, so that
    /// a browser left signed in cannot take it away; refused where it is required of them.
    public func removeOwn(_ user: User, password: String, code: String, accounts: UserAccounts, address: String?, now: Date) async throws {
        guard !isRequired(for: user) else { throw DomainError.validation([FieldError("code", "two_factor.required_for_admins")]) }
        guard !password.isEmpty else { throw DomainError.validation([FieldError("password", "error.required")]) }
        guard try await accounts.passwordMatches(user, password) else {
            throw DomainError.validation([FieldError("password", "user.password.current_wrong")])
        }
        guard try await verify(user, typed: code, address: address, now: now) else {
            throw DomainError.validation([FieldError("code", "two_factor.wrong_code")])
        }
        try await remove(for: user, actor: nil, address: address, now: now)
    }

    /// Removes the account's second factor: by its owner (`removeOwn`) or by an administrator for a lost
    /// phone (`actor`).
    public func remove(for user: User, actor: User?, address: String?, now: Date) async throws {
        try await store.transaction { tx in
            try await tx.twoFactor.delete(userID: user.id)
            try await tx.securityEvents.record(
                SecurityEvent(
                    kind: .twoFactorDisabled, occurredAt: now, username: user.username, userID: user.id,
                    actorID: actor?.id, actorUsername: actor?.username, address: address))
        }
    }

    /// Ten letters and digits without look-alikes, shown as xxxxx-xxxxx.
    static func recoveryCode() -> String {
        let alphabet = Array("abcdefghjkmnpqrstuvwxyz23456789")
        var generator = SystemRandomNumberGenerator()
        let letters = (0..<10).map { _ in alphabet[Int.random(in: 0..<alphabet.count, using: &generator)] }
        return String(letters[0..<5]) + "-" + String(letters[5...])
    }

    /// What is compared and stored: lower case, without the dash or spaces.
    public static func normalisedRecoveryCode(_ typed: String) -> String {
        String(typed.lowercased().filter { $0.isLetter || $0.isNumber })
    }
}
