/// A day of the Vietnamese lunisolar calendar (âm lịch).
public struct LunarDate: Hashable, Sendable, CustomStringConvertible {
    /// The lunar year, named after the Gregorian year in which most of it falls (Tết 2026 begins year 2026).
    public var year: Int
    public var month: Int
    public var day: Int
    /// A leap month (tháng nhuận) repeats the number of the month before it.
    public var isLeapMonth: Bool

    public init(year: Int, month: Int, day: Int, isLeapMonth: Bool = false) {
        self.year = year
        self.month = month
        self.day = day
        self.isLeapMonth = isLeapMonth
    }

    /// `2026-01-01`, with `L` after the month for a leap month: `2025-06L-01`.
    public var description: String {
        "\(LocalDate.pad(year, 4))-\(LocalDate.pad(month, 2))\(isLeapMonth ? "L" : "")-\(LocalDate.pad(day, 2))"
    }

    /// The sexagenary (can chi) name of the lunar year, e.g. "Bính Ngọ" for 2026.
    public var yearName: String { LunarCalendar.canChi(year: year) }
}

/// Conversion between the Gregorian and the Vietnamese lunar calendar, 1900–2199, computed from the
/// astronomy (`Astronomy`) with the rules of the Chinese-Vietnamese calendar reckoned at UTC+7:
///
/// - a month begins on the Vietnamese day of a new moon;
/// - month 11 is the month containing the December (winter) solstice;
/// - when 13 new moons begin between one month 11 and the next, the first month after month 11 in which
///   the Sun enters no new 30° sign (no major solar term, trung khí) is a leap month, and takes the number
///   of the month before it.
///
/// The table of months is computed once, on first use, for every month touching 1900–2199.
public enum LunarCalendar {
    public static let supportedYears = 1900...2199

    struct Month {
        /// Vietnamese day number of the first day.
        var start: Int
        var year: Int
        var number: Int
        var isLeap: Bool
    }

    /// Months in order; `starts` mirrors their first days for binary search.
    static let months: [Month] = computeMonths(gregorianYears: 1899...2200)
    static let starts: [Int] = months.map(\.start)
    static let index: [MonthKey: Int] = Dictionary(
        uniqueKeysWithValues: months.indices.map { (MonthKey(year: months[$0].year, number: months[$0].number, isLeap: months[$0].isLeap), $0) })

    struct MonthKey: Hashable {
        var year: Int
        var number: Int
        var isLeap: Bool
    }

    /// The lunar date of a Gregorian day, or nil outside 1900–2199.
    public static func lunarDate(of date: LocalDate) -> LunarDate? {
        guard supportedYears.contains(date.year) else { return nil }
        // The last month starting on or before the day.
        var low = 0, high = starts.count - 1
        while low < high {
            let middle = (low + high + 1) / 2
            if starts[middle] <= date.dayNumber { low = middle } else { high = middle - 1 }
        }
        let month = months[low]
        return LunarDate(year: month.year, month: month.number, day: date.dayNumber - month.start + 1, isLeapMonth: month.isLeap)
    }

    /// The Gregorian day of a lunar date, or nil when it does not exist (day 30 of a short month, a leap
    /// month the year does not have) or lies outside 1900–2199.
    public static func solarDate(of lunar: LunarDate) -> LocalDate? {
        guard let position = index[MonthKey(year: lunar.year, number: lunar.month, isLeap: lunar.isLeapMonth)],
            position + 1 < months.count, lunar.day >= 1,
            lunar.day <= months[position + 1].start - months[position].start
        else { return nil }
        let date = LocalDate(dayNumber: months[position].start + lunar.day - 1)
        return supportedYears.contains(date.year) ? date : nil
    }

    /// Days in a lunar month (29 or 30), or nil when the year has no such month.
    public static func length(year: Int, month: Int, isLeap: Bool = false) -> Int? {
        guard let position = index[MonthKey(year: year, number: month, isLeap: isLeap)], position + 1 < months.count else { return nil }
        return months[position + 1].start - months[position].start
    }

    /// The leap month of a lunar year, if it has one.
    public static func leapMonth(of year: Int) -> Int? {
        months.first { $0.year == year && $0.isLeap }?.number
    }

    // MARK: - Can chi

    static let stems = ["Giáp", "Ất", "Bính", "Đinh", "Mậu", "Kỷ", "Canh", "Tân", "Nhâm", "Quý"]
    static let branches = ["Tý", "Sửu", "Dần", "Mão", "Thìn", "Tỵ", "Ngọ", "Mùi", "Thân", "Dậu", "Tuất", "Hợi"]

    /// "Giáp Tý" for 1984, "Bính Ngọ" for 2026.
    public static func canChi(year: Int) -> String {
        let stem = ((year + 6) % 10 + 10) % 10
        let branch = ((year + 8) % 12 + 12) % 12
        return "\(stems[stem]) \(branches[branch])"
    }

    // MARK: - Building the table

    static func computeMonths(gregorianYears: ClosedRange<Int>) -> [Month] {
        // Every new moon from before the first solstice to after the last, as Vietnamese days.
        let first = Astronomy.lunation(atOrBefore: julianDay(year: gregorianYears.lowerBound - 1, month: 11, day: 1))
        let last = Astronomy.lunation(atOrBefore: julianDay(year: gregorianYears.upperBound + 1, month: 3, day: 1))
        let newMoonDays = (first...last).map { Astronomy.vietnameseDay(ofUniversal: Astronomy.universalTime(Astronomy.newMoon($0))) }

        // Index, in `newMoonDays`, of month 11: the last new moon on or before the solstice's day.
        func month11(ofGregorianYear year: Int) -> Int {
            let estimate = julianDay(year: year, month: 12, day: 21)
            let solstice = Astronomy.solarLongitudeCrossing(270, near: estimate)
            let day = Astronomy.vietnameseDay(ofUniversal: Astronomy.universalTime(solstice))
            return newMoonDays.lastIndex { $0 <= day }!
        }

        var months: [Month] = []
        var previous11 = month11(ofGregorianYear: gregorianYears.lowerBound - 1)
        for year in gregorianYears {
            let next11 = month11(ofGregorianYear: year)
            let count = next11 - previous11
            var leapOffset: Int?
            if count == 13 {
                leapOffset = (1..<13).first { !hasMajorTerm(from: newMoonDays[previous11 + $0], to: newMoonDays[previous11 + $0 + 1]) }
            }
            // Months from this month 11 up to (not including) the next: 11, 12, then 1 … 10 of `year`.
            for offset in 0..<count {
                var ordinal = offset
                var isLeap = false
                if let leap = leapOffset {
                    if offset == leap { isLeap = true }
                    if offset >= leap { ordinal -= 1 }
                }
                let number = (10 + ordinal) % 12 + 1
                // Month 11 and 12 (and a leap one after them) close the previous lunar year.
                let closesPreviousYear = ordinal < 2
                months.append(Month(start: newMoonDays[previous11 + offset], year: closesPreviousYear ? year - 1 : year, number: number, isLeap: isLeap))
            }
            previous11 = next11
        }
        // A sentinel: the month 11 that follows, so that the last real month has a length.
        months.append(Month(start: newMoonDays[previous11], year: gregorianYears.upperBound, number: 11, isLeap: false))
        return months
    }

    /// Whether the Sun enters a new 30° sign of the zodiac between two Vietnamese midnights.
    static func hasMajorTerm(from startDay: Int, to endDay: Int) -> Bool {
        func sign(_ day: Int) -> Int {
            Int(Astronomy.solarLongitude(Astronomy.ephemerisTime(Astronomy.universalMidnight(ofVietnameseDay: day))) / 30)
        }
        return sign(startDay) != sign(endDay)
    }

    static func julianDay(year: Int, month: Int, day: Int) -> Double {
        Double(LocalDate(year: year, month: month, day: day)!.dayNumber) + Astronomy.unixEpochJulianDay
    }
}
