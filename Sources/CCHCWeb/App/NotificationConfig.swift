import CCHCCore
import Foundation

/// How messages leave cchc, read from the environment (a deployment's choice, like the database): an SMTP
/// server for e-mail and a webhook for the province's SMS or Zalo gateway. A channel left unset is off:
/// its messages are marked failed with that reason.
public struct NotificationConfig: Sendable {
    public struct SMTP: Sendable, Equatable {
        public var host: String
        public var port: Int
        /// `smtps://`: TLS from the first byte (port 465). `smtp://` is plain, for a relay on the same host
        /// or network (Postfix on loopback), which then delivers onwards with STARTTLS.
        public var implicitTLS: Bool
        public var username: String?
        public var password: String?
        /// The sender's address, `CCHC_SMTP_FROM`.
        public var from: String
    }

    public struct Webhook: Sendable, Equatable {
        public var url: String
        /// Signs each body (HMAC-SHA256, `X-CCHC-Signature`) so the gateway can tell cchc's calls from others.
        public var secret: String?
    }

    public var smtp: SMTP?
    public var webhook: Webhook?
    /// Seconds between runs of the sender (0: off).
    public var interval: Int
    /// Days sent and failed messages are kept (they hold addresses).
    public var retentionDays: Int

    public static let variables: [(name: String, meaning: String, defaultValue: String)] = [
        ("CCHC_SMTP_URL", "smtp://[user:password@]host[:port] (plain, a local relay) or smtps://… (TLS) for e-mail", "unset: no e-mail"),
        ("CCHC_SMTP_FROM", "sender address of e-mail (required with CCHC_SMTP_URL)", "unset"),
        ("CCHC_NOTIFY_WEBHOOK_URL", "http(s) address of the SMS/Zalo gateway's webhook", "unset: no text messages"),
        ("CCHC_NOTIFY_WEBHOOK_SECRET", "key signing each webhook body (HMAC-SHA256)", "unset: unsigned"),
        ("CCHC_NOTIFY_SECONDS", "seconds between runs of the notification sender (0: off)", "15"),
        ("CCHC_NOTIFY_RETENTION_DAYS", "days sent and failed messages are kept", "90"),
    ]

    static func read(_ reader: inout EnvironmentReader) -> NotificationConfig {
        var config = NotificationConfig(
            smtp: nil, webhook: nil, interval: reader.integer("CCHC_NOTIFY_SECONDS", in: 0...3600) ?? 15,
            retentionDays: reader.integer("CCHC_NOTIFY_RETENTION_DAYS", in: 1...3650) ?? 90)
        if let text = reader.string("CCHC_SMTP_URL") {
            let url = URLComponents(string: text)
            if let url, let scheme = url.scheme, ["smtp", "smtps"].contains(scheme), let host = url.host, !host.isEmpty {
                if let from = reader.string("CCHC_SMTP_FROM"), DossierIntake.isValidEmail(from) {
                    config.smtp = SMTP(
                        host: host, port: url.port ?? (scheme == "smtps" ? 465 : 25), implicitTLS: scheme == "smtps",
                        username: url.user?.removingPercentEncoding, password: url.password?.removingPercentEncoding, from: from)
                } else {
                    reader.problems.append("CCHC_SMTP_FROM: an e-mail address is required with CCHC_SMTP_URL")
                }
            } else {
                reader.problems.append("CCHC_SMTP_URL: must be smtp://host[:port] or smtps://host[:port] (the value is not printed)")
            }
        }
        if let url = reader.string("CCHC_NOTIFY_WEBHOOK_URL") {
            if (url.hasPrefix("http://") || url.hasPrefix("https://")), URL(string: url)?.host != nil {
                config.webhook = Webhook(url: url, secret: reader.string("CCHC_NOTIFY_WEBHOOK_SECRET"))
            } else {
                reader.problems.append("CCHC_NOTIFY_WEBHOOK_URL: must be an http(s) address")
            }
        }
        return config
    }
}
