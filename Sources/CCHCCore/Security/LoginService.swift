import Foundation

/// Checks a username and password, with throttling, and records what happened. Every failure looks the
/// same to the caller, so the answer never tells whether an account exists.
public struct LoginService: Sendable {
    public var store: any Store
    public var hasher: any PasswordHasher
    public var throttle: LoginThrottle
    /// Demo accounts may log in only when the server runs in demo mode.
    public var demoMode: Bool
    /// A hash of a random password, checked when the account does not exist so both cases take as long.
    public var timingDummyHash: String
    /// The second factor asked after the password; nil where none is (tests of the password rules).
    public var twoFactor: TwoFactorService?

    public init(
        store: any Store, hasher: any PasswordHasher, throttle: LoginThrottle, demoMode: Bool, timingDummyHash: String,
        twoFactor: TwoFactorService? = nil
    ) {
        self.twoFactor = twoFactor
        self.store = store
        self.hasher = hasher
        self.throttle = throttle
        self.demoMode = demoMode
        self.timingDummyHash = timingDummyHash
    }

    /// A user whose password was right, and what they owe yet: nothing (signed in), a code from their app, or
    /// setting one up. Only a complete sign-in is recorded as a success, since a success clears the account's
    /// failures and a wrong code must count towards the lock.
    public struct SignIn: Sendable {
        public var user: User
        public var stage: SessionStage
    }

    public func login(username rawUsername: String, password: String, address: String?, now: Date) async throws -> SignIn {
        let username = AccountRules.normalizeUsername(rawUsername)
        let events = store.securityEvents
        if let until = try await lockedUntil(username: username, address: address, now: now) {
            try await events.record(SecurityEvent(kind: .loginBlocked, occurredAt: now, username: username, address: address))
            throw Self.lockedError(until: until, now: now)
        }

        let credentials = try await store.users.credentials(username: username)
        let passwordMatches = try await hasher.verify(password, against: credentials?.passwordHash ?? timingDummyHash)
        guard let user = credentials?.user, passwordMatches, user.isActive, demoMode || !user.isDemo else {
            try await recordFailure(username: username, userID: credentials?.user.id, address: address, now: now)
            throw DomainError(.unauthenticated, "auth.invalid_credentials")
        }
        let stage = try await stageAfterPassword(for: user)
        if stage == .signedIn {
            try await events.record(SecurityEvent(kind: .loginSucceeded, occurredAt: now, username: username, userID: user.id, address: address))
        }
        return SignIn(user: user, stage: stage)
    }

    func stageAfterPassword(for user: User) async throws -> SessionStage {
        guard let twoFactor else { return .signedIn }
        if try await twoFactor.isEnabled(for: user.id) { return .awaitingCode }
        return twoFactor.isRequired(for: user) ? .mustEnrol : .signedIn
    }

    /// The second step of a sign-in that had to set up its second factor first: the first code from the new
    /// app puts it in force and completes the sign-in. Returns the recovery codes, to be shown once.
    public func completeEnrolment(_ user: User, code: String, address: String?, now: Date) async throws -> [String] {
        guard let twoFactor else { throw DomainError(.unauthenticated, "auth.invalid_credentials") }
        let codes = try await twoFactor.confirm(for: user, code: code, address: address, now: now)
        try await store.securityEvents.record(
            SecurityEvent(kind: .loginSucceeded, occurredAt: now, username: user.username, userID: user.id, address: address, detail: "two_factor"))
        return codes
    }

    /// The second step of a sign-in: `typed` is a current code of the user's app or an unspent recovery
    /// code. A wrong one is a failed login (the lock applies to it as to a wrong password).
    public func completeSecondFactor(_ user: User, typed: String, address: String?, now: Date) async throws {
        guard let twoFactor else { throw DomainError(.unauthenticated, "auth.invalid_credentials") }
        if let until = try await lockedUntil(username: user.username, address: address, now: now) {
            try await store.securityEvents.record(SecurityEvent(kind: .loginBlocked, occurredAt: now, username: user.username, address: address))
            throw Self.lockedError(until: until, now: now)
        }
        guard try await twoFactor.verify(user, typed: typed, address: address, now: now) else {
            try await recordFailure(username: user.username, userID: user.id, address: address, now: now, detail: "two_factor")
            throw DomainError.validation([FieldError("code", "two_factor.wrong_code")])
        }
        try await store.securityEvents.record(
            SecurityEvent(kind: .loginSucceeded, occurredAt: now, username: user.username, userID: user.id, address: address, detail: "two_factor"))
    }

    /// When the lock on this username or address lifts, or nil when a login may be tried now.
    public func lockedUntil(username: String, address: String?, now: Date) async throws -> Date? {
        let events = store.securityEvents
        var since = throttle.lookback(from: now)
        // A successful login clears the account's earlier failures (not the address's: an attacker
        // behind the same address as real users must not be reset by them).
        if let success = try await events.lastLoginSuccess(username: username), success > since { since = success }
        let accountFailures = try await events.loginFailures(username: username, since: since)
        var locks = [throttle.lockedUntil(failures: accountFailures, maximum: throttle.maximumFailuresPerAccount, now: now)]
        if let address {
            let addressFailures = try await events.loginFailures(address: address, since: throttle.lookback(from: now))
            locks.append(throttle.lockedUntil(failures: addressFailures, maximum: throttle.maximumFailuresPerAddress, now: now))
        }
        return locks.compactMap { $0 }.max()
    }

    private func recordFailure(username: String, userID: UUID?, address: String?, now: Date, detail: String = "") async throws {
        let events = store.securityEvents
        try await events.record(
            SecurityEvent(kind: .loginFailed, occurredAt: now, username: username, userID: userID, address: address, detail: detail))
        if try await lockedUntil(username: username, address: address, now: now) != nil {
            try await events.record(
                SecurityEvent(
                    kind: .accountLocked, occurredAt: now, username: username, userID: userID, address: address,
                    detail: "minutes=\(Int(throttle.lockDuration / 60))"))
        }
    }

    static func lockedError(until: Date, now: Date) -> DomainError {
        let minutes = max(1, Int((until.timeIntervalSince(now) / 60).rounded(.up)))
        return DomainError(.rateLimited, "auth.locked", arguments: ["minutes": String(minutes)])
    }
}
