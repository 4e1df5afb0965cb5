import CCHCCore
import Foundation
import NIOCore
import NIOPosix
import NIOSSL

/// Sends e-mail over SMTP (RFC 5321): one connection per message, EHLO, AUTH PLAIN when a user is
/// configured, MAIL, RCPT, DATA, QUIT. The message is UTF-8 text, base64-encoded so that no line needs
/// dot-stuffing or 8-bit transport; its Message-ID is the outbox id.
struct SMTPSender: NotificationSender {
    let settings: NotificationConfig.SMTP
    let eventLoopGroup: any EventLoopGroup
    /// The whole exchange with the server, from connecting to QUIT.
    var timeout: Duration = .seconds(30)
    var now: @Sendable () -> Date = { Date() }

    func send(_ message: RenderedNotification) async throws {
        do {
            try await withDeadline(timeout) { try await exchange(message) }
        } catch let error as NotificationDeliveryError {
            throw error
        } catch {
            throw NotificationDeliveryError("SMTP \(settings.host):\(settings.port): \(error)")
        }
    }

    private func exchange(_ message: RenderedNotification) async throws {
        let settings = self.settings
        let channel = try await ClientBootstrap(group: eventLoopGroup).connectTimeout(.seconds(10))
            .connect(host: settings.host, port: settings.port) { channel in
                channel.eventLoop.makeCompletedFuture {
                    if settings.implicitTLS {
                        let context = try NIOSSLContext(configuration: .makeClientConfiguration())
                        try channel.pipeline.syncOperations.addHandler(try NIOSSLClientHandler(context: context, serverHostname: settings.host))
                    }
                    return try NIOAsyncChannel<ByteBuffer, ByteBuffer>(wrappingChannelSynchronously: channel)
                }
            }
        try await channel.executeThenClose { inbound, outbound in
            var replies = SMTPReplies(inbound.makeAsyncIterator())
            func command(_ line: String?, expect: Int) async throws {
                if let line { try await outbound.write(ByteBuffer(string: line + "\r\n")) }
                let reply = try await replies.next()
                guard reply.code == expect else {
                    // 5xx: the server refuses for good (an unknown mailbox); 4xx and anything else may pass later.
                    throw NotificationDeliveryError(
                        "SMTP \(line?.split(separator: " ").first.map(String.init) ?? "greeting"): \(reply.code) \(reply.text)",
                        isTemporary: !(500..<600).contains(reply.code))
                }
            }
            try await command(nil, expect: 220)
            try await command("EHLO cchc", expect: 250)
            if let username = settings.username {
                let token = Data("\0\(username)\0\(settings.password ?? "")".utf8).base64EncodedString()
                try await command("AUTH PLAIN \(token)", expect: 235)
            }
            try await command("MAIL FROM:<\(settings.from)>", expect: 250)
            try await command("RCPT TO:<\(message.recipient)>", expect: 250)
            try await command("DATA", expect: 354)
            try await command(Self.content(of: message, from: settings.from, date: now()) + "\r\n.", expect: 250)
            try? await outbound.write(ByteBuffer(string: "QUIT\r\n"))
        }
    }

    /// The message's headers and base64 body, lines of at most 76 characters.
    static func content(of message: RenderedNotification, from: String, date: Date) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "Asia/Ho_Chi_Minh")
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss Z"
        let subject = "=?UTF-8?B?\(Data(message.subject.utf8).base64EncodedString())?="
        let body = Data(message.body.utf8).base64EncodedString(options: [.lineLength76Characters, .endLineWithCarriageReturn, .endLineWithLineFeed])
        return [
            "From: <\(from)>", "To: <\(message.recipient)>", "Subject: \(subject)", "Date: \(formatter.string(from: date))",
            "Message-ID: <\(message.id.uuidString.lowercased())@cchc>", "MIME-Version: 1.0", "Content-Type: text/plain; charset=UTF-8",
            "Content-Transfer-Encoding: base64", "", body,
        ].joined(separator: "\r\n")
    }
}

/// Reads SMTP replies: lines `250-…` continue, `250 …` ends a reply.
struct SMTPReplies {
    var iterator: NIOAsyncChannelInboundStream<ByteBuffer>.AsyncIterator
    var pending = ""

    init(_ iterator: NIOAsyncChannelInboundStream<ByteBuffer>.AsyncIterator) {
        self.iterator = iterator
    }

    mutating func next() async throws -> (code: Int, text: String) {
        var text: [String] = []
        while true {
            let line = try await nextLine()
            guard line.count >= 3, let code = Int(line.prefix(3)) else { throw NotificationDeliveryError("SMTP: unreadable reply \"\(line)\"") }
            text.append(String(line.dropFirst(4)))
            if line.count == 3 || line[line.index(line.startIndex, offsetBy: 3)] == " " { return (code, text.joined(separator: " ")) }
        }
    }

    private mutating func nextLine() async throws -> String {
        while true {
            if let end = pending.range(of: "\r\n") {
                let line = String(pending[..<end.lowerBound])
                pending.removeSubrange(..<end.upperBound)
                return line
            }
            guard var buffer = try await iterator.next() else { throw NotificationDeliveryError("SMTP: the server closed the connection") }
            pending += buffer.readString(length: buffer.readableBytes) ?? ""
        }
    }
}

/// Runs `body`, or throws when it has not finished within `limit` (the body is cancelled).
func withDeadline<T: Sendable>(_ limit: Duration, _ body: @escaping @Sendable () async throws -> T) async throws -> T {
    try await withThrowingTaskGroup(of: T.self) { group in
        group.addTask { try await body() }
        group.addTask {
            try await Task.sleep(for: limit)
            throw NotificationDeliveryError("no answer within \(limit)")
        }
        defer { group.cancelAll() }
        return try await group.next()!
    }
}
