import CCHCCore
import Vapor

/// Every `interval`, sends the outbox's due messages through the configured channels, and once an hour
/// forgets finished messages past their retention. Several instances may run it at once: each message is
/// leased to the instance that claimed it.
final class NotificationJob: LifecycleHandler, Sendable {
    let interval: Duration
    private let task = TaskBox()

    init(interval: Duration) {
        self.interval = interval
    }

    func didBootAsync(_ application: Application) async throws {
        // Old messages are forgotten on the first run and about once an hour after.
        let purgeEvery = Int(3600 / min(3600, max(1, interval.components.seconds)))
        task.repeating(every: interval, application, job: "notification-sender", failure: "Notification sender failed") { run in
            try await Self.run(application)
            if run % purgeEvery == 0 { try await Self.purge(application) }
        }
    }

    func shutdownAsync(_ application: Application) async {
        await task.cancelAndWait(application.logger, job: "notification sender")
    }

    /// One pass over what is due; the tests and `cchc notifications send` call it directly.
    @discardableResult
    static func run(_ application: Application) async throws -> (sent: Int, failed: Int) {
        var total = (sent: 0, failed: 0)
        while true {
            let result = try await NotificationService(store: application.store).deliver(
                now: application.clock.now, senders: senders(application), publicURL: publicURL(application))
            total.sent += result.sent
            total.failed += result.failed
            if result.sent + result.failed < 100 { break }
        }
        if total.sent + total.failed > 0 {
            application.logger.notice("Notifications sent", metadata: ["sent": "\(total.sent)", "failed": "\(total.failed)"])
        }
        return total
    }

    static func purge(_ application: Application) async throws {
        let cutoff = application.clock.now.addingTimeInterval(-Double(application.config.notifications.retentionDays) * 86400)
        let removed = try await application.store.notifications.deleteFinished(before: cutoff)
        if removed > 0 { application.logger.notice("Old notifications removed", metadata: ["count": "\(removed)"]) }
    }

    /// The channels the deployment configured.
    static func senders(_ application: Application) -> [NotificationChannel: any NotificationSender] {
        let config = application.config.notifications
        var senders: [NotificationChannel: any NotificationSender] = [:]
        if let smtp = config.smtp { senders[.email] = SMTPSender(settings: smtp, eventLoopGroup: application.eventLoopGroup) }
        if let webhook = config.webhook { senders[.sms] = WebhookSender(settings: webhook, client: application.client) }
        return senders
    }

    static func publicURL(_ application: Application) -> String {
        application.config.publicURL ?? "http://\(application.config.host):\(application.config.port)"
    }
}
