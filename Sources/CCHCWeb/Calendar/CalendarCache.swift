import CCHCCore
import Vapor
import WorkCalendar

/// The days worked, with the database's overrides, rebuilt when they change; a change made through this
/// instance is seen at once, one made by another instance within `checkInterval`. Office hours are the
/// province settings' (`WorkingCalendar.with(officeHours:)` shares the tables).
final class CalendarCache: Sendable {
    static let checkInterval: Duration = .seconds(30)

    private let cached = CachedValue<WorkingCalendar>()

    init() {}

    /// `store` is only made when the overrides have to be checked.
    func current(_ store: @autoclosure () -> any Store) async throws -> WorkingCalendar {
        try await cached.get(
            checkInterval: Self.checkInterval, fingerprint: { try await store().calendarOverrides.fingerprint() },
            load: { try await store().calendarOverrides.workingCalendar() })
    }

    /// Forces a check on the next use (after this instance changed the overrides).
    func invalidate() {
        cached.invalidate()
    }
}

extension Request {
    /// The working calendar today: the days worked with the overrides, and the office hours of the
    /// province settings in force.
    func workingCalendar() async throws -> WorkingCalendar {
        let base = try await application.services.calendars.current(store)
        return base.with(officeHours: try await provinceSettings().rules.officeHours)
    }

    /// The province settings in force today.
    func provinceSettings() async throws -> ProvinceSettingsVersion {
        try await store.provinceSettings.history().settings(on: today)
    }
}
