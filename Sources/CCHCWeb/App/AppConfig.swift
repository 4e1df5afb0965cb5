import CCHCCore
import CCHCStore
import Foundation
import Logging
import SQLiteEngine
import WorkCalendar

/// Everything cchc reads from the environment, validated at start: a bad value stops the program with a
/// message naming every bad variable, rather than surfacing later as an odd failure. Only what a
/// deployment decides lives here (database, paths, ports, security, pools); the rules a province sets are
/// versioned settings in the database (`ProvinceSettings`), edited on a page and through the API.
public struct AppConfig: Sendable {
    public var database: DatabaseTarget
    /// SQLite file and, later, uploaded files.
    public var dataDirectory: String
    /// Where Resources/ (templates, translations) and Public/ (CSS) are; the working directory by default.
    public var workingDirectory: String
    public var host: String
    public var port: Int
    public var logLevel: Logger.Level
    public var logFormat: LogFormat
    public var sessionLifetime: TimeInterval
    public var apiTokenLifetime: TimeInterval
    public var loginThrottle: LoginThrottle
    public var bcryptCost: Int
    /// Believe X-Forwarded-For / X-Forwarded-Proto (only behind a reverse proxy that sets them).
    public var trustProxy: Bool
    public var secureCookies: CookieSecurity
    /// Set by `serve --demo`: demo accounts may log in, pages say this is demo data.
    public var demoMode: Bool
    /// Province rules that earlier versions read from the environment, if the environment still sets any:
    /// they become the first version of the province's settings when there is none, and are ignored after.
    public var legacyProvinceSettings: LegacyProvinceSettings?
    /// Largest uploaded file, in bytes.
    public var uploadMaximumBytes: Int
    /// The same in whole megabytes, as pages state it.
    public var uploadMaximumMB: Int { uploadMaximumBytes / 1024 / 1024 }
    /// The address citizens reach cchc at, for the QR code on receipts (https://dichvucong.example.gov.vn);
    /// nil: taken from each request.
    public var publicURL: String?
    /// Wrong code-or-PIN lookups allowed per client address in 15 minutes.
    public var lookupMaximumFailures: Int
    /// Seconds between runs of the deadline job in `serve` (0 turns it off).
    public var deadlineJobInterval: Int
    /// Seconds a request waits for a free database connection before failing with 503.
    public var databasePoolTimeout: Int
    /// A bearer token that lets a scraper read `/metrics` from another machine; without it only loopback may.
    public var metricsToken: String?
    /// E-mail and text-message channels.
    public var notifications: NotificationConfig
    /// Days the record of who opened which citizen's dossier is kept.
    public var accessLogRetentionDays: Int
    /// Days the security log (sign-ins, account changes, tokens) is kept.
    public var securityLogRetentionDays: Int
    /// Passwords refused: cchc's list of the most common ones and the deployment's own list, if any.
    public var refusedPasswords: RefusedPasswords
    /// Administrators must sign in with a second factor (TOTP); staff may choose one either way.
    public var requireAdminTwoFactor: Bool
    /// PostgreSQL connections per event loop (one loop per core) for requests; background jobs' leadership
    /// holds its own.
    public var databasePoolSize: Int

    public enum LogFormat: String, Sendable, CaseIterable {
        /// JSON lines when stdout is not a terminal, text when it is.
        case auto, json, text
    }

    public enum TwoFactorPolicy: String, Sendable, CaseIterable {
        case optional, required
    }

    public enum CookieSecurity: String, Sendable, CaseIterable {
        /// Secure when the request came over TLS (directly, or as the trusted proxy says).
        case auto, always, never
    }

    public static let variables: [(name: String, meaning: String, defaultValue: String)] = [
        ("CCHC_DATA_DIR", "SQLite file and uploaded files", "./data"),
        ("DATABASE_URL", "postgres://user:pass@host:port/db; when set, PostgreSQL is used", "unset"),
        ("CCHC_DATABASE_SCHEMA", "PostgreSQL schema to use (created if missing)", "the server's default"),
        ("CCHC_SQLITE_SYNCHRONOUS", "SQLite PRAGMA synchronous: OFF, NORMAL, FULL, EXTRA", "FULL"),
        ("HOST", "listening address for serve", "127.0.0.1"),
        ("PORT", "listening port for serve", "8080"),
        ("CCHC_WORKING_DIR", "folder holding Resources/ and Public/", "the current directory"),
        ("CCHC_LOG_LEVEL", "trace, debug, info, notice, warning, error, critical", "info"),
        ("CCHC_LOG_FORMAT", "auto, json or text", "auto"),
        ("CCHC_SESSION_HOURS", "how long a login lasts", "12"),
        ("CCHC_API_TOKEN_DAYS", "how long an API token lasts", "30"),
        ("CCHC_LOGIN_MAX_FAILURES", "failed logins per account before a lock", "5"),
        ("CCHC_LOGIN_MAX_FAILURES_PER_ADDRESS", "failed logins per client address before a lock", "20"),
        ("CCHC_LOGIN_LOCK_MINUTES", "length of the lock, and of the window failures are counted in", "15"),
        ("CCHC_BCRYPT_COST", "Bcrypt cost for new password hashes (4 to 31)", "12"),
        ("CCHC_TRUST_PROXY", "true behind a reverse proxy that sets X-Forwarded-For and X-Forwarded-Proto", "false"),
        ("CCHC_SECURE_COOKIES", "auto, always or never", "auto"),
        ("CCHC_UPLOAD_MAX_MB", "largest uploaded file, in megabytes", "10"),
        ("CCHC_PUBLIC_URL", "address citizens use, for the QR code on receipts", "taken from the request"),
        ("CCHC_LOOKUP_MAX_FAILURES", "wrong code or PIN lookups per address in 15 minutes before a lock", "10"),
        ("CCHC_DEADLINE_JOB_SECONDS", "seconds between runs of the deadline job (0: off)", "60"),
        ("CCHC_DATABASE_POOL_TIMEOUT", "seconds a request waits for a free database connection, or a write for its turn on SQLite, before a 503", "10"),
        ("CCHC_METRICS_TOKEN", "bearer token for /metrics from other machines (loopback may always read it)", "unset: loopback only"),
        ("CCHC_ACCESS_LOG_RETENTION_DAYS", "days the record of who opened which citizen's dossier is kept", "1825"),
        ("CCHC_SECURITY_LOG_RETENTION_DAYS", "days the security log (sign-ins, account changes, tokens) is kept", "1825"),
        ("CCHC_REFUSED_PASSWORDS_FILE", "a file of breached passwords to refuse, one per line, added to cchc's own list", "unset"),
        ("CCHC_ADMIN_TWO_FACTOR", "required: administrators must sign in with a code from an authenticator app (others may choose to)", "optional"),
        ("CCHC_DATABASE_POOL_SIZE", "PostgreSQL connections per core for requests", "8"),
    ]

    public struct Invalid: Error, CustomStringConvertible {
        public var problems: [String]
        public var description: String { "Invalid configuration: " + problems.joined(separator: "; ") }
    }

    public static func load(from environment: [String: String], demoMode: Bool = false) throws -> AppConfig {
        var reader = EnvironmentReader(environment: environment)
        let dataDirectory = reader.string("CCHC_DATA_DIR") ?? "./data"
        let synchronous = reader.choice("CCHC_SQLITE_SYNCHRONOUS", SQLiteSynchronous.self, uppercased: true) ?? .full
        let database: DatabaseTarget
        if let url = reader.string("DATABASE_URL") {
            if !(url.hasPrefix("postgres://") || url.hasPrefix("postgresql://")) {
                reader.problems.append("DATABASE_URL: must start with postgres:// (got a value of another kind)")
            }
            database = .postgres(url: url, schema: reader.string("CCHC_DATABASE_SCHEMA"))
        } else {
            database = .sqlite(path: dataDirectory + "/cchc.sqlite", synchronous: synchronous)
        }
        let lockMinutes = reader.integer("CCHC_LOGIN_LOCK_MINUTES", in: 1...1440) ?? 15
        let legacy = LegacyProvinceSettings.read(&reader)
        var publicURL = reader.string("CCHC_PUBLIC_URL")
        if let url = publicURL {
            if !(url.hasPrefix("http://") || url.hasPrefix("https://")) || URL(string: url)?.host == nil {
                reader.problems.append("CCHC_PUBLIC_URL: must be an http(s) address (got \"\(url)\")")
            }
            while publicURL?.hasSuffix("/") == true { publicURL?.removeLast() }
        }
        let config = AppConfig(
            database: database,
            dataDirectory: dataDirectory,
            workingDirectory: reader.string("CCHC_WORKING_DIR") ?? FileManager.default.currentDirectoryPath,
            host: reader.string("HOST") ?? "127.0.0.1",
            port: reader.integer("PORT", in: 1...65535) ?? 8080,
            logLevel: reader.choice("CCHC_LOG_LEVEL", Logger.Level.self) ?? .info,
            logFormat: reader.choice("CCHC_LOG_FORMAT", LogFormat.self) ?? .auto,
            sessionLifetime: TimeInterval(reader.integer("CCHC_SESSION_HOURS", in: 1...720) ?? 12) * 3600,
            apiTokenLifetime: TimeInterval(reader.integer("CCHC_API_TOKEN_DAYS", in: 1...3650) ?? 30) * 86400,
            loginThrottle: LoginThrottle(
                maximumFailuresPerAccount: reader.integer("CCHC_LOGIN_MAX_FAILURES", in: 1...1000) ?? 5,
                maximumFailuresPerAddress: reader.integer("CCHC_LOGIN_MAX_FAILURES_PER_ADDRESS", in: 1...100_000) ?? 20,
                window: TimeInterval(lockMinutes * 60), lockDuration: TimeInterval(lockMinutes * 60)),
            bcryptCost: reader.integer("CCHC_BCRYPT_COST", in: 4...31) ?? 12,
            trustProxy: reader.bool("CCHC_TRUST_PROXY") ?? false,
            secureCookies: reader.choice("CCHC_SECURE_COOKIES", CookieSecurity.self) ?? .auto,
            demoMode: demoMode,
            legacyProvinceSettings: legacy,
            uploadMaximumBytes: (reader.integer("CCHC_UPLOAD_MAX_MB", in: 1...100) ?? 10) * 1024 * 1024,
            publicURL: publicURL,
            lookupMaximumFailures: reader.integer("CCHC_LOOKUP_MAX_FAILURES", in: 1...10_000) ?? 10,
            deadlineJobInterval: reader.integer("CCHC_DEADLINE_JOB_SECONDS", in: 0...86400) ?? 60,
            databasePoolTimeout: reader.integer("CCHC_DATABASE_POOL_TIMEOUT", in: 1...600) ?? 10,
            metricsToken: reader.string("CCHC_METRICS_TOKEN"),
            notifications: NotificationConfig.read(&reader),
            accessLogRetentionDays: reader.integer("CCHC_ACCESS_LOG_RETENTION_DAYS", in: 30...36500) ?? 1825,
            securityLogRetentionDays: reader.integer("CCHC_SECURITY_LOG_RETENTION_DAYS", in: 30...36500) ?? 1825,
            refusedPasswords: Self.refusedPasswords(&reader),
            requireAdminTwoFactor: reader.choice("CCHC_ADMIN_TWO_FACTOR", TwoFactorPolicy.self) == .required,
            databasePoolSize: reader.integer("CCHC_DATABASE_POOL_SIZE", in: 1...100) ?? 8)
        if !reader.problems.isEmpty { throw Invalid(problems: reader.problems) }
        return config
    }
}

extension AppConfig {
    static func refusedPasswords(_ reader: inout EnvironmentReader) -> RefusedPasswords {
        guard let path = reader.string("CCHC_REFUSED_PASSWORDS_FILE") else { return .common }
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else {
            reader.problems.append("CCHC_REFUSED_PASSWORDS_FILE: cannot read \(path) as UTF-8 text")
            return .common
        }
        return RefusedPasswords.common.adding(lines: text)
    }
}

/// Reads typed values, collecting a problem for each bad one instead of stopping at the first.
struct EnvironmentReader {
    let environment: [String: String]
    var problems: [String] = []

    func string(_ name: String) -> String? {
        guard let value = environment[name]?.trimmingCharacters(in: .whitespaces), !value.isEmpty else { return nil }
        return value
    }

    mutating func integer(_ name: String, in range: ClosedRange<Int>) -> Int? {
        guard let text = string(name) else { return nil }
        guard let value = Int(text), range.contains(value) else {
            problems.append("\(name): must be a whole number from \(range.lowerBound) to \(range.upperBound) (got \"\(text)\")")
            return nil
        }
        return value
    }

    mutating func bool(_ name: String) -> Bool? {
        guard let text = string(name)?.lowercased() else { return nil }
        switch text {
        case "1", "true", "yes", "on": return true
        case "0", "false", "no", "off": return false
        default:
            problems.append("\(name): must be true or false (got \"\(text)\")")
            return nil
        }
    }

    mutating func choice<T: RawRepresentable & CaseIterable>(_ name: String, _ type: T.Type, uppercased: Bool = false) -> T?
    where T.RawValue == String {
        guard let text = string(name) else { return nil }
        guard let value = T(rawValue: uppercased ? text.uppercased() : text.lowercased()) else {
            problems.append("\(name): must be one of \(T.allCases.map(\.rawValue).joined(separator: ", ")) (got \"\(text)\")")
            return nil
        }
        return value
    }
}
