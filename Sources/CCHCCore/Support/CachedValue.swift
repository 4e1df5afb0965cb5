import Synchronization

/// One cached value with the fingerprint it was read under and when that was last confirmed. Several app
/// instances may share one database, so a value older than the check interval is confirmed against the
/// database's fingerprint (one small query) before use; a lock, not an actor, guards it, so a fresh value
/// costs a caller no hop to another executor.
public final class CachedValue<Value: Sendable>: Sendable {
    private struct Entry: Sendable {
        var fingerprint: String
        var value: Value
        var confirmedAt: ContinuousClock.Instant?
    }

    private let entry = Mutex<Entry?>(nil)

    public init() {}

    public func get(
        checkInterval: Duration, fingerprint: () async throws -> String, load: () async throws -> Value
    ) async throws -> Value {
        let now = ContinuousClock.now
        let cached = entry.withLock { $0 }
        if let cached, let confirmed = cached.confirmedAt, now - confirmed < checkInterval { return cached.value }
        let latest = try await fingerprint()
        if let cached, cached.fingerprint == latest {
            entry.withLock { if $0?.fingerprint == latest { $0?.confirmedAt = now } }
            return cached.value
        }
        // Read after the fingerprint: a change in between is caught by the next check.
        let value = try await load()
        entry.withLock { $0 = Entry(fingerprint: latest, value: value, confirmedAt: now) }
        return value
    }

    /// The next use checks the fingerprint.
    public func invalidate() {
        entry.withLock { $0?.confirmedAt = nil }
    }
}
