import CCHCCore
import Foundation

/// Who accepts messages in the demo: the land department's leader and specialist and the centre's desk
/// officer by e-mail (the leader also by text message), the demo citizen by text message. Chosen before the
/// dossiers are told, so that the deadline flags, feedback answers and survey invitations of the demo put
/// real messages in the outbox (sent when the demo runs with a mail server, e.g. a local aiosmtpd).
struct DemoNotifications {
    let store: any Store
    let now: Date

    static let choices: [(username: String, email: String, phone: String, channels: Set<NotificationChannel>)] = [
        ("lanhdao", "lanhdao@demo.cchc.example.vn", "0903000001", [.email, .sms]),
        ("chuyenvien", "chuyenvien@demo.cchc.example.vn", "", [.email]),
        ("motcua", "motcua@demo.cchc.example.vn", "", [.email]),
        ("congdan", "", "0903000002", [.sms]),
    ]

    func choosePreferences() async throws {
        let service = NotificationService(store: store)
        for choice in Self.choices {
            guard let user = try await store.users.find(username: choice.username),
                try await service.preferences(of: user) == nil
            else { continue }
            _ = try await service.savePreferences(
                of: user, email: choice.email, phone: choice.phone, channels: choice.channels, language: "vi", now: now)
        }
    }
}
