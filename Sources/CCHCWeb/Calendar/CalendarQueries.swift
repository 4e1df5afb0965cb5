import CCHCCore
import Foundation
import WorkCalendar

/// One special day as the CLI prints it (`--json`) and the API returns it.
struct HolidayEntry: Codable, Equatable {
    var date: String
    var kind: SpecialDayKind
    var name: String
    var estimated: Bool
    var legalBasis: String

    init(_ day: SpecialDay) {
        date = day.date.description
        kind = day.kind
        name = day.name
        estimated = day.estimated
        legalBasis = day.legalBasis
    }
}

/// A deadline as the CLI prints it (`--json`) and the API returns it.
struct DeadlineAnswer: Codable, Equatable {
    var due: String
    var appointmentDate: String
    var session: Appointment.Session

    init(due: Date, calendar: WorkingCalendar) {
        let appointment = calendar.appointment(for: due)
        self.due = VietnamTime.formatLocal(due)
        appointmentDate = appointment.date.description
        session = appointment.session
    }
}

/// A lunar conversion as the CLI prints it (`--json`).
struct LunarAnswer: Codable, Equatable {
    var date: String
    var lunarDate: String
    var lunarYear: Int
    var lunarMonth: Int
    var lunarDay: Int
    var leapMonth: Bool
    var yearName: String

    init(date: LocalDate, lunar: LunarDate) {
        self.date = date.description
        lunarDate = lunar.description
        lunarYear = lunar.year
        lunarMonth = lunar.month
        lunarDay = lunar.day
        leapMonth = lunar.isLeapMonth
        yearName = lunar.yearName
    }
}

/// A deadline question in the words of the CLI and the API, checked field by field.
struct DeadlineQuestion {
    static let maximumDuration = 3650

    var from: String
    var workingDays: Int?
    var workingHours: Int?
    var days: Int?
    var cutoff: String?

    func resolve(policy base: DeadlinePolicy) throws -> (received: Date, time: ProcessingTime, policy: DeadlinePolicy) {
        var errors: [FieldError] = []
        let received = VietnamTime.parseLocal(from)
        if received == nil { errors.append(FieldError("from", "calendar.local_time_invalid")) }
        let given = [workingDays.map(ProcessingTime.workingDays), workingHours.map(ProcessingTime.workingHours), days.map(ProcessingTime.calendarDays)]
            .compactMap { $0 }
        if given.count != 1 { errors.append(FieldError("duration", "calendar.duration_one")) }
        for (field, value) in [("workingDays", workingDays), ("workingHours", workingHours), ("days", days)] {
            if let value, !(0...Self.maximumDuration).contains(value) {
                errors.append(FieldError(field, "calendar.duration_range", ["max": String(Self.maximumDuration)]))
            }
        }
        var policy = base
        if let cutoff {
            policy.cutoff = OfficeHours.seconds(cutoff)
            if policy.cutoff == nil { errors.append(FieldError("cutoff", "calendar.time_invalid")) }
        }
        try errors.throwIfAny()
        return (received!, given[0], policy)
    }
}

extension WorkingCalendar {
    /// Special days of a year for output, or a validation error for a year outside the tables.
    func entries(year: Int) throws -> [HolidayEntry] {
        guard schedule.years.contains(year) else {
            throw DomainError.validation([
                FieldError(
                    "year", "calendar.year_unsupported",
                    [
                        "from": String(schedule.years.lowerBound), "to": String(schedule.years.upperBound),
                    ])
            ])
        }
        return specialDays(in: year).map(HolidayEntry.init)
    }
}
