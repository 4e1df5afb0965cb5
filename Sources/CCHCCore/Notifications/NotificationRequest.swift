import Foundation

/// A message to be sent, as the use case that causes it asks for it; the store turns it into one outbox
/// row per recipient and channel in the same transaction as the change it reports.
public struct NotificationRequest: Equatable, Sendable {
    public enum Audience: Equatable, Sendable {
        /// A dossier's applicant or a feedback's sender: the contacts they gave, or, when they file through
        /// an account, the channels that account accepts.
        case citizen(Contact)
        /// The officers of a unit holding one of `roles` who accept messages.
        case unitStaff(unitID: UUID, roles: [Role])
    }

    /// A phone number and an e-mail address, either possibly empty.
    public struct Contact: Equatable, Sendable {
        public var email: String
        public var phone: String
        public var accountID: UUID?

        public init(email: String?, phone: String?, accountID: UUID? = nil) {
            self.email = (email ?? "").trimmingCharacters(in: .whitespaces)
            self.phone = (phone ?? "").trimmingCharacters(in: .whitespaces)
            self.accountID = accountID
        }
    }

    public var kind: NotificationKind
    public var audience: Audience
    /// The placeholders' values; `link` is a path, made absolute with the server's public address when sent.
    public var parameters: [String: String]
    /// Asked for once: a second request with the same key (a reminder the job finds again) adds nothing.
    public var onceKey: String?

    public init(kind: NotificationKind, audience: Audience, parameters: [String: String], onceKey: String? = nil) {
        self.kind = kind
        self.audience = audience
        self.parameters = parameters
        self.onceKey = onceKey
    }
}

/// The store's side of asking: every use case that causes a message calls it inside its transaction.
public protocol NotificationOutbox: Sendable {
    func enqueue(_ requests: [NotificationRequest], at: Date) async throws
}
