/// The Government's decision on the days off of one year (for civil servants): the statutory days as the
/// rules give them, plus the weekdays given off in exchange for a Saturday worked. It replaces the
/// estimate for its year.
public struct YearDecision: Sendable {
    public struct Swap: Sendable {
        public var dayOff: LocalDate
        public var makeupDay: LocalDate
    }

    public var year: Int
    public var legalBasis: String
    public var swaps: [Swap]

    public init(year: Int, legalBasis: String, swaps: [(off: String, makeup: String)] = []) {
        self.year = year
        self.legalBasis = legalBasis
        self.swaps = swaps.map { Swap(dayOff: LocalDate($0.off)!, makeupDay: LocalDate($0.makeup)!) }
    }

    /// The decided days: the statutory ones (not estimated), and each swap's pair of days.
    func days() -> [SpecialDay] {
        var days = HolidayRules.statutoryDays(year: year)
        for swap in swaps {
            days.append(
                SpecialDay(
                    date: swap.dayOff, kind: .swapOff, name: "Nghỉ hoán đổi (làm bù thứ Bảy \(swap.makeupDay.vietnameseFormat))",
                    legalBasis: legalBasis))
            days.append(
                SpecialDay(
                    date: swap.makeupDay, kind: .makeupWorkday, name: "Làm bù cho ngày nghỉ \(swap.dayOff.vietnameseFormat)",
                    legalBasis: legalBasis))
        }
        return days
    }
}

/// Decisions known when this version was built. Years after the last one are estimated from the rules
/// until the province records the new decision (calendar overrides).
public enum BundledDecisions {
    public static let all: [YearDecision] = [
        YearDecision(
            year: 2018, legalBasis: "Lịch nghỉ năm 2018 của cán bộ, công chức, viên chức (Thủ tướng Chính phủ quyết định)",
            swaps: [(off: "2018-12-31", makeup: "2019-01-05")]),
        YearDecision(
            year: 2019, legalBasis: "Lịch nghỉ năm 2019 của cán bộ, công chức, viên chức (Thủ tướng Chính phủ quyết định)",
            swaps: [(off: "2019-04-29", makeup: "2019-05-04")]),
        YearDecision(
            year: 2024, legalBasis: "Lịch nghỉ năm 2024 của cán bộ, công chức, viên chức (Thủ tướng Chính phủ quyết định)",
            swaps: [(off: "2024-04-29", makeup: "2024-05-04")]),
        YearDecision(
            year: 2025, legalBasis: "Lịch nghỉ năm 2025 của cán bộ, công chức, viên chức (Thủ tướng Chính phủ quyết định)",
            swaps: [(off: "2025-05-02", makeup: "2025-04-26")]),
        YearDecision(
            year: 2026, legalBasis: "Lịch nghỉ năm 2026 của cán bộ, công chức, viên chức (Thủ tướng Chính phủ quyết định)",
            swaps: [(off: "2026-08-31", makeup: "2026-08-22")]),
    ]

    public static var lastYear: Int { all.map(\.year).max() ?? 0 }
}
