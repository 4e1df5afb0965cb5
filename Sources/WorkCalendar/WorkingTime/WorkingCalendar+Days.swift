import Foundation

extension WorkingCalendar {
    /// The working day `count` working days after `date` (before it when negative); `date` itself does
    /// not count. Five after a Friday is the next Friday; five before a Monday, the Monday before.
    public func workingDay(_ count: Int, from date: LocalDate) -> LocalDate {
        let step = count < 0 ? -1 : 1
        var day = date
        var left = abs(count)
        while left > 0 {
            day = day.adding(days: step)
            if isWorkingDay(day) { left -= 1 }
        }
        return day
    }
}
