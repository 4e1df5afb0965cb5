import CCHCCore
import Foundation

/// One demo official signs in in two steps, so the code page can be tried: the provincial tax office's head
/// (`thue.lanhdao`) with a published secret (any authenticator app, or `oathtool --totp -b`) and published
/// recovery codes. Demo data only: a real account's secret is made at random and shown to its owner alone.
enum DemoTwoFactor {
    static let username = "thue.lanhdao"
    /// Base32, as typed into an app.
    static let secret = "JBSWY3DPEHPK3PXP"
    static let recoveryCodes = ["demo1-cchc1", "demo2-cchc2", "demo3-cchc3"]

    static func enable(_ store: any Store, now: Date) async throws {
        guard let user = try await store.users.find(username: username), let bytes = Base32.decode(secret) else { return }
        let enrolment = TwoFactorEnrolment(userID: user.id, secret: bytes, createdAt: now)
        guard try await store.twoFactor.begin(enrolment) else { return }
        _ = try await store.twoFactor.confirm(userID: user.id, at: now, step: 0, recoveryCodes: recoveryCodes)
        try await store.securityEvents.record(SecurityEvent(kind: .twoFactorEnabled, occurredAt: now, username: user.username, userID: user.id))
    }
}
