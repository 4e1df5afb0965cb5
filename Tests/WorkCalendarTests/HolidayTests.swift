import Testing

@testable import WorkCalendar

@Suite("Public holidays")
struct HolidayTests {
    let schedule = HolidaySchedule()

    func listed(_ year: Int) -> [String] {
        schedule.specialDays(in: year).map { "\($0.date) \($0.kind.rawValue)" }
    }

    @Test("2024 exactly as decided: Tết Thu 8/2 – Wed 14/2, 29/4 off made up Sat 4/5, 2–3/9")
    func year2024() {
        #expect(
            listed(2024) == [
                "2024-01-01 holiday",
                "2024-02-08 compensatory", "2024-02-09 holiday", "2024-02-10 holiday", "2024-02-11 holiday",
                "2024-02-12 holiday", "2024-02-13 holiday", "2024-02-14 compensatory",
                "2024-04-18 holiday",
                "2024-04-29 swap_off", "2024-04-30 holiday", "2024-05-01 holiday", "2024-05-04 makeup_workday",
                "2024-09-02 holiday", "2024-09-03 holiday",
            ])
        #expect(schedule.specialDays(in: 2024).allSatisfy { !$0.estimated })
    }

    @Test("2025 exactly as decided: Tết Mon 27/1 – Fri 31/1, 2/5 off made up Sat 26/4, 1–2/9")
    func year2025() {
        #expect(
            listed(2025) == [
                "2025-01-01 holiday",
                "2025-01-27 compensatory", "2025-01-28 holiday", "2025-01-29 holiday", "2025-01-30 holiday",
                "2025-01-31 holiday", "2025-02-01 holiday",
                "2025-04-07 holiday",
                "2025-04-26 makeup_workday", "2025-04-30 holiday", "2025-05-01 holiday", "2025-05-02 swap_off",
                "2025-09-01 holiday", "2025-09-02 holiday",
            ])
    }

    @Test("2026 exactly as decided: Tết 16–20/2, Giỗ Tổ Sunday made up Monday, 31/8 off made up Sat 22/8, 24/11")
    func year2026() {
        #expect(
            listed(2026) == [
                "2026-01-01 holiday",
                "2026-02-16 holiday", "2026-02-17 holiday", "2026-02-18 holiday", "2026-02-19 holiday", "2026-02-20 holiday",
                "2026-04-26 holiday", "2026-04-27 compensatory",
                "2026-04-30 holiday", "2026-05-01 holiday",
                "2026-08-22 makeup_workday", "2026-08-31 swap_off", "2026-09-01 holiday", "2026-09-02 holiday",
                "2026-11-24 holiday",
            ])
        let days = schedule.specialDays(in: 2026)
        #expect(days.first { $0.date == LocalDate("2026-02-17") }?.name == "Tết Nguyên đán (mùng 1)")
        #expect(days.first { $0.date == LocalDate("2026-04-27") }?.name == "Nghỉ bù Giỗ Tổ Hùng Vương (10/3 âm lịch) (Chủ nhật 26/04)")
        #expect(days.first { $0.date == LocalDate("2026-11-24") }?.name == "Ngày Văn hóa Việt Nam (24/11)")
        // The whole Tết break, weekends included: Saturday 14/2 to Sunday 22/2.
        let calendar = WorkingCalendar()
        #expect((14...22).allSatisfy { !calendar.isWorkingDay(LocalDate(year: 2026, month: 2, day: $0)!) })
        #expect(calendar.isWorkingDay(LocalDate("2026-02-13")!) && calendar.isWorkingDay(LocalDate("2026-02-23")!))
        #expect(calendar.isWorkingDay(LocalDate("2026-08-22")!))
    }

    @Test("The rules alone reproduce the decided breaks of years without a bundled decision")
    func historicalYears() {
        let offWeekdays = { (year: Int) in
            self.schedule.specialDays(in: year).filter { !$0.date.isWeekend && !$0.kind.isWorked }.map(\.date.description)
        }
        // 2020: Tết Thu 23/1 – Wed 29/1 (Saturday compensated before, Sunday after).
        #expect(offWeekdays(2020).filter { $0.hasPrefix("2020-01") } == ["2020-01-01", "2020-01-23", "2020-01-24", "2020-01-27", "2020-01-28", "2020-01-29"])
        // 2021: Tết Wed 10/2 – Tue 16/2; National Day Thu 2 – Fri 3/9; 1/5 on Saturday made up Monday 3/5.
        #expect(offWeekdays(2021).filter { $0.hasPrefix("2021-02") } == ["2021-02-10", "2021-02-11", "2021-02-12", "2021-02-15", "2021-02-16"])
        #expect(offWeekdays(2021).contains("2021-05-03") && offWeekdays(2021).contains("2021-09-03"))
        // 2022: 1/1 on Saturday → Monday 3/1; Giỗ Tổ on Sunday → Monday 11/4; 30/4–1/5 on the weekend → 2 and 3/5.
        #expect(
            offWeekdays(2022).filter { $0 < "2022-06-01" } == [
                "2022-01-03", "2022-01-31", "2022-02-01", "2022-02-02", "2022-02-03", "2022-02-04", "2022-04-11", "2022-05-02", "2022-05-03",
            ])
        // 2023: Tết Fri 20/1 – Thu 26/1; Giỗ Tổ Saturday 29/4 and 30/4 Sunday → 2 and 3/5; 2/9 Saturday → 1/9 and 4/9.
        #expect(offWeekdays(2023).filter { $0.hasPrefix("2023-01") } == ["2023-01-02", "2023-01-20", "2023-01-23", "2023-01-24", "2023-01-25", "2023-01-26"])
        #expect(
            offWeekdays(2023).filter { $0.hasPrefix("2023-05") || $0.hasPrefix("2023-09") } == [
                "2023-05-01", "2023-05-02", "2023-05-03", "2023-09-01", "2023-09-04",
            ])
    }

    @Test("The rules in force each year")
    func rulesByYear() {
        // Tết: 4 days before 2013, 5 from 2013.
        #expect(HolidayRules.tetDays(year: 2012).count == 4)
        #expect(HolidayRules.tetDays(year: 2013).count == 5)
        // Giỗ Tổ from 2007.
        #expect(!HolidayRules.statutoryDays(year: 2006).contains { $0.name.hasPrefix("Giỗ Tổ") })
        #expect(HolidayRules.statutoryDays(year: 2007).contains { $0.name.hasPrefix("Giỗ Tổ") })
        // Two National Day days from 2021.
        #expect(HolidayRules.statutoryDays(year: 2020).filter { $0.name.hasPrefix("Quốc khánh") }.count == 1)
        #expect(HolidayRules.statutoryDays(year: 2021).filter { $0.name.hasPrefix("Quốc khánh") }.count == 2)
        // Ngày Văn hóa Việt Nam from 2026.
        #expect(!HolidayRules.statutoryDays(year: 2025).contains { $0.date.month == 11 })
        #expect(HolidayRules.statutoryDays(year: 2027).contains { $0.date == LocalDate("2027-11-24") })
    }

    @Test(
        "The extra National Day day joins the weekend",
        arguments: [
            (2024, "2024-09-03"), (2025, "2025-09-01"), (2026, "2026-09-01"), (2021, "2021-09-03"), (2022, "2022-09-01"),
            (2023, "2023-09-01"), (2029, "2029-09-03"),
        ])
    func nationalDay(year: Int, extra: String) {
        #expect(HolidayRules.statutoryDays(year: year).contains { $0.date.description == extra && $0.name == "Quốc khánh (ngày liền kề 2/9)" })
    }

    @Test("Years after the last decision are estimated; 2027's Tết Saturday is made up before the break")
    func estimates() {
        #expect(BundledDecisions.lastYear == 2026)
        let days2027 = schedule.specialDays(in: 2027)
        #expect(!days2027.isEmpty && days2027.allSatisfy(\.estimated))
        // Tết 2027 is Saturday 6/2: break Thursday 4/2 – Wednesday 10/2.
        #expect(
            days2027.filter { $0.date.month == 2 }.map { "\($0.date.day) \($0.kind.rawValue)" } == [
                "4 compensatory", "5 holiday", "6 holiday", "7 holiday", "8 holiday", "9 holiday", "10 compensatory",
            ])
    }

    @Test("Overrides win over rules and decisions")
    func overrides() {
        let schedule = HolidaySchedule(overrides: [
            CalendarOverride(date: LocalDate("2027-02-11")!, kind: .dayOff, name: "Nghỉ thêm Tết", legalBasis: "Quyết định 1/2026"),
            CalendarOverride(date: LocalDate("2027-02-20")!, kind: .workday, name: "Làm bù", legalBasis: "Quyết định 1/2026"),
            CalendarOverride(date: LocalDate("2026-11-24")!, kind: .cancelDayOff, name: "Hủy", legalBasis: "Quyết định 2/2026"),
        ])
        #expect(schedule.specialDay(on: LocalDate("2027-02-11")!)?.kind == .swapOff)
        #expect(schedule.specialDay(on: LocalDate("2027-02-11")!)?.estimated == false)
        #expect(schedule.isWorkingDay(LocalDate("2027-02-20")!))
        #expect(schedule.specialDay(on: LocalDate("2026-11-24")!) == nil)
        #expect(schedule.isWorkingDay(LocalDate("2026-11-24")!))
    }
}
