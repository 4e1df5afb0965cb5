import CCHCCore
import CCHCStore
import CCHCTestSupport
import FluentKit
import Foundation
import SQLKit
import Testing

/// Stands in for Bcrypt here (the web tests use the real one): the store tests are about the database.
struct ReversibleTestHasher: PasswordHasher {
    func hash(_ password: String) async throws -> String { "test$" + String(password.reversed()) }
    func verify(_ password: String, against hash: String) async throws -> Bool { hash == "test$" + String(password.reversed()) }
}

@Suite("Accounts in the store")
struct AccountStoreTests {
    let now = Fixtures.now

    func login(_ store: any Store, demoMode: Bool = false) -> LoginService {
        LoginService(
            store: store, hasher: ReversibleTestHasher(), throttle: LoginThrottle(), demoMode: demoMode,
            timingDummyHash: "test$nobody")
    }

    func accounts(_ store: any Store) -> UserAccounts {
        UserAccounts(store: store, hasher: ReversibleTestHasher())
    }

    @Test("Creating users: rules, duplicates, security event", arguments: TestDatabases.kinds)
    func createUsers(kind: DatabaseKind) async throws {
        try await TestDatabases.withStore(kind) { store, _ in
            try await Fixtures.loadUnits(into: store)
            let user = try await accounts(store).create(
                NewUser(username: " Nguyen.Van.A ", fullName: "Nguyễn Văn A", role: .specialist, unitCode: Fixtures.landCode, password: "mật khẩu dài"),
                actor: nil, address: "10.0.0.1", now: now)
            #expect(user.username == "nguyen.van.a")
            #expect(try await store.users.find(username: "NGUYEN.VAN.A") == user)
            #expect(try await store.users.credentials(username: "nguyen.van.a")?.passwordHash == "test$iàd uẩhk tậm")

            await #expect(throws: DomainError.self) {
                _ = try await accounts(store).create(
                    NewUser(username: "nguyen.van.a", fullName: "Trùng", role: .citizen, unitCode: nil, password: "12345678"),
                    actor: nil, address: nil, now: now)
            }
            do {
                _ = try await accounts(store).create(
                    NewUser(username: "x", fullName: "", role: .deskOfficer, unitCode: nil, password: "123"), actor: nil, address: nil, now: now)
                Issue.record("Expected a validation error")
            } catch let error as DomainError {
                #expect(Set(error.fields.map(\.field)) == ["username", "fullName", "password", "unitCode"])
            }
            let events = try await store.securityEvents.list(SecurityEventQuery(kind: .userCreated))
            #expect(events.items.map(\.username) == ["nguyen.van.a"])
            #expect(try await store.users.list(UserQuery(text: "nguyen van")).items.map(\.username) == ["nguyen.van.a"])
            #expect(try await store.users.list(UserQuery(unitIDs: [])).items.isEmpty)
        }
    }

    @Test("Login: success, wrong password, unknown user, all failures alike", arguments: TestDatabases.kinds)
    func loginOutcomes(kind: DatabaseKind) async throws {
        try await TestDatabases.withStore(kind) { store, _ in
            try await Fixtures.loadUnits(into: store)
            _ = try await accounts(store).create(
                NewUser(username: "lan", fullName: "Lan", role: .citizen, unitCode: nil, password: "đúng mật khẩu"), actor: nil, address: nil, now: now)
            let service = login(store)
            #expect(try await service.login(username: "LAN", password: "đúng mật khẩu", address: "1.1.1.1", now: now).user.username == "lan")
            let wrong = DomainError(.unauthenticated, "auth.invalid_credentials")
            await #expect(throws: wrong) { _ = try await service.login(username: "lan", password: "sai", address: "1.1.1.1", now: now) }
            await #expect(throws: wrong) { _ = try await service.login(username: "nobody", password: "sai", address: "1.1.1.1", now: now) }
            let kinds = try await store.securityEvents.list(SecurityEventQuery()).items.map(\.kind)
            #expect(kinds.filter { $0 == .loginFailed }.count == 2)
            #expect(kinds.contains(.loginSucceeded))
        }
    }

    @Test("Five failures lock the account for 15 minutes, whether or not it exists", arguments: TestDatabases.kinds)
    func throttling(kind: DatabaseKind) async throws {
        try await TestDatabases.withStore(kind) { store, _ in
            _ = try await accounts(store).create(
                NewUser(username: "lan", fullName: "Lan", role: .citizen, unitCode: nil, password: "đúng mật khẩu"), actor: nil, address: nil, now: now)
            let service = login(store)
            for username in ["lan", "ghost"] {
                for minute in 0..<5 {
                    await #expect(throws: DomainError(.unauthenticated, "auth.invalid_credentials")) {
                        _ = try await service.login(
                            username: username, password: "sai", address: "10.0.0.\(minute)", now: now.addingTimeInterval(Double(minute) * 60))
                    }
                }
                let lockedAt = now.addingTimeInterval(5 * 60)
                // Even the right password is refused while locked; the message is the same for both accounts.
                await #expect(throws: DomainError(.rateLimited, "auth.locked", arguments: ["minutes": "14"])) {
                    _ = try await service.login(username: username, password: "đúng mật khẩu", address: "10.0.0.9", now: lockedAt)
                }
            }
            let unlocked = now.addingTimeInterval(4 * 60 + 15 * 60)
            #expect(try await service.login(username: "lan", password: "đúng mật khẩu", address: "10.0.0.9", now: unlocked).user.username == "lan")
            let events = try await store.securityEvents.list(SecurityEventQuery(kind: .accountLocked)).items
            #expect(Set(events.compactMap(\.username)) == ["lan", "ghost"])
        }
    }

    @Test("Too many failures from one address lock that address for every account", arguments: TestDatabases.kinds)
    func addressThrottling(kind: DatabaseKind) async throws {
        try await TestDatabases.withStore(kind) { store, _ in
            _ = try await accounts(store).create(
                NewUser(username: "lan", fullName: "Lan", role: .citizen, unitCode: nil, password: "đúng mật khẩu"), actor: nil, address: nil, now: now)
            let service = LoginService(
                store: store, hasher: ReversibleTestHasher(), throttle: LoginThrottle(maximumFailuresPerAddress: 3), demoMode: false, timingDummyHash: "x")
            for index in 0..<3 {
                _ = try? await service.login(username: "user\(index)", password: "sai", address: "203.0.113.7", now: now)
            }
            await #expect(throws: DomainError.self) {
                _ = try await service.login(username: "lan", password: "đúng mật khẩu", address: "203.0.113.7", now: now)
            }
            #expect(try await service.login(username: "lan", password: "đúng mật khẩu", address: "198.51.100.1", now: now).user.username == "lan")
        }
    }

    @Test("Disabled and demo accounts cannot log in (demo ones only in demo mode)", arguments: TestDatabases.kinds)
    func inactiveAccounts(kind: DatabaseKind) async throws {
        try await TestDatabases.withStore(kind) { store, _ in
            try await Fixtures.loadUnits(into: store)
            let admin = try await accounts(store).create(
                NewUser(username: "admin", fullName: "Admin", role: .admin, unitCode: nil, password: "admin-pass"), actor: nil, address: nil, now: now)
            _ = try await accounts(store).create(
                NewUser(username: "demo", fullName: "Demo", role: .citizen, unitCode: nil, password: "demo-pass", isDemo: true), actor: nil, address: nil,
                now: now)
            let lan = try await accounts(store).create(
                NewUser(username: "lan", fullName: "Lan", role: .citizen, unitCode: nil, password: "lan-password"), actor: nil, address: nil, now: now)
            await #expect(throws: DomainError.self) { _ = try await login(store).login(username: "demo", password: "demo-pass", address: nil, now: now) }
            #expect(try await login(store, demoMode: true).login(username: "demo", password: "demo-pass", address: nil, now: now).user.isDemo)

            let disabled = try await accounts(store).update(
                userID: lan.id, expectedVersion: 1, changes: UserChanges(isActive: false), actor: admin, address: nil, now: now)
            #expect(!disabled.isActive && disabled.version == 2)
            await #expect(throws: DomainError.self) { _ = try await login(store).login(username: "lan", password: "lan-password", address: nil, now: now) }
            #expect(try await store.securityEvents.list(SecurityEventQuery(kind: .userDisabled)).items.first?.actorUsername == "admin")
            // An administrator cannot lock themselves out.
            await #expect(throws: DomainError.self) {
                _ = try await accounts(store).update(
                    userID: admin.id, expectedVersion: 1, changes: UserChanges(role: .specialist), actor: admin, address: nil, now: now)
            }
        }
    }

    @Test("Role changes are recorded; stale edits refused", arguments: TestDatabases.kinds)
    func roleChange(kind: DatabaseKind) async throws {
        try await TestDatabases.withStore(kind) { store, _ in
            try await Fixtures.loadUnits(into: store)
            let admin = try await accounts(store).create(
                NewUser(username: "admin", fullName: "Admin", role: .admin, unitCode: nil, password: "admin-pass"), actor: nil, address: nil, now: now)
            let user = try await accounts(store).create(
                NewUser(username: "binh", fullName: "Bình", role: .specialist, unitCode: Fixtures.landCode, password: "binh-pass"), actor: nil, address: nil,
                now: now)
            let promoted = try await accounts(store).update(
                userID: user.id, expectedVersion: 1, changes: UserChanges(role: .unitLeader), actor: admin, address: "10.1.1.1", now: now)
            #expect(promoted.role == .unitLeader)
            let event = try await store.securityEvents.list(SecurityEventQuery(kind: .roleChanged)).items.first
            #expect(event?.detail == "specialist@\(Fixtures.landCode) → unit_leader@\(Fixtures.landCode)" && event?.address == "10.1.1.1")
            await #expect(throws: DomainError.staleVersion(current: 2)) {
                _ = try await accounts(store).update(
                    userID: user.id, expectedVersion: 1, changes: UserChanges(fullName: "X"), actor: admin, address: nil, now: now)
            }
            await #expect(throws: DomainError.self) {
                _ = try await accounts(store).update(
                    userID: user.id, expectedVersion: 2, changes: UserChanges(role: .citizen), actor: admin, address: nil, now: now)
            }
        }
    }

    @Test("Roles beyond the main one: stored with their units, read by every path, found by role and unit, replaced on edit", arguments: TestDatabases.kinds)
    func additionalRoles(kind: DatabaseKind) async throws {
        try await TestDatabases.withStore(kind) { store, _ in
            try await Fixtures.loadUnits(into: store)
            let tree = try await store.units.tree()
            let admin = try await accounts(store).create(
                NewUser(username: "admin", fullName: "Admin", role: .admin, unitCode: nil, password: "admin-pass"), actor: nil, address: nil, now: now)
            let officer = try await accounts(store).create(
                NewUser(
                    username: "hai.vai", fullName: "Hai Vai", role: .deskOfficer, unitCode: Fixtures.centreCode,
                    additionalGrants: [GrantInput(.specialist, unitCode: Fixtures.landCode)], password: "hai-vai-pass"),
                actor: admin, address: nil, now: now)
            let land = try #require(tree.unit(code: Fixtures.landCode)).id
            let expected = [RoleGrant(.deskOfficer, unitID: tree.unit(code: Fixtures.centreCode)?.id), RoleGrant(.specialist, unitID: land)]
            #expect(try await store.users.find(id: officer.id)?.grants == expected)
            #expect(try await store.users.find(username: "hai.vai")?.grants == expected)
            #expect(try await store.users.credentials(username: "hai.vai")?.user.grants == expected)
            try await store.sessions.create(
                token: "session-of-hai-vai",
                session: SessionRecord(userID: officer.id, csrfToken: "c", createdAt: now, expiresAt: now.addingTimeInterval(3600), lastSeenAt: now),
                address: nil, userAgent: nil)
            #expect(try await store.sessions.find(token: "session-of-hai-vai", now: now)?.user.grants == expected)
            let (token, _) = try await APITokenService(store: store, lifetime: 3600).issue(for: officer, name: "t", address: nil, now: now)
            #expect(try await store.apiTokens.find(token: token, now: now)?.user.grants == expected)

            // Lists find an account by any of its roles and any of their units.
            #expect(try await store.users.list(UserQuery(role: .specialist)).items.map(\.username) == ["hai.vai"])
            #expect(try await store.users.list(UserQuery(unitIDs: [land])).items.map(\.username) == ["hai.vai"])
            #expect(try await store.users.count(role: .specialist) == 1)

            let edited = try await accounts(store).update(
                userID: officer.id, expectedVersion: 1, changes: UserChanges(additionalGrants: [GrantInput(.unitLeader, unitCode: Fixtures.communeCode)]),
                actor: admin, address: nil, now: now)
            #expect(edited.additionalGrants.map(\.role) == [.unitLeader])
            #expect(try await store.users.find(id: officer.id)?.additionalGrants == edited.additionalGrants)
            #expect(try await store.users.list(UserQuery(role: .specialist)).items.isEmpty)
        }
    }

    @Test("Sessions: stored hashed, expire, end on logout and password change", arguments: TestDatabases.kinds)
    func sessions(kind: DatabaseKind) async throws {
        try await TestDatabases.withStore(kind) { store, db in
            let user = try await accounts(store).create(
                NewUser(username: "lan", fullName: "Lan", role: .citizen, unitCode: nil, password: "lan-password"), actor: nil, address: nil, now: now)
            let tokens = ["browser-one-token", "browser-two-token"]
            for token in tokens {
                try await store.sessions.create(
                    token: token,
                    session: SessionRecord(
                        userID: user.id, csrfToken: "csrf-\(token)", createdAt: now, expiresAt: now.addingTimeInterval(3600), lastSeenAt: now),
                    address: "10.0.0.1", userAgent: "Test")
            }
            let stored = try await (db as! any SQLDatabase).raw("SELECT token_hash FROM sessions").all().map {
                try $0.decode(column: "token_hash", as: String.self)
            }
            #expect(stored.count == 2 && !stored.contains(tokens[0]) && stored.allSatisfy { $0.count == 64 })

            #expect(try await store.sessions.find(token: tokens[0], now: now)?.session.csrfToken == "csrf-browser-one-token")
            #expect(try await store.sessions.find(token: tokens[0], now: now.addingTimeInterval(3600)) == nil)
            #expect(try await store.sessions.find(token: "unknown", now: now) == nil)

            try await accounts(store).changeOwnPassword(
                user: user, currentPassword: "lan-password", newPassword: "new-password", keepingSession: tokens[0], address: nil, now: now)
            #expect(try await store.sessions.find(token: tokens[0], now: now) != nil)
            #expect(try await store.sessions.find(token: tokens[1], now: now) == nil)
            try await store.sessions.delete(token: tokens[0])
            #expect(try await store.sessions.find(token: tokens[0], now: now) == nil)
        }
    }

    @Test("API tokens: issue, find, list, revoke by their owner only", arguments: TestDatabases.kinds)
    func apiTokens(kind: DatabaseKind) async throws {
        try await TestDatabases.withStore(kind) { store, _ in
            let lan = try await accounts(store).create(
                NewUser(username: "lan", fullName: "Lan", role: .citizen, unitCode: nil, password: "lan-password"), actor: nil, address: nil, now: now)
            let binh = try await accounts(store).create(
                NewUser(username: "binh", fullName: "Bình", role: .citizen, unitCode: nil, password: "binh-password"), actor: nil, address: nil, now: now)
            let service = APITokenService(store: store, lifetime: 86400)
            let (token, record) = try await service.issue(for: lan, name: "đồng bộ", address: nil, now: now)
            #expect(token.hasPrefix("cchc_") && token.count > 40)
            #expect(record.prefix == String(token.prefix(11)))
            #expect(try await store.apiTokens.find(token: token, now: now)?.user.id == lan.id)
            #expect(try await store.apiTokens.find(token: token, now: now.addingTimeInterval(86400)) == nil)

            await #expect(throws: DomainError.notFound("token.not_found")) { _ = try await service.revoke(id: record.id, owner: binh, address: nil, now: now) }
            #expect(try await store.apiTokens.find(token: token, now: now) != nil)
            let revoked = try await service.revoke(id: record.id, owner: lan, address: nil, now: now)
            #expect(revoked.revokedAt == now)
            #expect(try await store.apiTokens.find(token: token, now: now) == nil)
            #expect(try await store.apiTokens.list(userID: lan.id).map(\.name) == ["đồng bộ"])
            let kinds = try await store.securityEvents.list(SecurityEventQuery()).items.map(\.kind)
            #expect(kinds.contains(.tokenIssued) && kinds.contains(.tokenRevoked))
        }
    }

    @Test("Security events page newest first with a cursor", arguments: TestDatabases.kinds)
    func securityEventPaging(kind: DatabaseKind) async throws {
        try await TestDatabases.withStore(kind) { store, _ in
            for index in 0..<5 {
                try await store.securityEvents.record(
                    SecurityEvent(kind: .loginFailed, occurredAt: now.addingTimeInterval(Double(index)), username: "u\(index)"))
            }
            // Two events in the same second must not be skipped or repeated.
            try await store.securityEvents.record(SecurityEvent(kind: .loginFailed, occurredAt: now.addingTimeInterval(4), username: "u4b"))
            var seen: [String] = []
            var cursor: String?
            repeat {
                let page = try await store.securityEvents.list(SecurityEventQuery(cursor: cursor, limit: 2))
                seen += page.items.compactMap(\.username)
                cursor = page.nextCursor
            } while cursor != nil
            #expect(seen.count == 6 && Set(seen).count == 6)
            #expect(Array(seen.suffix(4)) == ["u3", "u2", "u1", "u0"])
        }
    }

    @Test("Retention: security events and personal-data access records before the cutoff are deleted, later ones kept", arguments: TestDatabases.kinds)
    func retention(kind: DatabaseKind) async throws {
        try await TestDatabases.withStore(kind) { store, _ in
            let dossier = UUID()
            for days in [-400.0, -10, 0] {
                let at = now.addingTimeInterval(days * 86400)
                try await store.securityEvents.record(SecurityEvent(kind: .loginSucceeded, occurredAt: at, username: "lan"))
                try await store.personalDataAccess.record(
                    PersonalDataAccess(
                        dossierID: dossier, dossierCode: "H12.00-261123-0001", userID: UUID(), username: "lan", fullName: "Lan",
                        unitName: "Sở", purpose: .view, at: at))
            }
            let cutoff = now.addingTimeInterval(-30 * 86400)
            let kept = [now, now.addingTimeInterval(-10 * 86400)]
            #expect(try await store.securityEvents.purge(before: cutoff) == 1)
            #expect(try await store.securityEvents.list(SecurityEventQuery()).items.map(\.occurredAt) == kept)
            #expect(try await store.personalDataAccess.purge(before: cutoff) == 1)
            #expect(try await store.personalDataAccess.list(dossierIDs: [dossier], limit: 10).map(\.at) == kept)
        }
    }
}
