import Foundation

/// One message for one recipient on one channel, written in the transaction of what it reports and sent
/// afterwards by whichever instance claims it. Its id travels with it (the e-mail's Message-ID, the
/// webhook's Idempotency-Key), so a message sent twice after a crash between sending and recording can be
/// recognised by the receiving end.
public struct OutboxMessage: Identifiable, Equatable, Sendable {
    public enum State: String, Codable, Sendable {
        case pending, sent
        /// Given up after the last retry, or never sendable (no such channel configured).
        case failed
    }

    public var id: UUID
    public var kind: NotificationKind
    public var channel: NotificationChannel
    public var recipient: String
    public var language: String
    public var parameters: [String: String]
    public var createdAt: Date
    public var attempts: Int
    public var nextAttemptAt: Date
    public var state: State
    public var sentAt: Date?
    public var lastError: String?

    public init(
        id: UUID = UUID(), kind: NotificationKind, channel: NotificationChannel, recipient: String, language: String,
        parameters: [String: String], createdAt: Date, attempts: Int = 0, nextAttemptAt: Date? = nil, state: State = .pending,
        sentAt: Date? = nil, lastError: String? = nil
    ) {
        self.id = id
        self.kind = kind
        self.channel = channel
        self.recipient = recipient
        self.language = language
        self.parameters = parameters
        self.createdAt = createdAt
        self.attempts = attempts
        self.nextAttemptAt = nextAttemptAt ?? createdAt
        self.state = state
        self.sentAt = sentAt
        self.lastError = lastError
    }

    /// The recipient shown to an administrator: enough to tell messages apart, not the whole address.
    public var maskedRecipient: String {
        if let at = recipient.firstIndex(of: "@") {
            return String(recipient.prefix(2)) + "…" + recipient[at...]
        }
        return String(repeating: "•", count: max(0, recipient.count - 3)) + recipient.suffix(3)
    }
}

/// When a failed message is tried again: after 1, 5, 15, 60 minutes, then every 6 hours, up to
/// `maximumAttempts` tries in all (about a day), after which it is marked failed.
public enum OutboxRetry {
    public static let maximumAttempts = 8
    static let delays: [TimeInterval] = [60, 300, 900, 3600]

    /// The time of the next try after `attempts` failed ones, or nil to give up.
    public static func nextAttempt(after attempts: Int, from now: Date) -> Date? {
        guard attempts < maximumAttempts else { return nil }
        let delay = attempts - 1 < delays.count ? delays[max(0, attempts - 1)] : 6 * 3600
        return now.addingTimeInterval(delay)
    }
}

/// A message as it goes out: the template filled.
public struct RenderedNotification: Equatable, Sendable {
    public var id: UUID
    public var kind: NotificationKind
    public var channel: NotificationChannel
    public var recipient: String
    public var subject: String
    public var body: String

    public init(id: UUID, kind: NotificationKind, channel: NotificationChannel, recipient: String, subject: String, body: String) {
        self.id = id
        self.kind = kind
        self.channel = channel
        self.recipient = recipient
        self.subject = subject
        self.body = body
    }
}

/// A channel's way out (SMTP, the webhook). Throws `NotificationDeliveryError` with a reason an
/// administrator can act on.
public protocol NotificationSender: Sendable {
    func send(_ message: RenderedNotification) async throws
}

public struct NotificationDeliveryError: Error, Equatable, Sendable, CustomStringConvertible {
    /// A message key (`notification.error.…`) for what cchc itself decided, or the server's or gateway's own
    /// words, which pages show after a translated lead.
    public var reason: String
    /// False when trying again cannot help (the address was refused for good).
    public var isTemporary: Bool

    public init(_ reason: String, isTemporary: Bool = true) {
        self.reason = reason
        self.isTemporary = isTemporary
    }

    public var description: String { reason }
}
