import Foundation
import WorkCalendar

/// A span of days the index is computed over, written as the API and the pages take it: `2026` (the
/// year), `2026-Q3`, `2026-H1`, `2026-9M`, `2026-09`, `2026-01-01..2026-06-30`, or a report window of the
/// indicator set (`2026-report-Q1` is 15/12/2025–14/3/2026 in the default set).
public struct ReportPeriod: Equatable, Hashable, Sendable {
    public var text: String
    public var days: ClosedRange<LocalDate>

    public init(text: String, days: ClosedRange<LocalDate>) {
        self.text = text
        self.days = days
    }

    public var start: LocalDate { days.lowerBound }
    public var end: LocalDate { days.upperBound }
    public var dayCount: Int { end.dayNumber - start.dayNumber + 1 }

    /// Reads `text`; nil when it is none of the forms above (the caller names the parameter in its error).
    public static func parse(_ text: String, windows: [ReportWindow] = []) -> ReportPeriod? {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false).map(String.init)
        if text.contains("..") {
            let ends = text.components(separatedBy: "..")
            guard ends.count == 2, let from = LocalDate(ends[0]), let to = LocalDate(ends[1]), from <= to, to.dayNumber - from.dayNumber < 3660
            else { return nil }
            return ReportPeriod(text: text, days: from...to)
        }
        guard let first = parts.first, first.count == 4, let year = Int(first), (1995...2199).contains(year) else { return nil }
        func span(_ fromMonth: Int, _ toMonth: Int) -> ReportPeriod? {
            guard let from = LocalDate(year: year, month: fromMonth, day: 1), let to = LocalDate(year: year, month: toMonth, day: 1)?.lastOfMonth else {
                return nil
            }
            return ReportPeriod(text: text, days: from...to)
        }
        switch parts.count {
        case 1: return span(1, 12)
        case 2:
            let part = parts[1]
            switch part {
            case "Q1", "Q2", "Q3", "Q4":
                let quarter = Int(part.dropFirst())!
                return span(quarter * 3 - 2, quarter * 3)
            case "H1": return span(1, 6)
            case "H2": return span(7, 12)
            case "9M": return span(1, 9)
            default:
                guard part.count == 2, part.allSatisfy(\.isASCII), let month = Int(part), (1...12).contains(month) else { return nil }
                return span(month, month)
            }
        case 3 where parts[1] == "report":
            guard let window = windows.first(where: { $0.code == parts[2] }), let days = window.range(in: year) else { return nil }
            return ReportPeriod(text: text, days: days)
        default: return nil
        }
    }

    /// The period of the same kind just before: the previous year, quarter, month or window, or for a
    /// custom range the same number of days ending the day before.
    public func previous(windows: [ReportWindow] = []) -> ReportPeriod {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false).map(String.init)
        if !text.contains(".."), let year = Int(parts[0]) {
            if parts.count == 2, let month = Int(parts[1]) {
                let (y, m) = month == 1 ? (year - 1, 12) : (year, month - 1)
                if let previous = Self.parse(String(format: "%04d-%02d", y, m)) { return previous }
            } else if parts.count == 2, parts[1].hasPrefix("Q"), let quarter = Int(parts[1].dropFirst()) {
                let (y, q) = quarter == 1 ? (year - 1, 4) : (year, quarter - 1)
                if let previous = Self.parse("\(y)-Q\(q)") { return previous }
            } else if parts.count == 2, parts[1] == "H2" {
                if let previous = Self.parse("\(year)-H1") { return previous }
            } else if parts.count == 2, parts[1] == "H1" {
                if let previous = Self.parse("\(year - 1)-H2") { return previous }
            } else if let previous = Self.parse(([String(year - 1)] + parts.dropFirst()).joined(separator: "-"), windows: windows) {
                // A year, nine months or a report window: the same span a year earlier.
                return previous
            }
        }
        let end = LocalDate(dayNumber: start.dayNumber - 1)
        let from = LocalDate(dayNumber: end.dayNumber - dayCount + 1)
        return ReportPeriod(text: "\(from)..\(end)", days: from...end)
    }
}
