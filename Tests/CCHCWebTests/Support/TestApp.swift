import CCHCCore
import CCHCStore
import CCHCTestSupport
import Foundation
import Testing
import Vapor
import VaporTesting

@testable import CCHCWeb

/// A configured application on a fresh database of one kind, with a fixed clock, torn down afterwards.
enum TestApp {
    static let packageRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().path

    static func config(_ target: DatabaseTarget, demoMode: Bool = false, environment: [String: String] = [:]) throws -> AppConfig {
        var config = try AppConfig.load(from: environment, demoMode: demoMode)
        config.database = target
        config.workingDirectory = packageRoot
        // Uploads of each test in a folder of its own, not in the repository's ./data.
        config.dataDirectory = Fixtures.temporaryFolder()
        config.bcryptCost = 4
        config.databasePoolTimeout = Int(TestDatabases.poolTimeout.nanoseconds / 1_000_000_000)
        // Lets a test say which address a request comes from (X-Forwarded-For) and that it came over TLS.
        config.trustProxy = true
        return config
    }

    static func with<T: Sendable>(
        _ kind: DatabaseKind, demoMode: Bool = false, environment: [String: String] = [:],
        _ body: (Application, ManualWallClock) async throws -> T
    ) async throws -> T {
        try await with(target: TestDatabases.freshTarget(kind), demoMode: demoMode, environment: environment, body)
    }

    /// An application on a given database, which is disposed of afterwards unless `keepDatabase`.
    static func with<T: Sendable>(
        target: DatabaseTarget, demoMode: Bool = false, environment: [String: String] = [:], keepDatabase: Bool = false,
        _ body: (Application, ManualWallClock) async throws -> T
    ) async throws -> T {
        let clock = ManualWallClock(Fixtures.now)
        let app = try await Application.make(.testing)
        do {
            try await configure(app, config: try config(target, demoMode: demoMode, environment: environment), clock: clock)
            try await app.prepareDatabase(migrate: true)
            let result = try await body(app, clock)
            if !keepDatabase { await TestDatabases.dispose(target, using: app.db) }
            try await app.asyncShutdown()
            return result
        } catch {
            await TestDatabases.dispose(target, using: app.db)
            try? await app.asyncShutdown()
            throw error
        }
    }
}

/// Accounts the tests log in with, one per role, over the fixture units.
enum TestAccounts {
    static let password = "mật khẩu thử"

    static let all: [(username: String, role: Role, unitCode: String?)] = [
        ("admin", .admin, Fixtures.provinceCode),
        ("bcd", .steeringCommittee, nil),
        ("noivu", .reformStaff, Fixtures.homeAffairsCode),
        ("lanhdao", .unitLeader, Fixtures.landCode),
        ("chuyenvien", .specialist, Fixtures.landCode),
        ("motcua", .deskOfficer, Fixtures.centreCode),
        ("congdan", .citizen, nil),
    ]

    /// Loads the fixture units and the accounts.
    static func seed(_ app: Application) async throws {
        try await Fixtures.loadUnits(into: app.store)
        let accounts = UserAccounts(store: app.store, hasher: app.services.hasher)
        for account in all {
            _ = try await accounts.create(
                NewUser(
                    username: account.username, fullName: "Người dùng \(account.username)", role: account.role,
                    unitCode: account.unitCode, password: password),
                actor: nil, address: nil, now: Fixtures.now)
        }
    }
}
