import Foundation
import PropertyBased
import Testing

@testable import WorkCalendar

@Suite("LocalDate")
struct LocalDateTests {
    @Test("Day numbers agree with Foundation's Gregorian calendar for every day 1900–2199")
    func matchesFoundationCalendar() {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(secondsFromGMT: 0)!
        let start = LocalDate(year: 1900, month: 1, day: 1)!
        let end = LocalDate(year: 2199, month: 12, day: 31)!
        var reference = calendar.date(from: DateComponents(year: 1900, month: 1, day: 1))!
        for dayNumber in start.dayNumber...end.dayNumber {
            let date = LocalDate(dayNumber: dayNumber)
            let parts = calendar.dateComponents([.year, .month, .day, .weekday], from: reference)
            guard date.year == parts.year, date.month == parts.month, date.day == parts.day else {
                Issue.record("Day \(dayNumber): \(date) but Foundation says \(parts)")
                return
            }
            // Foundation: 1 = Sunday; ISO: 7 = Sunday.
            #expect(date.weekday == (parts.weekday! + 5) % 7 + 1)
            #expect(LocalDate(year: date.year, month: date.month, day: date.day) == date)
            reference = reference.addingTimeInterval(86400)
        }
    }

    @Test func knownWeekdays() {
        #expect(LocalDate(year: 1970, month: 1, day: 1)!.weekday == 4)
        #expect(LocalDate(year: 2025, month: 7, day: 1)!.weekday == 2)
        #expect(LocalDate(year: 2026, month: 11, day: 23)!.weekday == 1)
        #expect(LocalDate(year: 2026, month: 11, day: 22)!.isWeekend)
    }

    @Test func rejectsImpossibleDates() {
        #expect(LocalDate(year: 2025, month: 2, day: 29) == nil)
        #expect(LocalDate(year: 2024, month: 2, day: 29) != nil)
        #expect(LocalDate(year: 1900, month: 2, day: 29) == nil)
        #expect(LocalDate(year: 2000, month: 2, day: 29) != nil)
        #expect(LocalDate(year: 2026, month: 13, day: 1) == nil)
        #expect(LocalDate(year: 2026, month: 4, day: 31) == nil)
    }

    @Test func parsesAndFormats() {
        #expect(LocalDate("2025-07-01")?.description == "2025-07-01")
        #expect(LocalDate("2025-7-1") == nil)
        #expect(LocalDate("01/07/2025") == nil)
        #expect(LocalDate(flexible: "01/07/2025") == LocalDate("2025-07-01"))
        #expect(LocalDate(flexible: "1/7/2025") == LocalDate("2025-07-01"))
        #expect(LocalDate(flexible: " 2025-07-01 ") == LocalDate("2025-07-01"))
        #expect(LocalDate(flexible: "31/02/2025") == nil)
        #expect(LocalDate("2025-07-01")?.vietnameseFormat == "01/07/2025")
    }

    @Test func codableAsISOText() throws {
        let date = LocalDate("2026-02-17")!
        let data = try JSONEncoder().encode([date])
        #expect(String(data: data, encoding: .utf8) == "[\"2026-02-17\"]")
        #expect(try JSONDecoder().decode([LocalDate].self, from: data) == [date])
        #expect(throws: DecodingError.self) { try JSONDecoder().decode([LocalDate].self, from: Data("[\"17/02/2026\"]".utf8)) }
    }

    @Test func textRoundTripsForAnyDay() async {
        await propertyCheck(input: Gen.int(in: -80_000...120_000)) { dayNumber in
            let date = LocalDate(dayNumber: dayNumber)
            #expect(LocalDate(date.description) == date)
            #expect(LocalDate(flexible: date.vietnameseFormat) == date)
            #expect(date.adding(days: 7).weekday == date.weekday)
        }
    }
}

@Suite("VietnamTime")
struct VietnamTimeTests {
    @Test("A Vietnamese day starts at 17:00 UTC the evening before")
    func dayBoundaries() {
        let day = LocalDate(year: 2026, month: 1, day: 1)!
        let midnight = VietnamTime.instant(on: day)
        #expect(midnight == Date(timeIntervalSince1970: 1_767_200_400))
        #expect(VietnamTime.localDate(of: midnight) == day)
        #expect(VietnamTime.localDate(of: midnight.addingTimeInterval(-1)) == day.adding(days: -1))
        #expect(VietnamTime.secondsOfDay(of: midnight.addingTimeInterval(9 * 3600 + 30)) == 9 * 3600 + 30)
    }

    @Test func beforeTheEpoch() {
        let day = LocalDate(year: 1969, month: 12, day: 31)!
        let noon = VietnamTime.instant(on: day, secondsOfDay: 12 * 3600)
        #expect(VietnamTime.localDate(of: noon) == day)
        #expect(VietnamTime.secondsOfDay(of: noon) == 12 * 3600)
    }
}
