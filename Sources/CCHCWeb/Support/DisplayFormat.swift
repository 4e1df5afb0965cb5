import Foundation
import WorkCalendar

/// How instants are shown: Vietnamese local time, dd/MM/yyyy HH:mm.
enum DisplayFormat {
    static func dateTime(_ instant: Date) -> String {
        VietnamTime.localDate(of: instant).vietnameseFormat + " " + clock(instant)
    }

    /// Free text an officer typed, to be followed by a message's own full stop: without its trailing stops and
    /// spaces, so "…theo quy định." does not become "…theo quy định..".
    static func clause(_ text: String) -> String {
        String(text.reversed().drop { $0 == "." || $0.isWhitespace }.reversed())
    }

    /// `HH:mm` in Vietnamese time.
    static func clock(_ instant: Date) -> String {
        let seconds = VietnamTime.secondsOfDay(of: instant)
        return LocalDate.pad(seconds / 3600, 2) + ":" + LocalDate.pad((seconds % 3600) / 60, 2)
    }

    /// "09 giờ 30 phút, ngày 23 tháng 11 năm 2026", as official forms write a moment.
    static func formal(_ instant: Date) -> String {
        let seconds = VietnamTime.secondsOfDay(of: instant)
        return "\(LocalDate.pad(seconds / 3600, 2)) giờ \(LocalDate.pad((seconds % 3600) / 60, 2)) phút, " + formal(VietnamTime.localDate(of: instant))
    }

    /// "ngày 23 tháng 11 năm 2026".
    static func formal(_ date: LocalDate) -> String {
        "ngày \(LocalDate.pad(date.day, 2)) tháng \(LocalDate.pad(date.month, 2)) năm \(date.year)"
    }
}
