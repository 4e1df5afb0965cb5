import Testing

@testable import WorkCalendar

@Suite("Lunar calendar")
struct LunarCalendarTests {
    static func day(_ text: String) -> LocalDate { LocalDate(text)! }

    @Test(
        "Tết (1/1 lunar) falls on the known days",
        arguments: [
            // Vietnam at UTC+7; 1968 and 1985 differ from the Chinese calendar (UTC+8).
            "1968-01-29", "1985-01-21", "2000-02-05", "2001-01-24", "2002-02-12", "2003-02-01", "2004-01-22", "2005-02-09",
            "2006-01-29", "2007-02-17", "2008-02-07", "2009-01-26", "2010-02-14", "2011-02-03", "2012-01-23", "2013-02-10",
            "2014-01-31", "2015-02-19", "2016-02-08", "2017-01-28", "2018-02-16", "2019-02-05", "2020-01-25", "2021-02-12",
            "2022-02-01", "2023-01-22", "2024-02-10", "2025-01-29", "2026-02-17", "2027-02-06", "2028-01-26", "2029-02-13",
            "2030-02-02",
        ])
    func tet(date: String) {
        let tet = Self.day(date)
        #expect(LunarCalendar.lunarDate(of: tet) == LunarDate(year: tet.year, month: 1, day: 1))
        #expect(LunarCalendar.solarDate(of: LunarDate(year: tet.year, month: 1, day: 1)) == tet)
        #expect(LunarCalendar.lunarDate(of: tet.adding(days: -1))?.month == 12)
    }

    @Test("Giỗ Tổ Hùng Vương (10/3 lunar)", arguments: ["2024-04-18", "2025-04-07", "2026-04-26", "2027-04-16"])
    func hungKings(date: String) {
        let day = Self.day(date)
        #expect(LunarCalendar.solarDate(of: LunarDate(year: day.year, month: 3, day: 10)) == day)
    }

    @Test("Leap months of known years")
    func leapMonths() {
        #expect(LunarCalendar.leapMonth(of: 2023) == 2)
        #expect(LunarCalendar.leapMonth(of: 2025) == 6)
        #expect(LunarCalendar.leapMonth(of: 2020) == 4)
        #expect(LunarCalendar.leapMonth(of: 2024) == nil)
        #expect(LunarCalendar.leapMonth(of: 2026) == nil)
        let leapDay = LunarDate(year: 2025, month: 6, day: 1, isLeapMonth: true)
        #expect(LunarCalendar.solarDate(of: leapDay) == Self.day("2025-07-25"))
        #expect(LunarCalendar.solarDate(of: LunarDate(year: 2024, month: 6, day: 1, isLeapMonth: true)) == nil)
    }

    @Test("Every day 1900–2199 converts to lunar and back")
    func roundTrip() {
        var date = Self.day("1900-01-01")
        let end = Self.day("2199-12-31")
        var previous: LunarDate?
        var failures = 0
        while date <= end {
            guard let lunar = LunarCalendar.lunarDate(of: date), LunarCalendar.solarDate(of: lunar) == date else {
                failures += 1
                if failures < 5 { Issue.record("No round trip for \(date)") }
                date = date.adding(days: 1)
                continue
            }
            #expect((1...30).contains(lunar.day) && (1...12).contains(lunar.month))
            if let previous, lunar.day != previous.day + 1 {
                // A new month starts after day 29 or 30.
                #expect(lunar.day == 1 && (29...30).contains(previous.day), "\(date): \(previous) → \(lunar)")
            }
            previous = lunar
            date = date.adding(days: 1)
        }
        #expect(failures == 0)
    }

    @Test("Years have 12 or 13 months, months 29 or 30 days")
    func shapes() {
        for year in 1900...2198 {
            let months = LunarCalendar.months.filter { $0.year == year }
            let leap = months.filter(\.isLeap)
            #expect(months.count == 12 + leap.count && leap.count <= 1, "\(year)")
            #expect(months.filter { !$0.isLeap }.map(\.number) == Array(1...12), "\(year)")
        }
    }

    @Test func yearNames() {
        #expect(LunarCalendar.canChi(year: 2026) == "Bính Ngọ")
        #expect(LunarCalendar.canChi(year: 2025) == "Ất Tỵ")
        #expect(LunarCalendar.canChi(year: 1984) == "Giáp Tý")
        #expect(LunarCalendar.canChi(year: 1968) == "Mậu Thân")
        #expect(LunarDate(year: 2026, month: 1, day: 1).yearName == "Bính Ngọ")
    }

    @Test func outsideTheRange() {
        #expect(LunarCalendar.lunarDate(of: Self.day("1899-12-31")) == nil)
        #expect(LunarCalendar.lunarDate(of: Self.day("2200-01-01")) == nil)
        #expect(LunarCalendar.solarDate(of: LunarDate(year: 2026, month: 1, day: 31)) == nil)
    }
}
