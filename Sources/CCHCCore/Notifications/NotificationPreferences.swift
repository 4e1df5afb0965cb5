import Foundation

/// The channels an account accepts messages on, and where. Without a saved choice, a citizen's messages go
/// to the contacts given with the dossier or feedback; an officer gets none.
public struct NotificationPreferences: Equatable, Sendable {
    public var userID: UUID
    public var email: String
    public var phone: String
    public var channels: Set<NotificationChannel>
    /// `vi` or `en`.
    public var language: String
    public var updatedAt: Date

    public init(userID: UUID, email: String, phone: String, channels: Set<NotificationChannel>, language: String, updatedAt: Date) {
        self.userID = userID
        self.email = email
        self.phone = phone
        self.channels = channels
        self.language = language
        self.updatedAt = updatedAt
    }

    /// The choice cleaned (trimmed, lower-cased address, phone digits), or the errors naming each field: a
    /// channel needs its address.
    public static func checked(
        userID: UUID, email: String, phone: String, channels: Set<NotificationChannel>, language: String, now: Date
    ) throws -> NotificationPreferences {
        let email = email.trimmingCharacters(in: .whitespaces).lowercased()
        let phone = phone.isEmpty ? "" : DossierIntake.normalizePhone(phone)
        var errors: [FieldError] = []
        if !email.isEmpty, !DossierIntake.isValidEmail(email) { errors.append(FieldError("email", "dossier.applicant.email")) }
        if !phone.isEmpty, !DossierIntake.isValidPhone(phone) { errors.append(FieldError("phone", "dossier.applicant.phone")) }
        if channels.contains(.email), email.isEmpty { errors.append(FieldError("email", "notification.preferences.email_needed")) }
        if channels.contains(.sms), phone.isEmpty { errors.append(FieldError("phone", "notification.preferences.phone_needed")) }
        if !NotificationTemplates.languages.contains(language) { errors.append(FieldError("language", "error.invalid_value")) }
        try errors.throwIfAny()
        return NotificationPreferences(userID: userID, email: email, phone: phone, channels: channels, language: language, updatedAt: now)
    }

    /// Where each accepted channel goes.
    public var addresses: [(NotificationChannel, String)] {
        NotificationChannel.allCases.compactMap { channel in
            guard channels.contains(channel) else { return nil }
            let address = channel == .email ? email : phone
            return address.isEmpty ? nil : (channel, address)
        }
    }
}
