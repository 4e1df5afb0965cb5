import CCHCCore
import CCHCTestSupport
import Foundation
import Logging
import Synchronization
import Testing
import Vapor
import VaporTesting

@testable import CCHCWeb

/// Every log line of the test process, at trace level, once `LogCapture.start()` has run.
enum LogCapture {
    static let lines = Mutex<[String]>([])
    private static let started = Mutex(false)

    static func start() {
        started.withLock { started in
            guard !started else { return }
            started = true
            LoggingSystem.bootstrap { label in Handler(label: label) }
        }
    }

    static func contains(_ text: String) -> Bool {
        lines.withLock { $0.contains { $0.contains(text) } }
    }

    struct Handler: LogHandler {
        let label: String
        var metadata: Logger.Metadata = [:]
        var logLevel: Logger.Level = .trace

        subscript(metadataKey key: String) -> Logger.Metadata.Value? {
            get { metadata[key] }
            set { metadata[key] = newValue }
        }

        func log(event: LogEvent) {
            let merged = metadata.merging(event.metadata ?? [:]) { _, new in new }
            let line = "\(event.level) \(label) \(event.message) \(merged)"
            LogCapture.lines.withLock { $0.append(line) }
        }
    }
}

@Suite("Logs")
struct LoggingTests {
    @Test("Logs carry request ids and never a password, token, PIN or query string", arguments: TestDatabases.kinds)
    func noSecretsInLogs(kind: DatabaseKind) async throws {
        LogCapture.start()
        try await TestApp.with(kind) { app, _ in
            try await TestAccounts.seed(app)
            let password = "Bí-mật-\(UUID().uuidString)"
            let cli = UserAccounts(store: app.store, hasher: app.services.hasher)
            _ = try await cli.create(
                NewUser(username: "log.test", fullName: "Log", role: .citizen, unitCode: nil, password: password),
                actor: nil, address: nil, now: Fixtures.now)
            let browser = Browser(app)
            try await browser.login("log.test", password)
            try await browser.login("log.test", password + "-sai")
            let api = try await APIClient.login(app, "log.test", password)
            let token = try #require(api.token)
            _ = try await api.send(.GET, "/api/v1/users/me?secret-query=\(password.prefix(8))")
            let session = try #require(browser.cookies[SessionAuthenticator.cookieName])

            #expect(LogCapture.contains("\"path\": /api/v1/users/me"))
            #expect(LogCapture.contains("request-id"))
            #expect(!LogCapture.contains(password))
            #expect(!LogCapture.contains(token))
            #expect(!LogCapture.contains(session))
            #expect(!LogCapture.contains("secret-query"))
        }
    }
}
