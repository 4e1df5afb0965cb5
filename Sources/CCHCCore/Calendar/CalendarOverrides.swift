import Foundation
import WorkCalendar

/// A calendar override as stored: who entered it and, once removed, who removed it and why. Removed
/// overrides stay, as history.
public struct CalendarOverrideRecord: Identifiable, Equatable, Sendable {
    public var id: UUID
    public var override: CalendarOverride
    public var createdByUsername: String
    public var createdAt: Date
    public var removedAt: Date?
    public var removedByUsername: String?
    public var removalReason: String?

    public init(
        id: UUID = UUID(), override: CalendarOverride, createdByUsername: String, createdAt: Date, removedAt: Date? = nil,
        removedByUsername: String? = nil, removalReason: String? = nil
    ) {
        self.id = id
        self.override = override
        self.createdByUsername = createdByUsername
        self.createdAt = createdAt
        self.removedAt = removedAt
        self.removedByUsername = removedByUsername
        self.removalReason = removalReason
    }

    public var isActive: Bool { removedAt == nil }
}

public protocol CalendarOverrideRepository: Sendable {
    /// Overrides in force, by date.
    func active() async throws -> [CalendarOverrideRecord]
    /// Every override of a year, removed ones included, by date.
    func history(year: Int) async throws -> [CalendarOverrideRecord]
    /// Adds an override after checking it against the calendar as it is (read in the same transaction).
    func add(_ override: CalendarOverride, by user: User, officeHours: OfficeHours, now: Date) async throws -> CalendarOverrideRecord
    func remove(id: UUID, reason: String, by user: User, now: Date) async throws -> CalendarOverrideRecord
    /// Changes whenever an override is added or removed, so that each app instance knows when to rebuild its calendar.
    func fingerprint() async throws -> String
}

extension CalendarOverrideRepository {
    /// The days worked with the overrides in force (office hours left standard).
    public func workingCalendar() async throws -> WorkingCalendar {
        WorkingCalendar(overrides: try await active().map(\.override))
    }
}

/// What makes an override sensible: a legal basis, a day in range, and a real change to that day.
public enum CalendarOverrideRules {
    public static let maximumNameLength = 200
    public static let maximumBasisLength = 500

    /// Field errors for adding `override` to a calendar that already has `existing` active overrides.
    public static func errors(for override: CalendarOverride, calendar: WorkingCalendar, existing: [CalendarOverrideRecord]) -> [FieldError] {
        var errors: [FieldError] = []
        if override.name.trimmingCharacters(in: .whitespaces).isEmpty {
            errors.append(FieldError("name", "error.required"))
        } else if override.name.count > maximumNameLength {
            errors.append(FieldError("name", "error.too_long", ["max": String(maximumNameLength)]))
        }
        if override.legalBasis.trimmingCharacters(in: .whitespaces).isEmpty {
            errors.append(FieldError("legalBasis", "error.required"))
        } else if override.legalBasis.count > maximumBasisLength {
            errors.append(FieldError("legalBasis", "error.too_long", ["max": String(maximumBasisLength)]))
        }
        guard HolidayRules.supportedYears.contains(override.date.year) else {
            return errors + [
                FieldError(
                    "date", "calendar.year_unsupported",
                    [
                        "from": String(HolidayRules.supportedYears.lowerBound), "to": String(HolidayRules.supportedYears.upperBound),
                    ])
            ]
        }
        if existing.contains(where: { $0.override.date == override.date }) {
            return errors + [FieldError("date", "calendar.override.exists", ["date": override.date.vietnameseFormat])]
        }
        let works = calendar.isWorkingDay(override.date)
        switch override.kind {
        case .dayOff where !works:
            errors.append(FieldError("kind", "calendar.override.already_off", ["date": override.date.vietnameseFormat]))
        case .workday where works:
            errors.append(FieldError("kind", "calendar.override.already_worked", ["date": override.date.vietnameseFormat]))
        case .cancelDayOff where calendar.specialDay(on: override.date) == nil:
            errors.append(FieldError("kind", "calendar.override.nothing_to_cancel", ["date": override.date.vietnameseFormat]))
        default:
            break
        }
        return errors
    }
}
