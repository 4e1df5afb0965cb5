/// The statutory public holidays of a year, as the Labour Code in force that year sets them, with the
/// compensatory days for holidays on a Saturday or Sunday (civil servants rest on both).
///
/// - Labour Code 1994 (from 1995): 1/1, Tết 4 days, 30/4, 1/5, 2/9.
/// - Its 2007 amendment adds Giỗ Tổ Hùng Vương (10/3 lunar).
/// - Labour Code 2012 (from 2013): Tết 5 days.
/// - Labour Code 2019 (from 2021): National Day 2 days (2/9 and one day next to it).
/// - From 2026: Ngày Văn hóa Việt Nam (24/11) is a paid day off.
///
/// Tết is reckoned as the last day of the old lunar year and the first days of the new one. Since 2014 a
/// Tết day on a Saturday is compensated by the working day before the break and one on a Sunday by the
/// working day after it; other holidays on a weekend move to the next working day(s). The extra National
/// Day day is chosen to join the weekend (DOMAIN.md §8). The Prime Minister's yearly decision replaces
/// these defaults (`BundledDecisions`, and overrides entered at run time).
public enum HolidayRules {
    public static let supportedYears = 1995...2199

    /// The statutory days of `year`, sorted by date; `estimated` marks them as not yet decided.
    public static func statutoryDays(year: Int, estimated: Bool = false) -> [SpecialDay] {
        let basis = legalBasis(year: year)
        var holidays: [SpecialDay] = []
        func holiday(_ date: LocalDate?, _ name: String, basis: String = basis) {
            guard let date else { return }
            holidays.append(SpecialDay(date: date, kind: .holiday, name: name, legalBasis: basis, estimated: estimated))
        }

        holiday(LocalDate(year: year, month: 1, day: 1), "Tết Dương lịch")
        let tet = tetDays(year: year)
        for (date, name) in tet { holiday(date, name) }
        if year >= 2007 {
            holiday(LunarCalendar.solarDate(of: LunarDate(year: year, month: 3, day: 10)), "Giỗ Tổ Hùng Vương (10/3 âm lịch)")
        }
        holiday(LocalDate(year: year, month: 4, day: 30), "Ngày Chiến thắng (30/4)")
        holiday(LocalDate(year: year, month: 5, day: 1), "Ngày Quốc tế Lao động (1/5)")
        let nationalDay = LocalDate(year: year, month: 9, day: 2)!
        holiday(nationalDay, "Quốc khánh (2/9)")
        if year >= 2021 {
            // Monday, Thursday, Sunday: the 3rd joins the weekend or the holiday; otherwise the 1st.
            let extra = [1, 4, 7].contains(nationalDay.weekday) ? nationalDay.adding(days: 1) : nationalDay.adding(days: -1)
            holiday(extra, "Quốc khánh (ngày liền kề 2/9)")
        }
        if year >= 2026 {
            holiday(
                LocalDate(year: year, month: 11, day: 24), "Ngày Văn hóa Việt Nam (24/11)",
                basis: "Nghị quyết 80-NQ/TW; ngày nghỉ hưởng lương từ năm 2026")
        }
        holidays.sort { $0.date < $1.date }
        return (holidays + compensations(for: holidays, tet: tet.map(\.date), year: year, estimated: estimated)).sorted { $0.date < $1.date }
    }

    /// Tết: the last day of the old lunar year and the first four (three before 2013) of the new one.
    static func tetDays(year: Int) -> [(date: LocalDate, name: String)] {
        guard let newYear = LunarCalendar.solarDate(of: LunarDate(year: year, month: 1, day: 1)) else { return [] }
        let lastDay = newYear.adding(days: -1)
        let lastLunarDay = LunarCalendar.lunarDate(of: lastDay)?.day ?? 30
        var days: [(date: LocalDate, name: String)] = [(lastDay, "Tết Nguyên đán (\(lastLunarDay) tháng Chạp)")]
        for offset in 0..<(year >= 2013 ? 4 : 3) {
            days.append((newYear.adding(days: offset), "Tết Nguyên đán (mùng \(offset + 1))"))
        }
        return days
    }

    /// A working day off for each holiday on a Saturday or Sunday.
    static func compensations(for holidays: [SpecialDay], tet: [LocalDate], year: Int, estimated: Bool) -> [SpecialDay] {
        var taken = Set(holidays.map(\.date))
        var result: [SpecialDay] = []
        let basis = compensationBasis(year: year)
        func compensate(_ holiday: SpecialDay, on date: LocalDate) {
            taken.insert(date)
            result.append(
                SpecialDay(
                    date: date, kind: .compensatory,
                    name: "Nghỉ bù \(holiday.name) (\(holiday.date.vietnameseWeekday) \(holiday.date.shortVietnameseFormat))",
                    legalBasis: basis, estimated: estimated))
        }
        func free(_ date: LocalDate) -> Bool { !date.isWeekend && !taken.contains(date) }
        func nextFree(after date: LocalDate) -> LocalDate {
            var candidate = date.adding(days: 1)
            while !free(candidate) { candidate = candidate.adding(days: 1) }
            return candidate
        }
        func previousFree(before date: LocalDate) -> LocalDate {
            var candidate = date.adding(days: -1)
            while !free(candidate) { candidate = candidate.adding(days: -1) }
            return candidate
        }

        let tetSet = Set(tet)
        if let first = tet.first, let last = tet.last {
            for holiday in holidays where tetSet.contains(holiday.date) && holiday.date.isWeekend {
                if year >= 2014 && holiday.date.weekday == 6 {
                    compensate(holiday, on: previousFree(before: first))
                } else {
                    compensate(holiday, on: nextFree(after: last))
                }
            }
        }
        for holiday in holidays where !tetSet.contains(holiday.date) && holiday.date.isWeekend {
            compensate(holiday, on: nextFree(after: holiday.date))
        }
        return result
    }

    static func legalBasis(year: Int) -> String {
        switch year {
        case 2021...: "Bộ luật Lao động 2019, Điều 112"
        case 2013...: "Bộ luật Lao động 2012, Điều 115"
        case 2007...: "Bộ luật Lao động 1994 (sửa đổi năm 2007), Điều 73"
        default: "Bộ luật Lao động 1994, Điều 73"
        }
    }

    static func compensationBasis(year: Int) -> String {
        switch year {
        case 2021...: "Bộ luật Lao động 2019, Điều 111 (nghỉ bù khi ngày lễ trùng ngày nghỉ hằng tuần)"
        case 2013...: "Bộ luật Lao động 2012, Điều 115 (nghỉ bù khi ngày lễ trùng ngày nghỉ hằng tuần)"
        default: "Bộ luật Lao động 1994, Điều 73 (nghỉ bù khi ngày lễ trùng ngày nghỉ hằng tuần)"
        }
    }

}

extension LocalDate {
    /// "Thứ Hai" … "Chủ nhật".
    public var vietnameseWeekday: String {
        ["Thứ Hai", "Thứ Ba", "Thứ Tư", "Thứ Năm", "Thứ Sáu", "Thứ Bảy", "Chủ nhật"][weekday - 1]
    }

    /// `dd/MM`.
    public var shortVietnameseFormat: String {
        "\(LocalDate.pad(day, 2))/\(LocalDate.pad(month, 2))"
    }
}
