import Foundation

/// Working time in Vietnam: which days are worked, and deadlines, durations and gradings in office time.
///
/// Everything rests on a *working clock*: the office seconds elapsed from the start of the table to an
/// instant. It is computed from two precomputed tables (is a day worked; how many working days precede
/// it), so a deadline is a few array reads whatever its length, and the pause and grading rules are
/// differences of clock readings.
public struct WorkingCalendar: Sendable {
    public let officeHours: OfficeHours
    public let schedule: HolidaySchedule

    /// Day number of the first day in the tables.
    let firstDay: Int
    let isWorking: [Bool]
    /// Working days strictly before each day of the table.
    let workingBefore: [Int32]
    /// Table position of the k-th working day.
    let workingDayPositions: [Int32]

    public init(officeHours: OfficeHours = .standard, schedule: HolidaySchedule = HolidaySchedule()) {
        self.officeHours = officeHours
        self.schedule = schedule
        let first = LocalDate(year: schedule.years.lowerBound, month: 1, day: 1)!
        let last = LocalDate(year: schedule.years.upperBound, month: 12, day: 31)!
        firstDay = first.dayNumber
        var isWorking: [Bool] = []
        var workingBefore: [Int32] = []
        var positions: [Int32] = []
        isWorking.reserveCapacity(last.dayNumber - first.dayNumber + 1)
        workingBefore.reserveCapacity(last.dayNumber - first.dayNumber + 1)
        for dayNumber in first.dayNumber...last.dayNumber {
            let works = schedule.isWorkingDay(LocalDate(dayNumber: dayNumber))
            workingBefore.append(Int32(positions.count))
            if works { positions.append(Int32(dayNumber - first.dayNumber)) }
            isWorking.append(works)
        }
        self.isWorking = isWorking
        self.workingBefore = workingBefore
        workingDayPositions = positions
    }

    public init(officeHours: OfficeHours = .standard, overrides: [CalendarOverride]) {
        self.init(officeHours: officeHours, schedule: HolidaySchedule(overrides: overrides))
    }

    private init(officeHours: OfficeHours, sharing tables: WorkingCalendar) {
        self.officeHours = officeHours
        schedule = tables.schedule
        firstDay = tables.firstDay
        isWorking = tables.isWorking
        workingBefore = tables.workingBefore
        workingDayPositions = tables.workingDayPositions
    }

    /// The same days worked with other office hours: which days are worked does not depend on the hours,
    /// so the tables are shared rather than built again (a province's office hours change by version).
    public func with(officeHours: OfficeHours) -> WorkingCalendar {
        officeHours == self.officeHours ? self : WorkingCalendar(officeHours: officeHours, sharing: self)
    }

    // MARK: - Days

    /// Whether civil servants work that day. Days outside the table (before 1995, after 2199) follow the
    /// plain week.
    public func isWorkingDay(_ date: LocalDate) -> Bool {
        let position = date.dayNumber - firstDay
        guard position >= 0, position < isWorking.count else { return !date.isWeekend }
        return isWorking[position]
    }

    public func specialDay(on date: LocalDate) -> SpecialDay? {
        schedule.specialDay(on: date)
    }

    public func specialDays(in year: Int) -> [SpecialDay] {
        schedule.specialDays(in: year)
    }

    /// The first working day on or after `date`.
    public func workingDay(onOrAfter date: LocalDate) -> LocalDate {
        var day = date
        while !isWorkingDay(day) { day = day.adding(days: 1) }
        return day
    }

    // MARK: - The working clock

    /// Office seconds from the start of the table to `instant`. Instants before the table read 0; after
    /// it, the end of the table.
    public func workingClock(at instant: Date) -> Int {
        let seconds = Int(instant.timeIntervalSince1970.rounded(.down)) + VietnamTime.utcOffsetSeconds
        let dayNumber = VietnamTime.floorDivide(seconds, 86400)
        let position = dayNumber - firstDay
        guard position >= 0 else { return 0 }
        guard position < isWorking.count else { return workingDayPositions.count * officeHours.daySeconds }
        var clock = Int(workingBefore[position]) * officeHours.daySeconds
        if isWorking[position] {
            clock += officeHours.elapsed(atSecondOfDay: seconds - dayNumber * 86400)
        }
        return clock
    }

    /// The working clock at the end of a day (for a day off: at the end of the last working day before it).
    public func workingClock(atEndOf date: LocalDate) -> Int {
        workingClock(at: VietnamTime.instant(on: date.adding(days: 1)))
    }

    /// The instant the working clock reads `clock`. A reading at the end of a working period gives that
    /// end (Thursday 17:00), never the start of the next one (Friday 07:00).
    public func instant(atWorkingClock clock: Int) -> Date {
        let daySeconds = officeHours.daySeconds
        guard clock > 0 else { return instant(workingDay: 0, elapsed: 0) }
        let workingDay = (clock - 1) / daySeconds
        guard workingDay < workingDayPositions.count else { return instant(workingDay: workingDayPositions.count - 1, elapsed: daySeconds) }
        return instant(workingDay: workingDay, elapsed: clock - workingDay * daySeconds)
    }

    private func instant(workingDay: Int, elapsed: Int) -> Date {
        let date = LocalDate(dayNumber: firstDay + Int(workingDayPositions[workingDay]))
        let second = elapsed == 0 ? officeHours.opening : officeHours.secondOfDay(afterElapsed: elapsed)
        return VietnamTime.instant(on: date, secondsOfDay: second)
    }

    /// Working time between two instants, in seconds (negative when `end` comes first).
    public func workingSeconds(from start: Date, to end: Date) -> Int {
        workingClock(at: end) - workingClock(at: start)
    }

    /// The working clock reading at which counting starts for something received at `received`: at once
    /// during office hours, at the next opening outside them, and after a cut-off from the next working day.
    public func countingStart(_ received: Date, cutoff: Int?) -> Int {
        let clock = workingClock(at: received)
        guard let cutoff, VietnamTime.secondsOfDay(of: received) >= cutoff else { return clock }
        let position = VietnamTime.localDate(of: received).dayNumber - firstDay
        guard position >= 0, position < isWorking.count, isWorking[position] else { return clock }
        return (Int(workingBefore[position]) + 1) * officeHours.daySeconds
    }
}
