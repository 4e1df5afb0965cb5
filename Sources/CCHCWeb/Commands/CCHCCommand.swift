import ArgumentParser
import CCHCCore
import Foundation
import Logging
import Synchronization
import Vapor

/// `cchc`: the web server and the administration commands.
public struct CCHCCommand: AsyncParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "cchc",
        abstract: "cchc: cải cách hành chính — administrative reform platform for a Vietnamese province.",
        discussion: variablesHelp,
        subcommands: [
            ServeCommand.self, MigrateCommand.self, UsersCommand.self, CalendarCommand.self, DemoCommand.self, AuditCommand.self, DossiersCommand.self,
            ProjectionsCommand.self, IndexCommand.self, BackupCommand.self, RestoreCommand.self,
        ]
    )

    public init() {}

    static var variablesHelp: String {
        let lines = (AppConfig.variables + NotificationConfig.variables).map { variable -> String in
            "  \(variable.name) (default: \(variable.defaultValue))\n      \(variable.meaning)"
        }
        return "Configuration comes from environment variables (and a .env file in the working directory):\n"
            + lines.joined(separator: "\n")
    }
}

/// What every command needs: the environment it reads its configuration from and where it writes.
/// Tests pass their own; the real program passes the process's.
struct CommandEnvironment: Sendable {
    var variables: [String: String]
    /// Only the real program sets up the process's logging; tests keep theirs.
    var bootstrapsLogging = false
    var print: @Sendable (String) -> Void
    /// Standard input, for passwords given with --password-stdin.
    var readLine: @Sendable () -> String?

    static var process: CommandEnvironment {
        var variables = DotEnvFile.read(path: FileManager.default.currentDirectoryPath + "/.env")
        variables.merge(ProcessInfo.processInfo.environment) { _, process in process }
        return CommandEnvironment(
            variables: variables, bootstrapsLogging: true, print: { line in FileHandle.standardOutput.write(Data((line + "\n").utf8)) },
            readLine: { Swift.readLine() })
    }
}

/// A command's failure as one line; ArgumentParser prints it after "Error:" and exits non-zero.
struct CommandFailure: Error, CustomStringConvertible {
    var description: String
}

extension CommandEnvironment {
    /// Loads the configuration, starts logging (once per process), and runs `body` with a configured
    /// application whose database is ready; shuts the application down afterwards, whatever happens.
    func withApplication<T: Sendable>(
        demoMode: Bool = false, migrate: Bool = true, _ body: @Sendable (Application) async throws -> T
    ) async throws -> T {
        let config = try AppConfig.load(from: variables, demoMode: demoMode)
        if bootstrapsLogging { LogSetup.bootstrap(config) }
        let app = try await Application.make(Environment(name: "production", arguments: ["cchc", "serve"]))
        do {
            try await configure(app, config: config)
            try await app.prepareDatabase(migrate: migrate)
            let result = try await body(app)
            try await app.asyncShutdown()
            return result
        } catch {
            // Before shutdown, which empties the application's storage (and its translations).
            let reported = Self.plain(error, localizer: app.configuredServices?.localizer)
            try? await app.asyncShutdown()
            throw reported
        }
    }

    /// Domain errors in words (the operator's language when LANG says Vietnamese, English otherwise).
    static func plain(_ error: any Error, localizer: Localizer?) -> any Error {
        guard let domain = error as? DomainError, let localizer else { return error }
        let language: Language = (ProcessInfo.processInfo.environment["LANG"] ?? "").hasPrefix("vi") ? .vi : .en
        let fields = domain.fields.map { "\($0.field): \(localizer.message($0, language))" }
        // A validation error's own message only says that fields are wrong; the fields say how.
        let summary = domain.kind == .validation && !fields.isEmpty ? [] : [localizer.message(domain, language)]
        return CommandFailure(description: (summary + fields).joined(separator: "; "))
    }
}

enum LogSetup {
    private static let once = Mutex(false)

    /// JSON lines for collectors, or text at a terminal; the level from CCHC_LOG_LEVEL.
    static func bootstrap(_ config: AppConfig) {
        once.withLock { done in
            guard !done else { return }
            done = true
            let json = config.logFormat == .json || (config.logFormat == .auto && isatty(STDOUT_FILENO) == 0)
            let level = config.logLevel
            LoggingSystem.bootstrap { label in
                if json { return JSONLogHandler(label: label, level: level) }
                var handler = StreamLogHandler.standardOutput(label: label)
                handler.logLevel = level
                return handler
            }
        }
    }
}

/// `KEY=value` lines of a development .env file; comments and blank lines ignored, quotes removed.
enum DotEnvFile {
    static func read(path: String) -> [String: String] {
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else { return [:] }
        var values: [String: String] = [:]
        for line in text.split(whereSeparator: \.isNewline) {
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            guard !trimmed.isEmpty, !trimmed.hasPrefix("#"), let equals = trimmed.firstIndex(of: "=") else { continue }
            let key = trimmed[..<equals].trimmingCharacters(in: .whitespaces)
            var value = trimmed[trimmed.index(after: equals)...].trimmingCharacters(in: .whitespaces)
            if value.count >= 2, let first = value.first, first == value.last, first == "\"" || first == "'" {
                value = String(value.dropFirst().dropLast())
            }
            values[key] = value
        }
        return values
    }
}
