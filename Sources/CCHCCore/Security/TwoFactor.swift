import Foundation

/// An account's second factor: a TOTP secret, confirmed once the owner typed a code from their app, and
/// one-time recovery codes for a lost phone (stored hashed; shown once).
public struct TwoFactorEnrolment: Equatable, Sendable {
    public var userID: UUID
    public var secret: [UInt8]
    public var createdAt: Date
    /// Nil while the owner has not yet typed a first code: the secret is not in force.
    public var confirmedAt: Date?
    /// The last step whose code was accepted: a code is good once (RFC 6238 §5.2).
    public var lastStep: Int64
    public var recoveryCodesLeft: Int

    public init(userID: UUID, secret: [UInt8], createdAt: Date, confirmedAt: Date? = nil, lastStep: Int64 = 0, recoveryCodesLeft: Int = 0) {
        self.userID = userID
        self.secret = secret
        self.createdAt = createdAt
        self.confirmedAt = confirmedAt
        self.lastStep = lastStep
        self.recoveryCodesLeft = recoveryCodesLeft
    }

    public var isConfirmed: Bool { confirmedAt != nil }
}

/// What a session may do yet: a password alone does not sign in an account with a second factor, nor an
/// administrator who must have one and has not.
public enum SessionStage: String, Sendable, Codable, CaseIterable {
    case signedIn = "signed_in"
    /// The password was right; the code from the app is asked next.
    case awaitingCode = "awaiting_code"
    /// The password was right, and the province requires administrators to set up a second factor first.
    case mustEnrol = "must_enrol"
}

public protocol TwoFactorRepository: Sendable {
    func find(userID: UUID) async throws -> TwoFactorEnrolment?
    /// Stores a new unconfirmed secret, replacing an unconfirmed one; false when a confirmed one exists.
    func begin(_ enrolment: TwoFactorEnrolment) async throws -> Bool
    /// Puts the secret in force with the step of the code that confirmed it and the recovery codes (hashed
    /// by the store); false when there is nothing unconfirmed to confirm.
    func confirm(userID: UUID, at: Date, step: Int64, recoveryCodes: [String]) async throws -> Bool
    /// Records `step` as used when it is later than the last used one; false when it is not (a replay, or
    /// another server took the same code first).
    func useStep(userID: UUID, step: Int64) async throws -> Bool
    /// Spends a recovery code; false when the account has no such unspent code.
    func useRecoveryCode(userID: UUID, code: String) async throws -> Bool
    func delete(userID: UUID) async throws
}
