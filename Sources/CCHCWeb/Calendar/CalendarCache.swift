import CCHCCore
import Vapor
import WorkCalendar

/// The working calendar with the database's overrides, rebuilt when they change; a change made through
/// this instance is seen at once, one made by another instance within `checkInterval`.
final class CalendarCache: Sendable {
    static let checkInterval: Duration = .seconds(30)

    private let officeHours: OfficeHours
    private let cached = CachedValue<WorkingCalendar>()

    init(officeHours: OfficeHours) {
        self.officeHours = officeHours
    }

    /// `store` is only made when the overrides have to be checked.
    func current(_ store: @autoclosure () -> any Store) async throws -> WorkingCalendar {
        try await cached.get(
            checkInterval: Self.checkInterval, fingerprint: { try await store().calendarOverrides.fingerprint() },
            load: { WorkingCalendar(officeHours: officeHours, overrides: try await store().calendarOverrides.active().map(\.override)) })
    }

    /// Forces a check on the next use (after this instance changed the overrides).
    func invalidate() {
        cached.invalidate()
    }
}

extension Request {
    /// The working calendar in force, overrides included.
    func workingCalendar() async throws -> WorkingCalendar {
        try await application.services.calendars.current(store)
    }
}
