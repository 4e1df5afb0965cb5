import Foundation

/// Preferences, templates and the outbox.
public protocol NotificationRepository: NotificationOutbox {
    func preferences(userID: UUID) async throws -> NotificationPreferences?
    func save(_ preferences: NotificationPreferences) async throws

    func templatesHistory() async throws -> NotificationTemplatesHistory
    func addTemplates(_ added: NotificationTemplatesVersion, closing closed: NotificationTemplatesVersion?) async throws

    /// Up to `limit` pending messages due by `now`, each leased to the caller until `leaseUntil` (another
    /// instance skips them meanwhile; a crashed sender's lease runs out and the message is tried again).
    func claimDue(now: Date, leaseUntil: Date, limit: Int) async throws -> [OutboxMessage]
    func markSent(id: UUID, at: Date) async throws
    /// Records a failed try; with `retryAt` nil the message is given up.
    func markFailed(id: UUID, error: String, attempts: Int, retryAt: Date?) async throws
    /// The latest messages, newest first, and how many are in each state.
    func recent(limit: Int) async throws -> [OutboxMessage]
    func stateCounts() async throws -> [OutboxMessage.State: Int]
    /// Forgets sent and failed messages created before `cutoff` (they hold addresses); returns how many.
    func deleteFinished(before cutoff: Date) async throws -> Int
}
