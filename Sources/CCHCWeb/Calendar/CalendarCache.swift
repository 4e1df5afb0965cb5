import CCHCCore
import Vapor
import WorkCalendar

/// The working calendar with the database's overrides, rebuilt when they change. Several app instances
/// may share one database, so each checks the overrides' fingerprint (one small query) at most every
/// `checkInterval`; a change made through this instance is seen at once.
actor CalendarCache {
    static let checkInterval: Duration = .seconds(30)

    private let officeHours: OfficeHours
    private var calendar: WorkingCalendar?
    private var fingerprint: String?
    private var checkedAt: ContinuousClock.Instant?

    init(officeHours: OfficeHours) {
        self.officeHours = officeHours
    }

    func current(_ store: any Store) async throws -> WorkingCalendar {
        let now = ContinuousClock.now
        if let calendar, let checkedAt, now - checkedAt < Self.checkInterval { return calendar }
        let latest = try await store.calendarOverrides.fingerprint()
        if let calendar, latest == fingerprint {
            checkedAt = now
            return calendar
        }
        let rebuilt = WorkingCalendar(officeHours: officeHours, overrides: try await store.calendarOverrides.active().map(\.override))
        calendar = rebuilt
        fingerprint = latest
        checkedAt = now
        return rebuilt
    }

    /// Forces a check on the next use (after this instance changed the overrides).
    func invalidate() {
        checkedAt = nil
    }
}

extension Request {
    /// The working calendar in force, overrides included.
    func workingCalendar() async throws -> WorkingCalendar {
        try await application.services.calendars.current(store)
    }
}
