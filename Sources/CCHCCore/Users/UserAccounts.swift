import Foundation
import WorkCalendar

/// Creating and changing accounts, with the rules and the security events that go with it.
public struct UserAccounts: Sendable {
    public var store: any Store
    public var hasher: any PasswordHasher
    /// Common and breached passwords, refused for new passwords.
    public var refusedPasswords: RefusedPasswords

    public init(store: any Store, hasher: any PasswordHasher, refusedPasswords: RefusedPasswords = .common) {
        self.store = store
        self.hasher = hasher
        self.refusedPasswords = refusedPasswords
    }

    /// `actor` is nil when the command line creates the account.
    public func create(_ new: NewUser, actor: User?, address: String?, now: Date) async throws -> User {
        let username = AccountRules.normalizeUsername(new.username)
        let fullName = new.fullName.trimmingCharacters(in: .whitespaces)
        let tree = try await store.units.tree()
        let (grants, grantErrors) = AccountRules.resolveGrants(new.grants, in: tree, today: VietnamTime.localDate(of: now))
        try
            (AccountRules.usernameErrors(username) + AccountRules.fullNameErrors(fullName)
            + AccountRules.passwordErrors(new.password, username: username, refused: refusedPasswords) + grantErrors).throwIfAny()
        if try await store.users.find(username: username) != nil { throw Self.usernameTaken(username) }

        let hash = try await hasher.hash(new.password)
        var user = User(username: username, fullName: fullName, role: new.role, unitID: nil, isDemo: new.isDemo, createdAt: now, updatedAt: now)
        user.grants = grants
        let created = user
        return try await store.transaction { tx in
            let created = try await tx.users.create(created, passwordHash: hash)
            try await tx.securityEvents.record(
                SecurityEvent(
                    kind: .userCreated, occurredAt: now, username: username, userID: created.id, actorID: actor?.id,
                    actorUsername: actor?.username, address: address, detail: "roles=" + AccountRules.describe(grants, in: tree)))
            return created
        }
    }

    public func update(
        userID: UUID, expectedVersion: Int, changes: UserChanges, actor: User, address: String?, now: Date
    ) async throws -> User {
        guard let before = try await store.users.find(id: userID) else { throw DomainError.notFound("user.not_found") }
        guard before.version == expectedVersion else { throw DomainError.staleVersion(current: before.version) }
        var after = before
        var errors: [FieldError] = []
        if let fullName = changes.fullName {
            after.fullName = fullName.trimmingCharacters(in: .whitespaces)
            errors += AccountRules.fullNameErrors(after.fullName)
        }
        if let active = changes.isActive { after.isActive = active }
        let tree = try await store.units.tree()
        if changes.unitCode != nil || changes.role != nil || changes.additionalGrants != nil {
            func code(_ id: UUID?) -> String? { id.flatMap { tree.unit(id: $0)?.code } }
            let main = GrantInput(changes.role ?? before.role, unitCode: changes.unitCode ?? code(before.unitID))
            let others = changes.additionalGrants ?? before.additionalGrants.map { GrantInput($0.role, unitCode: code($0.unitID)) }
            let (grants, grantErrors) = AccountRules.resolveGrants([main] + others, in: tree, today: VietnamTime.localDate(of: now), keeping: before.grants)
            errors += grantErrors
            if grantErrors.isEmpty { after.grants = grants }
        }
        if actor.id == userID, after.grants != before.grants || !after.isActive {
            errors.append(FieldError(after.isActive ? "role" : "isActive", "user.self_lockout"))
        }
        try errors.throwIfAny()
        guard after != before else { return before }
        after.version += 1
        after.updatedAt = now

        let events = Self.events(before: before, after: after, tree: tree, actor: actor, address: address, now: now)
        let changed = after
        return try await store.transaction { tx in
            let saved = try await tx.users.update(changed, expectedVersion: expectedVersion)
            for event in events { try await tx.securityEvents.record(event) }
            // A disabled account, or one whose roles changed, signs in again: no browser keeps powers it
            // was given, or lost, under the old roles.
            if !saved.isActive || saved.grants != before.grants {
                try await tx.sessions.deleteAll(userID: saved.id, keeping: nil)
                try await tx.apiTokens.revokeAll(userID: saved.id, now: now)
            }
            return saved
        }
    }

    /// An administrator (or the command line, with no actor) sets a new password; the user is logged out everywhere.
    public func resetPassword(userID: UUID, newPassword: String, actor: User?, address: String?, now: Date) async throws {
        guard let user = try await store.users.find(id: userID) else { throw DomainError.notFound("user.not_found") }
        try AccountRules.passwordErrors(newPassword, username: user.username, refused: refusedPasswords).throwIfAny()
        let hash = try await hasher.hash(newPassword)
        try await store.transaction { tx in
            try await tx.users.setPasswordHash(userID: userID, hash: hash, now: now)
            try await tx.sessions.deleteAll(userID: userID, keeping: nil)
            try await tx.securityEvents.record(
                SecurityEvent(
                    kind: .passwordReset, occurredAt: now, username: user.username, userID: userID, actorID: actor?.id,
                    actorUsername: actor?.username, address: address))
        }
    }

    /// Whether `password` is the signed-in user's own: what changing it, or removing their second factor, asks.
    public func passwordMatches(_ user: User, _ password: String) async throws -> Bool {
        guard let credentials = try await store.users.credentials(username: user.username) else { return false }
        return try await hasher.verify(password, against: credentials.passwordHash)
    }

    /// The user changes their own password; other browsers are logged out, this one stays.
    public func changeOwnPassword(
        user: User, currentPassword: String, newPassword: String, keepingSession token: String?, address: String?, now: Date
    ) async throws {
        guard try await passwordMatches(user, currentPassword) else {
            throw DomainError.validation([FieldError("currentPassword", "user.password.current_wrong")])
        }
        var errors = AccountRules.passwordErrors(newPassword, username: user.username, field: "newPassword", refused: refusedPasswords)
        if errors.isEmpty, newPassword == currentPassword {
            errors.append(FieldError("newPassword", "user.password.unchanged"))
        }
        try errors.throwIfAny()
        let hash = try await hasher.hash(newPassword)
        try await store.transaction { tx in
            try await tx.users.setPasswordHash(userID: user.id, hash: hash, now: now)
            try await tx.sessions.deleteAll(userID: user.id, keeping: token)
            try await tx.securityEvents.record(
                SecurityEvent(
                    kind: .passwordChanged, occurredAt: now, username: user.username, userID: user.id, address: address))
        }
    }

    static func usernameTaken(_ username: String) -> DomainError {
        DomainError(
            .conflict, "user.username.taken", arguments: ["username": username],
            fields: [FieldError("username", "user.username.taken", ["username": username])])
    }

    static func events(before: User, after: User, tree: UnitTree, actor: User, address: String?, now: Date) -> [SecurityEvent] {
        func event(_ kind: SecurityEventKind, _ detail: String = "") -> SecurityEvent {
            SecurityEvent(
                kind: kind, occurredAt: now, username: after.username, userID: after.id, actorID: actor.id,
                actorUsername: actor.username, address: address, detail: detail)
        }
        var events: [SecurityEvent] = []
        if before.grants.map(\.role) != after.grants.map(\.role) {
            events.append(event(.roleChanged, "\(AccountRules.describe(before.grants, in: tree)) → \(AccountRules.describe(after.grants, in: tree))"))
        }
        if before.isActive != after.isActive { events.append(event(after.isActive ? .userEnabled : .userDisabled)) }
        var details: [String] = []
        if before.fullName != after.fullName { details.append("fullName") }
        if before.grants.map(\.role) == after.grants.map(\.role), before.grants != after.grants {
            details.append("units: \(AccountRules.describe(before.grants, in: tree)) → \(AccountRules.describe(after.grants, in: tree))")
        }
        if !details.isEmpty { events.append(event(.userUpdated, details.joined(separator: "; "))) }
        return events
    }
}
