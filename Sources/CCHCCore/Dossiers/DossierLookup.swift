import Foundation

/// Looking a dossier up by code and PIN, as anyone holding the receipt may. A wrong code, a wrong PIN and
/// a missing dossier give the same answer, and an address that keeps guessing is locked out for a while.
public struct DossierLookup: Sendable {
    public static let throttleScope = "lookup"
    public static let window: TimeInterval = 15 * 60

    public var store: any Store
    public var maximumFailures: Int

    public init(store: any Store, maximumFailures: Int) {
        self.store = store
        self.maximumFailures = maximumFailures
    }

    /// The dossier, or not-found for any wrong guess; rate-limited once `address` has guessed wrong too often.
    public func find(code: String, pin: String, address: String, now: Date) async throws -> Dossier {
        let since = now.addingTimeInterval(-Self.window)
        if try await store.throttle.count(scope: Self.throttleScope, key: address, since: since) >= maximumFailures {
            throw DomainError(.rateLimited, "dossier.lookup.locked", arguments: ["minutes": String(Int(Self.window / 60))])
        }
        let code = code.trimmingCharacters(in: .whitespaces).uppercased()
        let pin = pin.trimmingCharacters(in: .whitespaces)
        if !code.isEmpty, pin.count == 6, let dossier = try await store.dossiers.find(code: code, pin: pin) {
            return dossier
        }
        try await store.throttle.record(scope: Self.throttleScope, key: address, at: now)
        throw DomainError.notFound("dossier.lookup.not_found")
    }
}
