import Foundation

/// When to stop checking passwords for an account or an address: after `maximumFailures` failed logins
/// within `window`, further attempts are refused until `lockDuration` after the last failure.
public struct LoginThrottle: Equatable, Sendable {
    public var maximumFailuresPerAccount: Int
    /// Higher than per account: a service centre's officers share one public address.
    public var maximumFailuresPerAddress: Int
    public var window: TimeInterval
    public var lockDuration: TimeInterval

    public init(maximumFailuresPerAccount: Int = 5, maximumFailuresPerAddress: Int = 20, window: TimeInterval = 15 * 60, lockDuration: TimeInterval = 15 * 60) {
        self.maximumFailuresPerAccount = maximumFailuresPerAccount
        self.maximumFailuresPerAddress = maximumFailuresPerAddress
        self.window = window
        self.lockDuration = lockDuration
    }

    /// How far back failures matter: the window, or the lock, whichever is longer.
    public func lookback(from now: Date) -> Date {
        now.addingTimeInterval(-max(window, lockDuration))
    }

    /// The moment the lock lifts, or nil when attempts are allowed now.
    public func lockedUntil(failures: [Date], maximum: Int, now: Date) -> Date? {
        let sorted = failures.filter { $0 <= now }.sorted()
        guard maximum > 0, sorted.count >= maximum else { return nil }
        // Find any run of `maximum` failures within one window; the lock runs from the last of them.
        var latestLockEnd: Date?
        for end in (maximum - 1)..<sorted.count {
            let start = sorted[end - maximum + 1]
            if sorted[end].timeIntervalSince(start) <= window {
                latestLockEnd = sorted[end].addingTimeInterval(lockDuration)
            }
        }
        guard let until = latestLockEnd, until > now else { return nil }
        return until
    }
}
