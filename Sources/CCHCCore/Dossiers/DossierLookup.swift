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

    /// The dossier, to act on as its applicant (rating it), or not-found for any wrong guess; rate-limited once
    /// `address` has guessed wrong too often.
    public func find(code: String, pin: String, address: String, now: Date) async throws -> Dossier {
        try await read(Dossier.self, code: code, pin: pin, address: address, now: now)
    }

    /// The dossier's public progress, under the same rules as `find`.
    public func progress(code: String, pin: String, address: String, now: Date) async throws -> DossierProgress {
        try await read(DossierProgress.self, code: code, pin: pin, address: address, now: now)
    }

    private func read<Read: DossierReadable>(_ type: Read.Type, code: String, pin: String, address: String, now: Date) async throws -> Read {
        let code = code.trimmingCharacters(in: .whitespaces).uppercased()
        let pin = pin.trimmingCharacters(in: .whitespaces)
        // The address's failures and the dossier come in one read; a locked address learns nothing from it.
        let (dossier, failures) = try await store.dossiers.lookUp(
            type, code: code, pin: pin, failuresOf: address, in: Self.throttleScope, since: now.addingTimeInterval(-Self.window))
        if failures >= maximumFailures {
            throw DomainError(.rateLimited, "dossier.lookup.locked", arguments: ["minutes": String(Int(Self.window / 60))])
        }
        if !code.isEmpty, pin.count == 6, let dossier {
            return dossier
        }
        try await store.throttle.record(scope: Self.throttleScope, key: address, at: now)
        throw DomainError.notFound("dossier.lookup.not_found")
    }
}
