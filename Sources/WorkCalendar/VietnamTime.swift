import Foundation

/// Vietnam's civil time: UTC+7 all year (no daylight saving since 1975). Instants are stored in UTC;
/// days, office hours and lunar dates are reckoned here.
public enum VietnamTime {
    public static let utcOffsetSeconds = 7 * 3600
    public static let timeZone = TimeZone(secondsFromGMT: utcOffsetSeconds)!

    /// The Vietnamese calendar day an instant falls on.
    public static func localDate(of instant: Date) -> LocalDate {
        let seconds = Int((instant.timeIntervalSince1970).rounded(.down)) + utcOffsetSeconds
        return LocalDate(dayNumber: floorDivide(seconds, 86_400))
    }

    /// Seconds since local midnight of the instant's Vietnamese day.
    public static func secondsOfDay(of instant: Date) -> Int {
        let seconds = Int((instant.timeIntervalSince1970).rounded(.down)) + utcOffsetSeconds
        return seconds - floorDivide(seconds, 86_400) * 86_400
    }

    /// The instant of a local wall-clock time on a Vietnamese day.
    public static func instant(on date: LocalDate, secondsOfDay: Int = 0) -> Date {
        Date(timeIntervalSince1970: TimeInterval(date.dayNumber * 86_400 + secondsOfDay - utcOffsetSeconds))
    }

    static func floorDivide(_ a: Int, _ b: Int) -> Int {
        a >= 0 ? a / b : -((-a + b - 1) / b)
    }
}

extension VietnamTime {
    /// Parses a Vietnamese local time written `YYYY-MM-DDTHH:MM` (a space may replace the T).
    public static func parseLocal(_ text: String) -> Date? {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        guard let separator = trimmed.firstIndex(where: { $0 == "T" || $0 == " " }),
            let date = LocalDate(String(trimmed[..<separator])),
            let second = OfficeHours.seconds(String(trimmed[trimmed.index(after: separator)...])), second < 86400
        else { return nil }
        return instant(on: date, secondsOfDay: second)
    }

    /// `YYYY-MM-DDTHH:MM` in Vietnamese local time.
    public static func formatLocal(_ instant: Date) -> String {
        "\(localDate(of: instant))T\(OfficeHours.clock(secondsOfDay(of: instant)))"
    }
}
