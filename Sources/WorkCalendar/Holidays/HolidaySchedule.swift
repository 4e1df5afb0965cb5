/// Every day that differs from a normal week, from three sources in rising order of authority: the
/// statutory rules, the bundled Government decisions, the overrides a province records.
public struct HolidaySchedule: Sendable {
    public let years: ClosedRange<Int>
    public let lastDecisionYear: Int
    private let days: [Int: SpecialDay]

    public init(
        overrides: [CalendarOverride] = [], decisions: [YearDecision] = BundledDecisions.all,
        years: ClosedRange<Int> = HolidayRules.supportedYears
    ) {
        self.years = years
        let decided = Dictionary(decisions.map { ($0.year, $0) }, uniquingKeysWith: { _, last in last })
        let lastDecisionYear = decisions.map(\.year).max() ?? 0
        self.lastDecisionYear = lastDecisionYear
        var days: [Int: SpecialDay] = [:]
        for year in years {
            let yearDays = decided[year]?.days() ?? HolidayRules.statutoryDays(year: year, estimated: year > lastDecisionYear)
            for day in yearDays { days[day.date.dayNumber] = day }
        }
        for override in overrides {
            switch override.kind {
            case .cancelDayOff:
                days[override.date.dayNumber] = nil
            case .dayOff:
                days[override.date.dayNumber] = SpecialDay(
                    date: override.date, kind: override.date.isWeekend ? .holiday : .swapOff, name: override.name,
                    legalBasis: override.legalBasis)
            case .workday:
                days[override.date.dayNumber] = SpecialDay(
                    date: override.date, kind: .makeupWorkday, name: override.name, legalBasis: override.legalBasis)
            }
        }
        self.days = days
    }

    public func specialDay(on date: LocalDate) -> SpecialDay? {
        days[date.dayNumber]
    }

    /// Whether civil servants work that day.
    public func isWorkingDay(_ date: LocalDate) -> Bool {
        guard let special = days[date.dayNumber] else { return !date.isWeekend }
        return special.kind.isWorked
    }

    /// The special days of a Gregorian year, by date.
    public func specialDays(in year: Int) -> [SpecialDay] {
        guard let first = LocalDate(year: year, month: 1, day: 1), let last = LocalDate(year: year, month: 12, day: 31) else { return [] }
        return (first.dayNumber...last.dayNumber).compactMap { days[$0] }
    }
}
