import Foundation
import PropertyBased
import Testing

@testable import WorkCalendar

@Suite("Working time")
struct WorkingTimeTests {
    static let calendar = WorkingCalendar()
    var calendar: WorkingCalendar { Self.calendar }

    /// A Vietnamese local time, "2026-03-02 09:00".
    static func at(_ text: String) -> Date {
        let parts = text.split(separator: " ")
        return VietnamTime.instant(on: LocalDate(String(parts[0]))!, secondsOfDay: OfficeHours.seconds(String(parts[1]))!)
    }

    static func local(_ instant: Date) -> String {
        "\(VietnamTime.localDate(of: instant)) \(OfficeHours.clock(VietnamTime.secondsOfDay(of: instant)))"
    }

    func due(_ received: String, _ time: ProcessingTime, policy: DeadlinePolicy = .standard, pauses: [(String, String)] = []) -> String {
        let intervals = pauses.map { DateInterval(start: Self.at($0.0), end: Self.at($0.1)) }
        return Self.local(calendar.deadline(from: Self.at(received), time, policy: policy, pauses: intervals))
    }

    @Test("Received Monday 09:00 with 3 working days: due Thursday 09:00, Thursday morning")
    func theDeskOfficersExample() {
        let deadline = calendar.deadline(from: Self.at("2026-03-02 09:00"), .workingDays(3))
        #expect(Self.local(deadline) == "2026-03-05 09:00")
        #expect(calendar.appointment(for: deadline) == Appointment(date: LocalDate("2026-03-05")!, session: .morning))
    }

    @Test(
        "Outside office hours, counting starts at the next opening",
        arguments: [
            ("2026-03-02 06:00", "2026-03-02 17:00"),  // before opening: the whole of Monday
            ("2026-03-02 12:15", "2026-03-03 11:30"),  // lunch: the afternoon then the next morning
            ("2026-03-02 18:00", "2026-03-03 17:00"),  // evening: the whole of Tuesday
            ("2026-03-07 10:00", "2026-03-09 17:00"),  // Saturday: the whole of Monday
            ("2026-03-02 11:30", "2026-03-03 11:30"),  // end of the morning
            // Start of the afternoon: eight office hours end at 11:30 next day (no office time until 13:30).
            ("2026-03-02 13:30", "2026-03-03 11:30"),
        ])
    func counting(received: String, expected: String) {
        #expect(due(received, .workingDays(1)) == expected)
    }

    @Test("Working hours, and the morning and afternoon periods")
    func workingHours() {
        #expect(due("2026-03-02 10:00", .workingHours(4)) == "2026-03-02 16:00")
        #expect(due("2026-03-02 07:00", .workingHours(8)) == "2026-03-02 17:00")
        #expect(due("2026-03-06 16:00", .workingHours(2)) == "2026-03-09 08:00")
        #expect(due("2026-03-02 16:30", .workingHours(1)) == "2026-03-03 07:30")
    }

    @Test("The 15:00 cut-off moves counting to the next working day")
    func cutoff() {
        let policy = DeadlinePolicy(cutoff: 15 * 3600)
        #expect(due("2026-03-02 14:59", .workingDays(1), policy: policy) == "2026-03-03 14:59")
        #expect(due("2026-03-02 15:00", .workingDays(1), policy: policy) == "2026-03-03 17:00")
        #expect(due("2026-03-02 16:45", .workingHours(2), policy: policy) == "2026-03-03 09:00")
        // Received after the cut-off on a Friday: counting starts on Monday.
        #expect(due("2026-03-06 15:30", .workingDays(1), policy: policy) == "2026-03-09 17:00")
    }

    @Test("A deadline across Tết skips the whole break")
    func acrossTet() {
        // Friday 13/2/2026, the last working day before Tết Bính Ngọ.
        #expect(due("2026-02-13 09:00", .workingDays(3)) == "2026-02-25 09:00")
        // 2024: the break runs Thursday 8/2 – Wednesday 14/2.
        #expect(due("2024-02-07 16:00", .workingDays(1)) == "2024-02-15 16:00")
        // Swapped days: 31/8/2026 is off, Saturday 22/8 is worked.
        #expect(due("2026-08-21 09:00", .workingDays(1)) == "2026-08-22 09:00")
        #expect(due("2026-08-28 09:00", .workingDays(1)) == "2026-09-03 09:00")
    }

    @Test("Whole-day counting: the day of receipt does not count")
    func wholeDays() {
        let policy = DeadlinePolicy(workingDays: .wholeDays)
        #expect(due("2026-03-02 09:00", .workingDays(3), policy: policy) == "2026-03-05 17:00")
        #expect(due("2026-03-07 09:00", .workingDays(1), policy: policy) == "2026-03-09 17:00")
    }

    @Test("Calendar days end at closing time of the last day, or of the next working day")
    func calendarDays() {
        #expect(due("2026-03-02 09:00", .calendarDays(3)) == "2026-03-05 17:00")
        // 10/2/2026 + 5 days = Sunday 15/2, in Tết: moved to Monday 23/2.
        #expect(due("2026-02-10 09:00", .calendarDays(5)) == "2026-02-23 17:00")
        #expect(due("2026-02-10 09:00", .calendarDays(5), policy: DeadlinePolicy(calendarDaysEndOnWorkingDay: false)) == "2026-02-15 17:00")
        // A pause of 4 calendar days pushes the end by 4 days.
        #expect(due("2026-03-02 09:00", .calendarDays(3), pauses: [("2026-03-03 10:00", "2026-03-07 10:00")]) == "2026-03-09 17:00")
    }

    @Test("Pauses push the deadline by the working time they cover")
    func pauses() {
        // Due Thursday 09:00; a pause from Tuesday 09:00 to Wednesday 09:00 (8 working hours) → Friday 09:00.
        #expect(due("2026-03-02 09:00", .workingDays(3), pauses: [("2026-03-03 09:00", "2026-03-04 09:00")]) == "2026-03-06 09:00")
        // Two overlapping pauses count once.
        #expect(
            due("2026-03-02 09:00", .workingDays(3), pauses: [("2026-03-03 09:00", "2026-03-04 09:00"), ("2026-03-03 13:30", "2026-03-03 17:00")])
                == "2026-03-06 09:00")
        // A pause over a weekend costs nothing.
        #expect(due("2026-03-02 09:00", .workingDays(5), pauses: [("2026-03-06 17:00", "2026-03-09 07:00")]) == "2026-03-09 09:00")
        // A pause after the deadline changes nothing.
        #expect(due("2026-03-02 09:00", .workingDays(1), pauses: [("2026-03-04 09:00", "2026-03-05 09:00")]) == "2026-03-03 09:00")
    }

    @Test("Working time between instants")
    func between() {
        #expect(calendar.workingSeconds(from: Self.at("2026-03-02 09:00"), to: Self.at("2026-03-05 09:00")) == 24 * 3600)
        #expect(calendar.workingSeconds(from: Self.at("2026-03-02 11:00"), to: Self.at("2026-03-02 14:00")) == 3600)
        #expect(calendar.workingSeconds(from: Self.at("2026-02-13 17:00"), to: Self.at("2026-02-23 07:00")) == 0)
        #expect(calendar.workingSeconds(from: Self.at("2026-03-05 09:00"), to: Self.at("2026-03-02 09:00")) == -24 * 3600)
    }

    @Test("Grading a completion against its deadline")
    func grading() {
        let due = Self.at("2026-03-05 09:00")
        #expect(calendar.grade(completedAt: Self.at("2026-03-04 16:00"), deadline: due) == Grading(timeliness: .early, workingSeconds: 3 * 3600))
        #expect(calendar.grade(completedAt: Self.at("2026-03-05 08:00"), deadline: due) == Grading(timeliness: .onTime, workingSeconds: 0))
        #expect(calendar.grade(completedAt: due, deadline: due).timeliness == .onTime)
        #expect(calendar.grade(completedAt: Self.at("2026-03-05 10:00"), deadline: due) == Grading(timeliness: .late, workingSeconds: 3600))
        #expect(calendar.grade(completedAt: Self.at("2026-03-06 09:00"), deadline: due) == Grading(timeliness: .late, workingSeconds: 8 * 3600))
    }

    @Test("Appointments: morning until 11:30")
    func appointments() {
        #expect(calendar.appointment(for: Self.at("2026-03-05 11:30")).session == .morning)
        #expect(calendar.appointment(for: Self.at("2026-03-05 11:31")).session == .afternoon)
        #expect(calendar.appointment(for: Self.at("2026-03-05 17:00")).session == .afternoon)
    }

    @Test("Office hours are configuration")
    func officeHours() throws {
        let hours = try OfficeHours(parsing: "07:30-11:30, 13:00-16:30")
        #expect(hours.daySeconds == 27_000)
        #expect(hours.description == "07:30-11:30,13:00-16:30")
        let calendar = WorkingCalendar(officeHours: hours)
        #expect(Self.local(calendar.deadline(from: Self.at("2026-03-02 09:00"), .workingDays(1))) == "2026-03-03 09:00")
        #expect(OfficeHours.standard.daySeconds == 8 * 3600)
        #expect(throws: OfficeHours.Invalid.overlapping) { try OfficeHours(parsing: "07:00-12:00,11:00-17:00") }
        #expect(throws: OfficeHours.Invalid.self) { try OfficeHours(parsing: "7h-11h") }
        #expect(throws: OfficeHours.Invalid.self) { try OfficeHours(parsing: "12:00-08:00") }
    }

    // MARK: - Properties

    /// A working instant: a random working day 2000–2100, a random time strictly inside an office period
    /// (an opening time reads the same on the working clock as the previous closing time).
    static let officeInstant = Gen.int(in: 0..<(calendar.workingDayPositions.count - 40_000)).map { index -> Date in
        let date = LocalDate(dayNumber: calendar.firstDay + Int(calendar.workingDayPositions[index + 1_300]))
        let second = [7 * 3600 + 1 + (index * 37) % 16199, 13 * 3600 + 1801 + (index * 53) % 12599][index % 2]
        return VietnamTime.instant(on: date, secondsOfDay: second)
    }

    @Test("The deadline of N working days is N working days after the start")
    func nWorkingDaysAfter() async {
        await propertyCheck(count: 500, input: Self.officeInstant, Gen.int(in: 0...120)) { start, days in
            let deadline = calendar.deadline(from: start, .workingDays(days))
            #expect(calendar.workingSeconds(from: start, to: deadline) == days * 8 * 3600)
            #expect(calendar.isWorkingDay(VietnamTime.localDate(of: deadline)))
            #expect(deadline >= start)
        }
    }

    @Test("Pauses push the deadline by exactly their working time")
    func pausesPushByTheirWorkingTime() async {
        await propertyCheck(count: 500, input: Self.officeInstant, Gen.int(in: 1...60), Gen.int(in: 0...400_000), Gen.int(in: 0...900_000)) {
            start, days, offset, length in
            let plain = calendar.deadline(from: start, .workingDays(days))
            let pause = DateInterval(start: start.addingTimeInterval(TimeInterval(offset)), duration: TimeInterval(length))
            guard pause.start < plain else { return }
            let paused = calendar.deadline(from: start, .workingDays(days), pauses: [pause])
            #expect(calendar.workingSeconds(from: plain, to: paused) == calendar.workingSeconds(from: pause.start, to: pause.end))
        }
    }

    @Test("The working clock and its inverse agree")
    func clockRoundTrip() async {
        await propertyCheck(count: 1000, input: Self.officeInstant, Gen.int(in: 1...(Self.calendar.workingDayPositions.count * 8 * 3600))) { instant, clock in
            #expect(calendar.instant(atWorkingClock: calendar.workingClock(at: instant)) == instant)
            #expect(calendar.workingClock(at: calendar.instant(atWorkingClock: clock)) == clock)
        }
    }

    @Test("Working time is additive")
    func additive() async {
        await propertyCheck(count: 300, input: Self.officeInstant, Gen.int(in: 0...2_000_000), Gen.int(in: 0...2_000_000)) { a, first, second in
            let b = a.addingTimeInterval(TimeInterval(first)), c = b.addingTimeInterval(TimeInterval(second))
            #expect(calendar.workingSeconds(from: a, to: c) == calendar.workingSeconds(from: a, to: b) + calendar.workingSeconds(from: b, to: c))
            #expect(calendar.workingSeconds(from: a, to: b) >= 0)
        }
    }
}
