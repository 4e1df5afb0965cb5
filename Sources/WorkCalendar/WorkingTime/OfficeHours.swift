import Foundation

/// The hours a working day is worked, set by the province: by default 07:00–11:30 and 13:30–17:00,
/// eight working hours. A working day is however long these periods add up to.
public struct OfficeHours: Equatable, Sendable, CustomStringConvertible {
    public struct Period: Equatable, Sendable {
        /// Seconds after local midnight.
        public var start: Int
        public var end: Int

        public var length: Int { end - start }
    }

    /// Sorted, not overlapping, each of positive length.
    public let periods: [Period]
    /// Seconds worked in a working day.
    public let daySeconds: Int

    public static let standard = try! OfficeHours(periods: [(7 * 3600, 11 * 3600 + 1800), (13 * 3600 + 1800, 17 * 3600)])

    public enum Invalid: Error, Equatable {
        case empty, malformed(String), overlapping
    }

    public init(periods: [(start: Int, end: Int)]) throws {
        guard !periods.isEmpty else { throw Invalid.empty }
        let sorted = periods.map { Period(start: $0.start, end: $0.end) }.sorted { $0.start < $1.start }
        for (index, period) in sorted.enumerated() {
            guard period.start >= 0, period.end <= 86400, period.start < period.end else { throw Invalid.malformed(Self.text(period)) }
            if index > 0, sorted[index - 1].end > period.start { throw Invalid.overlapping }
        }
        self.periods = sorted
        self.daySeconds = sorted.reduce(0) { $0 + $1.length }
    }

    /// Parses `07:00-11:30,13:30-17:00`.
    public init(parsing text: String) throws {
        var periods: [(start: Int, end: Int)] = []
        for part in text.split(separator: ",") {
            let bounds = part.split(separator: "-").map { $0.trimmingCharacters(in: .whitespaces) }
            guard bounds.count == 2, let start = Self.seconds(bounds[0]), let end = Self.seconds(bounds[1]) else {
                throw Invalid.malformed(String(part))
            }
            periods.append((start, end))
        }
        try self.init(periods: periods)
    }

    /// `HH:MM` as seconds after midnight.
    public static func seconds(_ text: String) -> Int? {
        let parts = text.split(separator: ":")
        guard parts.count == 2, parts[0].count <= 2, parts[1].count == 2, let hours = Int(parts[0]), let minutes = Int(parts[1]),
            (0...24).contains(hours), (0...59).contains(minutes), hours * 60 + minutes <= 1440
        else { return nil }
        return hours * 3600 + minutes * 60
    }

    /// Office seconds of a working day elapsed at a time of day.
    public func elapsed(atSecondOfDay second: Int) -> Int {
        var total = 0
        for period in periods {
            if second <= period.start { break }
            total += min(second, period.end) - period.start
        }
        return total
    }

    /// The time of day at which `elapsed` office seconds (0 < elapsed ≤ daySeconds) have passed. Ending
    /// exactly at the end of a period gives that end (11:30), not the start of the next period.
    public func secondOfDay(afterElapsed elapsed: Int) -> Int {
        var remaining = elapsed
        for period in periods {
            if remaining <= period.length { return period.start + remaining }
            remaining -= period.length
        }
        return periods[periods.count - 1].end
    }

    public var opening: Int { periods[0].start }
    public var closing: Int { periods[periods.count - 1].end }

    public var description: String {
        periods.map(Self.text).joined(separator: ",")
    }

    static func text(_ period: Period) -> String {
        "\(clock(period.start))-\(clock(period.end))"
    }

    /// `HH:MM`.
    public static func clock(_ seconds: Int) -> String {
        "\(LocalDate.pad(seconds / 3600, 2)):\(LocalDate.pad((seconds % 3600) / 60, 2))"
    }
}

/// Stored and sent as its text form, `07:00-11:30,13:30-17:00`.
extension OfficeHours: Codable {
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let text = try container.decode(String.self)
        do {
            try self.init(parsing: text)
        } catch {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: "Expected office hours HH:MM-HH:MM,…, got \(text)")
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }
}
