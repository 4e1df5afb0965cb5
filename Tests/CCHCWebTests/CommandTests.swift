import ArgumentParser
import CCHCCore
import CCHCStore
import CCHCTestSupport
import Foundation
import SQLKit
import Synchronization
import Testing
import Vapor
import VaporTesting

@testable import CCHCDemo
@testable import CCHCWeb

/// Runs `cchc` commands in-process against a test database and keeps what they print.
final class CommandRunner: Sendable {
    let target: DatabaseTarget
    private let output = Mutex<[String]>([])

    init(_ kind: DatabaseKind) {
        target = TestDatabases.freshTarget(kind)
    }

    var printed: String { output.withLock { $0.joined(separator: "\n") } }

    var variables: [String: String] {
        var variables = ["CCHC_WORKING_DIR": TestApp.packageRoot, "CCHC_BCRYPT_COST": "4"]
        switch target {
        case .sqlite(let path, _):
            variables["CCHC_DATA_DIR"] = URL(fileURLWithPath: path).deletingLastPathComponent().path
        case .postgres(let url, let schema):
            variables["DATABASE_URL"] = url
            variables["CCHC_DATABASE_SCHEMA"] = schema
        }
        return variables
    }

    func run(_ arguments: [String], stdin: String? = nil, extra: [String: String] = [:]) async throws {
        let command = try CCHCCommand.parseAsRoot(arguments)
        guard let runnable = command as? any EnvironmentCommand else {
            throw ValidationError("Not a command that runs: \(arguments)")
        }
        let environment = CommandEnvironment(
            variables: variables.merging(extra) { _, new in new },
            print: { [self] line in self.output.withLock { $0.append(line) } },
            readLine: { stdin })
        try await runnable.run(environment)
    }
}

@Suite("Command line")
struct CommandTests {
    @Test("users create, then that user logs in through the web page", arguments: TestDatabases.kinds)
    func createThenLogin(kind: DatabaseKind) async throws {
        let cli = CommandRunner(kind)
        try await cli.run(["users", "create", "--username", "Quan.Tri", "--password", "mật khẩu quản trị", "--role", "admin", "--full-name", "Quản Trị Viên"])
        #expect(cli.printed.contains("Created quan.tri (admin)."))
        try await cli.run(["users", "list"])
        #expect(cli.printed.contains("quan.tri"))
        #expect(cli.printed.contains("Quản Trị Viên"))

        try await TestApp.with(target: cli.target) { app, _ in
            let browser = Browser(app)
            let login = try await browser.login("quan.tri", "mật khẩu quản trị")
            #expect(login.status == .seeOther)
            #expect(try await browser.get("/").text.contains("Xin chào, Quản Trị Viên"))
        }
    }

    @Test("Bad input gets a one-line reason and changes nothing", arguments: TestDatabases.kinds)
    func failures(kind: DatabaseKind) async throws {
        let cli = CommandRunner(kind)
        // A bad value is refused while parsing, naming the option and what it takes, under the subcommand's usage.
        let badRole = #expect(throws: (any Error).self) {
            try CCHCCommand.parseAsRoot(["users", "create", "--username", "a.b", "--password", "mật khẩu dài", "--role", "emperor"])
        }
        let roleMessage = badRole.map { CCHCCommand.message(for: $0) } ?? ""
        #expect(roleMessage.contains("'emperor'") && roleMessage.contains("--role") && roleMessage.contains("desk_officer"))
        #expect(CCHCCommand.fullMessage(for: badRole!).contains("cchc users create"))
        let badDay = #expect(throws: (any Error).self) { try CCHCCommand.parseAsRoot(["calendar", "lunar", "2026-13-01"]) }
        #expect(badDay.map { CCHCCommand.message(for: $0) }?.contains("'2026-13-01'") == true)
        #expect(throws: (any Error).self) { _ = try CCHCCommand.parseAsRoot(["users", "create", "--username"]) }
        do {
            try await cli.run(["users", "create", "--username", "a.b", "--password", "mật khẩu dài", "--role", "specialist", "--unit", "000.99.99.H99"])
            Issue.record("Expected a failure")
        } catch {
            #expect("\(error)" == "unitCode: There is no unit with code 000.99.99.H99.")
            #expect(!"\(error)".contains("\n"))
        }
        do {
            try await cli.run(["users", "disable", "--username", "khong.co"])
            Issue.record("Expected a failure")
        } catch {
            #expect("\(error)" == "No account named 'khong.co'.")
        }
        try await TestApp.with(target: cli.target) { app, _ in
            let count = try await app.store.users.count(role: nil)
            #expect(count == 0)
        }
    }

    @Test("set-password from standard input, disable and enable", arguments: TestDatabases.kinds)
    func passwordAndStatus(kind: DatabaseKind) async throws {
        let cli = CommandRunner(kind)
        try await cli.run(["users", "create", "--username", "lan", "--password", "mật khẩu cũ", "--role", "citizen"])
        try await cli.run(["users", "set-password", "--username", "lan", "--password-stdin"], stdin: "mật khẩu mới")
        try await cli.run(["users", "disable", "--username", "lan"])
        #expect(cli.printed.contains("lan disabled."))
        try await TestApp.with(target: cli.target, keepDatabase: true) { app, _ in
            let response = try await Browser(app).login("lan", "mật khẩu mới")
            #expect(response.status == .unauthorized)
        }
        try await cli.run(["users", "enable", "--username", "lan"])
        try await TestApp.with(target: cli.target) { app, _ in
            #expect(try await Browser(app).login("lan", "mật khẩu cũ").status == .unauthorized)
            #expect(try await Browser(app).login("lan", "mật khẩu mới").status == .seeOther)
            let kinds = try await app.store.securityEvents.list(SecurityEventQuery()).items.map(\.kind)
            #expect(kinds.contains(.passwordReset) && kinds.contains(.userDisabled) && kinds.contains(.userEnabled))
        }
    }

    @Test("migrate applies, reports up to date, reverts with confirmation", arguments: TestDatabases.kinds)
    func migrate(kind: DatabaseKind) async throws {
        let cli = CommandRunner(kind)
        try await cli.run(["migrate"])
        #expect(cli.printed.contains("Applied: 0001_create_units"))
        try await cli.run(["migrate"])
        #expect(cli.printed.contains("The database is up to date."))
        await #expect(throws: (any Error).self) { try await cli.run(["migrate", "--revert"], stdin: "no") }
        try await cli.run(["migrate", "--revert", "--yes"])
        #expect(cli.printed.contains("Reverted \(SchemaMigrations.names.count) migrations."))
        try await cli.run(["migrate"])
        try await TestApp.with(target: cli.target) { _, _ in }
    }

    @Test("demo load is idempotent and builds the 2025 reorganisation", arguments: TestDatabases.kinds)
    func demoLoad(kind: DatabaseKind) async throws {
        let cli = CommandRunner(kind)
        try await cli.run(["demo", "load", "--dossiers", "40"])
        // Then the dialogue sessions, as many as the year so far has quarters for (none in its first weeks).
        #expect(cli.printed.contains("accounts, 41 procedures, 2 settings versions, 40 dossiers, 126 feedback items, 2 survey campaigns"))
        try await cli.run(["demo", "load", "--dossiers", "40"])
        #expect(cli.printed.contains("Demo data: nothing new created."))
        try await cli.run(["dossiers", "flag-deadlines"])
        #expect(cli.printed.contains("Flagged 0 nearing their deadline and 0 overdue."))

        // The audit trail of the demo's dossiers holds; a changed event is named.
        try await cli.run(["audit", "verify"])
        #expect(cli.printed.contains("Audit chain intact:") && !cli.printed.contains("Feedback audit chain intact: 0 events"))
        #expect(cli.printed.contains("Feedback audit chain intact: "))
        // Both chains are checked: a changed feedback event is named, then a changed dossier event (checked first).
        for (table, chain) in [("feedback_events", "feedback events"), ("dossier_events", "dossier events")] {
            try await TestApp.with(target: cli.target, keepDatabase: true) { app, _ in
                try await (app.db as! any SQLDatabase).raw("UPDATE \(unsafeRaw: table) SET actor_name = 'Người khác' WHERE sequence = 7").run()
            }
            do {
                try await cli.run(["audit", "verify"])
                Issue.record("A changed \(chain) event went unnoticed")
            } catch {
                #expect("\(error)".hasPrefix("Audit chain of \(chain) broken at event #7: its content does not match its hash"), "\(error)")
            }
        }
        try await TestApp.with(target: cli.target) { app, _ in
            let tree = try await app.store.units.tree()
            let today = Fixtures.day("2026-11-23")
            let open = tree.units.filter { $0.isEffective(on: today) }
            #expect(open.filter { [.department, .verticalAgency].contains($0.kind) }.count >= 20)
            #expect(open.filter { $0.kind.level == .commune }.count == 30)
            let districts = tree.units.filter { $0.kind == .district }
            #expect(districts.count == 4 && districts.allSatisfy { $0.effectiveTo == Fixtures.day("2025-07-01") && $0.successorID != nil })
            // Every closed commune hands over to an open one.
            for unit in tree.units where unit.isClosed && unit.kind.level == .commune {
                #expect(tree.currentSuccessor(of: unit.id).map { $0.isEffective(on: today) } == true, "\(unit.code)")
            }
            #expect(try await app.store.users.count(role: nil) == DemoData.accounts.count + DemoStaff.accounts.count)
            #expect(try await app.store.dossiers.count() == 40)
            #expect(try await app.store.dossiers.list(DossierQuery(scope: .province, queue: .finished)).items.count > 20)
            // The demo desk finds the last hour's online filings waiting for it.
            let centre = try #require(tree.unit(code: DemoUnits.provincialCentreCode))
            let waiting = try await app.store.dossiers.list(DossierQuery(scope: .receivedBy([centre.id]), queue: .awaitingAcceptance)).items
            #expect(waiting.filter { $0.channel == .online }.count >= DemoDossiers.freshOnlineFilings)
            #expect(Set(try await app.store.users.list(UserQuery()).items.map(\.role)) == Set(Role.allCases))
            // The demo citizen can see who opened their dossiers, and officers chose how they hear of deadlines.
            let citizen = try #require(try await app.store.users.find(username: "congdan"))
            let own = try await app.store.dossiers.list(DossierQuery(scope: .citizen(citizen.id))).items
            let opened = try await app.store.personalDataAccess.list(dossierIDs: own.map(\.id), limit: 100)
            #expect(!own.isEmpty && Set(opened.map(\.username)) == ["motcua", "chuyenvien"])
            let leader = try #require(try await app.store.users.find(username: "lanhdao"))
            #expect(try await app.store.notifications.preferences(userID: leader.id)?.channels == [.email, .sms])
            // One official signs in in two steps, with the secret the docs publish.
            let director = try #require(try await app.store.users.find(username: DemoTwoFactor.username))
            let secret = try #require(try await app.store.twoFactor.find(userID: director.id))
            #expect(secret.isConfirmed && Base32.encode(secret.secret) == "JBSWY3DPEHPK3PXP" && secret.recoveryCodesLeft == 3)
        }
    }

    @Test("An unreachable database stops start-up with a clear message and no password")
    func unreachableDatabase() async throws {
        let cli = CommandRunner(.sqlite)
        do {
            try await cli.run(["users", "list"], extra: ["DATABASE_URL": "postgres://cchc:secret@127.0.0.1:1/cchc?sslmode=disable"])
            Issue.record("Expected a failure")
        } catch {
            let message = "\(error)"
            #expect(message.hasPrefix("Cannot use the database (PostgreSQL postgres://cchc:***@127.0.0.1:1/cchc?sslmode=disable)"))
            #expect(!message.contains("secret"))
        }
    }

    @Test("A database upgraded by a newer cchc is refused", arguments: TestDatabases.kinds)
    func newerDatabase(kind: DatabaseKind) async throws {
        let cli = CommandRunner(kind)
        try await cli.run(["migrate"])
        try await TestApp.with(target: cli.target) { app, _ in
            try await (app.db as! any SQLDatabase).insert(into: "_fluent_migrations")
                .columns("id", "name", "batch", "created_at", "updated_at")
                .values(SQLBind(UUID()), SQLBind("9999_next_year"), SQLBind(9), SQLBind(Date()), SQLBind(Date())).run()
            let copy = try await Application.make(.testing)
            try await configure(copy, config: try TestApp.config(cli.target))
            await #expect(throws: StartupError.self) { try await copy.prepareDatabase(migrate: true) }
            try await copy.asyncShutdown()
        }
    }

    @Test("Configuration errors name every bad variable")
    func configuration() throws {
        do {
            _ = try AppConfig.load(from: ["PORT": "http", "CCHC_BCRYPT_COST": "99", "CCHC_SQLITE_SYNCHRONOUS": "sometimes", "CCHC_TRUST_PROXY": "maybe"])
            Issue.record("Expected an error")
        } catch {
            let message = "\(error)"
            for name in ["PORT", "CCHC_BCRYPT_COST", "CCHC_SQLITE_SYNCHRONOUS", "CCHC_TRUST_PROXY"] {
                #expect(message.contains(name), "\(name) missing from: \(message)")
            }
        }
        let defaults = try? AppConfig.load(from: [:])
        #expect(defaults?.port == 8080 && defaults?.host == "127.0.0.1")
        #expect(defaults?.database == .sqlite(path: "./data/cchc.sqlite", synchronous: .full))
        #expect(try AppConfig.load(from: ["DATABASE_URL": "postgres://a@b/c"]).database == .postgres(url: "postgres://a@b/c", schema: nil))
    }

    @Test("--help explains every command")
    func help() {
        let help = CCHCCommand.helpMessage(for: CCHCCommand.self)
        for name in ["serve", "migrate", "users", "demo", "CCHC_DATA_DIR", "DATABASE_URL"] {
            #expect(help.contains(name), "\(name)")
        }
        let users = CCHCCommand.helpMessage(for: UsersCommand.self)
        for name in ["create", "list", "set-password", "disable"] { #expect(users.contains(name)) }
    }
}
