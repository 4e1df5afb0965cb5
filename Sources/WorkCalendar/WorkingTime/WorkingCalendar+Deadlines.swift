import Foundation

extension WorkingCalendar {
    /// When something received at `received` with processing time `time` is due.
    ///
    /// `pauses` are intervals that do not count (waiting for the applicant to supplement the dossier):
    /// each one that begins before the deadline pushes it by the working time it covers (calendar days for
    /// calendar-day periods). Overlapping pauses count once.
    public func deadline(
        from received: Date, _ time: ProcessingTime, policy: DeadlinePolicy = .standard, pauses: [DateInterval] = []
    ) -> Date {
        switch time {
        case .workingHours(let hours):
            return deadline(fromClock: countingStart(received, cutoff: policy.cutoff), adding: hours * 3600, pauses: pauses)
        case .workingDays(let days):
            switch policy.workingDays {
            case .officeTime:
                return deadline(fromClock: countingStart(received, cutoff: policy.cutoff), adding: days * officeHours.daySeconds, pauses: pauses)
            case .wholeDays:
                let endOfReceiptDay = workingClock(atEndOf: VietnamTime.localDate(of: received))
                return deadline(fromClock: endOfReceiptDay, adding: days * officeHours.daySeconds, pauses: pauses)
            }
        case .calendarDays(let days):
            return calendarDeadline(received: received, days: days, policy: policy, pauses: pauses)
        }
    }

    /// The instant the working clock passes `start + seconds`, pauses added.
    public func deadline(fromClock start: Int, adding seconds: Int, pauses: [DateInterval]) -> Date {
        var end = start + seconds
        for pause in Self.merged(pauses) {
            let pauseStart = max(workingClock(at: pause.start), start)
            guard pauseStart < end else { break }
            end += max(0, workingClock(at: pause.end) - pauseStart)
        }
        return instant(atWorkingClock: end)
    }

    /// Calendar days (ngày): the day of receipt does not count; the period ends at closing time of its last
    /// day, moved to the next working day when that day is a day off (if the policy says so).
    func calendarDeadline(received: Date, days: Int, policy: DeadlinePolicy, pauses: [DateInterval]) -> Date {
        var due = VietnamTime.localDate(of: received).adding(days: days)
        for pause in Self.merged(pauses) {
            let startDay = VietnamTime.localDate(of: pause.start)
            guard startDay <= due else { break }
            due = due.adding(days: max(0, VietnamTime.localDate(of: pause.end).dayNumber - max(startDay, VietnamTime.localDate(of: received)).dayNumber))
        }
        if policy.calendarDaysEndOnWorkingDay { due = workingDay(onOrAfter: due) }
        return VietnamTime.instant(on: due, secondsOfDay: officeHours.closing)
    }

    /// Pauses sorted by start, overlapping ones joined.
    static func merged(_ pauses: [DateInterval]) -> [DateInterval] {
        guard pauses.count > 1 else { return pauses }
        var result: [DateInterval] = []
        for pause in pauses.sorted(by: { $0.start < $1.start }) {
            if let last = result.last, pause.start <= last.end {
                result[result.count - 1] = DateInterval(start: last.start, end: max(last.end, pause.end))
            } else {
                result.append(pause)
            }
        }
        return result
    }

    // MARK: - Grading and appointments

    /// Early when finished on a day before the due day; late when finished after the due time; on time
    /// otherwise. The amount is working time (a late finish after closing time on the due day is late by 0).
    public func grade(completedAt completed: Date, deadline due: Date) -> Grading {
        if completed > due {
            return Grading(timeliness: .late, workingSeconds: max(0, workingSeconds(from: due, to: completed)))
        }
        if VietnamTime.localDate(of: completed) < VietnamTime.localDate(of: due) {
            return Grading(timeliness: .early, workingSeconds: max(0, workingSeconds(from: completed, to: due)))
        }
        return Grading(timeliness: .onTime, workingSeconds: 0)
    }

    /// The appointment a receipt prints for a deadline: its day, morning until the end of the first office
    /// period (11:30), afternoon after.
    public func appointment(for due: Date) -> Appointment {
        let second = VietnamTime.secondsOfDay(of: due)
        return Appointment(date: VietnamTime.localDate(of: due), session: second <= officeHours.periods[0].end ? .morning : .afternoon)
    }
}
