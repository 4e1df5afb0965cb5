import ArgumentParser
import CCHCCore
import Vapor

struct UsersCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "users", abstract: "Manage accounts.",
        subcommands: [Create.self, List.self, SetPassword.self, Disable.self, Enable.self])

    /// A password from --password or, with --password-stdin, from the first line of standard input (so
    /// it does not show in the process list).
    struct PasswordOptions: ParsableArguments {
        @ArgumentParser.Option(help: "The password (visible to other users of this machine; prefer --password-stdin).")
        var password: String?

        @ArgumentParser.Flag(help: "Read the password from the first line of standard input.")
        var passwordStdin = false

        func value(_ environment: CommandEnvironment) throws -> String {
            if let password { return password }
            if passwordStdin, let line = environment.readLine() { return line }
            throw ValidationError("Give a password with --password or --password-stdin.")
        }
    }

    struct Create: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Create an account.")

        @ArgumentParser.Option(help: "Login name: 3 to 64 of a-z 0-9 . _ -")
        var username: String

        @OptionGroup var password: PasswordOptions

        @ArgumentParser.Option(help: "The account's role.")
        var role: Role

        @ArgumentParser.Option(help: "Code of the user's unit (required for staff roles other than admin and steering_committee).")
        var unit: String?

        @ArgumentParser.Option(help: "Full name (default: the username).")
        var fullName: String?

        func run() async throws {
            try await run(.process)
        }

        func run(_ environment: CommandEnvironment) async throws {
            let new = NewUser(
                username: username, fullName: fullName ?? username, role: role, unitCode: unit,
                password: try password.value(environment))
            try await environment.withApplication() { app in
                let user = try await UserAccounts(store: app.store, hasher: app.services.hasher, refusedPasswords: app.config.refusedPasswords)
                    .create(new, actor: nil, address: nil, now: app.clock.now)
                environment.print("Created \(user.username) (\(user.role.rawValue)).")
            }
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List accounts.")

        @ArgumentParser.Option(help: "Only this role.")
        var role: Role?

        func run() async throws {
            try await run(.process)
        }

        func run(_ environment: CommandEnvironment) async throws {
            try await environment.withApplication() { app in
                let tree = try await app.store.units.tree()
                var cursor: String?
                var lines = [["USERNAME", "ROLE", "UNIT", "STATUS", "FULL NAME"]]
                repeat {
                    let page = try await app.store.users.list(UserQuery(role: role, cursor: cursor, limit: 500))
                    for user in page.items {
                        let status = (user.isActive ? "active" : "disabled") + (user.isDemo ? ", demo" : "")
                        lines.append([user.username, user.role.rawValue, user.unitID.flatMap { tree.unit(id: $0)?.code } ?? "-", status, user.fullName])
                    }
                    cursor = page.nextCursor
                } while cursor != nil
                let widths = (0..<4).map { column in lines.map { $0[column].count }.max() ?? 0 }
                for line in lines {
                    environment.print(
                        (0..<4).map { line[$0].padding(toLength: widths[$0], withPad: " ", startingAt: 0) }.joined(separator: "  ") + "  " + line[4])
                }
            }
        }
    }

    struct SetPassword: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "set-password", abstract: "Set a new password; the user is logged out everywhere.")

        @ArgumentParser.Option var username: String
        @OptionGroup var password: PasswordOptions

        func run() async throws {
            try await run(.process)
        }

        func run(_ environment: CommandEnvironment) async throws {
            let (username, password) = (self.username, try self.password.value(environment))
            try await environment.withApplication() { app in
                let user = try await UsersCommand.find(username, app)
                try await UserAccounts(store: app.store, hasher: app.services.hasher, refusedPasswords: app.config.refusedPasswords)
                    .resetPassword(userID: user.id, newPassword: password, actor: nil, address: nil, now: app.clock.now)
                environment.print("Password of \(user.username) changed.")
            }
        }
    }

    struct Disable: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Disable an account: it can no longer log in or use its tokens.")

        @ArgumentParser.Option var username: String

        func run() async throws {
            try await run(.process)
        }

        func run(_ environment: CommandEnvironment) async throws {
            try await UsersCommand.setActive(false, username: username, environment)
        }
    }

    struct Enable: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Enable a disabled account again.")

        @ArgumentParser.Option var username: String

        func run() async throws {
            try await run(.process)
        }

        func run(_ environment: CommandEnvironment) async throws {
            try await UsersCommand.setActive(true, username: username, environment)
        }
    }

    static func find(_ username: String, _ app: Application) async throws -> User {
        guard let user = try await app.store.users.find(username: username) else {
            throw CommandFailure(description: "No account named '\(username)'.")
        }
        return user
    }

    /// The command line acts as the system itself: the change is recorded with the user as its own actor.
    static func setActive(_ active: Bool, username: String, _ environment: CommandEnvironment) async throws {
        try await environment.withApplication() { app in
            let user = try await find(username, app)
            guard user.isActive != active else {
                return environment.print("\(user.username) is already \(active ? "enabled" : "disabled").")
            }
            let system = User(
                id: UUID(), username: "cli", fullName: "cchc command line", role: .admin, unitID: nil,
                createdAt: app.clock.now, updatedAt: app.clock.now)
            _ = try await UserAccounts(store: app.store, hasher: app.services.hasher, refusedPasswords: app.config.refusedPasswords).update(
                userID: user.id, expectedVersion: user.version, changes: UserChanges(isActive: active), actor: system,
                address: nil, now: app.clock.now)
            environment.print("\(user.username) \(active ? "enabled" : "disabled").")
        }
    }
}
