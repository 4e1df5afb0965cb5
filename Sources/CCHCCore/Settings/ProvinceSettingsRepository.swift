import Foundation
import WorkCalendar

public protocol ProvinceSettingsRepository: Sendable {
    /// Every version, oldest first (cached per process; a change shows on other instances within seconds).
    func history() async throws -> ProvinceSettingsHistory
    /// Stores `added`, and `closed` (the latest version with its new end) in the same transaction, if the
    /// latest version is still the one `closed` was made from; a conflict otherwise.
    func add(_ added: ProvinceSettingsVersion, closing closed: ProvinceSettingsVersion?) async throws
}

/// Setting the province's rules: a new version from a day, with why. Deadlines already counted keep the
/// version they were counted under.
public struct ProvinceSettingsService: Sendable {
    public var store: any Store

    public init(store: any Store) {
        self.store = store
    }

    public func history() async throws -> ProvinceSettingsHistory {
        try await store.provinceSettings.history()
    }

    /// `expectedLatest`: the latest version the user saw (nil when they saw none).
    public func propose(
        _ settings: ProvinceSettings, effectiveFrom: LocalDate, reason: String, by user: User, now: Date, expectedLatest: Int?
    ) async throws -> ProvinceSettingsVersion {
        guard user.can(.manageSettings) else { throw DomainError(.forbidden, "auth.forbidden") }
        let (added, closed) = try await store.provinceSettings.history().adding(
            settings, ruleErrors: settings.errors(), effectiveFrom: effectiveFrom, reason: reason, setBy: user.username, now: now,
            expectedLatest: expectedLatest)
        try await store.provinceSettings.add(added, closing: closed)
        return added
    }

    /// The first version, where there is none yet: the standard settings, or the values a deployment
    /// used to set in environment variables, effective from `from`. Nil when a version exists.
    public func bootstrap(_ settings: ProvinceSettings, from: LocalDate, reason: String, now: Date) async throws -> ProvinceSettingsVersion? {
        guard try await store.provinceSettings.history().latest == nil else { return nil }
        try settings.errors().throwIfAny()
        let first = ProvinceSettingsVersion(version: 1, effectiveFrom: from, rules: settings, setBy: "system", reason: reason, setAt: now)
        do {
            try await store.provinceSettings.add(first, closing: nil)
        } catch let error as DomainError where error.kind == .conflict {
            return nil  // Another instance started at the same moment and wrote it.
        }
        return first
    }
}
