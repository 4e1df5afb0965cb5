import Foundation
import Synchronization
import Vapor

/// A real SMTP server for the tests: aiosmtpd (PyPI) delivering into a Maildir. `.ci/run` installs it and
/// names its Python in `CCHC_TEST_SMTP_PYTHON`; elsewhere a `python3` that can import it is used, and the
/// tests needing it are skipped, saying so, when there is none.
final class SMTPTestServer: Sendable {
    static let python: String? = {
        let candidates = [ProcessInfo.processInfo.environment["CCHC_TEST_SMTP_PYTHON"], "/usr/bin/python3", "/usr/local/bin/python3"].compactMap { $0 }
        return candidates.first { path in
            guard FileManager.default.isExecutableFile(atPath: path) else { return false }
            let probe = Process()
            probe.executableURL = URL(fileURLWithPath: path)
            probe.arguments = ["-c", "import aiosmtpd"]
            probe.standardError = FileHandle.nullDevice
            guard (try? probe.run()) != nil else { return false }
            probe.waitUntilExit()
            return probe.terminationStatus == 0
        }
    }()

    let port: Int
    let maildir: String
    private let process: Process

    private init(port: Int, maildir: String, process: Process) {
        self.port = port
        self.maildir = maildir
        self.process = process
    }

    static func start() async throws -> SMTPTestServer {
        guard let python else { throw TestServerError("no Python with aiosmtpd") }
        for _ in 0..<5 {
            let port = Int.random(in: 20000...60000)
            let maildir = NSTemporaryDirectory() + "cchc-smtp-\(UUID().uuidString)"
            let process = Process()
            process.executableURL = URL(fileURLWithPath: python)
            process.arguments = ["-m", "aiosmtpd", "-n", "-l", "127.0.0.1:\(port)", "-c", "aiosmtpd.handlers.Mailbox", maildir]
            process.standardOutput = FileHandle.nullDevice
            process.standardError = FileHandle.nullDevice
            try process.run()
            if await waitUntilListening(port: port, while: { process.isRunning }) {
                return SMTPTestServer(port: port, maildir: maildir, process: process)
            }
            process.terminate()
        }
        throw TestServerError("aiosmtpd did not start")
    }

    /// Every delivered message, raw.
    func messages() -> [String] {
        let folder = maildir + "/new"
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []
        return names.sorted().compactMap { try? String(contentsOfFile: folder + "/" + $0, encoding: .utf8) }
    }

    /// Ends the server (`waitUntilExit` spins on Linux; the process is polled instead).
    func stop() {
        process.interrupt()  // aiosmtpd stops on Ctrl-C at once; SIGTERM it handles slowly.
        for _ in 0..<50 where process.isRunning { usleep(100_000) }
        if process.isRunning { kill(process.processIdentifier, SIGKILL) }
        try? FileManager.default.removeItem(atPath: maildir)
    }
}

/// A local HTTP receiver standing for an SMS or Zalo gateway: records each call to `/hook` and answers with
/// the statuses it is given, in order (200 once they run out).
final class WebhookReceiver: Sendable {
    struct Call: Sendable {
        var headers: HTTPHeaders
        var body: Data
    }

    final class Recorder: Sendable {
        let state: Mutex<(calls: [Call], statuses: [HTTPStatus])>

        init(_ statuses: [HTTPStatus]) { state = Mutex(([], statuses)) }

        func record(_ call: Call) -> HTTPStatus {
            state.withLock { state in
                state.calls.append(call)
                return state.statuses.isEmpty ? .ok : state.statuses.removeFirst()
            }
        }
    }

    private let app: Application
    private let recorder: Recorder
    let port: Int

    private init(app: Application, recorder: Recorder, port: Int) {
        self.app = app
        self.recorder = recorder
        self.port = port
    }

    var calls: [Call] { recorder.state.withLock { $0.calls } }

    static func start(answering statuses: [HTTPStatus] = []) async throws -> WebhookReceiver {
        let app = try await Application.make(.testing)
        let recorder = Recorder(statuses)
        app.post("hook") { request async -> HTTPStatus in
            recorder.record(Call(headers: request.headers, body: Data(buffer: request.body.data ?? ByteBuffer())))
        }
        try await app.server.start(address: .hostname("127.0.0.1", port: 0))
        guard let port = app.http.server.shared.localAddress?.port else { throw TestServerError("no port") }
        return WebhookReceiver(app: app, recorder: recorder, port: port)
    }

    func stop() async throws {
        await app.server.shutdown()
        try await app.asyncShutdown()
    }
}

struct TestServerError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}

/// Whether something accepts connections on `port` within five seconds (and while `alive`).
func waitUntilListening(port: Int, while alive: @Sendable () -> Bool) async -> Bool {
    for _ in 0..<50 {
        guard alive() else { return false }
        if canConnect(port: port) { return true }
        try? await Task.sleep(for: .milliseconds(100))
    }
    return false
}

private func canConnect(port: Int) -> Bool {
    let socketDescriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
    guard socketDescriptor >= 0 else { return false }
    defer { close(socketDescriptor) }
    var address = sockaddr_in()
    address.sin_family = sa_family_t(AF_INET)
    address.sin_port = in_port_t(UInt16(port).bigEndian)
    address.sin_addr.s_addr = inet_addr("127.0.0.1")
    let result = withUnsafePointer(to: &address) {
        $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(socketDescriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
    }
    return result == 0
}
