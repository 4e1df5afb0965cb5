import Foundation

/// A statutory processing time: the unit matters as much as the number.
public enum ProcessingTime: Equatable, Sendable {
    /// Ngày làm việc.
    case workingDays(Int)
    /// Giờ làm việc.
    case workingHours(Int)
    /// Ngày (calendar days).
    case calendarDays(Int)
}

/// How deadlines are counted. Provinces differ; the defaults are what a desk officer expects, and each
/// procedure may set its own (the 15:00 cut-off, for example).
public struct DeadlinePolicy: Equatable, Sendable {
    public enum WorkingDayCounting: String, Codable, Sendable, CaseIterable {
        /// N working days are N × a working day of office time from the moment counting starts:
        /// received Monday 09:00 with 3 working days, due Thursday 09:00.
        case officeTime = "office_time"
        /// The day of receipt does not count; due at closing time of the Nth working day after it.
        case wholeDays = "whole_days"
    }

    public var workingDays: WorkingDayCounting
    /// Seconds after midnight; a dossier received at or after it counts from the next working day
    /// (NĐ 63/2024 sets 15:00 for linked procedures). Nil: no cut-off.
    public var cutoff: Int?
    /// A calendar-day period whose last day is a day off ends on the next working day (Civil Code 2015,
    /// art. 148(2)).
    public var calendarDaysEndOnWorkingDay: Bool

    public init(workingDays: WorkingDayCounting = .officeTime, cutoff: Int? = nil, calendarDaysEndOnWorkingDay: Bool = true) {
        self.workingDays = workingDays
        self.cutoff = cutoff
        self.calendarDaysEndOnWorkingDay = calendarDaysEndOnWorkingDay
    }

    public static let standard = DeadlinePolicy()
}

/// How a completion compares with its deadline (trước hạn, đúng hạn, quá hạn).
public enum Timeliness: String, Codable, Sendable, CaseIterable {
    /// Finished on a day before the due day.
    case early
    /// Finished on the due day, by the due time.
    case onTime = "on_time"
    /// Finished after the due time.
    case late
}

public struct Grading: Equatable, Sendable {
    public var timeliness: Timeliness
    /// How much working time early or late (zero when on time).
    public var workingSeconds: Int
}

/// What a receipt promises: a day and a half of it.
public struct Appointment: Codable, Equatable, Sendable {
    public enum Session: String, Codable, CaseIterable, Sendable {
        /// Buổi sáng.
        case morning = "sang"
        /// Buổi chiều.
        case afternoon = "chieu"
    }

    public var date: LocalDate
    public var session: Session

    public init(date: LocalDate, session: Session) {
        self.date = date
        self.session = session
    }
}
